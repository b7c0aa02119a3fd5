// DeploymentLock: one console drives, the others watch, a frozen or killed holder is taken
// over, and (team mode) a holder that is there is taken over only when asked. On a SQLite file
// and on PostgreSQL (journaltarget.h), where the heartbeats are in the server's time.
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "journaltarget.h"

#include <QDateTime>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QVariant>

class TestDeploymentLock : public QObject
{
    Q_OBJECT

    std::unique_ptr<JournalTarget> m_target;
    int m_count = 0;
    QString m_path;
    // Two consoles: two journals (connections) on the same file.
    std::unique_ptr<Journal> m_a;
    std::unique_ptr<Journal> m_b;

    void exec(const QString &sql)
    {
        QSqlQuery q(m_a->database());
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }

private Q_SLOTS:
    void init()
    {
        if (!m_target) {
            m_target = std::make_unique<JournalTarget>();
            QVERIFY2(m_target->isValid(), qPrintable(m_target->error()));
        }
        m_path = m_target->location(QStringLiteral("j%1").arg(++m_count));
        m_a = std::make_unique<Journal>();
        m_b = std::make_unique<Journal>();
        const Status a = m_a->open(m_path);
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QVERIFY(m_b->open(m_path).ok());
    }
    void cleanup()
    {
        m_a.reset();
        m_b.reset();
    }
    void cleanupTestCase() { m_target.reset(); }

    void oneConsoleDrivesTheOtherWatches()
    {
        DeploymentLock alice(m_a.get(), QStringLiteral("d1"), QStringLiteral("alice"));
        DeploymentLock bob(m_b.get(), QStringLiteral("d1"), QStringLiteral("bob"));
        QCOMPARE(alice.acquire().value(), true);
        QVERIFY(alice.isHeld());
        QCOMPARE(bob.acquire().value(), false);
        QVERIFY(!bob.isHeld());
        QVERIFY2(bob.holderDescription().startsWith(QStringLiteral("alice on %1 (pid %2) since ").arg(QSysInfo::machineHostName()).arg(QCoreApplication::applicationPid())),
                 qPrintable(bob.holderDescription()));
        // Acquiring again is harmless for the holder.
        QCOMPARE(alice.acquire().value(), true);
        // Another deployment is free.
        DeploymentLock other(m_b.get(), QStringLiteral("d2"), QStringLiteral("bob"));
        QCOMPARE(other.acquire().value(), true);
    }

    void releasedWhenTheHolderCloses()
    {
        DeploymentLock bob(m_b.get(), QStringLiteral("d1"), QStringLiteral("bob"));
        QSignalSpy held(&bob, &DeploymentLock::heldChanged);
        {
            DeploymentLock alice(m_a.get(), QStringLiteral("d1"), QStringLiteral("alice"));
            QVERIFY(alice.acquire().value());
            QVERIFY(!bob.acquire().value());
        }
        bob.tick(); // the heartbeat retries while not held
        QVERIFY(bob.isHeld());
        QCOMPARE(held.last().first().toBool(), true);
        QVERIFY(bob.holderDescription().isEmpty());
    }

    void aFrozenHolderIsTakenOverAndNoticesIt()
    {
        DeploymentLock alice(m_a.get(), QStringLiteral("d1"), QStringLiteral("alice"));
        DeploymentLock bob(m_b.get(), QStringLiteral("d1"), QStringLiteral("bob"));
        QVERIFY(alice.acquire().value());
        QVERIFY(!bob.acquire().value());
        // Alice's console stops heartbeating (frozen, or its machine is gone) for longer than StaleMs.
        exec(QStringLiteral("UPDATE deployment_locks SET heartbeat_ms = %1, host = 'elsewhere'")
                 .arg(QDateTime::currentMSecsSinceEpoch() - DeploymentLock::StaleMs - 1000));
        QVERIFY(bob.acquire().value());
        // Alice wakes up: her heartbeat finds the row taken and she becomes read-only.
        QSignalSpy aliceHeld(&alice, &DeploymentLock::heldChanged);
        alice.tick();
        QVERIFY(!alice.isHeld());
        QVERIFY(alice.holderDescription().startsWith(QLatin1String("bob on ")));
        QCOMPARE(aliceHeld.size(), 1);
    }

    void aFreshHeartbeatFromAnotherHostIsRespected()
    {
        DeploymentLock alice(m_a.get(), QStringLiteral("d1"), QStringLiteral("alice"));
        QVERIFY(alice.acquire().value());
        exec(QStringLiteral("UPDATE deployment_locks SET host = 'elsewhere', pid = 1"));
        DeploymentLock bob(m_b.get(), QStringLiteral("d1"), QStringLiteral("bob"));
        QVERIFY(!bob.acquire().value());
        QVERIFY(bob.holderDescription().contains(QLatin1String("on elsewhere (pid 1)")));
    }

    void aKilledConsoleOnThisHostIsTakenOverAtOnce()
    {
        // A process that has exited: its pid is not alive any more.
        QProcess gone;
        gone.start(QStringLiteral("true"));
        QVERIFY(gone.waitForStarted());
        const qint64 deadPid = gone.processId();
        QVERIFY(gone.waitForFinished());
        DeploymentLock alice(m_a.get(), QStringLiteral("d1"), QStringLiteral("alice"));
        QVERIFY(alice.acquire().value());
        exec(QStringLiteral("UPDATE deployment_locks SET pid = %1").arg(deadPid)); // as if alice's console was SIGKILLed
        DeploymentLock bob(m_b.get(), QStringLiteral("d1"), QStringLiteral("bob"));
        QVERIFY(bob.acquire().value());
    }
};

QTEST_GUILESS_MAIN(TestDeploymentLock)
#include "tst_deploymentlock.moc"
