// A network drop under a team: the shared journal's server is stopped and started again in the
// middle of a deployment (a server of this test's own). The consoles say they are
// disconnected, refuse what would change the deployment while they are, reconnect by
// themselves, catch up from the last event they saw, and lose nothing; a notification missed
// while one console was away is made up for by that catch-up. A driver whose connection stays
// down past the lock's stale time stops driving.
#include "session/consolesession.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "../journal/privatepostgres.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The seqs a console applied, in order: none twice, none missing.
QList<qint64> seqsOf(const QSignalSpy &spy)
{
    QList<qint64> seqs;
    for (const QList<QVariant> &args : spy)
        seqs << args.first().value<DeploymentEvent>().seq;
    return seqs;
}

} // namespace

class TestTeamReconnect : public QObject
{
    Q_OBJECT

    PrivatePostgres m_server{u"teamreconnect"_s};
    ManualClock m_clock{1'800'000'000'000};
    int m_databases = 0;
    QString m_db;

    std::unique_ptr<ConsoleSession> console(const QString &user)
    {
        auto session = std::make_unique<ConsoleSession>(&m_clock);
        if (Status s = session->openJournal(m_server.uri(m_db, user)); !s) {
            qWarning("%s", qPrintable(s.error()));
            return nullptr;
        }
        if (!session->loadRunbook({}).ok())
            return nullptr;
        return session;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_server.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void init()
    {
        m_db = u"drop%1"_s.arg(++m_databases);
        QVERIFY(m_server.exec(u"postgres"_s, {u"CREATE DATABASE %1"_s.arg(m_db)}).isEmpty());
        Journal owner; // creates the journal (the owner's job)
        const Status created = owner.open(m_server.uri(m_db, u"stonecaster"_s));
        QVERIFY2(created.ok(), qPrintable(created.error()));
    }

    void serverStoppedAndStartedMidDeployment()
    {
        auto alice = console(u"alice"_s);
        auto bob = console(u"bob"_s);
        QVERIFY(alice && bob);
        QVERIFY(alice->startDeployment(u"checkout"_s, u"v2"_s, {}).ok());
        QVERIFY(bob->openDeployment(alice->deployment()->id(), {}).ok());
        const QList<const RunbookItem *> items = alice->deployment()->runbook().checkableItems();
        QSignalSpy bobSaw(bob->deployment(), &Deployment::eventApplied);
        QVERIFY(alice->deployment()->check(items.at(0)->id).ok());
        QTRY_COMPARE_WITH_TIMEOUT(bobSaw.size(), 1, 1000);

        QSignalSpy aliceLink(alice.get(), &ConsoleSession::connectionChanged);
        QSignalSpy bobLink(bob.get(), &ConsoleSession::connectionChanged);
        QVERIFY(m_server.pause().isEmpty());
        // Both say so at once (the server closed their connections).
        QTRY_COMPARE_WITH_TIMEOUT(aliceLink.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(bobLink.size(), 1, 5000);
        QCOMPARE(aliceLink.first().first().toBool(), false);
        QVERIFY(!alice->isConnected());
        QVERIFY2(alice->roleText().startsWith(u"Disconnected"_s), qPrintable(alice->roleText()));
        QVERIFY2(bob->roleText().contains(u"was lost at"_s), qPrintable(bob->roleText()));
        // Nothing changes while disconnected, and what is refused says why.
        QVERIFY(alice->deployment()->isReadOnly());
        const Status check = alice->deployment()->check(items.at(1)->id);
        QVERIFY(!check.ok());
        QVERIFY2(check.error().contains(u"connection to the journal database"_s) && check.error().contains(u"lost"_s), qPrintable(check.error()));
        QCOMPARE(alice->deployment()->state().item(items.at(1)->id).status, ItemState::Status::Open); // nothing shown that was not stored
        QVERIFY(!bob->requestRollback(u"can't see anything"_s).ok());
        QVERIFY(alice->isDriving()); // a short drop does not cost the lock

        QVERIFY(m_server.resume().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(aliceLink.size(), 2, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(bobLink.size(), 2, 20'000);
        QCOMPARE(aliceLink.last().first().toBool(), true);
        QVERIFY(alice->isConnected());
        QVERIFY(!alice->deployment()->isReadOnly());
        QCOMPARE(alice->roleText(), u"Driving as alice"_s);
        QVERIFY(alice->deployment()->check(items.at(1)->id).ok());
        QVERIFY(bob->requestRollback(u"p99 looks odd after the restart"_s).ok());
        QTRY_COMPARE_WITH_TIMEOUT(bob->deployment()->state().lastSeq, alice->deployment()->state().lastSeq + 1, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(alice->deployment()->state().rollbackRequests.size(), 1, 2000);
        // Lose nothing: every event once, in order, on both sides, as stored.
        const qint64 last = alice->deployment()->state().lastSeq;
        QCOMPARE(alice->journal()->events(alice->deployment()->id()).value().size(), qsizetype(last));
        QList<qint64> expected;
        for (qint64 seq = 2; seq <= last; ++seq)
            expected << seq;
        QCOMPARE(seqsOf(bobSaw), expected);
    }

    // bob's connection is cut by the server (as a NAT or a firewall would) again and again
    // while alice writes: the notifications of what she wrote meanwhile never reach bob, and
    // his console catches up from the last event it saw when it is back.
    void aMissedNotificationIsMadeUpFor()
    {
        auto alice = console(u"alice"_s);
        auto bob = console(u"bob"_s);
        QVERIFY(alice && bob);
        QVERIFY(alice->startDeployment(u"checkout"_s, u"v2"_s, {}).ok());
        QVERIFY(bob->openDeployment(alice->deployment()->id(), {}).ok());
        QSignalSpy bobSaw(bob->deployment(), &Deployment::eventApplied);
        QSignalSpy bobLink(bob.get(), &ConsoleSession::connectionChanged);
        const QList<const RunbookItem *> items = alice->deployment()->runbook().checkableItems();
        int written = 0;
        for (int round = 0; round < 4; ++round) {
            QVERIFY(m_server.exec(m_db, {u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'bob'"_s}).isEmpty());
            QTRY_COMPARE_WITH_TIMEOUT(bobLink.size(), 2 * round + 1, 5000); // gone
            for (int i = 0; i < 3; ++i, ++written) {
                const Status note = alice->deployment()->setNote(items.at(written % items.size())->id, u"note %1"_s.arg(written));
                QVERIFY2(note.ok(), qPrintable(note.error()));
            }
            QTRY_COMPARE_WITH_TIMEOUT(bobLink.size(), 2 * round + 2, 20'000); // back
            QTRY_COMPARE_WITH_TIMEOUT(bob->deployment()->state().lastSeq, alice->deployment()->state().lastSeq, 2000);
        }
        QList<qint64> expected;
        for (qint64 seq = 2; seq <= alice->deployment()->state().lastSeq; ++seq)
            expected << seq;
        QCOMPARE(seqsOf(bobSaw), expected);
    }

    // A driver whose connection stays down past the lock's stale time stops driving (the others
    // may take over by then); it drives again once it can renew its own lock.
    void aDriverDisconnectedPastTheStaleTimeStopsDriving()
    {
        Journal journal;
        QVERIFY(journal.open(m_server.uri(m_db, u"alice"_s)).ok());
        ManualClock wall(1'900'000'000'000);
        DeploymentLock lock(&journal, u"d1"_s, u"alice"_s, &wall);
        lock.setAutomaticTakeover(false);
        QCOMPARE(lock.acquire().value(), true);
        QVERIFY(m_server.pause().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!journal.isConnected(), 5000);
        for (int i = 0; i < 4; ++i) { // 20 s: still inside the stale time
            wall.advanceMs(DeploymentLock::HeartbeatMs);
            lock.tick();
        }
        QVERIFY(lock.isHeld());
        wall.advanceMs(DeploymentLock::HeartbeatMs);
        lock.tick();
        QVERIFY(!lock.isHeld());
        QVERIFY2(lock.lapseReason().contains(u"could not be renewed for 25 s"_s) && lock.lapseReason().contains(u"lost"_s), qPrintable(lock.lapseReason()));
        QVERIFY(m_server.resume().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(journal.isConnected(), 20'000);
        wall.advanceMs(DeploymentLock::HeartbeatMs);
        lock.tick();
        QVERIFY(lock.isHeld()); // nobody took it meanwhile: still its own row
    }
};

QTEST_GUILESS_MAIN(TestTeamReconnect)
#include "tst_teamreconnect.moc"
