// Prints how fast a 10 MB runbook parses (the issue asks for "well under a second").
#include "runbook/runbookparser.h"

#include <QFile>
#include <QTest>

class BenchRunbookParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseTenMegabytes()
    {
        QFile f(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString reference = QString::fromUtf8(f.readAll());
        QString text;
        while (text.size() < 10 * 1024 * 1024)
            text += reference;
        qInfo("input: %.1f MB, %lld lines", text.size() / 1048576.0, qlonglong(text.count(QLatin1Char('\n'))));
        Runbook r;
        QBENCHMARK {
            r = RunbookParser::parse(text);
        }
        QVERIFY(r.checkableItems().size() > 100000);
    }

    void parseReference()
    {
        QFile f(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QBENCHMARK {
            const Runbook r = RunbookParser::parse(text);
            QCOMPARE(r.checkableItems().size(), 164);
        }
    }
};

QTEST_GUILESS_MAIN(BenchRunbookParser)
#include "bench_runbookparser.moc"
