// Journal: events appended and read back, sequences per deployment, the deployment list, stored runbooks, WAL, opening.
// On a SQLite file and on PostgreSQL (journaltarget.h).
#include "journaltestbase.h"

class TestJournal : public QObject, protected JournalTestBase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { makeFolder(); }
    void cleanup() { m_target.reset(); }

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
        QCOMPARE(m_target->value(path(), u"SELECT count(*) FROM events WHERE item_id IS NULL"_s).toInt(), 2);

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
        QCOMPARE(m_target->value(path(), u"SELECT count(*) FROM runbooks"_s).toInt(), 1);

        const auto stored = j.runbook(first.value());
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        QCOMPARE(stored.value().sha256, expectedSha);
        QCOMPARE(stored.value().text, text);
        QCOMPARE(stored.value().name, u"deploy.md"_s); // the first name stays

        const auto other = j.storeRunbook(u"deploy.md"_s, text + u"- [ ] b\n"_s);
        QVERIFY(other.ok());
        QVERIFY(other.value() != first.value());
        QCOMPARE(m_target->value(path(), u"SELECT count(*) FROM runbooks"_s).toInt(), 2);
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
        SKIP_ON_POSTGRES("SQLite's WAL file");
        Journal j;
        QVERIFY(j.open(path()).ok());
        DeploymentEvent e = started(u"dep"_s, 1, u"billing"_s);
        QVERIFY(j.append(e).ok());
        QCOMPARE(m_target->value(path(), u"PRAGMA journal_mode"_s).toString().toLower(), u"wal"_s);
        QVERIFY(QFileInfo::exists(path() + u"-wal"_s));
        // The format is recorded so a later version can recognise (and refuse) the file.
        QCOMPARE(m_target->value(path(), u"SELECT value FROM journal_meta WHERE meta_key = 'format'"_s).toString(),
                 u"stonecaster-journal"_s);
        QCOMPARE(m_target->value(path(), u"SELECT value FROM journal_meta WHERE meta_key = 'version'"_s).toInt(), Journal::FormatVersion);
    }

    void openCreatesMissingFolders()
    {
        SKIP_ON_POSTGRES("folders of a SQLite file");
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
        QVERIFY(m_target->isEmpty(path(u"other.sqlite"_s)));
    }

};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
