#include "prometheusclient.h"

#include "core/guardedrequest.h"

#include <QNetworkAccessManager>
#include <QSslConfiguration>

#include <cstdlib>

PrometheusClient::PrometheusClient(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
}

Status PrometheusClient::checkBaseUrl(const QUrl &url)
{
    const QString shown = url.toDisplayString(QUrl::RemoveUserInfo);
    if (url.isEmpty())
        return Status::failure(phrase("PrometheusClient", "No metrics base URL is set; the profile needs one such as http://prometheus:9090"));
    if (!url.isValid())
        return Status::failure(phrase("PrometheusClient", "The metrics base URL \"%1\" is not a valid URL: %2").arg(shown).arg(url.errorString()));
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return Status::failure(phrase("PrometheusClient", "The metrics base URL \"%1\" must start with http:// or https://").arg(shown));
    if (url.host().isEmpty())
        return Status::failure(phrase("PrometheusClient", "The metrics base URL \"%1\" has no host name").arg(shown));
    return {};
}

QUrl PrometheusClient::endpointUrl(const QUrl &base, const QString &endpoint)
{
    QUrl url = base;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/api/v1/") + endpoint);
    url.setFragment(QString());
    return url;
}

QByteArray PrometheusClient::formatSeconds(qint64 ms)
{
    const bool negative = ms < 0;
    const qint64 magnitude = negative ? -ms : ms;
    QByteArray text = QByteArray::number(magnitude / 1000);
    if (const qint64 fraction = magnitude % 1000) {
        QByteArray digits = QByteArray::number(fraction).rightJustified(3, '0');
        while (digits.endsWith('0'))
            digits.chop(1);
        text += '.' + digits;
    }
    return negative ? '-' + text : text;
}

PrometheusReply *PrometheusClient::query(const QString &expression, qint64 timeMs)
{
    return post(QStringLiteral("query"), {{"query", expression.toUtf8()}, {"time", formatSeconds(timeMs)}});
}

PrometheusReply *PrometheusClient::queryRange(const QString &expression, qint64 startMs, qint64 endMs, qint64 stepMs)
{
    return post(QStringLiteral("query_range"), {{"query", expression.toUtf8()},
                                                {"start", formatSeconds(startMs)},
                                                {"end", formatSeconds(endMs)},
                                                {"step", formatSeconds(stepMs)}});
}

PrometheusReply *PrometheusClient::post(const QString &endpoint, const QList<std::pair<QByteArray, QByteArray>> &form)
{
    // Every value fully percent-encoded: QUrlQuery would leave '+' as is, which a form
    // decoder reads as a space ("a + b" would reach Prometheus as "a   b").
    QByteArray body;
    for (const auto &[name, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += name + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }

    QNetworkRequest request;
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("StoneCaster-Deploy-Console"));
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    if (!m_extraCaCertificates.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_extraCaCertificates);
        request.setSslConfiguration(tls);
    }
    HttpGuards guards;
    guards.peer = phrase("PrometheusClient", "Prometheus");
    guards.setting = phrase("PrometheusClient", "the metrics base URL (metrics.url in the profile)");
    guards.timeoutMs = m_timeoutMs;
    guards.maxBodyBytes = m_maxAnswerBytes;

    const QUrl url = endpointUrl(m_baseUrl, endpoint);
    auto *reply = new PrometheusReply(new GuardedRequest(m_manager, request, guards), url, this);
    const Status base = checkBaseUrl(m_baseUrl);
    if (!base)
        reply->finishLater(base.errorPhrase());
    else
        reply->m_request->send(QByteArrayLiteral("POST"), url, body);
    return reply;
}
