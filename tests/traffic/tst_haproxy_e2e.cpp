// HaproxyController against a real HAProxy from the build root, started on free ports with
// its Runtime API on TCP and on a UNIX socket: weights set and read back, HAProxy's own
// refusals passed on, and the fake used by the fast tests checked against the real answers.
#include "../e2e/realserver.h"
#include "fakehaproxy.h"
#include "traffic/haproxycontroller.h"

#include <QDeadlineTimer>
#include <QFile>
#include "trafficresultwait.h"

#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int WaitMs = 10000;

TrafficResult waitFor(QSignalSpy &spy)
{
    return waitForResult(spy, WaitMs);
}

// Sends one command line the way the controller does and returns the raw answer.
QByteArray rawAnswer(const QString &address, const QByteArray &command)
{
    HaproxyRuntimeCommand c(HaproxyRuntimeCommand::parseAddress(address).value(), command);
    QSignalSpy spy(&c, &HaproxyRuntimeCommand::finished);
    c.start();
    if (!spy.wait(WaitMs) || !c.ok())
        return "<" + c.error().english().toUtf8() + ">";
    return c.answer();
}

} // namespace

class TestHaproxyE2e : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (m_haproxy.findProgram().isEmpty())
            QFAIL("haproxy is not installed; run the tests through packaging/buildroot run");
        const quint16 statsPort = RealServer::freePort();
        m_tcpAddress = QStringLiteral("127.0.0.1:%1").arg(statsPort);
        m_unixAddress = QStringLiteral("unix:%1/admin.sock").arg(m_haproxy.workDir());
        // No daemon, chroot or user switch; no health checks, so the servers need not exist.
        const QString config = QStringLiteral(R"(global
    stats socket ipv4@127.0.0.1:%1 level admin
    stats socket %2/admin.sock mode 600 level admin
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
backend app
    server blue 127.0.0.1:%3 weight 100
    server green 127.0.0.1:%4 weight 0
frontend web
    bind 127.0.0.1:%5
    default_backend app
)")
                                   .arg(statsPort)
                                   .arg(m_haproxy.workDir())
                                   .arg(RealServer::freePort())
                                   .arg(RealServer::freePort())
                                   .arg(RealServer::freePort());
        const QString path = m_haproxy.workDir() + QStringLiteral("/haproxy.cfg");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(config.toUtf8());
        file.close();
        QVERIFY2(m_haproxy.start({QStringLiteral("-f"), path, QStringLiteral("-db")}), qPrintable(m_haproxy.error()));

        // Ready when the Runtime API answers on both sockets.
        QDeadlineTimer deadline(30000);
        for (const QString &address : {m_tcpAddress, m_unixAddress}) {
            while (!rawAnswer(address, "get weight app/blue").startsWith("100 ")) {
                if (deadline.hasExpired())
                    QFAIL(qPrintable(QStringLiteral("HAProxy's runtime API at %1 did not answer:\n%2").arg(address, m_haproxy.output())));
                QTest::qWait(100);
            }
        }
    }

    void init()
    {
        // Every test starts all blue.
        QCOMPARE(rawAnswer(m_tcpAddress, "set server app/blue weight 100"), QByteArray("\n"));
        QCOMPARE(rawAnswer(m_tcpAddress, "set server app/green weight 0"), QByteArray("\n"));
    }

    void setsAndReadsBackThePlan_data()
    {
        QTest::addColumn<bool>("unixSocket");
        QTest::newRow("tcp") << false;
        QTest::newRow("unix socket") << true;
    }
    void setsAndReadsBackThePlan()
    {
        QFETCH(bool, unixSocket);
        HaproxyController controller(config(unixSocket ? m_unixAddress : m_tcpAddress));
        QSignalSpy spy(&controller, &TrafficController::applied);
        for (int green : {5, 10, 25, 50, 100, 0}) {
            controller.apply(green);
            const TrafficResult r = waitFor(spy);
            QVERIFY2(r.ok, qPrintable(r.message.english() + u'\n' + r.details));
            QCOMPARE(r.greenPercent, green);
            QCOMPARE(r.greenWeight, green);
            QCOMPARE(r.blueWeight, 100 - green);
            // Checked independently of the controller's own read-back.
            QCOMPARE(rawAnswer(m_tcpAddress, "get weight app/green"), QStringLiteral("%1 (initial 0)\n\n").arg(green).toUtf8());
        }
        QSignalSpy observed(&controller, &TrafficController::observed);
        controller.read();
        const TrafficResult r = waitFor(observed);
        QVERIFY(r.ok);
        QCOMPARE(r.greenPercent, 0);
    }

    void reportsHaproxysOwnRefusal_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("greenServer");
        QTest::addColumn<QString>("haproxySays");
        QTest::newRow("wrong server name") << "app" << "greeen" << "No such server.";
        QTest::newRow("wrong backend") << "ap" << "green" << "No such backend.";
    }
    void reportsHaproxysOwnRefusal()
    {
        QFETCH(QString, backend);
        QFETCH(QString, greenServer);
        QFETCH(QString, haproxySays);
        HaproxyTrafficConfig c = config(m_tcpAddress);
        c.backend = backend;
        c.greenServer = greenServer;
        HaproxyController controller(c);
        QSignalSpy spy(&controller, &TrafficController::observed);
        controller.read();
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().endsWith(QLatin1String(": ") + haproxySays), qPrintable(r.message.english()));

        QSignalSpy applied(&controller, &TrafficController::applied);
        controller.apply(10);
        const TrafficResult a = waitFor(applied);
        QVERIFY(!a.ok);
        QVERIFY2(a.message.english().startsWith(QLatin1String("HAProxy refused `set server ")), qPrintable(a.message.english()));
        QVERIFY2(a.message.english().endsWith(QLatin1String(": ") + haproxySays), qPrintable(a.message.english()));
    }

    // The fake in tst_haproxycontroller answers what HAProxy answers.
    void fakeAnswersLikeHaproxy_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::newRow("set") << QByteArray("set server app/green weight 10");
        QTest::newRow("get") << QByteArray("get weight app/green");
        QTest::newRow("set unknown server") << QByteArray("set server app/nope weight 10");
        QTest::newRow("get unknown server") << QByteArray("get weight app/nope");
        QTest::newRow("set unknown backend") << QByteArray("set server nope/green weight 10");
        QTest::newRow("get unknown backend") << QByteArray("get weight nope/green");
        QTest::newRow("set without server") << QByteArray("set server app weight 10");
        QTest::newRow("weight over 256") << QByteArray("set server app/green weight 300");
    }
    void fakeAnswersLikeHaproxy()
    {
        QFETCH(QByteArray, command);
        FakeHaproxy fake;
        fake.addServer(QStringLiteral("app/blue"), 100);
        fake.addServer(QStringLiteral("app/green"), 0);
        QCOMPARE(fake.answer(command), rawAnswer(m_tcpAddress, command));
    }

    void cleanupTestCase() { m_haproxy.stop(); }

private:
    static HaproxyTrafficConfig config(const QString &address)
    {
        HaproxyTrafficConfig c;
        c.address = address;
        c.backend = QStringLiteral("app");
        return c;
    }

    RealServer m_haproxy{QStringLiteral("haproxy")};
    QString m_tcpAddress;
    QString m_unixAddress;
};

QTEST_GUILESS_MAIN(TestHaproxyE2e)
#include "tst_haproxy_e2e.moc"
