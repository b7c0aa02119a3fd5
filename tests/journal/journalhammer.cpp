// Helper for tst_journalconcurrency: appends events to one deployment and writes sample
// batches to the same journal file as fast as it can, while another process does the same.
// Every write must succeed; busy_timeout covers waiting for the other writer, and only a
// transaction that takes the write lock before it reads (BEGIN IMMEDIATE) avoids SQLite's
// SQLITE_BUSY_SNAPSHOT, which no waiting can help.
//
//   journalhammer JOURNAL DEPLOYMENT_ID COUNT            its own deployment, events and sample batches
//   journalhammer JOURNAL DEPLOYMENT_ID COUNT WRITER     COUNT notes {writer, n} on a deployment that
//                                                       other writers hammer at the same moment
//
// JOURNAL is a file or a postgresql:// URI. Exit 0 when everything was written (each append
// numbered after the one before); 1 with the error otherwise.
#include "journal/journal.h"
#include "metrics/samplearchive.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4 && args.size() != 5) {
        std::fprintf(stderr, "usage: journalhammer JOURNAL DEPLOYMENT_ID COUNT [WRITER]\n");
        return 2;
    }
    Journal journal;
    if (Status s = journal.open(args.at(1)); !s) {
        std::fprintf(stderr, "journalhammer: %s\n", qPrintable(s.error()));
        return 1;
    }
    const QString id = args.at(2);
    const int count = args.at(3).toInt();
    if (args.size() == 5) {
        const QString writer = args.at(4);
        qint64 previous = 0;
        for (int n = 0; n < count; ++n) {
            DeploymentEvent e = DeploymentEvent::make(DeploymentEvent::Kind::NoteSet, id, n, writer, QStringLiteral("prep/a"),
                                                      {{QStringLiteral("writer"), writer}, {QStringLiteral("n"), n}});
            if (Status s = journal.append(e); !s) {
                std::fprintf(stderr, "journalhammer %s: append %d failed: %s\n", qPrintable(writer), n, qPrintable(s.error()));
                return 1;
            }
            if (e.seq <= previous) {
                std::fprintf(stderr, "journalhammer %s: append %d got seq %lld after %lld\n", qPrintable(writer), n, qint64(e.seq), previous);
                return 1;
            }
            previous = e.seq;
        }
        std::printf("done %d\n", count);
        return 0;
    }
    SampleArchive samples(&journal);
    for (int n = 0; n < count; ++n) {
        DeploymentEvent e = DeploymentEvent::make(n == 0 ? DeploymentEvent::Kind::DeploymentStarted : DeploymentEvent::Kind::NoteSet, id, n,
                                                  QStringLiteral("hammer"), n == 0 ? QString() : QStringLiteral("prep/a"),
                                                  {{QStringLiteral("text"), QStringLiteral("note %1").arg(n)}});
        if (Status s = journal.append(e); !s) {
            std::fprintf(stderr, "journalhammer %s: append %d failed: %s\n", qPrintable(id), n, qPrintable(s.error()));
            return 1;
        }
        if (e.seq != n + 1) {
            std::fprintf(stderr, "journalhammer %s: append %d got seq %lld\n", qPrintable(id), n, qint64(e.seq));
            return 1;
        }
        if (n % 10 == 9) {
            QList<SampleArchive::Entry> batch;
            for (int i = 0; i < 20; ++i)
                batch.append({{Metric::ResponseTime, Color::Green}, {qint64(n) * 1000 + i, 180.0 + i}});
            if (Status s = samples.write(id, batch); !s) {
                std::fprintf(stderr, "journalhammer %s: sample batch after %d failed: %s\n", qPrintable(id), n, qPrintable(s.error()));
                return 1;
            }
        }
    }
    std::printf("done %d\n", count);
    return 0;
}
