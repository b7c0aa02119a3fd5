// HttpController against a fake traffic API (Qt HTTP Server on 127.0.0.1): the request it
// sends (method, headers, body from the template, Authorization), the weights read back at
// JSON pointers, an HTTP error passed on verbatim, and an endpoint that never answers.
#include "../common/loopbackserver.h"
#include "traffic/httpcontroller.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonObject>
#include "trafficresultwait.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <list>

namespace {

constexpr int WaitMs = 10000;
const QByteArray Token = "Bearer s3cret-token";

TrafficResult waitFor(QSignalSpy &spy)
{
    return waitForResult(spy, WaitMs);
}

// A load balancer's API: POST /weights {"weights":{"blue":B,"green":G}} with a bearer
// token; GET /state answers {"spec":{"weights":[{"name":"blue","value":B},{"name":"green","value":G}]}}.
class FakeTrafficApi : public QAbstractHttpServer
{
public:
    struct Request {
        QByteArray method;
        QString path;
        QByteArray body;
        QByteArray authorization;
        QByteArray contentType;
        QByteArray environment; // X-Env
    };
    enum class Mode { Normal, Hold, IgnoreChanges, StateNotJson };

    bool listenLocal()
    {
        m_port = LoopbackServer::listen(this);
        return m_port != 0;
    }
    QUrl url(const QString &path) const { return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)); }

    Mode mode = Mode::Normal;
    int blue = 100;
    int green = 0;
    QList<Request> requests;

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override
    {
        Request r;
        switch (request.method()) {
        case QHttpServerRequest::Method::Get: r.method = "GET"; break;
        case QHttpServerRequest::Method::Post: r.method = "POST"; break;
        case QHttpServerRequest::Method::Put: r.method = "PUT"; break;
        case QHttpServerRequest::Method::Patch: r.method = "PATCH"; break;
        default: r.method = "OTHER"; break;
        }
        r.path = request.url().path();
        r.body = request.body();
        r.authorization = request.value("Authorization");
        r.contentType = request.value("Content-Type");
        r.environment = request.value("X-Env");
        requests.append(r);
        if (mode == Mode::Hold) {
            m_held.push_back(std::move(responder));
            return true;
        }
        if (r.authorization != Token) {
            write(responder, 401, R"({"message":"token expired"})");
            return true;
        }
        if (r.path == QLatin1String("/weights") && r.method == "POST") {
            const QJsonObject w = QJsonDocument::fromJson(r.body).object().value(QLatin1String("weights")).toObject();
            if (!w.value(QLatin1String("blue")).isDouble() || !w.value(QLatin1String("green")).isDouble()) {
                write(responder, 422, R"({"message":"weights.blue and weights.green are required"})");
                return true;
            }
            if (mode != Mode::IgnoreChanges) {
                blue = w.value(QLatin1String("blue")).toInt();
                green = w.value(QLatin1String("green")).toInt();
            }
            write(responder, 204, {});
            return true;
        }
        if (r.path == QLatin1String("/state") && r.method == "GET") {
            if (mode == Mode::StateNotJson) {
                write(responder, 200, "<html>maintenance</html>");
                return true;
            }
            const QJsonArray weights{QJsonObject{{QStringLiteral("name"), QStringLiteral("blue")}, {QStringLiteral("value"), blue}},
                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("green")}, {QStringLiteral("value"), green}}};
            write(responder, 200, QJsonDocument(QJsonObject{{QStringLiteral("spec"), QJsonObject{{QStringLiteral("weights"), weights}}}}).toJson());
            return true;
        }
        write(responder, 404, R"({"message":"not found"})");
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder) override
    {
        responder.write(QHttpServerResponder::StatusCode::NotFound);
    }

private:
    static void write(QHttpServerResponder &responder, int status, const QByteArray &body)
    {
        QHttpHeaders headers;
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
        responder.write(body, headers, QHttpServerResponder::StatusCode(status));
    }

    std::list<QHttpServerResponder> m_held;
    quint16 m_port = 0;
};

} // namespace

class TestHttpController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_api = std::make_unique<FakeTrafficApi>();
        QVERIFY(m_api->listenLocal());
    }
    void cleanup() { m_api.reset(); }

    void findsValuesAtJsonPointers_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<double>("value"); // -1: nothing there
        QTest::newRow("top level") << QByteArray(R"({"blue":90})") << "/blue" << 90.0;
        QTest::newRow("bare key") << QByteArray(R"({"blue":90})") << "blue" << 90.0;
        QTest::newRow("nested with index") << QByteArray(R"({"a":{"b":[1,{"c":7}]}})") << "/a/b/1/c" << 7.0;
        QTest::newRow("escaped slash and tilde") << QByteArray(R"({"x/y":{"~z":3}})") << "/x~1y/~0z" << 3.0;
        QTest::newRow("top-level array") << QByteArray(R"([4,5])") << "/1" << 5.0;
        QTest::newRow("missing key") << QByteArray(R"({"blue":90})") << "/green" << -1.0;
        QTest::newRow("index out of range") << QByteArray(R"({"a":[1]})") << "/a/3" << -1.0;
        QTest::newRow("through a number") << QByteArray(R"({"a":1})") << "/a/b" << -1.0;
    }
    void findsValuesAtJsonPointers()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, pointer);
        QFETCH(double, value);
        const std::optional<QJsonValue> v = HttpController::valueAt(QJsonDocument::fromJson(json), pointer);
        QCOMPARE(v.has_value(), value >= 0);
        if (v)
            QCOMPARE(v->toDouble(), value);
    }

    void sendsTheConfiguredRequestAndReadsBack()
    {
        HttpTrafficConfig c = config();
        c.headers = {{"X-Env", "prod"}};
        HttpController controller(c);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(25);
        const TrafficResult r = waitFor(spy);
        QVERIFY2(r.ok, qPrintable(r.message.english() + u'\n' + r.details));
        QVERIFY(r.verified);
        QCOMPARE(r.greenPercent, 25);
        QCOMPARE(r.bluePercent, 75);
        QCOMPARE(m_api->requests.size(), 2);
        const FakeTrafficApi::Request &post = m_api->requests.at(0);
        QCOMPARE(post.method, QByteArray("POST"));
        QCOMPARE(post.path, QStringLiteral("/weights"));
        QCOMPARE(post.body, QByteArray(R"({"weights":{"blue":75,"green":25}})"));
        QCOMPARE(post.authorization, Token);
        QCOMPARE(post.contentType, QByteArray("application/json"));
        QCOMPARE(post.environment, QByteArray("prod"));
        const FakeTrafficApi::Request &get = m_api->requests.at(1);
        QCOMPARE(get.method, QByteArray("GET"));
        QCOMPARE(get.path, QStringLiteral("/state"));
        QCOMPARE(get.authorization, Token);
        QVERIFY2(!r.details.contains(QLatin1String("s3cret")), qPrintable(r.details));
    }

    void reads()
    {
        m_api->blue = 1;
        m_api->green = 1;
        HttpController controller(config());
        QSignalSpy spy(&controller, &TrafficController::observed);
        controller.read();
        const TrafficResult r = waitFor(spy);
        QVERIFY(r.ok);
        QCOMPARE(r.greenPercent, 50);
        QCOMPARE(m_api->requests.size(), 1);
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("greenField");
        QTest::addColumn<QString>("message");
        QTest::newRow("refused token, body verbatim") << QByteArray("Bearer old") << int(FakeTrafficApi::Mode::Normal) << "/spec/weights/1/value"
                                                      << R"(/weights answered HTTP 401: {"message":"token expired"})";
        QTest::newRow("read-back not JSON") << Token << int(FakeTrafficApi::Mode::StateNotJson) << "/spec/weights/1/value"
                                            << "/state did not answer JSON";
        QTest::newRow("read-back field missing") << Token << int(FakeTrafficApi::Mode::Normal) << "/spec/weights/2/value"
                                                 << R"(no whole-number weight at "/spec/weights/2/value")";
        QTest::newRow("change not applied") << Token << int(FakeTrafficApi::Mode::IgnoreChanges) << "/spec/weights/1/value"
                                            << "commanded 10% green, but traffic API at";
    }
    void failures()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, mode);
        QFETCH(QString, greenField);
        QFETCH(QString, message);
        m_api->mode = FakeTrafficApi::Mode(mode);
        HttpTrafficConfig c = config();
        c.authorization = authorization;
        c.greenField = greenField;
        HttpController controller(c);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(10);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().contains(message), qPrintable(r.message.english()));
        QVERIFY(!r.message.english().contains(QLatin1String("s3cret")));
    }

    void unansweredRequestTimesOut()
    {
        m_api->mode = FakeTrafficApi::Mode::Hold;
        HttpController controller(config());
        controller.setTimeoutMs(300);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(5);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().contains(QLatin1String("did not finish within 300 ms (no answer yet to POST")), qPrintable(r.message.english()));
    }

private:
    HttpTrafficConfig config() const
    {
        HttpTrafficConfig c;
        c.method = "POST";
        c.url = m_api->url(QStringLiteral("/weights"));
        c.bodyTemplate = QStringLiteral(R"({"weights":{"blue":${blue},"green":${green}}})");
        c.authorization = Token;
        c.readBackUrl = m_api->url(QStringLiteral("/state"));
        c.blueField = QStringLiteral("/spec/weights/0/value");
        c.greenField = QStringLiteral("/spec/weights/1/value");
        return c;
    }

    std::unique_ptr<FakeTrafficApi> m_api;
};

QTEST_GUILESS_MAIN(TestHttpController)
#include "tst_httpcontroller.moc"
