// PrometheusClient against a fake Prometheus (Qt HTTP Server on 127.0.0.1): what it sends,
// and a clear message for every way the server or the network can fail.
#include "fakeprometheus.h"
#include "../common/selfsignedtls.h"
#include "metrics/prometheusclient.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <memory>

namespace {

using Answer = FakePrometheus::Answer;

constexpr int WaitMs = 10000;

// Waits for the reply and hands it back owned; the log shows any error as an operator reads it.
std::unique_ptr<PrometheusReply> wait(PrometheusReply *reply)
{
    std::unique_ptr<PrometheusReply> owned(reply);
    QSignalSpy spy(reply, &PrometheusReply::finished);
    if (!spy.wait(WaitMs) && spy.isEmpty())
        qWarning("reply did not finish within %d ms", WaitMs);
    if (reply->isFinished() && !reply->ok())
        qInfo().noquote() << "error:" << reply->error();
    return owned;
}

Answer answerWith(int status, const QByteArray &body, const QByteArray &contentType = "application/json")
{
    Answer a;
    a.status = status;
    a.body = body;
    a.contentType = contentType;
    return a;
}

// Answers every connection with headers at once and then one byte of the body every 20 ms:
// each byte restarts Qt's transfer timeout, so only an overall deadline ends the request.
class TricklingServer : public QTcpServer
{
public:
    int bytesSent = 0;

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(handle);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
            auto *timer = new QTimer(socket);
            connect(timer, &QTimer::timeout, socket, [this, socket] {
                socket->write(" ");
                ++bytesSent;
            });
            timer->start(20);
        });
    }
};

QStringList captured; // every message logged while a test installs the handler
void captureMessages(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    // The fake server's own debug output (Qt HTTP Server prints request headers) is not the client's.
    if (!QByteArrayView(context.category).startsWith("qt.httpserver"))
        captured << QString::fromUtf8(context.category) + QLatin1String(": ") + message;
}

} // namespace

class TestPrometheusClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatsSeconds_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("whole seconds") << qint64(1800000000000) << QByteArray("1800000000");
        QTest::newRow("milliseconds") << qint64(1800000000123) << QByteArray("1800000000.123");
        QTest::newRow("tenths") << qint64(1800000000500) << QByteArray("1800000000.5");
        QTest::newRow("leading zero") << qint64(1800000000005) << QByteArray("1800000000.005");
        QTest::newRow("a step of 250 ms") << qint64(250) << QByteArray("0.25");
        QTest::newRow("negative") << qint64(-1500) << QByteArray("-1.5");
    }
    void formatsSeconds()
    {
        QFETCH(qint64, ms);
        QFETCH(QByteArray, text);
        QCOMPARE(PrometheusClient::formatSeconds(ms), text);
    }

    void buildsEndpointUrls_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host only") << "http://prom:9090" << "http://prom:9090/api/v1/query";
        QTest::newRow("host with slash") << "http://prom:9090/" << "http://prom:9090/api/v1/query";
        QTest::newRow("path prefix") << "https://host/prometheus" << "https://host/prometheus/api/v1/query";
        QTest::newRow("path prefix with slash") << "https://host/prometheus/" << "https://host/prometheus/api/v1/query";
        QTest::newRow("deep prefix") << "https://host/a/b//" << "https://host/a/b/api/v1/query";
    }
    void buildsEndpointUrls()
    {
        QFETCH(QString, base);
        QFETCH(QString, expected);
        QCOMPARE(PrometheusClient::endpointUrl(QUrl(base), QStringLiteral("query")).toString(), expected);
    }

    void sendsInstantQueryAsForm()
    {
        FakePrometheus server;
        QVERIFY(server.listenLocal());
        PrometheusClient client;
        client.setBaseUrl(server.url(QStringLiteral("/prometheus/")));
        client.setAuthorization("Bearer s3cret");
        const QString expression = QStringLiteral(R"(sum(rate(http_requests_total{color="green",code=~"5.."}[1m])) / sum(rate(x[1m])) + 0 & "é")");
        auto reply = wait(client.query(expression, 1800000000123));

        QVERIFY2(reply->ok(), qPrintable(reply->error()));
        QCOMPARE(server.requestCount(), 1);
        const FakePrometheus::Request &r = server.requests().first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QStringLiteral("/prometheus/api/v1/query"));
        QVERIFY(r.contentType.startsWith("application/x-www-form-urlencoded"));
        QCOMPARE(r.form.value(QStringLiteral("query")), expression); // '+', '&', quotes, UTF-8 intact
        QCOMPARE(r.form.value(QStringLiteral("time")), QStringLiteral("1800000000.123"));
        QCOMPARE(r.authorization, QByteArray("Bearer s3cret"));
        // The default fake answers at the time asked: sample time == our clock time.
        QCOMPARE(reply->result().series.first().samples.front().timeMs, qint64(1800000000123));
        QCOMPARE(reply->url(), server.url(QStringLiteral("/prometheus/api/v1/query")));
    }

    void sendsRangeQuery()
    {
        FakePrometheus server;
        QVERIFY(server.listenLocal());
        PrometheusClient client;
        client.setBaseUrl(server.url());
        auto reply = wait(client.queryRange(QStringLiteral("up"), 1800000000000, 1800000010000, 2000));
        QVERIFY2(reply->ok(), qPrintable(reply->error()));
        const FakePrometheus::Request &r = server.requests().first();
        QCOMPARE(r.path, QStringLiteral("/api/v1/query_range"));
        QCOMPARE(r.form.value(QStringLiteral("start")), QStringLiteral("1800000000"));
        QCOMPARE(r.form.value(QStringLiteral("end")), QStringLiteral("1800000010"));
        QCOMPARE(r.form.value(QStringLiteral("step")), QStringLiteral("2"));
        QCOMPARE(reply->result().resultType, PrometheusResultType::Matrix);
        QCOMPARE(reply->result().series.first().samples.size(), size_t(6));
    }

    // Each bad behaviour of the server, end to end through the network.
    void handlesServerAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QStringList>("mentions"); // in the error, or "resultType:count:value" checks for ok rows
        QTest::addColumn<int>("seriesCount");
        QTest::addColumn<double>("value");

        const QByteArray json = "application/json";
        const double NaN = std::numeric_limits<double>::quiet_NaN();
        const double Inf = std::numeric_limits<double>::infinity();
        QTest::newRow("status error")
            << 200 << FakePrometheus::errorBody("internal", "broken") << json << false
            << QStringList{"internal", "broken", "/api/v1/query"} << 0 << 0.0;
        QTest::newRow("400 bad_data")
            << 400 << FakePrometheus::errorBody("bad_data", "1:1: parse error: unexpected end of input") << json << false
            << QStringList{"bad_data", "unexpected end of input", "HTTP 400"} << 0 << 0.0;
        QTest::newRow("422 execution")
            << 422 << FakePrometheus::errorBody("execution", "many-to-many matching not allowed") << json << false
            << QStringList{"execution", "many-to-many matching not allowed", "HTTP 422"} << 0 << 0.0;
        QTest::newRow("503 timeout")
            << 503 << FakePrometheus::errorBody("timeout", "query timed out") << json << false
            << QStringList{"timeout", "query timed out", "HTTP 503"} << 0 << 0.0;
        QTest::newRow("503 without body") << 503 << QByteArray() << json << false
                                          << QStringList{"HTTP 503 Service Unavailable", "empty body"} << 0 << 0.0;
        QTest::newRow("body not JSON")
            << 200 << QByteArray("<html><body>Please sign in</body></html>") << QByteArray("text/html") << false
            << QStringList{"not JSON", "\u00ab<html><body>Please sign in", "/api/v1/query"} << 0 << 0.0;
        QTest::newRow("NaN") << 200 << FakePrometheus::vectorBody(1800000000, {"NaN"}) << json << true << QStringList{}
                             << 1 << NaN;
        QTest::newRow("+Inf") << 200 << FakePrometheus::vectorBody(1800000000, {"+Inf"}) << json << true
                              << QStringList{} << 1 << Inf;
        QTest::newRow("-Inf") << 200 << FakePrometheus::vectorBody(1800000000, {"-Inf"}) << json << true
                              << QStringList{} << 1 << -Inf;
        QTest::newRow("empty vector") << 200 << FakePrometheus::vectorBody(1800000000, {}) << json << true
                                      << QStringList{} << 0 << 0.0;
        QTest::newRow("several series") << 200 << FakePrometheus::vectorBody(1800000000, {"1", "2", "3"}) << json
                                        << true << QStringList{} << 3 << 1.0;
        QTest::newRow("matrix") << 200 << FakePrometheus::matrixBody(1800000000, 2, 3) << json << true
                                << QStringList{} << 1 << 1800000000.0;
        QTest::newRow("scalar") << 200 << FakePrometheus::scalarBody(1800000000, "0.25") << json << true
                                << QStringList{} << 1 << 0.25;
    }
    void handlesServerAnswers()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(bool, ok);
        QFETCH(QStringList, mentions);
        QFETCH(int, seriesCount);
        QFETCH(double, value);

        FakePrometheus server;
        QVERIFY(server.listenLocal());
        server.setHandler([&](const FakePrometheus::Request &) { return answerWith(status, body, contentType); });
        PrometheusClient client;
        client.setBaseUrl(server.url());
        auto reply = wait(client.query(QStringLiteral("up"), 1800000000000));
        QVERIFY(reply->isFinished());
        QCOMPARE(reply->ok(), ok);
        if (!ok) {
            for (const QString &m : mentions)
                QVERIFY2(reply->error().contains(m), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(m, reply->error())));
            return;
        }
        QCOMPARE(int(reply->result().series.size()), seriesCount);
        if (seriesCount) {
            const double v = reply->result().series.first().samples.front().value;
            QVERIFY2((std::isnan(v) && std::isnan(value)) || v == value, qPrintable(QString::number(v)));
        }
    }

    void followsRedirectsOnlyWithinTheOrigin_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("location"); // %1 = the server's port
        QTest::addColumn<bool>("followed");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("307 to the same host") << 307 << "http://127.0.0.1:%1/moved/api/v1/query" << true << QStringList{};
        QTest::newRow("308 relative") << 308 << "/moved/api/v1/query" << true << QStringList{};
        QTest::newRow("302 to the same host stays a POST") << 302 << "/moved/api/v1/query" << true << QStringList{};
        QTest::newRow("to another host")
            << 307 << "http://localhost:%1/moved/api/v1/query" << false
            << QStringList{"redirected to http://localhost:", "/moved/api/v1/query", "same scheme, host and port", "http://127.0.0.1:"};
        QTest::newRow("to another scheme")
            << 301 << "https://127.0.0.1:%1/moved/api/v1/query" << false << QStringList{"redirected to https://127.0.0.1"};
        QTest::newRow("to another port")
            << 307 << "http://127.0.0.1:1/moved/api/v1/query" << false << QStringList{"redirected to http://127.0.0.1:1/"};
        QTest::newRow("without Location") << 302 << QString() << false << QStringList{"without saying where"};
        QTest::newRow("in a loop") << 307 << "/api/v1/query" << false << QStringList{"more than 5 times"};
    }
    void followsRedirectsOnlyWithinTheOrigin()
    {
        QFETCH(int, status);
        QFETCH(QString, location);
        QFETCH(bool, followed);
        QFETCH(QStringList, mentions);

        FakePrometheus server;
        QVERIFY(server.listenLocal());
        const QByteArray target =
            (location.contains(QLatin1String("%1")) ? location.arg(server.port()) : location).toUtf8();
        server.setHandler([&](const FakePrometheus::Request &r) {
            if (r.path.startsWith(QLatin1String("/moved/")))
                return FakePrometheus::defaultAnswer(r);
            Answer a = answerWith(status, QByteArray());
            a.location = target;
            return a;
        });
        PrometheusClient client;
        client.setBaseUrl(server.url());
        client.setAuthorization("Bearer token");
        auto reply = wait(client.query(QStringLiteral("up"), 1800000000000));
        QVERIFY(reply->isFinished());
        if (followed) {
            QVERIFY2(reply->ok(), qPrintable(reply->error()));
            QCOMPARE(server.requestCount(), 2);
            const FakePrometheus::Request &second = server.requests().at(1);
            QCOMPARE(second.path, QStringLiteral("/moved/api/v1/query"));
            QCOMPARE(second.method, QByteArray("POST"));
            QCOMPARE(second.form.value(QStringLiteral("query")), QStringLiteral("up"));
            QCOMPARE(second.authorization, QByteArray("Bearer token"));
        } else {
            QVERIFY(!reply->ok());
            for (const QString &m : mentions)
                QVERIFY2(reply->error().contains(m), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(m, reply->error())));
            // Nothing was sent to the other place (it is this same server for "localhost").
            QCOMPARE(server.requestCount(QStringLiteral("/moved/api/v1/query")), 0);
        }
    }

    void timesOutInRealTime()
    {
        FakePrometheus server;
        QVERIFY(server.listenLocal());
        server.setHandler([](const FakePrometheus::Request &) {
            Answer a;
            a.hold = true; // never answers
            return a;
        });
        PrometheusClient client;
        client.setBaseUrl(server.url());
        client.setTimeoutMs(300);
        QElapsedTimer timer;
        timer.start();
        auto reply = wait(client.query(QStringLiteral("up"), 1800000000000));
        QVERIFY(reply->isFinished());
        QVERIFY(!reply->ok());
        QVERIFY2(reply->error().contains(QLatin1String("No answer from Prometheus at http://127.0.0.1:")), qPrintable(reply->error()));
        QVERIFY2(reply->error().contains(QLatin1String("within 300 ms")), qPrintable(reply->error()));
        QVERIFY(timer.elapsed() >= 250);
        QCOMPARE(server.heldCount(), 1);
    }

    void aTricklingAnswerMeetsTheDeadline()
    {
        TricklingServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        PrometheusClient client;
        client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())));
        client.setTimeoutMs(300);
        auto reply = wait(client.query(QStringLiteral("up"), 1800000000000));
        QVERIFY(reply->isFinished());
        QVERIFY(!reply->ok());
        QVERIFY2(reply->error().startsWith(QLatin1String("No complete answer from Prometheus at http://127.0.0.1:")), qPrintable(reply->error()));
        QVERIFY2(reply->error().contains(QLatin1String("within 300 ms")), qPrintable(reply->error()));
        QVERIFY(server.bytesSent < 100'000 - 1); // it was still sending
    }

    void anAnswerOverTheCapFails()
    {
        FakePrometheus server;
        QVERIFY(server.listenLocal());
        QList<QByteArray> values(100, "1"); // 100 series: a few KiB
        server.setHandler([&](const FakePrometheus::Request &) { return answerWith(200, FakePrometheus::vectorBody(1800000000, values)); });
        PrometheusClient client;
        QCOMPARE(client.maxAnswerBytes(), qint64(64 * 1024 * 1024));
        client.setBaseUrl(server.url());
        client.setMaxAnswerBytes(1000);
        auto reply = wait(client.query(QStringLiteral("up"), 1800000000000));
        QVERIFY(!reply->ok());
        QVERIFY2(reply->error().startsWith(QStringLiteral("Prometheus at %1 answered with ").arg(server.url(QStringLiteral("/api/v1/query")).toString())),
                 qPrintable(reply->error()));
        QVERIFY2(reply->error().contains(QLatin1String("more than the 1000 bytes this console reads from it")), qPrintable(reply->error()));

        client.setMaxAnswerBytes(PrometheusClient::MaxAnswerBytes);
        auto whole = wait(client.query(QStringLiteral("up"), 1800000000000));
        QVERIFY2(whole->ok(), qPrintable(whole->error()));
        QCOMPARE(whole->result().series.size(), 100);
    }

    void reportsConnectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe; // a port that was free a moment ago, with nothing listening now
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        PrometheusClient client;
        client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/prom").arg(port)));
        auto reply = wait(client.query(QStringLiteral("up"), 1800000000000));
        QVERIFY(!reply->ok());
        QVERIFY2(reply->error().contains(QLatin1String("connection refused")), qPrintable(reply->error()));
        QVERIFY2(reply->error().contains(QStringLiteral("http://127.0.0.1:%1/prom/api/v1/query").arg(port)), qPrintable(reply->error()));
    }

    void reportsUnknownHost()
    {
        PrometheusClient client;
        client.setBaseUrl(QUrl(QStringLiteral("http://no-such-host.invalid:9090")));
        client.setTimeoutMs(5000);
        std::unique_ptr<PrometheusReply> reply(client.query(QStringLiteral("up"), 1800000000000));
        QSignalSpy spy(reply.get(), &PrometheusReply::finished);
        if (!spy.wait(20000))
            QSKIP("the name lookup did not end within 20 s (no DNS in this environment?); not tested");
        qInfo().noquote() << "error:" << reply->error();
        QVERIFY(!reply->ok());
        QVERIFY2(reply->error().contains(QLatin1String("no-such-host.invalid")), qPrintable(reply->error()));
        // ".invalid" never resolves; without any DNS at all the lookup may time out instead.
        QVERIFY2(reply->error().contains(QLatin1String("not found")) || reply->error().contains(QLatin1String("No answer")),
                 qPrintable(reply->error()));
    }

    void rejectsBadBaseUrlsLater_data()
    {
        QTest::addColumn<QUrl>("base");
        QTest::addColumn<QString>("mention");
        QTest::newRow("none") << QUrl() << "No metrics base URL";
        QTest::newRow("ftp") << QUrl(QStringLiteral("ftp://prom/")) << "http:// or https://";
        QTest::newRow("no host") << QUrl(QStringLiteral("http:///path")) << "no host";
    }
    void rejectsBadBaseUrlsLater()
    {
        QFETCH(QUrl, base);
        QFETCH(QString, mention);
        PrometheusClient client;
        client.setBaseUrl(base);
        std::unique_ptr<PrometheusReply> reply(client.query(QStringLiteral("up"), 0));
        QSignalSpy spy(reply.get(), &PrometheusReply::finished);
        QVERIFY(!reply->isFinished()); // never synchronously: a caller connects after the call
        QVERIFY(spy.wait(WaitMs));
        QVERIFY(!reply->ok());
        QVERIFY2(reply->error().contains(mention), qPrintable(reply->error()));
    }

    void deletingARunningReplyCancelsIt()
    {
        FakePrometheus server;
        QVERIFY(server.listenLocal());
        server.setHandler([](const FakePrometheus::Request &) {
            Answer a;
            a.hold = true;
            return a;
        });
        PrometheusClient client;
        client.setBaseUrl(server.url());
        PrometheusReply *reply = client.query(QStringLiteral("up"), 0);
        QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 1, WaitMs);
        delete reply;
        server.releaseHeld(answerWith(200, FakePrometheus::vectorBody(0, {"1"})));
        QTest::qWait(50); // nothing may touch the deleted reply
    }

    void neverLogsTheAuthorization()
    {
        FakePrometheus server;
        QVERIFY(server.listenLocal());
        server.setHandler([](const FakePrometheus::Request &) { return answerWith(401, R"({"message":"Unauthorized"})"); });
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
        captured.clear();
        const auto previous = qInstallMessageHandler(captureMessages);
        {
            PrometheusClient client;
            client.setBaseUrl(server.url());
            client.setAuthorization("Bearer TOPSECRET-TOKEN");
            auto reply = wait(client.query(QStringLiteral("up"), 0));
            QVERIFY(!reply->ok());
            QVERIFY(!reply->error().contains(QLatin1String("TOPSECRET")));
            QVERIFY2(reply->error().contains(QLatin1String("credentials")), qPrintable(reply->error()));
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QCOMPARE(server.requests().first().authorization, QByteArray("Bearer TOPSECRET-TOKEN"));
        // With every debug category on, nothing the client or Qt Network printed holds it.
        for (const QString &m : std::as_const(captured))
            QVERIFY2(!m.contains(QLatin1String("TOPSECRET")), qPrintable(m));
    }

    // TLS with a self-signed certificate made here by the openssl command.
    void verifiesTlsCertificates()
    {
        if (!SelfSignedTls::available())
            QSKIP("the openssl command is not installed; TLS is not tested");
        QSslConfiguration tls;
        const QString made = SelfSignedTls::make(&tls);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        FakePrometheus server;
        QVERIFY(server.listenLocal(&tls));

        {   // Not trusted: fails closed, says TLS/certificate and names the host; nothing reached the API.
            PrometheusClient client;
            client.setBaseUrl(server.url(QStringLiteral("/prometheus")));
            auto reply = wait(client.query(QStringLiteral("up"), 0));
            QVERIFY(reply->isFinished());
            QVERIFY(!reply->ok());
            QVERIFY2(reply->error().contains(QLatin1String("TLS certificate error connecting to host 127.0.0.1")),
                     qPrintable(reply->error()));
            QVERIFY2(reply->error().contains(QLatin1String("self-signed"), Qt::CaseInsensitive)
                         || reply->error().contains(QLatin1String("self signed"), Qt::CaseInsensitive),
                     qPrintable(reply->error()));
            QCOMPARE(server.requestCount(), 0);
        }
        {   // Trusted as an extra CA: the request goes through.
            PrometheusClient client;
            client.setBaseUrl(server.url(QStringLiteral("/prometheus")));
            client.setExtraCaCertificates({tls.localCertificate()});
            auto reply = wait(client.query(QStringLiteral("up"), 1800000000000));
            QVERIFY2(reply->ok(), qPrintable(reply->error()));
            QCOMPARE(server.requestCount(QStringLiteral("/prometheus/api/v1/query")), 1);
        }
        {   // Trusted CA but the wrong name (the certificate is for 127.0.0.1 only): still refused.
            PrometheusClient client;
            client.setBaseUrl(server.url(QStringLiteral("/prometheus"), QStringLiteral("localhost")));
            client.setExtraCaCertificates({tls.localCertificate()});
            auto reply = wait(client.query(QStringLiteral("up"), 0));
            QVERIFY(!reply->ok());
            QVERIFY2(reply->error().contains(QLatin1String("TLS certificate error connecting to host localhost")),
                     qPrintable(reply->error()));
            QCOMPARE(server.requestCount(), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestPrometheusClient)
#include "tst_prometheusclient.moc"
