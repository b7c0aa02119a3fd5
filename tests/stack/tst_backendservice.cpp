// The real stack's backend service in-process on 127.0.0.1: what it answers, what it counts
// on /metrics, the faults /control injects (exactly the share asked for), that slow answers
// do not hold up others, that /control answers only on loopback, and going down.
#include "backend/backendservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

namespace {

struct Answer {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
};

Answer finish(QNetworkReply *reply, int timeoutMs = 20000)
{
    if (!reply->isFinished()) {
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(timeoutMs);
    }
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    a.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    reply->deleteLater();
    return a;
}

// name{labels} -> value, for every sample line of a text exposition.
QMap<QString, double> samples(const QByteArray &exposition)
{
    QMap<QString, double> map;
    for (const QByteArray &line : exposition.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        map.insert(QString::fromUtf8(line.left(space)), line.mid(space + 1).toDouble());
    }
    return map;
}

} // namespace

class TestBackendService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BackendService> m_service;
    QNetworkAccessManager m_network;

    QUrl url(const QString &path) const { return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_service->port()).arg(path)); }
    QNetworkReply *start(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest request(url(path));
        request.setTransferTimeout(30000);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return m_network.sendCustomRequest(request, method, body);
    }
    Answer send(const QByteArray &method, const QString &path, const QByteArray &body = {}) { return finish(start(method, path, body)); }
    Answer control(const QByteArray &json) { return send("POST", QStringLiteral("/control"), json); }
    QMap<QString, double> metrics() { return samples(send("GET", QStringLiteral("/metrics")).body); }

private Q_SLOTS:
    void init()
    {
        m_service = std::make_unique<BackendService>(BackendService::Options{});
        QString error;
        QVERIFY2(m_service->listen(&error), qPrintable(error));
    }
    void cleanup() { m_service.reset(); }

    void answersItsPaths_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("bodyHas");
        QTest::addColumn<QString>("counted"); // the http_requests_total line it adds to, if any
        QTest::newRow("front page") << QByteArray("GET") << "/" << 200 << QByteArray("Served by blue") << "handler=\"page\",code=\"200\"";
        QTest::newRow("app page") << QByteArray("GET") << "/app/" << 200 << QByteArray("Served by blue") << "handler=\"page\",code=\"200\"";
        QTest::newRow("api call") << QByteArray("GET") << "/app/api/orders/7" << 200 << QByteArray("\"color\":\"blue\"") << "handler=\"api\",code=\"200\"";
        QTest::newRow("api post") << QByteArray("POST") << "/app/api/orders" << 200 << QByteArray("\"path\":\"/app/api/orders\"") << "handler=\"api\",code=\"200\"";
        QTest::newRow("head page") << QByteArray("HEAD") << "/app" << 200 << QByteArray() << "handler=\"page\",code=\"200\"";
        QTest::newRow("delete refused") << QByteArray("DELETE") << "/app/x" << 405 << QByteArray("GET, HEAD or POST") << QString();
        QTest::newRow("elsewhere") << QByteArray("GET") << "/admin" << 404 << QByteArray("no such page: /admin") << QString();
        QTest::newRow("health") << QByteArray("GET") << "/health" << 200 << QByteArray("ok\n") << QString();
    }
    void answersItsPaths()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QByteArray, bodyHas);
        QFETCH(QString, counted);
        const Answer a = send(method, path);
        QCOMPARE(a.status, status);
        QVERIFY2(a.body.contains(bodyHas), a.body.constData());
        const QMap<QString, double> m = metrics();
        double total = 0;
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            if (it.key().startsWith(u"http_requests_total"))
                total += it.value();
        }
        if (counted.isEmpty()) {
            QCOMPARE(total, 0.0);
        } else {
            QCOMPARE(total, 1.0);
            QCOMPARE(m.value(QStringLiteral("http_requests_total{%1}").arg(counted)), 1.0);
        }
    }

    // The text format Prometheus reads: every sample under a # TYPE, cumulative buckets
    // ending in +Inf = _count, and the process's own figures.
    void metricsInPrometheusTextFormat()
    {
        for (int i = 0; i < 10; ++i)
            QCOMPARE(send("GET", i % 5 ? QStringLiteral("/app/api/orders/%1").arg(i) : QStringLiteral("/")).status, 200);
        const Answer a = send("GET", QStringLiteral("/metrics"));
        QCOMPARE(a.status, 200);
        QVERIFY2(a.contentType.startsWith("text/plain; version=0.0.4"), a.contentType.constData());
        QSet<QByteArray> typed;
        static const QRegularExpression Sample(QStringLiteral("^([a-z_]+)(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? [-+0-9.eInf]+$"));
        for (const QByteArray &line : a.body.split('\n')) {
            if (line.startsWith("# TYPE "))
                typed.insert(line.split(' ').at(2));
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QRegularExpressionMatch m = Sample.match(QString::fromUtf8(line));
            QVERIFY2(m.hasMatch(), line.constData());
            const QByteArray name = m.captured(1).toUtf8();
            const QByteArray family = name.endsWith("_bucket") ? name.chopped(7) : name.endsWith("_sum") ? name.chopped(4) : name.endsWith("_count") ? name.chopped(6) : name;
            QVERIFY2(typed.contains(family) || typed.contains(name), line.constData());
        }
        const QMap<QString, double> m = samples(a.body);
        QCOMPARE(m.value("http_requests_total{handler=\"api\",code=\"200\"}"), 8.0);
        QCOMPARE(m.value("http_requests_total{handler=\"page\",code=\"200\"}"), 2.0);
        double previous = 0;
        for (const char *le : {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"}) {
            const QString key = QStringLiteral("http_request_duration_seconds_bucket{handler=\"api\",le=\"%1\"}").arg(QLatin1String(le));
            QVERIFY2(m.contains(key), qPrintable(key));
            QVERIFY(m.value(key) >= previous);
            previous = m.value(key);
        }
        QCOMPARE(previous, 8.0);
        QCOMPARE(m.value("http_request_duration_seconds_count{handler=\"api\"}"), 8.0);
        QVERIFY(m.value("http_request_duration_seconds_sum{handler=\"api\"}") > 8 * 0.005); // at least 5 ms of work each
        QCOMPARE(m.value(QStringLiteral("db_client_queries_total")), double(m_service->metrics().queries()));
        QVERIFY(m.value(QStringLiteral("db_client_queries_total")) >= 10);
        QCOMPARE(m.value(QStringLiteral("db_client_errors_total")), 0.0);
        QCOMPARE(m.value("db_client_query_duration_seconds_bucket{le=\"+Inf\"}"), m.value(QStringLiteral("db_client_queries_total")));
        QVERIFY(m.contains(QStringLiteral("process_cpu_seconds_total")));
        QVERIFY(m.value(QStringLiteral("process_resident_memory_bytes")) > 1e6);
        QVERIFY(m.value(QStringLiteral("process_open_fds")) >= 3);
        QCOMPARE(m.value(QStringLiteral("stonecaster_backend_memory_limit_bytes")), 256.0 * 1024 * 1024);
        QCOMPARE(m.value(QStringLiteral("stonecaster_backend_healthy")), 1.0);
    }

    // 0.2 fails exactly every fifth request: what Prometheus measures is what was asked.
    void errorRatioFailsExactlyThatShare()
    {
        QCOMPARE(control("{\"errorRatio\":0.2}").status, 200);
        int failed = 0;
        for (int i = 0; i < 50; ++i) {
            const Answer a = send("GET", QStringLiteral("/app/api/orders/%1").arg(i));
            QVERIFY(a.status == 200 || a.status == 500);
            if (a.status == 500) {
                QVERIFY2(a.body.contains("injected failure"), a.body.constData());
                ++failed;
            }
        }
        QCOMPARE(failed, 10);
        QCOMPARE(m_service->metrics().requests(BackendMetrics::Handler::Api, 500), 10u);
        QCOMPARE(metrics().value("http_requests_total{handler=\"api\",code=\"500\"}"), 10.0);
        QCOMPARE(metrics().value(QStringLiteral("stonecaster_backend_injected_error_ratio")), 0.2);
        QCOMPARE(control("{\"errorRatio\":0}").status, 200);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(send("GET", QStringLiteral("/app/api/x")).status, 200);
    }

    // A failing query fails its request; the error counter says how many queries failed.
    void databaseErrorsFailTheirRequests()
    {
        QCOMPARE(control("{\"dbErrorRatio\":0.1,\"dbLatencyMs\":30}").status, 200);
        int failed = 0;
        for (int i = 0; i < 40; ++i) {
            const Answer a = send("GET", QStringLiteral("/app/api/orders/%1").arg(i));
            if (a.status == 500) {
                QVERIFY2(a.body.contains("database query failed"), a.body.constData());
                ++failed;
            }
        }
        const BackendMetrics &m = m_service->metrics();
        QCOMPARE(m.queryErrors(), quint64(failed));
        QVERIFY2(qAbs(qint64(m.queryErrors()) - qint64(m.queries() / 10)) <= 1, qPrintable(QStringLiteral("%1 of %2").arg(m.queryErrors()).arg(m.queries())));
        // Every query took the injected 30 ms and more: none below the 25 ms bucket.
        const QMap<QString, double> s = metrics();
        QCOMPARE(s.value("db_client_query_duration_seconds_bucket{le=\"0.025\"}"), 0.0);
        QCOMPARE(s.value("db_client_query_duration_seconds_bucket{le=\"0.05\"}"), double(m.queries()));
    }

    void controlReadsBackAndHealthFollows()
    {
        Answer a = control("{\"latencyMs\":25,\"healthy\":false}");
        QCOMPARE(a.status, 200);
        const QJsonObject told = QJsonDocument::fromJson(a.body).object();
        QCOMPARE(told.value(u"latencyMs").toInt(), 25);
        QCOMPARE(told.value(u"healthy").toBool(), false);
        QCOMPARE(told.value(u"errorRatio").toDouble(), 0.0);
        QCOMPARE(QJsonDocument::fromJson(send("GET", QStringLiteral("/control")).body).object(), told);
        a = send("GET", QStringLiteral("/health"));
        QCOMPARE(a.status, 503);
        QCOMPARE(metrics().value(QStringLiteral("stonecaster_backend_healthy")), 0.0);
        QCOMPARE(control("{\"reset\":true}").status, 200);
        QCOMPARE(m_service->faults().latencyMs, 0);
        QCOMPARE(send("GET", QStringLiteral("/health")).status, 200);
    }

    void controlRefusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{") << "invalid JSON";
        QTest::newRow("an array") << QByteArray("[1]") << "expected a JSON object";
        QTest::newRow("unknown field") << QByteArray("{\"errorRate\":0.2}") << "unknown field \"errorRate\"";
        QTest::newRow("ratio over 1") << QByteArray("{\"errorRatio\":1.5}") << "\"errorRatio\" must be a number from 0 to 1";
        QTest::newRow("ratio as text") << QByteArray("{\"dbErrorRatio\":\"5%\"}") << "\"dbErrorRatio\" must be a number from 0 to 1";
        QTest::newRow("negative latency") << QByteArray("{\"latencyMs\":-1}") << "\"latencyMs\" must be a whole number";
        QTest::newRow("fractional latency") << QByteArray("{\"latencyMs\":2.5}") << "\"latencyMs\" must be a whole number";
        QTest::newRow("latency over a minute") << QByteArray("{\"latencyMs\":600000}") << "from 0 to 60000";
        QTest::newRow("healthy as text") << QByteArray("{\"healthy\":\"no\"}") << "\"healthy\" must be true or false";
        QTest::newRow("one bad field of two") << QByteArray("{\"errorRatio\":0.5,\"down\":1}") << "\"down\" must be true or false";
    }
    void controlRefusesBadInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const QByteArray before = send("GET", QStringLiteral("/control")).body;
        const Answer a = control(json);
        QCOMPARE(a.status, 400);
        const QString error = QJsonDocument::fromJson(a.body).object().value(u"error").toString();
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(send("GET", QStringLiteral("/control")).body, before);
        QVERIFY(m_service->isListening());
    }

    void controlOnlyOnLoopback_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("127.0.0.1") << "127.0.0.1" << true;
        QTest::newRow("127.1.2.3") << "127.1.2.3" << true;
        QTest::newRow("::1") << "::1" << true;
        QTest::newRow("IPv4-mapped loopback") << "::ffff:127.0.0.1" << true;
        QTest::newRow("private IPv4") << "192.168.1.10" << false;
        QTest::newRow("IPv4-mapped private") << "::ffff:10.0.0.1" << false;
        QTest::newRow("link-local IPv6") << "fe80::1" << false;
    }
    void controlOnlyOnLoopback()
    {
        QFETCH(QString, address);
        QFETCH(bool, allowed);
        QCOMPARE(BackendService::controlAllowedOn(QHostAddress(address)), allowed);
    }

    // For real: a service listening on this machine's non-loopback address serves the
    // application there but refuses /control.
    void controlRefusedOnOtherAddresses()
    {
        QHostAddress external;
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && !a.isLinkLocal()) {
                external = a;
                break;
            }
        }
        if (external.isNull())
            QSKIP("this machine has no non-loopback IPv4 address");
        BackendService::Options options;
        options.address = external;
        BackendService service(options);
        QString error;
        QVERIFY2(service.listen(&error), qPrintable(error));
        const QString base = QStringLiteral("http://%1:%2").arg(external.toString()).arg(service.port());
        QCOMPARE(finish(m_network.get(QNetworkRequest(QUrl(base + QStringLiteral("/app/"))))).status, 200);
        const Answer refused = finish(m_network.get(QNetworkRequest(QUrl(base + QStringLiteral("/control")))));
        QCOMPARE(refused.status, 403);
        QVERIFY2(refused.body.contains("only on a loopback address"), refused.body.constData());
        QNetworkRequest post(QUrl(base + QStringLiteral("/control")));
        post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QCOMPARE(finish(m_network.post(post, QByteArray("{\"down\":true}"))).status, 403);
        QVERIFY(service.isListening());
        QCOMPARE(service.faults().down, false);
    }

    // Slow answers wait on timers: /health answers at once while five slow requests wait.
    void slowAnswersDoNotHoldUpOthers()
    {
        QCOMPARE(control("{\"latencyMs\":3000}").status, 200);
        QList<QNetworkReply *> slow;
        for (int i = 0; i < 5; ++i)
            slow << start("GET", QStringLiteral("/app/api/orders/%1").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingRequests(), 5, 10000);
        QNetworkAccessManager other;
        const Answer health = finish(other.get(QNetworkRequest(url(QStringLiteral("/health")))));
        QCOMPARE(health.status, 200);
        for (QNetworkReply *r : std::as_const(slow))
            QVERIFY2(!r->isFinished(), "a slow request was answered before /health");
        for (QNetworkReply *r : std::as_const(slow))
            QCOMPARE(finish(r).status, 200);
        // They took at least the 3 s asked: none in a bucket up to 2.5 s.
        const QMap<QString, double> m = metrics();
        QCOMPARE(m.value("http_request_duration_seconds_bucket{handler=\"api\",le=\"2.5\"}"), 0.0);
        QCOMPARE(m.value("http_request_duration_seconds_count{handler=\"api\"}"), 5.0);
    }

    // A client that leaves before its slow answer is written costs nothing.
    void clientLeavingEarly()
    {
        QCOMPARE(control("{\"latencyMs\":500}").status, 200);
        QNetworkReply *reply = start("GET", QStringLiteral("/app/api/orders/1"));
        QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingRequests(), 1, 10000);
        reply->abort();
        reply->deleteLater();
        QTRY_COMPARE_WITH_TIMEOUT(m_service->pendingRequests(), 0, 10000);
        QCOMPARE(control("{\"latencyMs\":0}").status, 200);
        QCOMPARE(send("GET", QStringLiteral("/app/api/orders/2")).status, 200);
    }

    void goingDownStopsListening()
    {
        QSignalSpy wentDown(m_service.get(), &BackendService::wentDown);
        const Answer a = control("{\"down\":true}");
        QCOMPARE(a.status, 200);
        QCOMPARE(QJsonDocument::fromJson(a.body).object().value(u"down").toBool(), true);
        QVERIFY(wentDown.wait(5000) || wentDown.size() == 1);
        QVERIFY(!m_service->isListening());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_service->port());
        QVERIFY(!socket.waitForConnected(5000));
        QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
    }
};

QTEST_GUILESS_MAIN(TestBackendService)
#include "tst_backendservice.moc"
