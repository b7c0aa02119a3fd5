#include "demoserver.h"

#include "promformat.h"
#include "simlogging.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QMetaEnum>
#include <QTcpServer>

namespace {

using Method = QHttpServerRequest::Method;

QHttpServerResponse toResponse(const DemoApiReply &reply)
{
    return QHttpServerResponse(reply.contentType, reply.body, QHttpServerResponse::StatusCode(reply.status));
}

QHttpServerResponse methodNotAllowed(const QHttpServerRequest &request)
{
    return toResponse(DemoApi::error(405, QStringLiteral("method %1 not allowed on %2")
                                              .arg(QString::fromLatin1(QMetaEnum::fromType<Method>().valueToKey(int(request.method()))).toUpper(),
                                                   request.url().path())));
}

// Parameters as Prometheus reads them: the URL's query, then a form body (POST), with
// '+' as a space in both, so Go-style and Qt-style encodings both work.
QHash<QString, QString> formParams(const QHttpServerRequest &request)
{
    QHash<QString, QString> params = PromFormat::parseForm(request.url().query(QUrl::FullyEncoded).toUtf8());
    if (request.method() == Method::Post) {
        const QHash<QString, QString> body = PromFormat::parseForm(request.body());
        for (auto it = body.cbegin(); it != body.cend(); ++it)
            params.insert(it.key(), it.value()); // the body wins, as with Go's FormValue
    }
    return params;
}

} // namespace

DemoServer::DemoServer(Clock *clock, DemoScenario scenario, QObject *parent)
    : QObject(parent)
    , m_simulator(new DemoSimulator(clock, scenario, this))
    , m_api(m_simulator)
    , m_http(new QHttpServer(this))
{
    addRoutes();
}

DemoServer::~DemoServer() = default;

Result<quint16> DemoServer::listen(quint16 port)
{
    if (m_port != 0)
        return Result<quint16>::failure(phrase("DemoServer", "the demo server already listens on port %1").arg(m_port));
    auto *tcp = new QTcpServer(this);
    if (!tcp->listen(QHostAddress::LocalHost, port)) {
        const Phrase message = phrase("DemoServer", "cannot listen on 127.0.0.1:%1: %2").arg(port).arg(tcp->errorString());
        delete tcp;
        return Result<quint16>::failure(message);
    }
    if (!m_http->bind(tcp)) {
        delete tcp;
        return Result<quint16>::failure(phrase("DemoServer", "cannot serve HTTP on 127.0.0.1:%1").arg(port));
    }
    m_port = tcp->serverPort();
    qCInfo(lcSim).noquote() << "scenario" << nameOf(m_simulator->scenario()) << "listening on" << baseUrl().toString();
    return m_port;
}

QUrl DemoServer::baseUrl() const
{
    if (m_port == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

void DemoServer::addRoutes()
{
    // Each route takes every method and refuses the wrong ones itself: a 405 says more
    // than the router's 404.
    const auto route = [this](const QString &path, QHttpServerRequest::Methods allowed, auto handler) {
        m_http->route(path, this, [allowed, handler](const QHttpServerRequest &request) {
            if (!allowed.testFlag(request.method()))
                return methodNotAllowed(request);
            return toResponse(handler(request));
        });
    };
    const QHttpServerRequest::Methods get = Method::Get;
    const QHttpServerRequest::Methods getPost = Method::Get | Method::Post;

    route(QStringLiteral("/api/v1/query"), getPost, [this](const QHttpServerRequest &r) { return m_api.query(formParams(r)); });
    route(QStringLiteral("/api/v1/query_range"), getPost, [this](const QHttpServerRequest &r) { return m_api.queryRange(formParams(r)); });
    route(QStringLiteral("/api/v1/status/buildinfo"), get, [this](const QHttpServerRequest &) { return m_api.buildInfo(); });
    route(QStringLiteral("/metrics"), get, [this](const QHttpServerRequest &) { return m_api.metrics(); });
    route(QStringLiteral("/api/v2/alerts"), get, [this](const QHttpServerRequest &r) { return m_api.alerts(formParams(r), baseUrl()); });
    route(QStringLiteral("/api/traffic"), get | Method::Put | Method::Post, [this](const QHttpServerRequest &r) {
        return r.method() == Method::Get ? m_api.traffic() : m_api.setTraffic(r.body());
    });
    m_http->route(QStringLiteral("/health/<arg>"), this, [this](const QString &color, const QHttpServerRequest &request) {
        if (request.method() != Method::Get)
            return methodNotAllowed(request);
        return toResponse(m_api.health(color));
    });
    for (const QString &path : {QStringLiteral("/-/healthy"), QStringLiteral("/-/ready")}) {
        route(path, get, [](const QHttpServerRequest &) {
            return DemoApiReply{200, "text/plain; charset=utf-8", "stonecaster-sim is ready.\n"};
        });
    }
    m_http->setMissingHandler(this, [](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        responder.sendResponse(toResponse(DemoApi::error(404, QStringLiteral("no route for %1").arg(request.url().path()))));
    });
}
