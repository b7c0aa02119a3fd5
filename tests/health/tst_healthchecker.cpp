// HealthChecker against a fake health endpoint (Qt HTTP Server on 127.0.0.1), a port with
// nothing listening, a server that accepts and never answers, and the demo simulator's
// /health/<color>. A ManualClock drives the interval wherever the test counts requests.
#include "../common/loopbackserver.h"
#include "../common/selfsignedtls.h"
#include "health/healthchecker.h"

#include "core/clock.h"
#include "sim/demoserver.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSignalSpy>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <list>

Q_DECLARE_METATYPE(DemoScenario)

namespace {

constexpr int WaitMs = 10000;

// GET /ok 200, /down 503, /hold never answers until release(), /away redirects to another
// origin, /moved redirects to /ok on the same origin, /huge answers 1 MiB and a byte; every
// request is counted per path.
class FakeHealthServer : public QAbstractHttpServer
{
public:
    bool listenLocal(const QSslConfiguration *tls = nullptr)
    {
        m_port = LoopbackServer::listen(this, tls);
        if (tls)
            m_scheme = QStringLiteral("https");
        return m_port != 0;
    }
    QUrl url(const QString &path) const { return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(m_scheme).arg(m_port).arg(path)); }
    int count(const QString &path) const { return requests.count(path); }
    int held() const { return int(m_held.size()); }
    void release(int status = 200)
    {
        for (QHttpServerResponder &responder : m_held)
            write(responder, status, R"({"status":"ok"})", {});
        m_held.clear();
    }

    QStringList requests;

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override
    {
        const QString path = request.url().path();
        requests << path;
        if (path == QLatin1String("/ok"))
            write(responder, 200, R"({"status":"ok"})", {});
        else if (path == QLatin1String("/down"))
            write(responder, 503, R"({"status":"down","reason":"database unreachable"})", {});
        else if (path == QLatin1String("/hold"))
            m_held.push_back(std::move(responder));
        else if (path == QLatin1String("/away"))
            write(responder, 302, {}, "http://127.0.0.2:1/ok");
        else if (path == QLatin1String("/moved"))
            write(responder, 301, {}, "/ok");
        else if (path == QLatin1String("/huge"))
            write(responder, 200, QByteArray(HealthChecker::MaxAnswerBytes + 1, ' '), {});
        else
            write(responder, 404, "no such page", {});
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder) override
    {
        responder.write(QHttpServerResponder::StatusCode::NotFound);
    }

private:
    static void write(QHttpServerResponder &responder, int status, const QByteArray &body, const QByteArray &location)
    {
        QHttpHeaders headers;
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
        if (!location.isEmpty())
            headers.append(QHttpHeaders::WellKnownHeader::Location, location);
        responder.write(body, headers, QHttpServerResponder::StatusCode(status));
    }

    std::list<QHttpServerResponder> m_held;
    quint16 m_port = 0;
    QString m_scheme = QStringLiteral("http");
};

// Accepts connections and never says a word.
class SilentServer : public QTcpServer
{
public:
    bool listenLocal() { return listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(serverPort())); }

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(handle);
    }
};

quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort(); // closed when probe goes
}

QString verdict(std::optional<bool> healthy)
{
    return !healthy ? QStringLiteral("unknown") : *healthy ? QStringLiteral("healthy") : QStringLiteral("unhealthy");
}

HealthCheckConfig config(const QUrl &url, qint64 intervalMs = 1000, int timeoutMs = 5000)
{
    return HealthCheckConfig{url, intervalMs, timeoutMs};
}

} // namespace

class TestHealthChecker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeHealthServer>();
        QVERIFY(m_server->listenLocal());
    }
    void cleanup() { m_server.reset(); }

    void unknownUntilChecked()
    {
        HealthChecker checker(&m_clock);
        QCOMPARE(verdict(checker.healthy(QStringLiteral("green"))), verdict(std::nullopt)); // not configured
        checker.setCheck(QStringLiteral("green"), config(m_server->url(QStringLiteral("/ok"))));
        QCOMPARE(verdict(checker.healthy(QStringLiteral("green"))), verdict(std::nullopt)); // not checked yet
        QCOMPARE(checker.lastCheckedMs(QStringLiteral("green")), qint64(0));
        QVERIFY(checker.message(QStringLiteral("green")).english().isEmpty());
    }

    void verdicts_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("healthy");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("200 is healthy") << "/ok" << true << "200 OK from http://127.0.0.1:";
        QTest::newRow("503 is unhealthy, with status and body") << "/down" << false << "503 Service Unavailable from";
        QTest::newRow("404 is unhealthy") << "/nothing-here" << false << "404";
        QTest::newRow("same-origin redirect is followed") << "/moved" << true << "/ok";
        QTest::newRow("redirect to another origin is refused") << "/away" << false << "not on http://127.0.0.1:";
        QTest::newRow("an answer over 1 MiB is unhealthy") << "/huge" << false << "more than the 1 MiB this console reads from it";
    }
    void verdicts()
    {
        QFETCH(QString, path);
        QFETCH(bool, healthy);
        QFETCH(QString, messagePart);
        HealthChecker checker(&m_clock);
        QSignalSpy changed(&checker, &HealthChecker::changed);
        checker.setCheck(QStringLiteral("green"), config(m_server->url(path)));
        checker.checkNow();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, WaitMs);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("green"));
        QCOMPARE(verdict(checker.healthy(QStringLiteral("green"))), verdict(healthy));
        const QString message = checker.message(QStringLiteral("green")).english();
        QVERIFY2(message.contains(messagePart), qPrintable(message));
        QCOMPARE(checker.lastCheckedMs(QStringLiteral("green")), m_clock.nowMs());
        if (path == QLatin1String("/down"))
            QVERIFY2(message.contains(QStringLiteral("database unreachable")), qPrintable(message));
        if (path == QLatin1String("/away"))
            QCOMPARE(m_server->count(QStringLiteral("/ok")), 0); // never followed
    }

    void connectionRefused()
    {
        const quint16 port = closedPort();
        QVERIFY(port);
        HealthChecker checker(&m_clock);
        QSignalSpy changed(&checker, &HealthChecker::changed);
        checker.setCheck(QStringLiteral("green"), config(QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(port))));
        checker.checkNow();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, WaitMs);
        QCOMPARE(verdict(checker.healthy(QStringLiteral("green"))), verdict(false));
        QVERIFY2(checker.message(QStringLiteral("green")).english().contains(QStringLiteral("connection refused")),
                 qPrintable(checker.message(QStringLiteral("green")).english()));
    }

    void timesOut()
    {
        SilentServer silent;
        QVERIFY(silent.listenLocal());
        HealthChecker checker(&m_clock);
        QSignalSpy changed(&checker, &HealthChecker::changed);
        checker.setCheck(QStringLiteral("green"), config(silent.url(), 1000, 300));
        QElapsedTimer elapsed;
        elapsed.start();
        checker.checkNow();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, WaitMs);
        QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(verdict(checker.healthy(QStringLiteral("green"))), verdict(false));
        QVERIFY2(checker.message(QStringLiteral("green")).english().contains(QStringLiteral("No answer from green's health endpoint at %1 within 300 ms").arg(silent.url().toString())),
                 qPrintable(checker.message(QStringLiteral("green")).english()));
    }

    // A self-signed certificate (made here by the openssl command) is not trusted: the check
    // fails closed with a TLS message and nothing reaches the endpoint.
    void tlsErrorIsUnhealthy()
    {
        if (!SelfSignedTls::available())
            QSKIP("the openssl command is not installed; TLS is not tested");
        QSslConfiguration tls;
        const QString made = SelfSignedTls::make(&tls);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        FakeHealthServer server;
        QVERIFY(server.listenLocal(&tls));

        HealthChecker checker(&m_clock);
        QSignalSpy changed(&checker, &HealthChecker::changed);
        checker.setCheck(QStringLiteral("green"), config(server.url(QStringLiteral("/ok"))));
        checker.checkNow();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, WaitMs);
        QCOMPARE(verdict(checker.healthy(QStringLiteral("green"))), verdict(false));
        const QString message = checker.message(QStringLiteral("green")).english();
        QVERIFY2(message.contains(QStringLiteral("TLS certificate error connecting to host 127.0.0.1")), qPrintable(message));
        QCOMPARE(server.count(QStringLiteral("/ok")), 0);
    }

    // A failure shows at once, and recovery too: no retries, no smoothing.
    void failureAndRecoveryShowAtOnce()
    {
        HealthChecker checker(&m_clock);
        checker.setCheck(QStringLiteral("green"), config(m_server->url(QStringLiteral("/ok"))));
        checker.start();
        QTRY_COMPARE_WITH_TIMEOUT(verdict(checker.healthy(QStringLiteral("green"))), verdict(true), WaitMs);
        checker.setCheck(QStringLiteral("green"), config(m_server->url(QStringLiteral("/down"))));
        QTRY_COMPARE_WITH_TIMEOUT(verdict(checker.healthy(QStringLiteral("green"))), verdict(false), WaitMs);
        const int requests = m_server->requests.size();
        checker.setCheck(QStringLiteral("green"), config(m_server->url(QStringLiteral("/ok"))));
        QTRY_COMPARE_WITH_TIMEOUT(verdict(checker.healthy(QStringLiteral("green"))), verdict(true), WaitMs);
        QCOMPARE(m_server->requests.size(), requests + 1);
        checker.stop();
    }

    // The same verdict and message again does not emit changed().
    void changedOnlyOnChange()
    {
        HealthChecker checker(&m_clock);
        QSignalSpy changed(&checker, &HealthChecker::changed);
        checker.setCheck(QStringLiteral("blue"), config(m_server->url(QStringLiteral("/ok")), 1000));
        checker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->count(QStringLiteral("/ok")), 1, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, WaitMs);
        for (int i = 2; i <= 4; ++i) {
            m_clock.advanceMs(1000);
            QTRY_COMPARE_WITH_TIMEOUT(m_server->count(QStringLiteral("/ok")), i, WaitMs);
            QTRY_VERIFY_WITH_TIMEOUT(!checker.isChecking(QStringLiteral("blue")), WaitMs);
        }
        QCOMPARE(changed.count(), 1);
        QCOMPARE(checker.lastCheckedMs(QStringLiteral("blue")), m_clock.nowMs());
        checker.stop();
        m_clock.advanceMs(5000);
        QTest::qWait(100);
        QCOMPARE(m_server->count(QStringLiteral("/ok")), 4); // stopped
        QCOMPARE(verdict(checker.healthy(QStringLiteral("blue"))), verdict(true)); // kept
    }

    // An endpoint slower than the interval gets one request at a time, never a pile.
    void noPileUpWhenSlowerThanTheInterval()
    {
        HealthChecker checker(&m_clock);
        checker.setCheck(QStringLiteral("green"), config(m_server->url(QStringLiteral("/hold")), 1000, 8000));
        checker.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->held(), 1, WaitMs);
        for (int i = 0; i < 5; ++i) {
            m_clock.advanceMs(1000);
            checker.checkNow();
            QTest::qWait(20);
        }
        QTest::qWait(200);
        QCOMPARE(m_server->count(QStringLiteral("/hold")), 1);
        QVERIFY(checker.isChecking(QStringLiteral("green")));
        QCOMPARE(verdict(checker.healthy(QStringLiteral("green"))), verdict(std::nullopt));

        m_server->release(200);
        QTRY_COMPARE_WITH_TIMEOUT(verdict(checker.healthy(QStringLiteral("green"))), verdict(true), WaitMs);
        m_clock.advanceMs(1000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->count(QStringLiteral("/hold")), 2, WaitMs);
        checker.stop();
        QVERIFY(!checker.isChecking(QStringLiteral("green")));
    }

    void removingACheck()
    {
        HealthChecker checker(&m_clock);
        checker.setCheck(QStringLiteral("green"), config(m_server->url(QStringLiteral("/ok"))));
        checker.checkNow();
        QTRY_COMPARE_WITH_TIMEOUT(verdict(checker.healthy(QStringLiteral("green"))), verdict(true), WaitMs);
        QSignalSpy changed(&checker, &HealthChecker::changed);
        checker.setCheck(QStringLiteral("green"), {});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(verdict(checker.healthy(QStringLiteral("green"))), verdict(std::nullopt));
        QVERIFY(checker.colors().isEmpty());
    }

    // Under --time-scale 100 a 5 s interval would be 50 ms of real time; it stays >= 250 ms.
    void intervalFlooredUnderAFastClock()
    {
        ScaledClock fast(100.0);
        HealthChecker checker(&fast);
        checker.setCheck(QStringLiteral("green"), config(m_server->url(QStringLiteral("/ok")), 5000));
        QCOMPARE(checker.effectiveIntervalMs(QStringLiteral("green")), qint64(25000));
        checker.setCheck(QStringLiteral("green"), config(m_server->url(QStringLiteral("/ok")), 60000));
        QCOMPARE(checker.effectiveIntervalMs(QStringLiteral("green")), qint64(60000));
        HealthChecker normal(&m_clock);
        normal.setCheck(QStringLiteral("green"), config(m_server->url(QStringLiteral("/ok")), 5000));
        QCOMPARE(normal.effectiveIntervalMs(QStringLiteral("green")), qint64(5000));
    }

    void demoSimulator_data()
    {
        QTest::addColumn<DemoScenario>("scenario");
        QTest::addColumn<bool>("greenHealthy");
        QTest::newRow("healthy") << DemoScenario::Healthy << true;
        QTest::newRow("green down") << DemoScenario::GreenDown << false;
    }
    void demoSimulator()
    {
        QFETCH(DemoScenario, scenario);
        QFETCH(bool, greenHealthy);
        DemoServer sim(&m_clock, scenario);
        const Result<quint16> port = sim.listen(0);
        QVERIFY2(port, qPrintable(port.error()));
        HealthChecker checker(&m_clock);
        for (const QString &color : {QStringLiteral("blue"), QStringLiteral("green")})
            checker.setCheck(color, config(sim.baseUrl().resolved(QUrl(QStringLiteral("/health/") + color))));
        checker.start();
        QTRY_VERIFY_WITH_TIMEOUT(checker.healthy(QStringLiteral("blue")) && checker.healthy(QStringLiteral("green")), WaitMs);
        QCOMPARE(verdict(checker.healthy(QStringLiteral("blue"))), verdict(true));
        QCOMPARE(verdict(checker.healthy(QStringLiteral("green"))), verdict(greenHealthy));
        if (!greenHealthy) {
            const QString message = checker.message(QStringLiteral("green")).english();
            QVERIFY2(message.contains(QStringLiteral("503")) && message.contains(QStringLiteral("/health/green")), qPrintable(message));
        }
        checker.stop();
    }

private:
    ManualClock m_clock;
    std::unique_ptr<FakeHealthServer> m_server;
};

QTEST_GUILESS_MAIN(TestHealthChecker)
#include "tst_healthchecker.moc"
