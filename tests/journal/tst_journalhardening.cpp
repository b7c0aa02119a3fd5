// The journal and the lock under what a review found they could not take: a journal that
// refuses writes, a second writer on the same file, a console that lost its lock and still
// writes, a holder whose heartbeat keeps failing, journals of other format versions, damage
// found after opening, and the durability settings themselves. On a SQLite file and on
// PostgreSQL where it is not about the file (journaltarget.h).
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "journaltarget.h"
#include "runbook/runbookloader.h"
#include "sqlitepeek.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestJournalHardening : public QObject
{
    Q_OBJECT

    std::unique_ptr<JournalTarget> m_target;

    QString path(const QString &name = u"journal.sqlite"_s) const { return m_target->location(name); }

    static void exec(Journal &journal, const QString &sql)
    {
        QSqlQuery q(journal.database());
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }

    static Deployment::StartInfo startInfo(const QString &operatorName)
    {
        return {u"checkout"_s, u"v2"_s, operatorName, u"runbook.md"_s, RunbookLoader::bundledText()};
    }

    static QString anItem(const Deployment &d) { return d.runbook().checkableItems().constFirst()->id; }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_target = std::make_unique<JournalTarget>();
        QVERIFY2(m_target->isValid(), qPrintable(m_target->error()));
    }
    void cleanup()
    {
        Journal::setSynchronousCheckLimit(Journal::DefaultSynchronousCheckLimit);
        m_target.reset();
    }

    // The lock's INSERT failing for another reason than "taken" (here: the connection is
    // read-only) used to call acquire() again without end, until the stack overflowed.
    void lockOnAJournalThatRefusesWritesFails()
    {
        Journal journal;
        QVERIFY(journal.open(path()).ok());
        exec(journal, JournalTarget::refuseWritesSql(true));
        DeploymentLock lock(&journal, u"d1"_s, u"alice"_s);
        const Result<bool> acquired = lock.acquire();
        QVERIFY(!acquired.ok());
        QVERIFY2(acquired.error().contains(path()) && acquired.error().contains(u"lock"_s), qPrintable(acquired.error()));
        QVERIFY(!lock.isHeld());
    }

    // A console that lost its lock (frozen past the stale time, taken over) must not write,
    // even before its next heartbeat tells it: the append checks the lock in its transaction.
    void appendIsRefusedOnceTheLockIsTakenOver()
    {
        Journal a;
        Journal b;
        QVERIFY(a.open(path()).ok());
        QVERIFY(b.open(path()).ok());
        ManualClock clock;
        auto started = Deployment::start(&a, &clock, startInfo(u"alice"_s));
        QVERIFY2(started.ok(), qPrintable(started.error()));
        std::unique_ptr<Deployment> alice = started.take();
        DeploymentLock aliceLock(&a, alice->id(), u"alice"_s);
        QCOMPARE(aliceLock.acquire().value(), true);
        QVERIFY(alice->check(anItem(*alice)).ok());

        // Alice's console freezes; its heartbeat goes stale and Bob's console takes over.
        exec(b, u"UPDATE deployment_locks SET heartbeat_ms = 0, host = 'elsewhere'"_s);
        DeploymentLock bobLock(&b, alice->id(), u"bob"_s);
        QCOMPARE(bobLock.acquire().value(), true);

        // Alice's console wakes up and has not ticked yet: it still believes it drives.
        QVERIFY(aliceLock.isHeld());
        const qsizetype before = a.events(alice->id()).value().size();
        const Status refused = alice->setNote(anItem(*alice), u"written after losing the lock"_s);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(u"bob"_s), qPrintable(refused.error()));
        QCOMPARE(a.events(alice->id()).value().size(), before);
        QCOMPARE(alice->state().item(anItem(*alice)).note, QString()); // nothing shown that was not stored
        const Result<bool> fence = a.fenceHolds(alice->id());
        QVERIFY(fence.ok());
        QCOMPARE(fence.value(), false);
    }

    // A holder whose heartbeat keeps failing past the stale time gives up driving: by then the
    // others may take over. It drives again once its lock can be renewed.
    void aHolderWhoseHeartbeatKeepsFailingBecomesReadOnly()
    {
        Journal journal;
        QVERIFY(journal.open(path()).ok());
        ManualClock wall(1'900'000'000'000);
        DeploymentLock lock(&journal, u"d1"_s, u"alice"_s, &wall);
        QSignalSpy held(&lock, &DeploymentLock::heldChanged);
        QCOMPARE(lock.acquire().value(), true);
        exec(journal, JournalTarget::refuseWritesSql(true));
        for (int i = 0; i < 4; ++i) { // 20 s of failing heartbeats: still inside the stale time
            wall.advanceMs(DeploymentLock::HeartbeatMs);
            lock.tick();
        }
        QVERIFY(lock.isHeld());
        wall.advanceMs(DeploymentLock::HeartbeatMs);
        lock.tick();
        QVERIFY(!lock.isHeld());
        QCOMPARE(held.size(), 2);
        QVERIFY2(lock.lapseReason().contains(u"25 s"_s), qPrintable(lock.lapseReason()));
        exec(journal, JournalTarget::refuseWritesSql(false));
        wall.advanceMs(DeploymentLock::HeartbeatMs);
        lock.tick();
        QVERIFY(lock.isHeld());
        QVERIFY(lock.lapseReason().isEmpty());
    }

    // Two processes appending and writing sample batches to one file at full speed: a deferred
    // transaction that reads before it writes fails with SQLITE_BUSY_SNAPSHOT, which no busy
    // timeout helps; every write must succeed.
    void twoWritersOnOneFileNeverFail()
    {
        QVERIFY(Journal().open(path()).ok());
        constexpr int Count = 400;
        QList<QProcess *> writers;
        for (const QString &id : {u"alpha"_s, u"beta"_s}) {
            auto *p = new QProcess(this);
            p->setProgram(QStringLiteral(JOURNAL_HAMMER));
            p->setArguments({path(), id, QString::number(Count)});
            writers << p;
        }
        for (QProcess *p : writers)
            p->start();
        for (QProcess *p : writers) {
            QVERIFY(p->waitForFinished(120'000));
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, p->readAllStandardError().constData());
        }
        qDeleteAll(writers);
        Journal journal;
        QVERIFY(journal.open(path()).ok());
        for (const QString &id : {u"alpha"_s, u"beta"_s}) {
            const QList<DeploymentEvent> events = journal.events(id).value();
            QCOMPARE(events.size(), Count);
            for (int i = 0; i < Count; ++i)
                QCOMPARE(events.at(i).seq, qint64(i + 1));
        }
        QCOMPARE(m_target->value(path(), u"SELECT count(*) FROM samples"_s).toInt(), 2 * (Count / 10) * 20);
    }

    // Writers hammering one deployment at once, each appending without knowing the others:
    // every event gets the next number (none twice, none skipped), and each writer's events
    // are stored in the order it appended them.
    void writersHammeringOneDeployment()
    {
        Journal journal;
        QVERIFY(journal.open(path()).ok());
        DeploymentEvent start = DeploymentEvent::make(DeploymentEvent::Kind::DeploymentStarted, u"shared"_s, 0, u"alice"_s);
        QVERIFY(journal.append(start).ok());
        constexpr int Writers = 4;
        constexpr int Count = 150;
        QList<QProcess *> writers;
        for (int w = 0; w < Writers; ++w) {
            auto *p = new QProcess(this);
            p->setProgram(QStringLiteral(JOURNAL_HAMMER));
            p->setArguments({path(), u"shared"_s, QString::number(Count), u"writer-%1"_s.arg(w)});
            writers << p;
        }
        for (QProcess *p : writers)
            p->start();
        for (QProcess *p : writers) {
            QVERIFY(p->waitForFinished(180'000));
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, p->readAllStandardError().constData());
        }
        qDeleteAll(writers);
        const QList<DeploymentEvent> events = journal.events(u"shared"_s).value();
        QCOMPARE(events.size(), 1 + Writers * Count);
        QHash<QString, int> next; // writer -> the n expected next
        for (qsizetype i = 0; i < events.size(); ++i) {
            QCOMPARE(events.at(i).seq, qint64(i + 1));
            if (i == 0)
                continue;
            const QString writer = events.at(i).payload.value(u"writer"_s).toString();
            QCOMPARE(events.at(i).payload.value(u"n"_s).toInt(), next.value(writer));
            next[writer] += 1;
        }
        QCOMPARE(next.size(), Writers);
        for (int n : std::as_const(next))
            QCOMPARE(n, Count);
    }

    // A journal written before the format was versioned with migrations (format 1, where the
    // samples and locks tables arrived without a bump) is brought up to date on open, and says
    // which consoles may still write it.
    void formatOneIsMigrated()
    {
        SKIP_ON_POSTGRES("PostgreSQL journals began at format 2");
        const QString error = SqlitePeek::exec(path(), {u"CREATE TABLE journal_meta (meta_key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)"_s,
                                                        u"CREATE TABLE runbooks (sha256 CHAR(64) PRIMARY KEY, name TEXT NOT NULL, content TEXT NOT NULL, stored_at_ms BIGINT NOT NULL)"_s,
                                                        u"CREATE TABLE events (deployment_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, at_ms BIGINT NOT NULL, operator_name VARCHAR(200) NOT NULL, kind VARCHAR(64) NOT NULL, item_id TEXT, payload TEXT NOT NULL, PRIMARY KEY (deployment_id, seq))"_s,
                                                        u"INSERT INTO journal_meta VALUES ('format', 'stonecaster-journal')"_s,
                                                        u"INSERT INTO journal_meta VALUES ('version', '1')"_s,
                                                        u"INSERT INTO events VALUES ('d1', 1, 1000, 'alice', 'deployment-started', NULL, '{\"service\":\"old\"}')"_s});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        Journal journal;
        const Status opened = journal.open(path());
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QVERIFY(!journal.isReadOnly());
        QCOMPARE(SqlitePeek::value(path(), u"SELECT value FROM journal_meta WHERE meta_key = 'version'"_s).toInt(), Journal::FormatVersion);
        QCOMPARE(SqlitePeek::value(path(), u"SELECT value FROM journal_meta WHERE meta_key = 'min_writer_version'"_s).toInt(), Journal::FormatVersion);
        QCOMPARE(SqlitePeek::value(path(), u"SELECT count(*) FROM sqlite_master WHERE name IN ('samples', 'deployment_locks')"_s).toInt(), 2);
        QCOMPARE(journal.events(u"d1"_s).value().size(), 1); // the old events are kept
    }

    void newerFormats_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("minReader");
        QTest::addColumn<int>("minWriter");
        QTest::addColumn<bool>("opens");
        QTest::addColumn<bool>("readOnly");
        QTest::newRow("newer, still readable and writable") << Journal::FormatVersion + 1 << 1 << Journal::FormatVersion << true << false;
        QTest::newRow("newer, readable, not writable") << Journal::FormatVersion + 1 << 1 << Journal::FormatVersion + 1 << true << true;
        QTest::newRow("newer, not readable") << Journal::FormatVersion + 1 << Journal::FormatVersion + 1 << Journal::FormatVersion + 1 << false << true;
    }
    void newerFormats()
    {
        QFETCH(int, version);
        QFETCH(int, minReader);
        QFETCH(int, minWriter);
        QFETCH(bool, opens);
        QFETCH(bool, readOnly);
        {
            Journal j;
            QVERIFY(j.open(path()).ok());
        }
        const QString error = m_target->exec(path(), {u"UPDATE journal_meta SET value = '%1' WHERE meta_key = 'version'"_s.arg(version),
                                                      u"UPDATE journal_meta SET value = '%1' WHERE meta_key = 'min_reader_version'"_s.arg(minReader),
                                                      u"UPDATE journal_meta SET value = '%1' WHERE meta_key = 'min_writer_version'"_s.arg(minWriter)});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        Journal journal;
        const Status s = journal.open(path());
        QCOMPARE(s.ok(), opens);
        if (!opens) {
            QVERIFY2(s.error().contains(u"newer"_s), qPrintable(s.error()));
            return;
        }
        QCOMPARE(journal.isReadOnly(), readOnly);
        DeploymentEvent e = DeploymentEvent::make(DeploymentEvent::Kind::DeploymentStarted, u"d9"_s, 1, u"alice"_s);
        const Status appended = journal.append(e);
        QCOMPARE(appended.ok(), !readOnly);
        if (readOnly)
            QVERIFY2(appended.error().contains(u"newer"_s), qPrintable(appended.error()));
        // Opening never lowers what a newer console wrote.
        QCOMPARE(m_target->value(path(), u"SELECT value FROM journal_meta WHERE meta_key = 'version'"_s).toInt(), version);
    }

    // A journal larger than the synchronous check's limit opens at once; its full check runs
    // on its own connection in another thread and reports damage then: the journal takes no
    // more writes.
    void largeJournalIsCheckedInTheBackground()
    {
        SKIP_ON_POSTGRES("pages of a SQLite file");
        {
            Journal j;
            QVERIFY(j.open(path()).ok());
            for (int i = 0; i < 200; ++i) {
                DeploymentEvent e = DeploymentEvent::make(i == 0 ? DeploymentEvent::Kind::DeploymentStarted : DeploymentEvent::Kind::NoteSet, u"dep"_s, i,
                                                          u"alice"_s, i == 0 ? QString() : u"prep/a"_s, {{u"text"_s, QString(200, u'x')}});
                QVERIFY(j.append(e).ok());
            }
        }
        QFile f(path());
        QVERIFY(f.open(QIODevice::ReadWrite));
        const int pageSize = SqlitePeek::value(path(), u"PRAGMA page_size"_s).toInt();
        QVERIFY(f.size() > 8 * pageSize);
        QVERIFY(f.seek(3 * pageSize));
        QVERIFY(f.write(QByteArray(pageSize, char(0xA5))) == pageSize);
        f.close();

        Journal::setSynchronousCheckLimit(pageSize); // this file counts as large
        Journal journal;
        QSignalSpy problem(&journal, &Journal::integrityProblem);
        const Status opened = journal.open(path());
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QTRY_COMPARE_WITH_TIMEOUT(problem.size(), 1, 30'000);
        QVERIFY2(problem.first().first().toString().contains(u"corrupt"_s), qPrintable(problem.first().first().toString()));
        DeploymentEvent e = DeploymentEvent::make(DeploymentEvent::Kind::NoteSet, u"dep"_s, 999, u"alice"_s, u"prep/a"_s);
        const Status appended = journal.append(e);
        QVERIFY(!appended.ok());
        QVERIFY2(appended.error().contains(u"corrupt"_s), qPrintable(appended.error()));
    }

    void healthyLargeJournalReportsNothing()
    {
        SKIP_ON_POSTGRES("SQLite's quick_check");
        {
            Journal j;
            QVERIFY(j.open(path()).ok());
            DeploymentEvent e = DeploymentEvent::make(DeploymentEvent::Kind::DeploymentStarted, u"dep"_s, 1, u"alice"_s);
            QVERIFY(j.append(e).ok());
        }
        Journal::setSynchronousCheckLimit(1);
        Journal journal;
        QSignalSpy problem(&journal, &Journal::integrityProblem);
        QSignalSpy checked(&journal, &Journal::integrityChecked);
        QVERIFY(journal.open(path()).ok());
        QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 30'000);
        QCOMPARE(problem.size(), 0);
    }

    // What makes an acknowledged append survive a power loss, read back from the journal's
    // own connection: a change that weakens it fails here.
    void durabilitySettings()
    {
        Journal journal;
        QVERIFY(journal.open(path()).ok());
        QSqlQuery q(journal.database());
        if (JournalTarget::isPostgres()) {
            // A commit returns once the server has it in its write-ahead log on disk (whatever
            // the server's default), and nothing waits for ever on a lock or an open transaction.
            QVERIFY(q.exec(u"SHOW synchronous_commit"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"on"_s);
            QVERIFY(q.exec(u"SHOW lock_timeout"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"5s"_s);
            QVERIFY(q.exec(u"SHOW idle_in_transaction_session_timeout"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"1min"_s);
            return;
        }
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString().toLower(), u"wal"_s);
        QVERIFY(q.exec(u"PRAGMA synchronous"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2); // FULL
    }

    // SQLite in WAL mode needs shared memory on one host: a journal on a network filesystem is
    // refused with what to do instead.
    void networkFilesystems_data()
    {
        QTest::addColumn<qint64>("magic");
        QTest::addColumn<QString>("name");
        QTest::newRow("nfs") << qint64(0x6969) << u"NFS"_s;
        QTest::newRow("cifs") << qint64(0xFF534D42) << u"CIFS/SMB"_s;
        QTest::newRow("smb2") << qint64(0xFE534D42) << u"CIFS/SMB"_s;
        QTest::newRow("smb") << qint64(0x517B) << u"CIFS/SMB"_s;
        QTest::newRow("ceph") << qint64(0x00C36400) << u"Ceph"_s;
        QTest::newRow("afs") << qint64(0x5346414F) << u"AFS"_s;
        QTest::newRow("9p") << qint64(0x01021997) << u"9P"_s;
        // FUSE is sshfs but also gocryptfs on a local disk: not refused by its type.
        QTest::newRow("fuse") << qint64(0x65735546) << QString();
        QTest::newRow("ext4") << qint64(0xEF53) << QString();
        QTest::newRow("tmpfs") << qint64(0x01021994) << QString();
        QTest::newRow("btrfs") << qint64(0x9123683E) << QString();
    }
    void networkFilesystems()
    {
        QFETCH(qint64, magic);
        QFETCH(QString, name);
        QCOMPARE(Journal::networkFilesystemName(magic), name);
    }
    void localFolderIsAccepted() { QCOMPARE(Journal::filesystemProblem(path()), QString()); }
};

QTEST_GUILESS_MAIN(TestJournalHardening)
#include "tst_journalhardening.moc"
