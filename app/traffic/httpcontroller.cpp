#include "httpcontroller.h"

#include "core/guardedrequest.h"
#include "trafficsplit.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <utility>

namespace {

constexpr int MaxBodyInMessage = 500; // characters; the details keep the body as it came

} // namespace

HttpController::HttpController(const HttpTrafficConfig &config, QObject *parent)
    : TrafficController(parent)
    , m_config(config)
    , m_manager(new QNetworkAccessManager(this))
{
}

HttpController::~HttpController()
{
    cancel();
}

Phrase HttpController::description() const
{
    return phrase("HttpController", "traffic API at %1").arg(m_config.url.toDisplayString());
}

std::optional<QJsonValue> HttpController::valueAt(const QJsonDocument &document, const QString &pointer)
{
    QJsonValue current = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    const QStringList tokens = pointer.startsWith(u'/') ? pointer.mid(1).split(u'/') : QStringList{pointer};
    for (QString token : tokens) {
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        if (current.isObject()) {
            const QJsonObject o = current.toObject();
            if (!o.contains(token))
                return std::nullopt;
            current = o.value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            const QJsonArray a = current.toArray();
            if (!ok || index < 0 || index >= a.size())
                return std::nullopt;
            current = a.at(index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

void HttpController::startApply(quint64 id, int greenPercent)
{
    m_id = id;
    m_body = TrafficSplit::fromGreenPercent(greenPercent).substitute(m_config.bodyTemplate).toUtf8();
    send(Stage::Apply);
}

void HttpController::startRead(quint64 id)
{
    m_id = id;
    send(Stage::ReadBack);
}

Phrase HttpController::urlSetting(bool readBack) const
{
    return readBack ? phrase("HttpController", "traffic.http.readBackUrl in the profile") : phrase("HttpController", "traffic.http.url in the profile");
}

void HttpController::send(Stage stage)
{
    m_stage = stage;
    const bool apply = stage == Stage::Apply;
    QNetworkRequest request;
    if (!m_config.authorization.isEmpty())
        request.setRawHeader("Authorization", m_config.authorization);
    if (apply) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        for (const auto &[name, value] : m_config.headers)
            request.setRawHeader(name, value);
    } else {
        request.setRawHeader("Accept", "application/json");
    }
    HttpGuards guards;
    guards.peer = peerName();
    guards.setting = urlSetting(!apply);
    // No deadline of its own: the operation's timeout (TrafficController) covers the request
    // and the read-back together and says which one was still waiting.
    guards.timeoutMs = 0;
    guards.maxBodyBytes = MaxAnswerBytes;
    auto *exchange = new GuardedRequest(m_manager, request, guards, this);
    m_request = exchange;
    connect(exchange, &GuardedRequest::finished, this, [this, exchange] { onFinished(exchange); });
    const QUrl url = apply ? m_config.url : m_config.readBackUrl;
    if (apply) {
        addDetails(QStringLiteral("> %1 %2\n%3\n").arg(QString::fromLatin1(m_config.method), url.toDisplayString(), QString::fromUtf8(m_body)));
        exchange->send(m_config.method, url, m_body);
    } else {
        addDetails(QStringLiteral("> GET %1\n").arg(url.toDisplayString()));
        exchange->get(url);
    }
}

void HttpController::onFinished(GuardedRequest *request)
{
    request->deleteLater();
    if (request != m_request)
        return;
    m_request = nullptr;
    const HttpOutcome &outcome = request->outcome();
    const QString what = QStringLiteral("%1 %2").arg(QString::fromLatin1(request->method()),
                                                     (m_stage == Stage::Apply ? m_config.url : m_config.readBackUrl).toDisplayString());
    if (!outcome.answered()) {
        addDetails(QStringLiteral("! %1\n").arg(outcome.error.english()));
        fail(m_id, phrase("HttpController", "%1 failed: %2").arg(what).arg(outcome.error));
        return;
    }
    addDetails(QStringLiteral("< %1\n%2\n").arg(outcome.status).arg(QString::fromUtf8(outcome.body.left(16 * 1024))));
    if (!outcome.is2xx()) {
        fail(m_id, outcome.body.trimmed().isEmpty()
                       ? phrase("HttpController", "%1 answered HTTP %2").arg(what).arg(outcome.status)
                       : phrase("HttpController", "%1 answered HTTP %2: %3").arg(what).arg(outcome.status).arg(GuardedRequest::excerpt(outcome.body, MaxBodyInMessage)));
        return;
    }
    if (m_stage == Stage::Apply)
        weightsSent(m_id);
    else
        readBack(outcome.body);
}

void HttpController::readBack(const QByteArray &body)
{
    const QString url = m_config.readBackUrl.toDisplayString();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        fail(m_id, phrase("HttpController", "GET %1 did not answer JSON (%2 at offset %3): %4")
                       .arg(url)
                       .arg(error.errorString())
                       .arg(error.offset)
                       .arg(GuardedRequest::excerpt(body, MaxBodyInMessage)));
        return;
    }
    int weights[2] = {-1, -1};
    const QString *fields[2] = {&m_config.blueField, &m_config.greenField};
    for (int i = 0; i < 2; ++i) {
        const std::optional<QJsonValue> v = valueAt(doc, *fields[i]);
        bool ok = false;
        double d = -1;
        if (v && v->isDouble()) {
            d = v->toDouble();
            ok = true;
        } else if (v && v->isString()) {
            d = v->toString().toDouble(&ok);
        }
        if (!ok || d < 0 || d != int(d)) {
            fail(m_id, phrase("HttpController", "GET %1: no whole-number weight at \"%2\" in %3").arg(url).arg(*fields[i]).arg(GuardedRequest::excerpt(body, MaxBodyInMessage)));
            return;
        }
        weights[i] = int(d);
    }
    weightsRead(m_id, weights[0], weights[1]);
}

Phrase HttpController::cancel()
{
    if (!m_request)
        return phrase("TrafficController", "nothing was running");
    GuardedRequest *request = std::exchange(m_request, nullptr);
    const Phrase inProgress = phrase("HttpController", "no answer yet to %1 %2")
                                  .arg(QString::fromLatin1(request->method()))
                                  .arg((m_stage == Stage::Apply ? m_config.url : m_config.readBackUrl).toDisplayString());
    request->abort();
    request->deleteLater();
    return inProgress;
}
