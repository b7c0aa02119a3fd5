// Journal files that are not what they should be (damaged, foreign, newer, empty, a directory) are left alone; two journals on one file; kinds written by a newer console are kept.
// On a SQLite file and on PostgreSQL where it is not about the file's bytes (journaltarget.h).
#include "journaltestbase.h"

class TestJournalFiles : public QObject, protected JournalTestBase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { makeFolder(); }
    void cleanup() { m_target.reset(); }

    void unhealthyFileIsLeftAlone_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("messagePart");
        QRandomGenerator random(20240611);
        QByteArray noise(8192, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        QTest::newRow("random bytes") << noise << u"not a readable journal"_s;
        QTest::newRow("a text file") << QByteArray("# Deployment Runbook\n\n- [ ] not a database\n") << u"not a readable journal"_s;
        QByteArray header = QByteArray("SQLite format 3", 16) + noise.left(4096 - 16);
        QTest::newRow("SQLite header, garbage after") << header << u"journal"_s;
    }
    void unhealthyFileIsLeftAlone()
    {
        SKIP_ON_POSTGRES("bytes of a SQLite file");
        QFETCH(QByteArray, bytes);
        QFETCH(QString, messagePart);
        QVERIFY(writeAll(path(), bytes));
        {
            Journal j;
            const Status s = j.open(path());
            QVERIFY(!s.ok());
            QVERIFY2(s.error().contains(path()), qPrintable(s.error()));
            QVERIFY2(s.error().contains(messagePart), qPrintable(s.error()));
            QVERIFY(!j.isOpen());
            DeploymentEvent e = started(u"dep"_s, 1, u"billing"_s);
            QVERIFY(!j.append(e).ok());
        }
        QCOMPARE(readAll(path()), bytes);
        QVERIFY(!QFileInfo::exists(path() + u"-wal"_s));
    }

    void damagedJournalIsLeftAlone()
    {
        SKIP_ON_POSTGRES("pages of a SQLite file");
        // A real journal with a page in the middle overwritten.
        {
            Journal j0;
            QVERIFY(j0.open(path()).ok());
            for (int i = 0; i < 200; ++i) {
                DeploymentEvent e = DeploymentEvent::make(i == 0 ? Kind::DeploymentStarted : Kind::NoteSet, u"dep"_s, i, u"alice"_s,
                                                          i == 0 ? QString() : u"prep/a"_s, {{u"text"_s, QString(200, QLatin1Char('x'))}});
                QVERIFY(j0.append(e).ok());
            }
            QVERIFY(j0.storeRunbook(u"r.md"_s, QString(20000, QLatin1Char('r'))).ok());
        }
        // Closed: the WAL is checkpointed into the file, which now holds everything.
        QVERIFY(!QFileInfo::exists(path() + u"-wal"_s));

        QByteArray bytes = readAll(path());
        const int pageSize = SqlitePeek::value(path(), u"PRAGMA page_size"_s).toInt();
        QVERIFY(pageSize > 0);
        QVERIFY2(bytes.size() > 8 * pageSize, qPrintable(QString::number(bytes.size())));
        for (int i = 0; i < pageSize; ++i)
            bytes[3 * pageSize + i] = char(0xA5 ^ (i * 7));
        QVERIFY(writeAll(path(), bytes));

        Journal j;
        const Status s = j.open(path());
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(path()), qPrintable(s.error()));
        QVERIFY2(s.error().contains(u"corrupt"_s) || s.error().contains(u"not a readable journal"_s), qPrintable(s.error()));
        QVERIFY(!j.isOpen());
        QCOMPARE(readAll(path()), bytes);
    }

    void otherSqliteDatabaseIsLeftAlone()
    {
        const QString error = m_target->exec(path(), {u"CREATE TABLE foo (bar TEXT)"_s, u"INSERT INTO foo VALUES ('keep me')"_s});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QByteArray before = readAll(path());
        QVERIFY(JournalTarget::isPostgres() || !before.isEmpty());
        {
            Journal j;
            const Status s = j.open(path());
            QVERIFY(!s.ok());
            QVERIFY2(s.error().contains(u"not a StoneCaster journal"_s), qPrintable(s.error()));
            QVERIFY2(s.error().contains(path()), qPrintable(s.error()));
            QVERIFY(!j.isOpen());
        }
        QCOMPARE(m_target->column(path(), u"SELECT bar FROM foo"_s), QVariantList{u"keep me"_s});
        if (JournalTarget::isPostgres()) {
            QCOMPARE(m_target->value(path(), u"SELECT to_regclass('journal_meta') IS NULL"_s).toBool(), true);
            return;
        }
        QCOMPARE(SqlitePeek::column(path(), u"SELECT name FROM sqlite_master WHERE name = 'journal_meta'"_s), QVariantList{});
        QCOMPARE(SqlitePeek::value(path(), u"PRAGMA journal_mode"_s).toString().toLower(), u"delete"_s);
        QCOMPARE(readAll(path()), before);
    }

    void newerJournalIsRefused()
    {
        QVERIFY(!makeJournal().isEmpty());
        // Written by a console of format 999 that says a reader needs format 999 too.
        const QString error = m_target->exec(path(), {u"UPDATE journal_meta SET value = '999' WHERE meta_key = 'version'"_s,
                                                      u"UPDATE journal_meta SET value = '999' WHERE meta_key = 'min_reader_version'"_s});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QByteArray before = readAll(path());
        {
            Journal j;
            const Status s = j.open(path());
            QVERIFY(!s.ok());
            QVERIFY2(s.error().contains(u"newer"_s), qPrintable(s.error()));
            QVERIFY2(s.error().contains(u"999"_s), qPrintable(s.error()));
            QVERIFY2(s.error().contains(path()), qPrintable(s.error()));
            QVERIFY(!j.isOpen());
        }
        if (!JournalTarget::isPostgres())
            QCOMPARE(readAll(path()), before);
        QCOMPARE(m_target->value(path(), u"SELECT count(*) FROM events"_s).toInt(), 2);
        QCOMPARE(m_target->value(path(), u"SELECT value FROM journal_meta WHERE meta_key = 'version'"_s).toInt(), 999);
    }

    void emptyFileBecomesAJournal_data()
    {
        QTest::addColumn<bool>("sqliteEmpty");
        QTest::newRow("zero bytes") << false;
        QTest::newRow("SQLite database without tables") << true;
    }
    void emptyFileBecomesAJournal()
    {
        QFETCH(bool, sqliteEmpty);
        if (JournalTarget::isPostgres()) {
            // A database without tables: what a team's administrator makes for the journal.
            QVERIFY(m_target->isEmpty(path()));
        } else if (sqliteEmpty) {
            // Setting the page size writes a header but no table.
            const QString error = SqlitePeek::exec(path(), {u"PRAGMA page_size = 8192"_s, u"VACUUM"_s});
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(QFileInfo(path()).size() > 0);
        } else {
            QVERIFY(writeAll(path(), {}));
            QCOMPARE(QFileInfo(path()).size(), 0);
        }
        {
            Journal j;
            const Status s = j.open(path());
            QVERIFY2(s.ok(), qPrintable(s.error()));
            DeploymentEvent e = started(u"dep"_s, 1, u"billing"_s);
            const Status a = j.append(e);
            QVERIFY2(a.ok(), qPrintable(a.error()));
        }
        // And it is a healthy journal when opened again.
        Journal again;
        const Status s = again.open(path());
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(again.events(u"dep"_s).value().size(), 1);
    }

    void directoryIsRefused()
    {
        SKIP_ON_POSTGRES("a SQLite file's path");
        const QString dir = path(u"journal.sqlite"_s);
        QVERIFY(QDir().mkpath(dir));
        Journal j;
        const Status s = j.open(dir);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(dir), qPrintable(s.error()));
        QVERIFY2(s.error().contains(u"not a file"_s), qPrintable(s.error()));
        QVERIFY(!j.isOpen());
        QVERIFY(QFileInfo(dir).isDir());
    }

    void retryAfterAFailedOpen()
    {
        // The console asks for another path when the first is refused; the same Journal must work.
        if (JournalTarget::isPostgres())
            QVERIFY(m_target->exec(path(u"bad.sqlite"_s), {u"CREATE TABLE garbage (g TEXT)"_s}).isEmpty());
        else
            QVERIFY(writeAll(path(u"bad.sqlite"_s), "garbage garbage garbage"));
        Journal j;
        QVERIFY(!j.open(path(u"bad.sqlite"_s)).ok());
        static QStringList warnings;
        warnings.clear();
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
            if (type >= QtWarningMsg)
                warnings.append(message);
        });
        const Status s = j.open(path());
        qInstallMessageHandler(previous);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        QCOMPARE(j.path(), path());
        DeploymentEvent e = started(u"dep"_s, 1, u"billing"_s);
        QVERIFY(j.append(e).ok());
        QCOMPARE(m_target->value(path(), u"SELECT count(*) FROM events"_s).toInt(), 1);
        if (JournalTarget::isPostgres())
            QVERIFY(m_target->value(path(u"bad.sqlite"_s), u"SELECT to_regclass('journal_meta') IS NULL"_s).toBool());
        else
            QCOMPARE(readAll(path(u"bad.sqlite"_s)), QByteArray("garbage garbage garbage"));
    }

    void secondJournalSeesTheFirstsEvents()
    {
        Journal writer;
        QVERIFY(writer.open(path()).ok());
        DeploymentEvent a = started(u"dep"_s, 1000, u"billing"_s);
        QVERIFY(writer.append(a).ok());
        QVERIFY(writer.storeRunbook(u"r.md"_s, u"text"_s).ok());

        // Both open at once, as when a second console window looks at the same journal.
        Journal reader;
        const Status s = reader.open(path());
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(reader.events(u"dep"_s).value().size(), 1);
        DeploymentEvent b = DeploymentEvent::make(Kind::ItemChecked, u"dep"_s, 2000, u"alice"_s, u"prep/a"_s);
        QVERIFY(writer.append(b).ok());
        const auto seen = reader.events(u"dep"_s);
        QVERIFY(seen.ok());
        QCOMPARE(seen.value().size(), 2);
        QCOMPARE(seen.value().last().itemId, u"prep/a"_s);
        QCOMPARE(reader.deployments().value().size(), 1);

        // Appends from the second continue the numbering.
        DeploymentEvent c = DeploymentEvent::make(Kind::ItemChecked, u"dep"_s, 3000, u"bob"_s, u"prep/b"_s);
        QVERIFY(reader.append(c).ok());
        QCOMPARE(c.seq, qint64(3));
        QCOMPARE(writer.events(u"dep"_s).value().size(), 3);
    }

    void reopenedJournalSeesEverything()
    {
        QString sha;
        {
            Journal first;
            QVERIFY(first.open(path()).ok());
            DeploymentEvent a = started(u"dep"_s, 1000, u"billing"_s);
            DeploymentEvent b = DeploymentEvent::make(Kind::ItemSkipped, u"dep"_s, 2000, u"alice"_s, u"prep/a"_s, {{u"reason"_s, u"why"_s}});
            QVERIFY(first.append(a).ok());
            QVERIFY(first.append(b).ok());
            sha = first.storeRunbook(u"r.md"_s, u"runbook text"_s).value();
        }
        Journal second;
        const Status s = second.open(path());
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const auto ev = second.events(u"dep"_s);
        QVERIFY2(ev.ok(), qPrintable(ev.error()));
        QCOMPARE(ev.value().size(), 2);
        QCOMPARE(ev.value().at(1).kind, Kind::ItemSkipped);
        QCOMPARE(ev.value().at(1).payload.value(u"reason"_s).toString(), u"why"_s);
        QCOMPARE(second.runbook(sha).value().text, u"runbook text"_s);
        QCOMPARE(second.deployments().value().size(), 1);
        DeploymentEvent c = DeploymentEvent::make(Kind::ItemChecked, u"dep"_s, 3000, u"alice"_s, u"prep/a"_s);
        QVERIFY(second.append(c).ok());
        QCOMPARE(c.seq, qint64(3));
    }

    void unknownKindsAreKept()
    {
        const QString runbook = u"# R\n\n## Process\n\n### Phase 1: Prep (0-30 minutes)\n- [ ] Verify staging\n"_s;
        ManualClock clock;
        QString id;
        {
            Journal j;
            QVERIFY(j.open(path()).ok());
            auto d = Deployment::start(&j, &clock, {u"billing"_s, u"v1"_s, u"alice"_s, u"r.md"_s, runbook});
            QVERIFY2(d.ok(), qPrintable(d.error()));
            id = d.value()->id();
        }
        // Written by a newer console.
        const QString error = m_target->exec(
            path(), {u"INSERT INTO events (deployment_id, seq, at_ms, operator_name, kind, item_id, payload) "
                     "VALUES ('%1', 2, 1800000001000, 'future-op', 'from-the-future', 'prep/verify-staging', '{\"flux\":88}')"_s.arg(id)});
        QVERIFY2(error.isEmpty(), qPrintable(error));

        Journal j;
        QVERIFY(j.open(path()).ok());
        const auto ev = j.events(id);
        QVERIFY2(ev.ok(), qPrintable(ev.error()));
        QCOMPARE(ev.value().size(), 2);
        const DeploymentEvent &e = ev.value().at(1);
        QCOMPARE(e.kind, Kind::Unknown);
        QCOMPARE(e.kindName, u"from-the-future"_s);
        QCOMPARE(e.seq, qint64(2));
        QCOMPARE(e.operatorName, u"future-op"_s);
        QCOMPARE(e.itemId, u"prep/verify-staging"_s);
        QCOMPARE(e.payload.value(u"flux"_s).toInt(), 88);

        // A deployment with such an event still opens, keeps it, and goes on after it.
        auto d = Deployment::open(&j, &clock, id, u"bob"_s);
        QVERIFY2(d.ok(), qPrintable(d.error()));
        QCOMPARE(d.value()->state().unknownEvents.size(), 1);
        QCOMPARE(d.value()->state().unknownEvents.first().kindName, u"from-the-future"_s);
        QCOMPARE(d.value()->state().item(u"prep/verify-staging"_s).status, ItemState::Status::Open);
        QVERIFY(d.value()->check(u"prep/verify-staging"_s).ok());
        const auto after = j.events(id);
        QCOMPARE(after.value().size(), 3);
        QCOMPARE(after.value().at(1).kindName, u"from-the-future"_s); // never dropped or rewritten
        QCOMPARE(after.value().at(2).seq, qint64(3));
    }

    void unreadablePayloadIsReported()
    {
        QVERIFY(!makeJournal().isEmpty());
        const QString error = m_target->exec(path(), {u"UPDATE events SET payload = '{not json' WHERE seq = 2"_s});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        Journal j;
        QVERIFY(j.open(path()).ok());
        const auto ev = j.events(u"dep-1"_s);
        QVERIFY(!ev.ok());
        QVERIFY2(ev.error().contains(u"dep-1"_s) && ev.error().contains(u"unreadable payload"_s), qPrintable(ev.error()));
    }

    void appendWithoutOpenFails()
    {
        Journal j;
        DeploymentEvent e = started(u"dep"_s, 1, u"billing"_s);
        const Status s = j.append(e);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(u"not open"_s), qPrintable(s.error()));
        QCOMPARE(e.seq, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestJournalFiles)
#include "tst_journalfiles.moc"
