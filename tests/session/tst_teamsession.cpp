// Team mode: consoles of several people on one deployment through a shared PostgreSQL journal
// (the tests' server, tests/journal/postgres-server), each ConsoleSession with its own
// connection and login: alice and carol drive (stonecaster_driver), bob and dave watch
// (stonecaster_watcher). Events cross both ways as they are stored, the database decides who
// may write what and records who did (also for a raw SQL connection), control is taken
// explicitly and the console that lost it says so, and a watcher's rollback request reaches
// the driver at once.
#include "session/consolesession.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "metrics/samplearchive.h"
#include "metrics/samplestore.h"
#include "../journal/journaltarget.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestTeamSession : public QObject
{
    Q_OBJECT

    std::unique_ptr<JournalTarget> m_target;
    QString m_db;
    ManualClock m_clock{1'800'000'000'000};

    QString as(const QString &user) const { return m_target->uri(m_db, user); }

    std::unique_ptr<ConsoleSession> console(const QString &user)
    {
        auto session = std::make_unique<ConsoleSession>(&m_clock);
        const Status opened = session->openJournal(as(user));
        if (!opened) {
            qWarning("%s", qPrintable(opened.error()));
            return nullptr;
        }
        if (!session->loadRunbook({}).ok())
            return nullptr;
        return session;
    }

    // A connection of a person with psql: what the database itself lets the login do.
    struct Psql {
        QString name;
        QSqlDatabase db;
        Psql(const JournalTarget &target, const QString &database, const QString &user)
            : name(u"psql-"_s + user + QString::number(quintptr(this)))
        {
            db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            db.setHostName(target.host());
            db.setPort(target.port());
            db.setDatabaseName(database);
            db.setUserName(user);
            db.setConnectOptions(u"sslmode=disable"_s);
            db.open();
        }
        ~Psql()
        {
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
        }
        // Empty when the statement ran, else the database's refusal.
        QString run(const QString &sql)
        {
            QSqlQuery q(db);
            return q.exec(sql) ? QString() : q.lastError().databaseText();
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        if (!JournalTarget::isPostgres())
            QSKIP("team mode needs the tests' PostgreSQL server (ctest runs this test with it)");
        m_target = std::make_unique<JournalTarget>();
        QVERIFY2(m_target->isValid(), qPrintable(m_target->error()));
    }
    void init()
    {
        m_db = m_target->database(QString::fromLatin1(QTest::currentTestFunction()).toLower());
        // The database's owner opens it once and so creates the journal (docs/team.md).
        Journal owner;
        const Status created = owner.open(as(u"stonecaster"_s));
        QVERIFY2(created.ok(), qPrintable(created.error()));
    }
    void cleanupTestCase() { m_target.reset(); }

    // A driver's login may not create the journal's tables: the owner does, once.
    void onlyTheOwnerCreatesTheJournal()
    {
        Journal alice;
        const Status refused = alice.open(m_target->uri(m_target->database(u"fresh"_s), u"alice"_s));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(u"may not create its tables"_s) && refused.error().contains(u"owner"_s), qPrintable(refused.error()));
    }

    void eventsCrossBothWays()
    {
        auto alice = console(u"alice"_s);
        auto bob = console(u"bob"_s);
        QVERIFY(alice && bob);
        QVERIFY(alice->isTeamMode());
        QCOMPARE(alice->identity(), u"alice"_s);
        QVERIFY(alice->mayDrive());
        QCOMPARE(bob->identity(), u"bob"_s);
        QVERIFY(!bob->mayDrive());
        // The typed name does not count: the database says who is there.
        QVERIFY(alice->startDeployment(u"checkout"_s, u"v2"_s, u"someone-else"_s).ok());
        QVERIFY(alice->isDriving());
        QCOMPARE(alice->deployment()->state().startedBy, u"alice"_s);
        QVERIFY(bob->openDeployment(alice->deployment()->id(), u"anyone"_s).ok());
        QVERIFY(!bob->isDriving());
        QVERIFY(bob->deployment()->isReadOnly());
        QCOMPARE(bob->driverName(), u"alice"_s);
        QVERIFY2(bob->roleText().startsWith(u"Watching as bob: alice drives"_s), qPrintable(bob->roleText()));
        QCOMPARE(alice->roleText(), u"Driving as alice"_s);

        // alice -> bob: through LISTEN/NOTIFY, nothing polls here.
        const QString item = alice->deployment()->runbook().checkableItems().first()->id;
        QSignalSpy bobSaw(bob->deployment(), &Deployment::eventApplied);
        QVERIFY(alice->deployment()->check(item).ok());
        QTRY_COMPARE_WITH_TIMEOUT(bob->deployment()->state().item(item).status, ItemState::Status::Done, 1000);
        QCOMPARE(bob->deployment()->state().item(item).by, u"alice"_s);
        QCOMPARE(bobSaw.size(), 1);
        QCOMPARE(bobSaw.first().at(1).toBool(), true); // from elsewhere

        // bob -> alice: a watcher adds a note.
        QVERIFY(bob->deployment()->setNote(item, u"latency fine on my dashboard"_s).ok());
        QTRY_COMPARE_WITH_TIMEOUT(alice->deployment()->state().item(item).note, u"latency fine on my dashboard"_s, 1000);
        QCOMPARE(alice->deployment()->state().item(item).noteBy, u"bob"_s);
        QCOMPARE(alice->deployment()->state().lastSeq, bob->deployment()->state().lastSeq);

        // What a watcher cannot do is refused by the console (and would be by the database).
        const Status check = bob->deployment()->check(alice->deployment()->runbook().checkableItems().at(1)->id);
        QVERIFY(!check.ok());
        QVERIFY2(check.error().contains(u"bob watches"_s), qPrintable(check.error()));
        const Status start = bob->startDeployment(u"checkout"_s, u"v3"_s, u"bob"_s);
        QVERIFY(!start.ok());
        QVERIFY2(start.error().contains(u"watcher's login"_s), qPrintable(start.error()));
        const Status take = bob->takeControl();
        QVERIFY(!take.ok());
        QVERIFY2(take.error().contains(u"stonecaster_driver"_s), qPrintable(take.error()));
    }

    // The roles are the database's: a watcher writing with psql is refused as the console is,
    // and whoever writes, the journal records the login.
    void theDatabaseEnforcesRolesAndIdentity()
    {
        auto alice = console(u"alice"_s);
        QVERIFY(alice && alice->startDeployment(u"checkout"_s, u"v2"_s, {}).ok());
        const QString id = alice->deployment()->id();
        const QString item = alice->deployment()->runbook().checkableItems().first()->id;
        Psql bob(*m_target, m_db, u"bob"_s);
        QVERIFY2(bob.db.isOpen(), qPrintable(bob.db.lastError().text()));
        const auto insert = [&](qint64 seq, const QString &kind, const QString &payload, const QString &who = u"alice"_s) {
            return u"INSERT INTO events (deployment_id, seq, at_ms, operator_name, kind, item_id, payload) VALUES ('%1', %2, 1, '%3', '%4', '%5', '%6')"_s
                .arg(id)
                .arg(seq)
                .arg(who, kind, item, payload);
        };
        const qint64 next = alice->deployment()->state().lastSeq + 1;
        for (const auto &[kind, payload] : QList<std::pair<QString, QString>>{{u"item-checked"_s, u"{}"_s},
                                                                             {u"traffic-commanded"_s, u"{\"green\":100,\"automatic\":false}"_s},
                                                                             {u"traffic-commanded"_s, u"{\"green\":0,\"automatic\":true}"_s},
                                                                             {u"rollback-started"_s, u"{\"automatic\":true}"_s},
                                                                             {u"step-started"_s, u"{\"procedure\":\"rollback\"}"_s},
                                                                             {u"check-ran"_s, u"{\"ok\":true}"_s},
                                                                             {u"deployment-closed"_s, u"{\"outcome\":\"completed\"}"_s},
                                                                             {u"control-taken"_s, u"{\"from\":\"alice\"}"_s}}) {
            const QString refusal = bob.run(insert(next, kind, payload));
            QVERIFY2(refusal.contains(u"bob is a watcher"_s), qPrintable(kind + u": "_s + refusal));
        }
        for (const QString &sql : {u"UPDATE events SET payload = '{}' WHERE deployment_id = '%1'"_s.arg(id), u"DELETE FROM events"_s,
                                   u"INSERT INTO deployment_locks VALUES ('x', 't', 'bob', 'h', 1, 1, 1)"_s,
                                   u"UPDATE deployment_locks SET token = 'mine'"_s, u"INSERT INTO samples VALUES ('%1', 'error_rate', 'green', 1, 0.5)"_s.arg(id),
                                   u"INSERT INTO runbooks VALUES ('%1', 'r.md', 'x', 1)"_s.arg(QString(64, u'a'))}) {
            const QString refusal = bob.run(sql);
            QVERIFY2(refusal.contains(u"permission denied"_s), qPrintable(sql + u": "_s + refusal));
        }
        // What a watcher may write, it writes under its own name whatever it claims.
        const QString note = bob.run(insert(next, u"note-set"_s, u"{\"text\":\"from psql\"}"_s));
        QVERIFY2(note.isEmpty(), qPrintable(note));
        const QString request = bob.run(insert(next + 1, u"rollback-requested"_s, u"{\"reason\":\"5xx\"}"_s, u"carol"_s));
        QVERIFY2(request.isEmpty(), qPrintable(request));
        QCOMPARE(m_target->column(as(u"stonecaster"_s), u"SELECT operator_name FROM events WHERE seq >= %1 ORDER BY seq"_s.arg(next)),
                 (QVariantList{u"bob"_s, u"bob"_s}));
        // Out of order or twice is refused for everyone.
        QVERIFY2(bob.run(insert(next + 5, u"note-set"_s, u"{}"_s)).contains(u"out of order"_s), "gap");
        QVERIFY2(!bob.run(insert(next, u"note-set"_s, u"{}"_s)).isEmpty(), "twice");
        // A driver's psql is held to its login too.
        Psql alicePsql(*m_target, m_db, u"alice"_s);
        QVERIFY(alicePsql.run(insert(next + 2, u"item-checked"_s, u"{}"_s, u"bob"_s)).isEmpty());
        QCOMPARE(m_target->value(as(u"stonecaster"_s), u"SELECT operator_name FROM events WHERE seq = %1"_s.arg(next + 2)).toString(), u"alice"_s);
        QVERIFY2(alicePsql.run(u"DELETE FROM events"_s).contains(u"permission denied"_s), "append-only");
        // And the console that drives reads all of it.
        QTRY_COMPARE_WITH_TIMEOUT(alice->deployment()->state().lastSeq, next + 2, 1000);
        QCOMPARE(alice->deployment()->state().rollbackRequests.size(), 1);
        QCOMPARE(alice->deployment()->state().rollbackRequests.first().by, u"bob"_s);
    }

    // carol takes control from alice: journaled with both names; alice's console notices at
    // once (not on its next heartbeat), says who took over and writes nothing more.
    void takeControlIsAnnouncedToThePreviousDriver()
    {
        auto alice = console(u"alice"_s);
        auto carol = console(u"carol"_s);
        QVERIFY(alice && carol);
        QVERIFY(alice->startDeployment(u"checkout"_s, u"v2"_s, {}).ok());
        QVERIFY(carol->openDeployment(alice->deployment()->id(), {}).ok());
        QVERIFY(!carol->isDriving()); // in a team nobody drives by accident
        QVERIFY2(carol->deployment()->readOnlyReason().contains(u"Take control"_s), qPrintable(carol->deployment()->readOnlyReason()));
        QVERIFY(carol->takeControlAllowed().ok());
        QSignalSpy aliceLock(alice.get(), &ConsoleSession::lockChanged);
        QSignalSpy aliceSaw(alice->deployment(), &Deployment::eventApplied);
        const Status taken = carol->takeControl();
        QVERIFY2(taken.ok(), qPrintable(taken.error()));
        QVERIFY(carol->isDriving());
        QCOMPARE(carol->roleText(), u"Driving as carol"_s);
        QTRY_COMPARE_WITH_TIMEOUT(aliceLock.size(), 1, 1000);
        QCOMPARE(aliceLock.first().first().toBool(), false);
        QVERIFY(!alice->isDriving());
        QCOMPARE(alice->driverName(), u"carol"_s);
        const QList<ControlChange> &changes = alice->deployment()->state().controlChanges;
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().from, u"alice"_s);
        QCOMPARE(changes.first().to, u"carol"_s);
        QVERIFY(!aliceSaw.isEmpty());
        const QString item = alice->deployment()->runbook().checkableItems().first()->id;
        QVERIFY(!alice->deployment()->check(item).ok());
        QVERIFY(carol->deployment()->check(item).ok());
        QTRY_COMPARE_WITH_TIMEOUT(alice->deployment()->state().item(item).by, u"carol"_s, 1000);
        // And back: alice takes it again, carol is told.
        QVERIFY(alice->takeControl().ok());
        QTRY_VERIFY_WITH_TIMEOUT(!carol->isDriving(), 1000);
        QCOMPARE(alice->deployment()->state().controlChanges.size(), 2);
    }

    void aRollbackRequestReachesTheDriverAtOnce()
    {
        auto alice = console(u"alice"_s);
        auto bob = console(u"bob"_s);
        QVERIFY(alice && bob);
        QVERIFY(alice->startDeployment(u"checkout"_s, u"v2"_s, {}).ok());
        QVERIFY(bob->openDeployment(alice->deployment()->id(), {}).ok());
        QSignalSpy request(alice->deployment(), &Deployment::eventApplied);
        QVERIFY(!bob->requestRollback(u"  "_s).ok()); // a request says why
        QVERIFY(bob->requestRollback(u"checkout p99 doubled on the on-call dashboard"_s).ok());
        QTRY_COMPARE_WITH_TIMEOUT(request.size(), 1, 1000);
        const DeploymentEvent e = request.first().first().value<DeploymentEvent>();
        QCOMPARE(e.kind, DeploymentEvent::Kind::RollbackRequested);
        QCOMPARE(e.operatorName, u"bob"_s);
        QCOMPARE(e.payload.value(u"reason"_s).toString(), u"checkout p99 doubled on the on-call dashboard"_s);
        QCOMPARE(alice->deployment()->state().rollbackRequests.size(), 1);
    }

    // The driver's console stores its samples in the shared database; a watcher that opens
    // the deployment later draws all of them, though it may not write any itself.
    void aConsoleThatJoinsLateDrawsTheWholeHistory()
    {
        auto alice = console(u"alice"_s);
        QVERIFY(alice && alice->startDeployment(u"checkout"_s, u"v2"_s, {}).ok());
        const QString id = alice->deployment()->id();
        const qint64 start = alice->deployment()->state().startedAtMs;
        const SeriesKey p95{Metric::ResponseTime, Color::Green};
        QList<SampleArchive::Entry> written;
        for (int i = 0; i < 30; ++i)
            written.append({p95, {start + i * 5'000, 180.0 + i}});
        QVERIFY(SampleArchive(alice->journal()).write(id, written).ok());

        auto bob = console(u"bob"_s);
        QVERIFY(bob && bob->openDeployment(id, {}).ok());
        QVERIFY(!SampleArchive(bob->journal()).write(id, {{p95, {start + 999'000, 1.0}}}).ok()); // a watcher's login writes none
        MetricsSession metrics(&m_clock);
        const Status attached = metrics.attachDeployment(bob->journal(), id, start, false);
        QVERIFY2(attached.ok(), qPrintable(attached.error()));
        const std::vector<Sample> &drawn = metrics.store()->samples(p95);
        QCOMPARE(drawn.size(), size_t(written.size()));
        QCOMPARE(drawn.front().timeMs, start);
        QCOMPARE(drawn.back().value, 180.0 + 29);
    }
};

QTEST_GUILESS_MAIN(TestTeamSession)
#include "tst_teamsession.moc"
