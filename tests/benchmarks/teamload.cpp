// Helper for bench_teamfanout: the other deployments running in the same PostgreSQL journal
// while one is watched. Each has a console's connection of its own (as a driver's login);
// each writes one event and one batch of metric samples per second, as a running deployment's
// console does, spread evenly over the second.
//
//   teamload JOURNAL_URI DEPLOYMENTS SECONDS
//
// Prints "ready" once every deployment is started, "done N" (events written) at the end.
// Exit 0 when every write succeeded; 1 with the error otherwise.
#include "journal/journal.h"
#include "metrics/samplearchive.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct Running {
    std::unique_ptr<Journal> journal;
    std::unique_ptr<SampleArchive> samples;
    QString id;
    int written = 0;
};

int fail(const QString &message)
{
    std::fprintf(stderr, "teamload: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4)
        return fail(QStringLiteral("usage: teamload JOURNAL_URI DEPLOYMENTS SECONDS"));
    const int count = args.at(2).toInt();
    const int seconds = args.at(3).toInt();
    std::vector<Running> deployments(count);
    for (int i = 0; i < count; ++i) {
        Running &r = deployments[i];
        r.journal = std::make_unique<Journal>();
        if (Status s = r.journal->open(args.at(1)); !s)
            return fail(s.error());
        r.samples = std::make_unique<SampleArchive>(r.journal.get());
        r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        DeploymentEvent started = DeploymentEvent::make(DeploymentEvent::Kind::DeploymentStarted, r.id, QDateTime::currentMSecsSinceEpoch(), {}, {},
                                                        {{QStringLiteral("service"), QStringLiteral("service-%1").arg(i)},
                                                         {QStringLiteral("version"), QStringLiteral("v1")}});
        if (Status s = r.journal->append(started); !s)
            return fail(s.error());
    }
    std::printf("ready\n");
    std::fflush(stdout);

    // One deployment's turn every 1000 / count ms: each writes once a second.
    int turn = 0;
    int events = 0;
    int exitCode = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(std::max(1, 1000 / std::max(1, count)));
    QObject::connect(&tick, &QTimer::timeout, &app, [&] {
        if (elapsed.elapsed() >= qint64(seconds) * 1000) {
            tick.stop();
            app.exit(exitCode);
            return;
        }
        Running &r = deployments[turn];
        turn = (turn + 1) % count;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        DeploymentEvent e = DeploymentEvent::make(DeploymentEvent::Kind::NoteSet, r.id, now, {}, QStringLiteral("prep/a"),
                                                  {{QStringLiteral("text"), QStringLiteral("tick %1").arg(r.written)}});
        if (Status s = r.journal->append(e); !s) {
            exitCode = fail(s.error());
            tick.stop();
            app.exit(exitCode);
            return;
        }
        QList<SampleArchive::Entry> batch;
        for (Metric m : {Metric::ErrorRate, Metric::ResponseTime})
            for (Color c : {Color::Blue, Color::Green})
                batch.append({{m, c}, {now, 1.0 + r.written}});
        if (Status s = r.samples->write(r.id, batch); !s) {
            exitCode = fail(s.error());
            tick.stop();
            app.exit(exitCode);
            return;
        }
        ++r.written;
        ++events;
    });
    tick.start();
    const int code = app.exec();
    if (code == 0)
        std::printf("done %d\n", events);
    return code;
}
