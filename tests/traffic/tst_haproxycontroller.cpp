// HaproxyController against a fake Runtime API: the commands it sends and in which order,
// weights read back, HAProxy's refusals passed on verbatim, and a server that closes or
// never answers.
#include "fakehaproxy.h"
#include "traffic/haproxycontroller.h"

#include <QElapsedTimer>
#include "trafficresultwait.h"

#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int WaitMs = 5000;

TrafficResult waitFor(QSignalSpy &spy)
{
    return waitForResult(spy, WaitMs);
}

HaproxyTrafficConfig configFor(const FakeHaproxy &fake)
{
    HaproxyTrafficConfig c;
    c.address = fake.address();
    c.backend = QStringLiteral("app");
    c.blueServer = QStringLiteral("blue");
    c.greenServer = QStringLiteral("green");
    return c;
}

} // namespace

class TestHaproxyController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeHaproxy>();
        QVERIFY(m_fake->listen());
        m_fake->addServer(QStringLiteral("app/blue"), 100);
        m_fake->addServer(QStringLiteral("app/green"), 0);
    }

    void parsesWeightAnswers_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("weight");
        QTest::newRow("haproxy 3.0") << QByteArray("10 (initial 100)\n\n") << 10;
        QTest::newRow("zero") << QByteArray("0 (initial 0)\n\n") << 0;
        QTest::newRow("no trailing newline") << QByteArray("256 (initial 1)") << 256;
        QTest::newRow("refusal") << QByteArray("No such server.\n\n") << -1;
        QTest::newRow("empty") << QByteArray() << -1;
        // Found by fuzz_haproxyreply's check that the weight read is the number written.
        QTest::newRow("digits past int are no weight, not 0") << QByteArray("99999999999 (initial 100)\n\n") << -1;
    }
    void parsesWeightAnswers()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, weight);
        QCOMPARE(HaproxyController::parseWeight(answer).value_or(-1), weight);
    }

    void mapsPercentToWeights_data()
    {
        QTest::addColumn<int>("green");
        QTest::addColumn<int>("scale");
        QTest::addColumn<int>("blueWeight");
        QTest::addColumn<int>("greenWeight");
        QTest::newRow("0% on 100") << 0 << 100 << 100 << 0;
        QTest::newRow("5% on 100") << 5 << 100 << 95 << 5;
        QTest::newRow("100% on 100") << 100 << 100 << 0 << 100;
        QTest::newRow("25% on 256") << 25 << 256 << 192 << 64;
        QTest::newRow("5% on 256 rounds") << 5 << 256 << 243 << 13;
    }
    void mapsPercentToWeights()
    {
        QFETCH(int, green);
        QFETCH(int, scale);
        QFETCH(int, blueWeight);
        QFETCH(int, greenWeight);
        QCOMPARE(HaproxyController::weightsFor(green, scale), std::make_pair(blueWeight, greenWeight));
    }

    void appliesAndReadsBack_data()
    {
        QTest::addColumn<int>("green");
        QTest::addColumn<QByteArrayList>("expectedCommands");
        QTest::newRow("first step, blue rises first") << 5 << QByteArrayList{"set server app/blue weight 95", "set server app/green weight 5",
                                                                      "get weight app/blue", "get weight app/green", "show servers state app"};
        QTest::newRow("all green, green rises first") << 100 << QByteArrayList{"set server app/green weight 100", "set server app/blue weight 0",
                                                                         "get weight app/blue", "get weight app/green", "show servers state app"};
        QTest::newRow("all blue") << 0 << QByteArrayList{"set server app/blue weight 100", "set server app/green weight 0",
                                                       "get weight app/blue", "get weight app/green", "show servers state app"};
    }
    void appliesAndReadsBack()
    {
        QFETCH(int, green);
        QFETCH(QByteArrayList, expectedCommands);
        HaproxyController controller(configFor(*m_fake));
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(green);
        QVERIFY(spy.isEmpty()); // never from inside apply()
        const TrafficResult r = waitFor(spy);
        QVERIFY2(r.ok, qPrintable(r.message.english()));
        QVERIFY(r.verified);
        QCOMPARE(r.operation, TrafficResult::Operation::Apply);
        QCOMPARE(r.commandedGreenPercent, green);
        QCOMPARE(r.greenPercent, green);
        QCOMPARE(r.bluePercent, 100 - green);
        QCOMPARE(r.greenWeight, green);
        QCOMPARE(r.blueWeight, 100 - green);
        QCOMPARE(m_fake->commands(), expectedCommands);
        QCOMPARE(m_fake->weight(QStringLiteral("app/green")), green);
        QVERIFY2(r.details.contains(QLatin1String("> get weight app/green")), qPrintable(r.details));
    }

    void backFromAllGreenNeverEmptiesTheBackend()
    {
        m_fake->addServer(QStringLiteral("app/blue"), 0);
        m_fake->addServer(QStringLiteral("app/green"), 100);
        HaproxyController controller(configFor(*m_fake));
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(0);
        QVERIFY(waitFor(spy).ok);
        // Blue up before green down: in between both serve, never neither.
        QCOMPARE(m_fake->commands().value(0), QByteArray("set server app/blue weight 100"));
    }

    void reads()
    {
        m_fake->addServer(QStringLiteral("app/blue"), 75);
        m_fake->addServer(QStringLiteral("app/green"), 25);
        HaproxyController controller(configFor(*m_fake));
        QSignalSpy spy(&controller, &TrafficController::observed);
        controller.read();
        const TrafficResult r = waitFor(spy);
        QVERIFY2(r.ok, qPrintable(r.message.english()));
        QCOMPARE(r.operation, TrafficResult::Operation::Read);
        QCOMPARE(r.commandedGreenPercent, -1);
        QCOMPARE(r.greenPercent, 25);
        QCOMPARE(r.bluePercent, 75);
        QCOMPARE(m_fake->commands(), (QByteArrayList{"get weight app/blue", "get weight app/green", "show servers state app"}));
    }

    // `get weight` is the configured weight: a green that is drained, in maintenance or DOWN
    // still reads 5 there but takes no new requests, so the split read back says 0 %.
    void aServerThatTakesNoRequestsCountsZero_data()
    {
        QTest::addColumn<int>("operational");
        QTest::addColumn<int>("admin");
        QTest::addColumn<QString>("state");
        QTest::newRow("drain") << 2 << 0x08 << "draining";
        QTest::newRow("maintenance") << 2 << 0x01 << "in maintenance";
        QTest::newRow("down") << 0 << 0 << "DOWN";
    }
    void aServerThatTakesNoRequestsCountsZero()
    {
        QFETCH(int, operational);
        QFETCH(int, admin);
        QFETCH(QString, state);
        HaproxyController controller(configFor(*m_fake));
        QSignalSpy applied(&controller, &TrafficController::applied);
        controller.apply(5);
        QVERIFY2(waitFor(applied).ok, "a running green takes its share");
        m_fake->setServerState(QStringLiteral("app/green"), operational, admin);
        QSignalSpy observed(&controller, &TrafficController::observed);
        controller.read();
        const TrafficResult r = waitFor(observed);
        QVERIFY2(r.ok, qPrintable(r.message.english()));
        QVERIFY(r.verified);
        QCOMPARE(r.greenWeight, 5); // as configured
        QCOMPARE(r.blueWeight, 95);
        QCOMPARE(r.greenPercent, 0); // as served
        QCOMPARE(r.bluePercent, 100);
        QVERIFY2(r.message.english().contains(QStringLiteral("green is %1").arg(state)), qPrintable(r.message.english()));
        // A step commanded now does not land, and says why.
        controller.apply(10);
        const TrafficResult step = waitFor(applied);
        QVERIFY(!step.ok);
        QVERIFY2(step.message.english().contains(state), qPrintable(step.message.english()));
    }

    void serversStateIsParsed()
    {
        const QByteArray real = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight "
                                "srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state "
                                "bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr "
                                "srv_agent_addr srv_agent_port\n"
                                "3 app 1 blue 127.0.0.1 2 0 95 100 41 6 3 4 6 0 0 0 - 18081 - 0 0 - - 0\n"
                                "3 app 2 green 127.0.0.1 2 8 5 100 3 6 3 4 6 0 0 0 - 18082 - 0 0 - - 0\n\n";
        const auto servers = HaproxyController::parseServersState(real);
        QVERIFY2(servers.ok(), qPrintable(servers.error()));
        QCOMPARE(servers.value().size(), 2);
        QCOMPARE(HaproxyController::notServing(servers.value().value(QStringLiteral("blue"))).english(), QString());
        QCOMPARE(HaproxyController::notServing(servers.value().value(QStringLiteral("green"))).english(), QStringLiteral("draining"));
        const auto refused = HaproxyController::parseServersState("Can't find backend.\n\n");
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QLatin1String("Can't find backend.")), qPrintable(refused.error()));
    }

    void reportsRefusalsVerbatim_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("greenServer");
        QTest::addColumn<QString>("haproxySays");
        QTest::newRow("wrong server name") << "app" << "greeen" << "No such server.";
        QTest::newRow("wrong backend") << "ap" << "green" << "No such backend.";
    }
    void reportsRefusalsVerbatim()
    {
        QFETCH(QString, backend);
        QFETCH(QString, greenServer);
        QFETCH(QString, haproxySays);
        HaproxyTrafficConfig config = configFor(*m_fake);
        config.backend = backend;
        config.greenServer = greenServer;
        HaproxyController controller(config);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(10);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().endsWith(QLatin1String(": ") + haproxySays), qPrintable(r.message.english()));
        QVERIFY2(r.message.english().contains(QLatin1String("`set server ")), qPrintable(r.message.english()));
        QCOMPARE(r.greenPercent, -1);
    }

    void refusedSetStillReadsBack()
    {
        m_fake->setBehaviourFor("set server app/green", FakeHaproxy::Behaviour::RefuseSet);
        HaproxyController controller(configFor(*m_fake));
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(10);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QCOMPARE(r.message.english(), QStringLiteral("HAProxy refused `set server app/green weight 10`: ") + QLatin1String(FakeHaproxy::StaticAlgorithmRefusal));
        // Blue was already lowered: the result says so instead of leaving it unknown.
        QCOMPARE(r.blueWeight, 90);
        QCOMPARE(r.greenWeight, 0);
        QCOMPARE(r.greenPercent, 0);
        QCOMPARE(m_fake->commands().size(), 5);
    }

    void closedWithoutAnswerFails()
    {
        m_fake->setBehaviour(FakeHaproxy::Behaviour::CloseWithoutAnswer);
        HaproxyController controller(configFor(*m_fake));
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(5);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().contains(QLatin1String("closed the connection without answering `set server app/blue weight 95`")), qPrintable(r.message.english()));
    }

    void neverAnsweringTimesOut_data()
    {
        QTest::addColumn<QByteArray>("silentOn");
        QTest::addColumn<QString>("inProgress");
        QTest::newRow("silent on set") << QByteArray("set") << "no answer to `set server app/blue weight 90`";
        QTest::newRow("silent on get") << QByteArray("get") << "no answer to `get weight app/blue`";
    }
    void neverAnsweringTimesOut()
    {
        QFETCH(QByteArray, silentOn);
        QFETCH(QString, inProgress);
        m_fake->setBehaviourFor(silentOn, FakeHaproxy::Behaviour::NeverAnswer);
        HaproxyController controller(configFor(*m_fake));
        controller.setTimeoutMs(300);
        QSignalSpy spy(&controller, &TrafficController::applied);
        QElapsedTimer timer;
        timer.start();
        controller.apply(10);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(timer.elapsed() < 3000, "the timeout did not end the operation");
        QVERIFY2(r.message.english().contains(QLatin1String("did not finish within 300 ms")), qPrintable(r.message.english()));
        QVERIFY2(r.message.english().contains(inProgress), qPrintable(r.message.english()));
        // The next operation runs normally after a timeout.
        m_fake->setBehaviourFor({}, FakeHaproxy::Behaviour::Answer);
        QSignalSpy readSpy(&controller, &TrafficController::observed);
        controller.read();
        QVERIFY(waitFor(readSpy).ok);
        QCOMPARE(spy.count(), 0); // the timed-out operation reported once
    }

    void unreachableAddressFails()
    {
        HaproxyTrafficConfig config = configFor(*m_fake);
        const quint16 port = m_fake->port();
        m_fake.reset(); // nothing listens there now
        config.address = QStringLiteral("127.0.0.1:%1").arg(port);
        HaproxyController controller(config);
        QSignalSpy spy(&controller, &TrafficController::observed);
        controller.read();
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().contains(QStringLiteral("cannot connect to 127.0.0.1:%1").arg(port)), qPrintable(r.message.english()));
    }

    void readBackDifferentFromCommandedFails()
    {
        m_fake->setBehaviour(FakeHaproxy::Behaviour::IgnoreSet);
        HaproxyController controller(configFor(*m_fake));
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(10);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QCOMPARE(r.commandedGreenPercent, 10);
        QCOMPARE(r.greenPercent, 0);
        QVERIFY2(r.message.english().startsWith(QLatin1String("commanded 10% green, but HAProxy runtime API at")), qPrintable(r.message.english()));
        QVERIFY2(r.message.english().contains(QLatin1String("reports 0% green")), qPrintable(r.message.english()));
    }

    void appliesGoAheadOfQueuedReads()
    {
        HaproxyController controller(configFor(*m_fake));
        QList<std::pair<char, int>> results;
        connect(&controller, &TrafficController::applied, this, [&](const TrafficResult &r) { results.append({'a', r.greenPercent}); });
        connect(&controller, &TrafficController::observed, this, [&](const TrafficResult &r) { results.append({'r', r.greenPercent}); });
        controller.read();
        controller.apply(5);
        controller.read();
        QCOMPARE(controller.queuedCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 3, WaitMs);
        QCOMPARE(results, (QList<std::pair<char, int>>{{'a', 5}, {'r', 5}, {'r', 5}}));
        QVERIFY(!controller.isBusy());
    }

    void anApplyInterruptsARunningRead()
    {
        m_fake->setBehaviourFor("get weight", FakeHaproxy::Behaviour::NeverAnswer);
        HaproxyController controller(configFor(*m_fake));
        controller.setTimeoutMs(20000);
        QSignalSpy reads(&controller, &TrafficController::observed);
        QSignalSpy applies(&controller, &TrafficController::applied);
        controller.read();
        QVERIFY(QTest::qWaitFor([&] { return m_fake->commands().size() == 1; }, WaitMs)); // the read hangs at HAProxy
        m_fake->setBehaviourFor({}, FakeHaproxy::Behaviour::Answer);
        QElapsedTimer timer;
        timer.start();
        controller.apply(0);
        QTRY_COMPARE_WITH_TIMEOUT(applies.count(), 1, WaitMs);
        QVERIFY2(timer.elapsed() < 5000, "the rollback waited for the read's timeout");
        QVERIFY(applies.at(0).at(0).value<TrafficResult>().ok);
        QCOMPARE(reads.count(), 1);
        const TrafficResult interrupted = reads.at(0).at(0).value<TrafficResult>();
        QVERIFY(!interrupted.ok);
        QCOMPARE(interrupted.message.english(), QStringLiteral("read interrupted by a command to 0% green"));
    }

    void laterApplySupersedesQueuedOnes()
    {
        HaproxyController controller(configFor(*m_fake));
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(10);
        QVERIFY(QTest::qWaitFor([&] { return controller.isBusy(); }, WaitMs)); // 10% is on its way
        controller.apply(25); // waits behind 10%...
        controller.apply(50); // ...and is superseded by a later step
        QCOMPARE(controller.queuedCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 3, WaitMs);
        const TrafficResult superseded = spy.at(0).at(0).value<TrafficResult>();
        QVERIFY(!superseded.ok);
        QCOMPARE(superseded.commandedGreenPercent, 25);
        QCOMPARE(superseded.message.english(), QStringLiteral("not sent: superseded by a later command to 50% green"));
        QCOMPARE(spy.at(1).at(0).value<TrafficResult>().commandedGreenPercent, 10);
        QVERIFY(spy.at(1).at(0).value<TrafficResult>().ok); // a step on its way is finished, not cut off
        QCOMPARE(spy.at(2).at(0).value<TrafficResult>().greenPercent, 50);
        QVERIFY(!m_fake->commands().contains("set server app/green weight 25"));
    }

    void aRollbackInterruptsTheStepOnItsWay()
    {
        m_fake->setBehaviourFor("get weight", FakeHaproxy::Behaviour::NeverAnswer);
        HaproxyController controller(configFor(*m_fake));
        controller.setTimeoutMs(20000);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(10);
        // 10% is set and its read-back hangs at HAProxy.
        QVERIFY(QTest::qWaitFor([&] { return m_fake->commands().size() >= 3; }, WaitMs));
        m_fake->setBehaviourFor({}, FakeHaproxy::Behaviour::Answer);
        controller.apply(25); // queued, then superseded by the rollback
        QElapsedTimer timer;
        timer.start();
        controller.apply(0);
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 3, WaitMs);
        QVERIFY2(timer.elapsed() < 5000, "the rollback waited for the step's timeout");
        QList<TrafficResult> results;
        for (const QList<QVariant> &args : spy)
            results << args.at(0).value<TrafficResult>();
        const auto byPercent = [&](int percent) {
            for (const TrafficResult &r : results) {
                if (r.commandedGreenPercent == percent)
                    return r;
            }
            return TrafficResult{};
        };
        QVERIFY(!byPercent(25).ok);
        QVERIFY(!byPercent(10).ok);
        QVERIFY2(byPercent(10).message.english().startsWith(QLatin1String("interrupted by a command to 0% green")), qPrintable(byPercent(10).message.english()));
        QVERIFY(byPercent(0).ok);
        QCOMPARE(byPercent(0).greenPercent, 0);
        QCOMPARE(m_fake->weight(QStringLiteral("app/green")), 0);
    }

    void refusesOutOfRangePercent()
    {
        HaproxyController controller(configFor(*m_fake));
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(101);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QCOMPARE(r.message.english(), QStringLiteral("cannot command 101% green: traffic shares are 0..100%"));
        QVERIFY(m_fake->commands().isEmpty());
    }

    void parsesAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("normalised"); // empty: refused
        QTest::newRow("ipv4") << "127.0.0.1:9999" << "127.0.0.1:9999";
        QTest::newRow("haproxy.cfg spelling") << "ipv4@127.0.0.1:9999" << "127.0.0.1:9999";
        QTest::newRow("ipv6") << "[::1]:9999" << "[::1]:9999";
        QTest::newRow("host name") << "lb.internal:9999" << "lb.internal:9999";
        QTest::newRow("unix") << "unix:/run/haproxy/admin.sock" << "unix:/run/haproxy/admin.sock";
        QTest::newRow("unix haproxy.cfg spelling") << "unix@/run/haproxy/admin.sock" << "unix:/run/haproxy/admin.sock";
        QTest::newRow("no port") << "127.0.0.1" << "";
        QTest::newRow("port out of range") << "127.0.0.1:70000" << "";
        QTest::newRow("unix without path") << "unix:" << "";
        QTest::newRow("empty") << "" << "";
    }
    void parsesAddresses()
    {
        QFETCH(QString, address);
        QFETCH(QString, normalised);
        const Result<HaproxyEndpoint> e = HaproxyRuntimeCommand::parseAddress(address);
        QCOMPARE(e.ok(), !normalised.isEmpty());
        if (e)
            QCOMPARE(e.value().toString(), normalised);
        else
            QVERIFY2(e.error().contains(QLatin1String("127.0.0.1:9999")), qPrintable(e.error())); // shows an example
    }

private:
    std::unique_ptr<FakeHaproxy> m_fake;
};

QTEST_GUILESS_MAIN(TestHaproxyController)
#include "tst_haproxycontroller.moc"
