#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "sqlitepeek.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Kind = DeploymentEvent::Kind;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

DeploymentEvent started(const QString &id, qint64 atMs, const QString &service)
{
    return DeploymentEvent::make(Kind::DeploymentStarted, id, atMs, u"alice"_s, {},
                                 {{u"service"_s, service},
                                  {u"version"_s, u"v1.0"_s},
                                  {u"runbookSha256"_s, u"0123abcd"_s},
                                  {u"runbookName"_s, u"deploy.md"_s}});
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &name = u"journal.sqlite"_s) const { return m_dir->filePath(name); }

    // A journal with one deployment of two events, closed again so the file is complete on its own.
    QString makeJournal(const QString &name = u"journal.sqlite"_s)
    {
        Journal j;
        const Status s = j.open(path(name));
        if (!s) {
            qWarning("%s", qPrintable(s.error()));
            return {};
        }
        DeploymentEvent a = started(u"dep-1"_s, 1000, u"billing"_s);
        DeploymentEvent b = DeploymentEvent::make(Kind::ItemChecked, u"dep-1"_s, 2000, u"alice"_s, u"prep/a"_s);
        if (!j.append(a) || !j.append(b))
            return {};
        return path(name);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    void defaultPathIsInTheDataLocation()
    {
        const QString p = Journal::defaultPath();
        QVERIFY2(p.endsWith(u"/stonecaster/journal.sqlite"_s), qPrintable(p));
        // Test mode keeps it away from the real user's journal.
        QVERIFY2(p.startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)), qPrintable(p));
        QVERIFY2(p.contains(u"qttest"_s), qPrintable(p));
    }

    void appendAndReadBack()
    {
        Journal j;
        QVERIFY(!j.isOpen());
        const Status s = j.open(path());
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(j.isOpen());
        QCOMPARE(j.path(), path());
        QSignalSpy appended(&j, &Journal::appended);

        QList<DeploymentEvent> written{
            started(u"dep-1"_s, 1000, u"billing"_s),
            DeploymentEvent::make(Kind::ItemChecked, u"dep-1"_s, 2000, u"alice"_s, u"prep/verify-staging"_s),
            DeploymentEvent::make(Kind::ItemSkipped, u"dep-1"_s, 3000, u"bob"_s, u"prep/run-smoke-tests"_s,
                                  {{u"reason"_s, u"staging down — ünïcode ✓"_s}}),
            DeploymentEvent::make(Kind::NoteSet, u"dep-1"_s, 4000, u"bob"_s, u"prep/run-smoke-tests"_s,
                                  {{u"text"_s, u"line one\nline two"_s}, {u"nested"_s, QJsonObject{{u"n"_s, 42}}}}),
            DeploymentEvent::make(Kind::ItemUnchecked, u"dep-1"_s, 5000, u"carol"_s, u"prep/run-smoke-tests"_s),
            DeploymentEvent::make(Kind::DeploymentClosed, u"dep-1"_s, 6000, u"carol"_s, {},
                                  {{u"outcome"_s, u"completed"_s}, {u"note"_s, QString()}}),
        };
        for (qsizetype i = 0; i < written.size(); ++i) {
            const Status a = j.append(written[i]);
            QVERIFY2(a.ok(), qPrintable(a.error()));
            QCOMPARE(written[i].seq, qint64(i + 1)); // assigned by append
        }
        QCOMPARE(appended.size(), written.size());
        QCOMPARE(appended.at(2).first().value<DeploymentEvent>().seq, qint64(3));
        QCOMPARE(appended.at(2).first().value<DeploymentEvent>().itemId, u"prep/run-smoke-tests"_s);

        const auto read = j.events(u"dep-1"_s);
        QVERIFY2(read.ok(), qPrintable(read.error()));
        QCOMPARE(read.value().size(), written.size());
        for (qsizetype i = 0; i < written.size(); ++i) {
            const DeploymentEvent &w = written.at(i);
            const DeploymentEvent &r = read.value().at(i);
            QCOMPARE(r.deploymentId, u"dep-1"_s);
            QCOMPARE(r.seq, qint64(i + 1));
            QCOMPARE(r.atMs, w.atMs);
            QCOMPARE(r.operatorName, w.operatorName);
            QCOMPARE(r.kind, w.kind);
            QCOMPARE(r.kindName, DeploymentEvent::nameOf(w.kind));
            QCOMPARE(r.itemId, w.itemId);
            QCOMPARE(r.payload, w.payload);
        }
        // Items without an item id are stored as NULL, not as an empty string.
        QCOMPARE(SqlitePeek::value(path(), u"SELECT count(*) FROM events WHERE item_id IS NULL"_s).toInt(), 2);

        const auto none = j.events(u"no-such-deployment"_s);
        QVERIFY2(none.ok(), qPrintable(none.error()));
        QVERIFY(none.value().isEmpty());
    }

    void seqIsPerDeployment()
    {
        Journal j;
        QVERIFY(j.open(path()).ok());
        DeploymentEvent a1 = started(u"a"_s, 1000, u"billing"_s);
        DeploymentEvent b1 = started(u"b"_s, 1100, u"search"_s);
        DeploymentEvent a2 = DeploymentEvent::make(Kind::ItemChecked, u"a"_s, 1200, u"alice"_s, u"x"_s);
        DeploymentEvent b2 = DeploymentEvent::make(Kind::ItemChecked, u"b"_s, 1300, u"alice"_s, u"y"_s);
        DeploymentEvent a3 = DeploymentEvent::make(Kind::ItemChecked, u"a"_s, 1400, u"alice"_s, u"z"_s);
        for (DeploymentEvent *e : {&a1, &b1, &a2, &b2, &a3})
            QVERIFY(j.append(*e).ok());
        QCOMPARE(a1.seq, qint64(1));
        QCOMPARE(b1.seq, qint64(1));
        QCOMPARE(a2.seq, qint64(2));
        QCOMPARE(b2.seq, qint64(2));
        QCOMPARE(a3.seq, qint64(3));
        const auto a = j.events(u"a"_s);
        QVERIFY(a.ok());
        QCOMPARE(a.value().size(), 3);
        QCOMPARE(a.value().at(2).itemId, u"z"_s);
        QCOMPARE(j.events(u"b"_s).value().size(), 2);
    }

    void deploymentsNewestFirstWithOutcome()
    {
        Journal j;
        QVERIFY(j.open(path()).ok());
        QVERIFY(j.deployments().ok());
        QVERIFY(j.deployments().value().isEmpty());

        DeploymentEvent first = started(u"first"_s, 1000, u"billing"_s);
        DeploymentEvent second = started(u"second"_s, 5000, u"search"_s);
        DeploymentEvent third = started(u"third"_s, 9000, u"auth"_s);
        DeploymentEvent check = DeploymentEvent::make(Kind::ItemChecked, u"first"_s, 2000, u"alice"_s, u"x"_s);
        DeploymentEvent closeFirst = DeploymentEvent::make(Kind::DeploymentClosed, u"first"_s, 7000, u"bob"_s, {},
                                                           {{u"outcome"_s, u"rolled-back"_s}, {u"note"_s, u"5xx spike"_s}});
        DeploymentEvent closeThird = DeploymentEvent::make(Kind::DeploymentClosed, u"third"_s, 9500, u"carol"_s, {},
                                                           {{u"outcome"_s, u"completed"_s}});
        for (DeploymentEvent *e : {&first, &check, &second, &closeFirst, &third, &closeThird})
            QVERIFY(j.append(*e).ok());

        const auto list = j.deployments();
        QVERIFY2(list.ok(), qPrintable(list.error()));
        QCOMPARE(list.value().size(), 3);
        const Journal::DeploymentSummary &t = list.value().at(0);
        const Journal::DeploymentSummary &s = list.value().at(1);
        const Journal::DeploymentSummary &f = list.value().at(2);
        QCOMPARE(t.id, u"third"_s);
        QCOMPARE(s.id, u"second"_s);
        QCOMPARE(f.id, u"first"_s);

        QCOMPARE(f.service, u"billing"_s);
        QCOMPARE(f.version, u"v1.0"_s);
        QCOMPARE(f.operatorName, u"alice"_s);
        QCOMPARE(f.startedAtMs, qint64(1000));
        QCOMPARE(f.runbookName, u"deploy.md"_s);
        QCOMPARE(f.runbookSha256, u"0123abcd"_s);
        QVERIFY(f.closed);
        QCOMPARE(f.closedAtMs, qint64(7000));
        QCOMPARE(f.outcome, u"rolled-back"_s);

        QVERIFY(!s.closed);
        QVERIFY(s.outcome.isEmpty());
        QCOMPARE(s.service, u"search"_s);

        QVERIFY(t.closed);
        QCOMPARE(t.outcome, u"completed"_s);
    }

    void deploymentClosedByAClockSetBack()
    {
        // Event times come from the operator's wall clock, which can step back (NTP, VM resume).
        // The close still belongs to its deployment.
        Journal j;
        QVERIFY(j.open(path()).ok());
        DeploymentEvent start = started(u"dep"_s, 10'000, u"billing"_s);
        DeploymentEvent close = DeploymentEvent::make(Kind::DeploymentClosed, u"dep"_s, 9'000, u"alice"_s, {},
                                                      {{u"outcome"_s, u"completed"_s}});
        QVERIFY(j.append(start).ok());
        QVERIFY(j.append(close).ok());
        const auto list = j.deployments();
        QVERIFY2(list.ok(), qPrintable(list.error()));
        QCOMPARE(list.value().size(), 1);
        QVERIFY(list.value().first().closed);
    }

    void storeRunbookIsIdempotent()
    {
        Journal j;
        QVERIFY(j.open(path()).ok());
        const QString text = u"# Runbook\n\n### Phase 1: Prep (0-30 minutes)\n- [ ] a — ✓\n"_s;
        const QString expectedSha = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());

        const auto first = j.storeRunbook(u"deploy.md"_s, text);
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QCOMPARE(first.value(), expectedSha);
        const auto second = j.storeRunbook(u"renamed.md"_s, text);
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QCOMPARE(second.value(), first.value());
        QCOMPARE(SqlitePeek::value(path(), u"SELECT count(*) FROM runbooks"_s).toInt(), 1);

        const auto stored = j.runbook(first.value());
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        QCOMPARE(stored.value().sha256, expectedSha);
        QCOMPARE(stored.value().text, text);
        QCOMPARE(stored.value().name, u"deploy.md"_s); // the first name stays

        const auto other = j.storeRunbook(u"deploy.md"_s, text + u"- [ ] b\n"_s);
        QVERIFY(other.ok());
        QVERIFY(other.value() != first.value());
        QCOMPARE(SqlitePeek::value(path(), u"SELECT count(*) FROM runbooks"_s).toInt(), 2);
        QCOMPARE(j.runbook(other.value()).value().text, text + u"- [ ] b\n"_s);
        QCOMPARE(j.runbook(first.value()).value().text, text);
    }

    void unknownRunbookIsAnError()
    {
        Journal j;
        QVERIFY(j.open(path()).ok());
        const QString sha = u"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"_s;
        const auto missing = j.runbook(sha);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().contains(u"missing"_s), qPrintable(missing.error()));
        QVERIFY2(missing.error().contains(sha.left(12)), qPrintable(missing.error()));
        QVERIFY2(missing.error().contains(path()), qPrintable(missing.error()));
    }

    void journalIsInWalMode()
    {
        Journal j;
        QVERIFY(j.open(path()).ok());
        DeploymentEvent e = started(u"dep"_s, 1, u"billing"_s);
        QVERIFY(j.append(e).ok());
        QCOMPARE(SqlitePeek::value(path(), u"PRAGMA journal_mode"_s).toString().toLower(), u"wal"_s);
        QVERIFY(QFileInfo::exists(path() + u"-wal"_s));
        // The format is recorded so a later version can recognise (and refuse) the file.
        QCOMPARE(SqlitePeek::value(path(), u"SELECT value FROM journal_meta WHERE meta_key = 'format'"_s).toString(),
                 u"stonecaster-journal"_s);
        QCOMPARE(SqlitePeek::value(path(), u"SELECT value FROM journal_meta WHERE meta_key = 'version'"_s).toInt(), 1);
    }

    void openCreatesMissingFolders()
    {
        const QString nested = path(u"a/b/c/journal.sqlite"_s);
        Journal j;
        const Status s = j.open(nested);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(QFileInfo(nested).isFile());
    }

    void openTwiceIsRefused()
    {
        Journal j;
        QVERIFY(j.open(path()).ok());
        const Status again = j.open(path(u"other.sqlite"_s));
        QVERIFY(!again.ok());
        QVERIFY2(again.error().contains(u"already open"_s), qPrintable(again.error()));
        QCOMPARE(j.path(), path()); // still the first journal
        DeploymentEvent e = started(u"dep"_s, 1, u"billing"_s);
        QVERIFY(j.append(e).ok());
        QVERIFY(!QFileInfo::exists(path(u"other.sqlite"_s)));
    }

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
        const QString error = SqlitePeek::exec(path(), {u"CREATE TABLE foo (bar TEXT)"_s, u"INSERT INTO foo VALUES ('keep me')"_s});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QByteArray before = readAll(path());
        QVERIFY(!before.isEmpty());
        {
            Journal j;
            const Status s = j.open(path());
            QVERIFY(!s.ok());
            QVERIFY2(s.error().contains(u"not a StoneCaster journal"_s), qPrintable(s.error()));
            QVERIFY2(s.error().contains(path()), qPrintable(s.error()));
            QVERIFY(!j.isOpen());
        }
        QCOMPARE(SqlitePeek::column(path(), u"SELECT bar FROM foo"_s), QVariantList{u"keep me"_s});
        QCOMPARE(SqlitePeek::column(path(), u"SELECT name FROM sqlite_master WHERE name = 'journal_meta'"_s), QVariantList{});
        QCOMPARE(SqlitePeek::value(path(), u"PRAGMA journal_mode"_s).toString().toLower(), u"delete"_s);
        QCOMPARE(readAll(path()), before);
    }

    void newerJournalIsRefused()
    {
        QVERIFY(!makeJournal().isEmpty());
        const QString error = SqlitePeek::exec(path(), {u"UPDATE journal_meta SET value = '999' WHERE meta_key = 'version'"_s});
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
        QCOMPARE(readAll(path()), before);
        QCOMPARE(SqlitePeek::value(path(), u"SELECT count(*) FROM events"_s).toInt(), 2);
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
        if (sqliteEmpty) {
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
        QCOMPARE(SqlitePeek::value(path(), u"SELECT count(*) FROM events"_s).toInt(), 1);
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
        const QString error = SqlitePeek::exec(
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
        const QString error = SqlitePeek::exec(path(), {u"UPDATE events SET payload = '{not json' WHERE seq = 2"_s});
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

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
