#include "httpcontroller.h"

#include "trafficsplit.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace {

constexpr qsizetype MaxBodyInMessage = 500;

QString excerpt(const QByteArray &body)
{
    // On one line for the message; the details keep the body as it came.
    QString text = QString::fromUtf8(body.left(MaxBodyInMessage)).simplified();
    if (body.size() > MaxBodyInMessage)
        text += QStringLiteral("...");
    return text;
}

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

QString HttpController::description() const
{
    return QStringLiteral("traffic API at %1").arg(m_config.url.toDisplayString());
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
    m_transcript.clear();
    m_body = TrafficSplit::fromGreenPercent(greenPercent).substitute(m_config.bodyTemplate).toUtf8();
    send(Stage::Apply);
}

void HttpController::startRead(quint64 id)
{
    m_id = id;
    m_transcript.clear();
    send(Stage::ReadBack);
}

void HttpController::send(Stage stage)
{
    m_stage = stage;
    QNetworkRequest request(stage == Stage::Apply ? m_config.url : m_config.readBackUrl);
    // No transfer timeout of its own: the operation's timeout (TrafficController) covers
    // the request and the read-back together and says which one was still waiting.
    // A redirect could carry the Authorization header elsewhere; the URL is configured exactly.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_config.authorization.isEmpty())
        request.setRawHeader("Authorization", m_config.authorization);
    if (stage == Stage::Apply) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        for (const auto &[name, value] : m_config.headers)
            request.setRawHeader(name, value);
        m_transcript += QStringLiteral("> %1 %2\n%3\n").arg(QString::fromLatin1(m_config.method), request.url().toDisplayString(), QString::fromUtf8(m_body));
        m_reply = m_manager->sendCustomRequest(request, m_config.method, m_body);
    } else {
        request.setRawHeader("Accept", "application/json");
        m_transcript += QStringLiteral("> GET %1\n").arg(request.url().toDisplayString());
        m_reply = m_manager->get(request);
    }
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReplyFinished(reply); });
}

void HttpController::onReplyFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString what = QStringLiteral("%1 %2").arg(m_stage == Stage::Apply ? QString::fromLatin1(m_config.method) : QStringLiteral("GET"),
                                                     reply->url().toDisplayString());
    m_transcript += QStringLiteral("< %1\n%2\n").arg(status).arg(QString::fromUtf8(body.left(16 * 1024)));
    if (status == 0) {
        finish(m_id, failure(QStringLiteral("%1 failed: %2").arg(what, reply->errorString()), m_transcript));
        return;
    }
    if (status < 200 || status > 299) {
        QString message = QStringLiteral("%1 answered HTTP %2").arg(what).arg(status);
        if (!body.trimmed().isEmpty())
            message += QStringLiteral(": ") + excerpt(body);
        finish(m_id, failure(message, m_transcript));
        return;
    }
    if (m_stage == Stage::Apply) {
        send(Stage::ReadBack);
        return;
    }
    readBack(body);
}

void HttpController::readBack(const QByteArray &body)
{
    const QString url = m_config.readBackUrl.toDisplayString();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        finish(m_id, failure(QStringLiteral("GET %1 did not answer JSON (%2 at offset %3): %4").arg(url, error.errorString()).arg(error.offset).arg(excerpt(body)),
                             m_transcript));
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
            finish(m_id, failure(QStringLiteral("GET %1: no whole-number weight at \"%2\" in %3").arg(url, *fields[i], excerpt(body)), m_transcript));
            return;
        }
        weights[i] = int(d);
    }
    TrafficResult result;
    result.blueWeight = weights[0];
    result.greenWeight = weights[1];
    result.details = m_transcript;
    const Result<TrafficSplit> split = TrafficSplit::fromWeights(weights[0], weights[1]);
    if (!split) {
        result.message = QStringLiteral("%1: %2").arg(description(), split.error());
        finish(m_id, result);
        return;
    }
    result.ok = true;
    result.verified = true;
    result.bluePercent = split.value().bluePercent;
    result.greenPercent = split.value().greenPercent;
    finish(m_id, result);
}

QString HttpController::cancel()
{
    if (!m_reply)
        return QStringLiteral("nothing was running");
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    const QString inProgress = QStringLiteral("no answer yet to %1 %2")
                                   .arg(m_stage == Stage::Apply ? QString::fromLatin1(m_config.method) : QStringLiteral("GET"),
                                        reply->url().toDisplayString());
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    return inProgress;
}
