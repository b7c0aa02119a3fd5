// Two consoles on one journal file: the one watching follows what the driving one writes, and a
// console that acts on a state another console has since changed is refused and shown what
// is stored, never a state that was not.
#include "deploymenttestbase.h"

class TestDeploymentFollow : public QObject, protected DeploymentTestBase
{
    Q_OBJECT

    std::unique_ptr<Journal> m_other;

    std::unique_ptr<Deployment> openOther(const QString &id)
    {
        m_other = std::make_unique<Journal>();
        if (Status s = m_other->open(journalPath()); !s) {
            qWarning("%s", qPrintable(s.error()));
            return nullptr;
        }
        auto opened = Deployment::open(m_other.get(), m_clock.get(), id, QStringLiteral("bob"));
        if (!opened) {
            qWarning("%s", qPrintable(opened.error()));
            return nullptr;
        }
        return opened.take();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { openJournal(); }
    void cleanup()
    {
        m_other.reset();
        closeJournal();
    }

    void aWatchingConsoleFollowsWithinASecond()
    {
        std::unique_ptr<Deployment> driver = startA();
        QVERIFY(driver);
        std::unique_ptr<Deployment> watcher = openOther(driver->id());
        QVERIFY(watcher);
        m_other->watchOtherWriters();
        QSignalSpy changed(watcher.get(), &Deployment::itemChanged);
        QSignalSpy refreshed(watcher.get(), &Deployment::refreshed);
        QVERIFY(driver->check(Approved).ok());
        QVERIFY(driver->setNote(Backup, QStringLiteral("taken at 09:12")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(watcher->state().lastSeq, driver->state().lastSeq, 1000);
        QVERIFY(refreshed.size() >= 1);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(watcher->state().item(Approved).status, ItemState::Status::Done);
        QCOMPARE(watcher->state().item(Approved).by, QStringLiteral("alice"));
        QCOMPARE(watcher->state().item(Backup).note, QStringLiteral("taken at 09:12"));
        compareStates(*driver, *watcher);
    }

    // Bob's console has not yet seen Alice's check when Bob acts: his write is refused, his
    // console then shows her check, and the journal has nothing of his.
    void aWriteOnAStaleStateIsRefusedAndTheConsoleReloads()
    {
        std::unique_ptr<Deployment> alice = startA();
        QVERIFY(alice);
        std::unique_ptr<Deployment> bob = openOther(alice->id());
        QVERIFY(bob);
        QVERIFY(alice->check(Approved).ok());
        const qint64 stored = alice->state().lastSeq;
        QCOMPARE(bob->state().item(Approved).status, ItemState::Status::Open); // not refreshed yet
        const Status refused = bob->skip(Approved, QStringLiteral("not needed")); // it was open in Bob's view
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QLatin1String("another console")), qPrintable(refused.error()));
        QCOMPARE(bob->state().item(Approved).status, ItemState::Status::Done); // reloaded: what is stored
        QCOMPARE(bob->state().lastSeq, stored);
        QCOMPARE(m_journal->events(alice->id()).value().size(), qsizetype(stored));
        // On the state it now shows, the same console's next action goes through.
        QVERIFY(bob->setNote(Approved, QStringLiteral("seen")).ok());
        QCOMPARE(bob->state().lastSeq, stored + 1);
    }
};

QTEST_GUILESS_MAIN(TestDeploymentFollow)
#include "tst_deploymentfollow.moc"
