// DemoController against the real demo simulator (in-process, 127.0.0.1, free port): the
// plan's steps applied and read back through its traffic API, and what it refuses.
#include "sim/demoserver.h"
#include "traffic/democontroller.h"

#include "core/clock.h"

#include "trafficresultwait.h"

#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int WaitMs = 10000;

TrafficResult waitFor(QSignalSpy &spy)
{
    return waitForResult(spy, WaitMs);
}

} // namespace

class TestDemoController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<DemoServer>(&m_clock, DemoScenario::Healthy);
        const Result<quint16> port = m_server->listen(0);
        QVERIFY2(port, qPrintable(port.error()));
    }
    void cleanup() { m_server.reset(); }

    void appliesThePlan_data()
    {
        QTest::addColumn<QList<int>>("steps");
        QTest::newRow("reference plan") << QList<int>{0, 5, 10, 25, 50, 100};
        QTest::newRow("forward then back to blue") << QList<int>{5, 10, 0};
    }
    void appliesThePlan()
    {
        QFETCH(QList<int>, steps);
        DemoController controller(DemoTrafficConfig{m_server->baseUrl()});
        QSignalSpy spy(&controller, &TrafficController::applied);
        for (int green : steps) {
            controller.apply(green);
            const TrafficResult r = waitFor(spy);
            QVERIFY2(r.ok, qPrintable(r.message.english()));
            QVERIFY(r.verified);
            QCOMPARE(r.greenPercent, green);
            QCOMPARE(r.bluePercent, 100 - green);
            QCOMPARE(m_server->weights().green, green);
            QCOMPARE(m_server->weights().blue, 100 - green);
        }
    }

    void readsWhatTheSimulatorHas()
    {
        QVERIFY(m_server->setWeights(3, 1));
        DemoController controller(DemoTrafficConfig{m_server->baseUrl()});
        QSignalSpy spy(&controller, &TrafficController::observed);
        controller.read();
        const TrafficResult r = waitFor(spy);
        QVERIFY2(r.ok, qPrintable(r.message.english()));
        QCOMPARE(r.blueWeight, 3);
        QCOMPARE(r.greenWeight, 1);
        QCOMPARE(r.greenPercent, 25);
        QVERIFY2(r.details.contains(QLatin1String("> GET ")), qPrintable(r.details));
    }

    void simulatorGoneIsAFailureNamingTheUrl()
    {
        const QUrl url = m_server->baseUrl();
        m_server.reset();
        DemoController controller(DemoTrafficConfig{url});
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(5);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().startsWith(QStringLiteral("PUT %1/api/traffic failed: ").arg(url.toString())), qPrintable(r.message.english()));
        QCOMPARE(controller.description().english(), QStringLiteral("demo simulator at %1").arg(url.toString()));
    }

private:
    ManualClock m_clock;
    std::unique_ptr<DemoServer> m_server;
};

QTEST_GUILESS_MAIN(TestDemoController)
#include "tst_democontroller.moc"
