#include "backendservice.h"

#include "backendlogging.h"

#include <QElapsedTimer>
#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTimer>

#include <memory>

namespace {

using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponder::StatusCode;

void send(QHttpServerResponder &responder, int status, const QByteArray &contentType, const QByteArray &body)
{
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, contentType);
    responder.write(body, headers, StatusCode(status));
}

void sendText(QHttpServerResponder &responder, int status, const QByteArray &text)
{
    send(responder, status, "text/plain; charset=utf-8", text);
}

void sendJson(QHttpServerResponder &responder, int status, const QJsonObject &object)
{
    send(responder, status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
}

bool isApplicationPath(const QString &path)
{
    return path == u"/" || path == u"/app" || path.startsWith(u"/app/");
}

int randomBetween(int low, int high)
{
    return int(QRandomGenerator::global()->bounded(low, high + 1));
}

} // namespace

BackendService::BackendService(Options options, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_options(std::move(options))
{
}

BackendService::~BackendService() = default;

bool BackendService::listen(QString *error)
{
    auto *tcp = new QTcpServer(this);
    if (!tcp->listen(m_options.address, m_options.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3").arg(m_options.address.toString()).arg(m_options.port).arg(tcp->errorString());
        delete tcp;
        return false;
    }
    if (!bind(tcp)) {
        *error = QStringLiteral("Qt HTTP Server refused the listening socket on %1:%2").arg(m_options.address.toString()).arg(tcp->serverPort());
        delete tcp;
        return false;
    }
    m_tcp = tcp;
    m_port = tcp->serverPort();
    return true;
}

bool BackendService::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

bool BackendService::controlAllowedOn(const QHostAddress &local)
{
    bool isV4 = false;
    const quint32 v4 = local.toIPv4Address(&isV4); // also an IPv4-mapped IPv6 address
    return isV4 ? QHostAddress(v4).isLoopback() : local.isLoopback();
}

bool BackendService::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const QString path = request.url().path();
    const bool get = request.method() == Method::Get || request.method() == Method::Head;
    if (path == u"/health") {
        if (!get)
            sendText(responder, 405, "GET /health\n");
        else if (m_faults.healthy)
            sendText(responder, 200, "ok\n");
        else
            sendText(responder, 503, "unhealthy (told so through /control)\n");
        return true;
    }
    if (path == u"/metrics") {
        if (!get)
            sendText(responder, 405, "GET /metrics\n");
        else
            send(responder, 200, "text/plain; version=0.0.4; charset=utf-8", m_metrics.exposition(m_faults, m_options.memoryLimitBytes));
        return true;
    }
    if (path == u"/control") {
        serveControl(request, responder);
        return true;
    }
    if (isApplicationPath(path)) {
        serveApplication(request, responder);
        return true;
    }
    return false; // missingHandler
}

void BackendService::missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    sendText(responder, 404, "no such page: " + request.url().path().toUtf8() + '\n');
}

void BackendService::serveControl(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!controlAllowedOn(request.localAddress())) {
        sendText(responder, 403, "/control answers only on a loopback address\n");
        return;
    }
    if (request.method() == Method::Get) {
        sendJson(responder, 200, m_faults.toJson());
        return;
    }
    if (request.method() != Method::Post) {
        sendText(responder, 405, "GET or POST /control\n");
        return;
    }
    const QString problem = FaultSettings::merge(request.body(), m_faults);
    if (!problem.isEmpty()) {
        sendJson(responder, 400, QJsonObject{{QStringLiteral("error"), problem}});
        return;
    }
    qCInfo(lcBackend).noquote() << m_options.color << "told through /control:" << QString::fromUtf8(request.body().trimmed()) << "->"
                                << QString::fromUtf8(QJsonDocument(m_faults.toJson()).toJson(QJsonDocument::Compact));
    sendJson(responder, 200, m_faults.toJson());
    if (m_faults.down)
        goDown();
}

void BackendService::goDown()
{
    qCInfo(lcBackend).noquote() << m_options.color << "going down as told through /control: no longer listening on port" << m_port;
    if (m_tcp)
        m_tcp->close();
    // Let the answer to /control leave first.
    QTimer::singleShot(0, this, &BackendService::wentDown);
}

void BackendService::serveApplication(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const Method method = request.method();
    if (method != Method::Get && method != Method::Head && method != Method::Post) {
        sendText(responder, 405, "GET, HEAD or POST\n");
        return;
    }
    auto arrived = std::make_shared<QElapsedTimer>();
    arrived->start();
    const quint64 id = ++m_nextId;
    const QString path = request.url().path();
    const BackendMetrics::Handler handler = path.contains(u"/api/") ? BackendMetrics::Handler::Api : BackendMetrics::Handler::Page;

    // Simulated work: a page makes three queries, an API call one or two; each takes 1-4 ms
    // plus any injected database latency, and one that fails fails its request.
    const int queries = handler == BackendMetrics::Handler::Page ? 3 : 1 + int(id % 2);
    int workMs = handler == BackendMetrics::Handler::Page ? randomBetween(15, 35) : randomBetween(5, 15);
    bool dbFailed = false;
    for (int q = 0; q < queries && !dbFailed; ++q) {
        const int queryMs = randomBetween(1, 4) + m_faults.dbLatencyMs;
        dbFailed = m_dbErrorGate.next(m_faults.dbErrorRatio);
        m_metrics.countQuery(queryMs / 1000.0, dbFailed);
        workMs += queryMs;
    }
    const bool injectedFailure = m_errorGate.next(m_faults.errorRatio);
    const int status = injectedFailure || dbFailed ? 500 : 200;
    QByteArray body;
    QByteArray contentType;
    if (status != 200) {
        contentType = "application/json";
        body = QJsonDocument(QJsonObject{{QStringLiteral("error"), dbFailed ? QStringLiteral("database query failed") : QStringLiteral("injected failure")},
                                         {QStringLiteral("color"), m_options.color}})
                   .toJson(QJsonDocument::Compact);
    } else if (handler == BackendMetrics::Handler::Page) {
        contentType = "text/html; charset=utf-8";
        body = "<!doctype html><title>stonecaster-backend</title><p>Served by " + m_options.color.toUtf8() + " (request " + QByteArray::number(id)
            + ").</p>\n";
    } else {
        contentType = "application/json";
        body = QJsonDocument(QJsonObject{{QStringLiteral("color"), m_options.color}, {QStringLiteral("path"), path},
                                         {QStringLiteral("request"), qint64(id)}, {QStringLiteral("queries"), queries}})
                   .toJson(QJsonDocument::Compact);
    }
    if (method == Method::Head)
        body.clear();

    const int delayMs = workMs + m_faults.latencyMs;
    m_pending.emplace(id, std::move(responder));
    // PreciseTimer: a coarse timer may fire up to 5 % early, and the histogram must never
    // see an injected 400 ms as less.
    QTimer::singleShot(delayMs, Qt::PreciseTimer, this, [this, id, handler, status, contentType, body, arrived] {
        const auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        send(it->second, status, contentType, body);
        m_pending.erase(it);
        m_metrics.countRequest(handler, status, arrived->nsecsElapsed() / 1e9);
    });
}
