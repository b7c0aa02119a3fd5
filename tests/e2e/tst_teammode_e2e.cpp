// Team mode end to end: real stonecaster-console processes on the tests' PostgreSQL server
// (tests/journal/postgres-server), as a team runs them on several machines.
// - Connecting fails with one clear line and exit 1 headless: a wrong password, a server
//   certificate that is not trusted, a database that does not exist.
// - Two consoles: a watcher's rollback request reaches the driving console at once; another
//   driver takes control and the console that drove says who did and stops; a watcher's
//   login cannot take control.
// - Three consoles on one deployment against one simulator: the driving one is killed
//   (SIGKILL) in the middle of the traffic shift; the database lets exactly one of the two
//   watching consoles act on the automatic trigger that follows, and both show who did.
#include "consoleprocess.h"
#include "realserver.h"
#include "../journal/journaltarget.h"

#include "core/clockfactory.h"
#include "journal/journal.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTeamModeE2e : public QObject
{
    Q_OBJECT

    std::unique_ptr<JournalTarget> m_target;
    QTemporaryDir m_dir;

    // A new journal database, created by its owner as docs/team.md says.
    QString newJournal(const QString &name)
    {
        const QString db = m_target->database(name);
        Journal owner;
        const Status created = owner.open(m_target->uri(db, u"stonecaster"_s));
        if (!created)
            qWarning("%s", qPrintable(created.error()));
        return db;
    }

    static QProcessEnvironment headlessEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PGPASSWORD"})
            env.remove(QString::fromLatin1(name));
        return env;
    }

    // The demo's profile pointed at a standalone simulator, without the demo's bound scripts.
    QString profileFor(const QString &simulatorUrl)
    {
        QFile f(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/profiles/demo.json"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QByteArray json = f.readAll();
        json.replace("http://127.0.0.1:9464", simulatorUrl.toUtf8());
        QJsonObject profile = QJsonDocument::fromJson(json).object();
        profile.remove(u"bindings"_s);
        QJsonObject traffic = profile.value(u"traffic"_s).toObject();
        traffic.insert(u"demo"_s, QJsonObject{{u"url"_s, simulatorUrl}});
        profile.insert(u"traffic"_s, traffic);
        const QString path = m_dir.filePath(u"team-profile.json"_s);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(QJsonDocument(profile).toJson());
        return path;
    }

    int count(const QString &db, const QString &where) const
    {
        return m_target->value(m_target->uri(db, u"stonecaster"_s), u"SELECT count(*) FROM events WHERE "_s + where).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!JournalTarget::isPostgres())
            QSKIP("team mode needs the tests' PostgreSQL server (ctest runs this test with it)");
        m_target = std::make_unique<JournalTarget>();
        QVERIFY2(m_target->isValid(), qPrintable(m_target->error()));
    }
    void cleanupTestCase() { m_target.reset(); }

    void connectionFailuresSayOneThing_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QStringList>("parts");
        QTest::newRow("wrong password") << u"alice"_s << u"postgres"_s << u"sslmode=disable"_s << u"not-her-password"_s
                                        << QStringList{u"password authentication failed for user \"alice\""_s, u"PGPASSWORD"_s};
        QTest::newRow("server certificate not trusted") << u"alice"_s << u"postgres"_s << u"sslmode=verify-full&sslrootcert=system"_s << QString()
                                                        << QStringList{u"certificate verify failed"_s, u"sslrootcert"_s};
        QTest::newRow("no such database") << u"alice"_s << u"no_such_journal"_s << u"sslmode=disable"_s << QString()
                                          << QStringList{u"database \"no_such_journal\" does not exist"_s, u"create the database"_s};
    }
    void connectionFailuresSayOneThing()
    {
        QFETCH(QString, user);
        QFETCH(QString, database);
        QFETCH(QString, options);
        QFETCH(QString, password);
        QFETCH(QStringList, parts);
        QProcessEnvironment env = headlessEnvironment();
        if (!password.isEmpty())
            env.insert(u"PGPASSWORD"_s, password); // libpq prefers it to the password file
        ConsoleProcess console;
        const QString uri = m_target->uri(database, user, options);
        console.start({u"--headless"_s, u"--demo"_s, u"--journal"_s, uri}, env);
        QVERIFY(console.waitForExit(60'000));
        QCOMPARE(console.exitCode(), 1);
        QVERIFY2(console.lines().isEmpty(), qPrintable(console.transcript()));
        const QStringList err = console.errorLines();
        QVERIFY2(err.size() == 1, qPrintable(err.join(u'\n')));
        QVERIFY2(err.first().startsWith(u"stonecaster-console: %1: cannot connect to the journal database: "_s.arg(uri)), qPrintable(err.first()));
        for (const QString &part : parts)
            QVERIFY2(err.first().contains(part), qPrintable(err.first()));
        if (!password.isEmpty())
            QVERIFY(!err.first().contains(password));
    }

    void twoConsolesRequestAndTakeControl()
    {
        const QString db = newJournal(u"two"_s);
        ConsoleProcess alice;
        alice.start({u"--headless"_s, u"--demo"_s, u"--journal"_s, m_target->uri(db, u"alice"_s)}, headlessEnvironment());
        const QString header = alice.waitFor(u"deployment "_s, 60'000);
        QVERIFY2(!header.isEmpty(), qPrintable(alice.transcript()));
        const QString id = header.section(u' ', 1, 1);

        ConsoleProcess bob;
        bob.start({u"--headless"_s, u"--request-rollback"_s, u"p99 doubled on the on-call board"_s, u"--journal"_s, m_target->uri(db, u"bob"_s)},
                  headlessEnvironment());
        QVERIFY(bob.waitForExit(60'000));
        QVERIFY2(bob.exitCode() == 0, qPrintable(bob.transcript()));
        QCOMPARE(bob.lines(), QStringList{u"requested rollback of %1 as bob: p99 doubled on the on-call board"_s.arg(id)});
        QVERIFY2(!alice.waitFor(u"request rollback requested by bob: p99 doubled on the on-call board"_s, 60'000).isEmpty(), qPrintable(alice.transcript()));

        // A watcher's login cannot take control; a driver's can, and the other console is told.
        ConsoleProcess bobTakes;
        bobTakes.start({u"--headless"_s, u"--demo"_s, u"--take-control"_s, u"--deployment"_s, id, u"--journal"_s, m_target->uri(db, u"bob"_s)},
                       headlessEnvironment());
        QVERIFY(bobTakes.waitForExit(60'000));
        QCOMPARE(bobTakes.exitCode(), 1);
        QVERIFY2(bobTakes.errorLines().join(u'\n').contains(u"bob is a watcher's login"_s), qPrintable(bobTakes.transcript()));
        QVERIFY2(alice.isRunning(), qPrintable(alice.transcript()));

        ConsoleProcess carol;
        carol.start({u"--headless"_s, u"--demo"_s, u"--take-control"_s, u"--deployment"_s, id, u"--journal"_s, m_target->uri(db, u"carol"_s)},
                    headlessEnvironment());
        QVERIFY2(!carol.waitFor(u"control taken from alice as carol"_s, 60'000).isEmpty(), qPrintable(carol.transcript()));
        QVERIFY(alice.waitForExit(60'000));
        QCOMPARE(alice.exitCode(), 1);
        QVERIFY2(alice.lines().last().contains(u"done error (another console took the deployment over: carol on "_s), qPrintable(alice.transcript()));
        QCOMPARE(count(db, u"kind = 'control-taken' AND operator_name = 'carol' AND payload::jsonb->>'from' = 'alice'"_s), 1);
        QCOMPARE(count(db, u"kind = 'rollback-requested' AND operator_name = 'bob'"_s), 1);
        carol.terminate();
    }

    void threeConsolesAndTheLeaderKilled()
    {
        const QString db = newJournal(u"three"_s);
        constexpr auto Scale = "30";
        // The simulator and the consoles on one scaled timeline: a console refuses --time-scale with
        // a profile otherwise (a real environment keeps real time).
        QProcessEnvironment scaled = headlessEnvironment();
        scaled.insert(QString::fromLatin1(TimeOriginVariable), QString::number(QDateTime::currentMSecsSinceEpoch()));
        ConsoleProcess sim(QStringLiteral(STONECASTER_SIM));
        sim.start({u"--scenario"_s, u"error-spike"_s, u"--time-scale"_s, QString::fromLatin1(Scale)}, scaled);
        const QString listening = sim.waitFor(u"listening on "_s, 20'000);
        QVERIFY2(!listening.isEmpty(), qPrintable(sim.transcript()));
        const QString url = listening.section(u"listening on "_s, 1).trimmed();
        const QString profile = profileFor(url);
        QVERIFY(!profile.isEmpty());
        const auto console = [&](const QString &user, const QStringList &more) {
            auto p = std::make_unique<ConsoleProcess>();
            p->start(QStringList{u"--headless"_s, u"--profile"_s, profile, u"--time-scale"_s, QString::fromLatin1(Scale), u"--journal"_s,
                                 m_target->uri(db, user)}
                         + more,
                     scaled);
            return p;
        };
        auto alice = console(u"alice"_s, {u"--auto-advance"_s});
        const QString header = alice->waitFor(u"deployment "_s, 60'000);
        QVERIFY2(!header.isEmpty(), qPrintable(alice->transcript()));
        const QString id = header.section(u' ', 1, 1);
        auto bob = console(u"bob"_s, {u"--watch"_s, u"--deployment"_s, id});
        auto dave = console(u"dave"_s, {u"--watch"_s, u"--deployment"_s, id});
        QVERIFY2(!bob->waitFor(u"role Watching as bob: alice drives"_s, 60'000).isEmpty(), qPrintable(bob->transcript()));
        QVERIFY2(!dave->waitFor(u"role Watching as dave: alice drives"_s, 60'000).isEmpty(), qPrintable(dave->transcript()));

        // alice's console moves green to 10 %, where the simulated errors begin, and is killed
        // as soon as that step landed: long before the errors reach the automatic trigger.
        const QString landed = u"deployment_id = '%1' AND kind = 'traffic-applied' AND payload::jsonb->>'commanded' = '10' "
                               "AND payload::jsonb->>'ok' = 'true'"_s.arg(id);
        QTRY_VERIFY_WITH_TIMEOUT(count(db, landed) == 1 || !alice->isRunning(), 120'000);
        QVERIFY2(alice->isRunning(), qPrintable(alice->transcript()));
        alice->kill();
        const int aliceEvents = count(db, u"deployment_id = '%1'"_s.arg(id));
        QCOMPARE(count(db, u"deployment_id = '%1' AND kind = 'rollback-started'"_s.arg(id)), 0);

        // Exactly one of the watching consoles acts, chosen by the database.
        const QString started = u"deployment_id = '%1' AND kind = 'rollback-started'"_s.arg(id);
        QTRY_VERIFY_WITH_TIMEOUT(count(db, started) >= 1, 90'000);
        const QString leader = m_target->value(m_target->uri(db, u"stonecaster"_s), u"SELECT operator_name FROM events WHERE "_s + started).toString();
        QVERIFY2(leader == u"bob"_s || leader == u"dave"_s, qPrintable(leader));
        const QString zeroApplied = u"deployment_id = '%1' AND kind = 'traffic-applied' AND payload::jsonb->>'commanded' = '0' "
                                    "AND payload::jsonb->>'ok' = 'true'"_s.arg(id);
        QTRY_VERIFY_WITH_TIMEOUT(count(db, zeroApplied) >= 1, 30'000);
        QTest::qWait(3000); // a second console acting would have written by now
        QCOMPARE(count(db, started), 1);
        QCOMPARE(count(db, started + u" AND payload::jsonb->>'automatic' = 'true'"_s), 1);
        const QString zeroCommands = u"deployment_id = '%1' AND kind = 'traffic-commanded' AND payload::jsonb->>'green' = '0'"_s.arg(id);
        QVERIFY(count(db, zeroCommands) >= 1);
        QCOMPARE(count(db, zeroCommands + u" AND operator_name = '%1' AND payload::jsonb->>'automatic' = 'true'"_s.arg(leader)), count(db, zeroCommands));
        QCOMPARE(count(db, u"deployment_id = '%1' AND operator_name = 'alice' AND seq > %2"_s.arg(id).arg(aliceEvents)), 0);
        // Both watching consoles show it, and who acted; only the leader says it sent it.
        for (ConsoleProcess *watching : {bob.get(), dave.get()})
            QVERIFY2(!watching->waitFor(u"event rollback-started #"_s, 60'000).isEmpty() && watching->waitFor(u"event rollback-started #"_s, 0).contains(u" by "_s + leader),
                     qPrintable(watching->transcript()));
        ConsoleProcess *acted = leader == u"bob"_s ? bob.get() : dave.get();
        ConsoleProcess *other = leader == u"bob"_s ? dave.get() : bob.get();
        QVERIFY2(!acted->waitFor(u"(sent by this console)"_s, 0).isEmpty(), qPrintable(acted->transcript()));
        QVERIFY2(other->waitFor(u"(sent by this console)"_s, 0).isEmpty(), qPrintable(other->transcript()));
        // And the simulator has everything on blue.
        QNetworkAccessManager network;
        const RealServer::Exchange traffic = RealServer::exchange(network, "GET", QUrl(url + u"/api/traffic"_s));
        QCOMPARE(traffic.status, 200);
        QCOMPARE(QJsonDocument::fromJson(traffic.body).object().value(u"green"_s).toInt(-1), 0);
    }
};

QTEST_GUILESS_MAIN(TestTeamModeE2e)
#include "tst_teammode_e2e.moc"
