#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "journaltarget.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// An append that returned ok survives the process being killed: journalwriter (see
// journalwriter.cpp) acknowledges each action on stdout only after it was journaled; the test
// kills it with SIGKILL after some acknowledgements and looks for every acknowledged event. On
// a SQLite file and on PostgreSQL (journaltarget.h).
class TestJournalCrash : public QObject
{
    Q_OBJECT

    struct Ack {
        qint64 seq = 0;
        QString kind;
        QString itemId;
    };

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFileInfo(QStringLiteral(JOURNAL_WRITER)).isExecutable(), JOURNAL_WRITER);
    }

    void ackedEventsSurviveSigkill_data()
    {
        QTest::addColumn<int>("acksBeforeKill");
        QTest::newRow("killed right after the start") << 0;
        QTest::newRow("killed after 1 action") << 1;
        QTest::newRow("killed after 25 actions") << 25;
        QTest::newRow("killed after 200 actions") << 200;
        QTest::newRow("killed after 600 actions") << 600;
    }
    void ackedEventsSurviveSigkill()
    {
        QFETCH(int, acksBeforeKill);
        JournalTarget target;
        QVERIFY2(target.isValid(), qPrintable(target.error()));
        const QString path = target.location(u"crash"_s);

        QProcess writer;
        writer.setProgram(QStringLiteral(JOURNAL_WRITER));
        writer.setArguments({path});
        writer.start();
        QVERIFY2(writer.waitForStarted(10'000), qPrintable(writer.errorString()));

        QString deploymentId;
        QList<Ack> acks;
        QByteArray pending;
        bool malformed = false;
        // Only complete lines count: a line cut by the kill was not fully acknowledged.
        const auto takeLines = [&](const QByteArray &data) {
            pending += data;
            qsizetype nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const QString line = QString::fromUtf8(pending.left(nl));
                pending.remove(0, nl + 1);
                const QStringList words = line.split(QLatin1Char(' '));
                if (words.size() == 2 && words.at(0) == QLatin1String("deployment") && deploymentId.isEmpty())
                    deploymentId = words.at(1);
                else if (words.size() == 4 && words.at(0) == QLatin1String("ack") && !deploymentId.isEmpty())
                    acks.append({words.at(1).toLongLong(), words.at(2), words.at(3)});
                else
                    malformed = true;
            }
        };

        QElapsedTimer timer;
        timer.start();
        while (deploymentId.isEmpty() || acks.size() < acksBeforeKill) {
            if (writer.state() == QProcess::NotRunning)
                break;
            if (timer.hasExpired(20'000))
                break;
            if (writer.bytesAvailable() == 0)
                writer.waitForReadyRead(200);
            takeLines(writer.readAllStandardOutput());
        }
        const bool wasRunning = writer.state() == QProcess::Running;
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished(10'000));
        takeLines(writer.readAllStandardOutput()); // acknowledged before the kill, still in the pipe
        const QByteArray stderrText = writer.readAllStandardError();
        QVERIFY2(wasRunning, stderrText.constData());
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        QVERIFY2(!malformed, pending.constData());
        QVERIFY(!deploymentId.isEmpty());
        QVERIFY2(acks.size() >= acksBeforeKill, qPrintable(QString::number(acks.size())));
        // The killed writer left its WAL behind: opening the journal has to recover from it.
        if (!JournalTarget::isPostgres())
            QVERIFY(QFileInfo::exists(path + u"-wal"_s));

        Journal journal;
        const Status opened = journal.open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        if (JournalTarget::isPostgres()) {
            // The server finishes a COMMIT the killed client had sent: the last event may land
            // a moment after the kill (once read 601 events, then 602). Read once it is still.
            qsizetype seen = -1;
            for (int i = 0; i < 50; ++i) {
                const auto now = journal.events(deploymentId);
                QVERIFY2(now.ok(), qPrintable(now.error()));
                if (now.value().size() == seen)
                    break;
                seen = now.value().size();
                QTest::qWait(200);
            }
        }
        const auto events = journal.events(deploymentId);
        QVERIFY2(events.ok(), qPrintable(events.error()));
        QVERIFY2(events.value().size() >= acks.size() + 1,
                 qPrintable(u"%1 events in the journal, but the start and %2 actions were acknowledged"_s.arg(events.value().size())
                                .arg(acks.size())));

        QHash<qint64, DeploymentEvent> bySeq;
        for (qsizetype i = 0; i < events.value().size(); ++i) {
            const DeploymentEvent &e = events.value().at(i);
            QCOMPARE(e.seq, qint64(i + 1)); // no gaps, no duplicates
            bySeq.insert(e.seq, e);
        }
        QCOMPARE(events.value().first().kind, DeploymentEvent::Kind::DeploymentStarted);
        for (qsizetype i = 0; i < acks.size(); ++i) {
            const Ack &ack = acks.at(i);
            QCOMPARE(ack.seq, qint64(i + 2)); // each action journaled exactly one event
            QVERIFY2(bySeq.contains(ack.seq), qPrintable(u"acknowledged event %1 is missing"_s.arg(ack.seq)));
            const DeploymentEvent &e = bySeq.value(ack.seq);
            QCOMPARE(e.kindName, ack.kind);
            QCOMPARE(e.itemId, ack.itemId);
        }
        // At most the one action in flight when the kill came is there unacknowledged.
        QVERIFY2(events.value().size() <= acks.size() + 2,
                 qPrintable(u"%1 events for %2 acknowledgements"_s.arg(events.value().size()).arg(acks.size())));

        ManualClock clock;
        auto d = Deployment::open(&journal, &clock, deploymentId, u"tester"_s);
        QVERIFY2(d.ok(), qPrintable(d.error()));
        const Deployment &deployment = *d.value();
        QCOMPARE(deployment.state().lastSeq, qint64(events.value().size()));
        QVERIFY(deployment.orphanedItemIds().isEmpty());
        QCOMPARE(deployment.progress().total, 40);

        // Each item whose last check or uncheck was acknowledged is in the state it acknowledged.
        QHash<QString, Ack> lastToggle;
        for (const Ack &ack : std::as_const(acks)) {
            if (ack.kind != QLatin1String("note-set"))
                lastToggle.insert(ack.itemId, ack);
        }
        for (auto it = lastToggle.cbegin(); it != lastToggle.cend(); ++it) {
            bool laterToggle = false;
            for (const DeploymentEvent &e : events.value()) {
                if (e.seq > it->seq && e.itemId == it.key()
                    && (e.kind == DeploymentEvent::Kind::ItemChecked || e.kind == DeploymentEvent::Kind::ItemUnchecked))
                    laterToggle = true;
            }
            if (laterToggle)
                continue; // the unacknowledged action in flight
            const ItemState::Status expected =
                it->kind == QLatin1String("item-checked") ? ItemState::Status::Done : ItemState::Status::Open;
            QVERIFY2(deployment.state().item(it.key()).status == expected, qPrintable(it.key()));
        }

        // And the journal goes on: a new action follows the last event.
        const QString first = deployment.runbook().checkableItems().first()->id;
        const Status next = deployment.state().item(first).status == ItemState::Status::Done ? d.value()->uncheck(first)
                                                                                             : d.value()->check(first);
        QVERIFY2(next.ok(), qPrintable(next.error()));
        QCOMPARE(deployment.state().lastSeq, qint64(events.value().size() + 1));
    }
};

QTEST_GUILESS_MAIN(TestJournalCrash)
#include "tst_journalcrash.moc"
