#include "prometheusreply.h"

#include "prometheusresponse.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace {

constexpr int MaxRedirects = 5;

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && effectivePort(a) == effectivePort(b);
}

QString shown(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString origin(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

} // namespace

PrometheusReply::PrometheusReply(QNetworkAccessManager *manager, const QNetworkRequest &request, const QByteArray &form,
                                 QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_request(request)
    , m_form(form)
{
}

PrometheusReply::~PrometheusReply()
{
    abort();
}

void PrometheusReply::abort()
{
    m_aborted = true;
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        // Disconnect first: QNetworkReply::abort() emits finished() at once.
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void PrometheusReply::send(const QUrl &url)
{
    if (m_url.isEmpty())
        m_url = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    m_current = url;
    m_sslErrors.clear();
    QNetworkRequest request = m_request;
    request.setUrl(url);
    QNetworkReply *reply = m_manager->post(request, m_form);
    m_reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Recorded for the message; never ignored, so the handshake fails.
        m_sslErrors += errors;
    });
    connect(reply, &QNetworkReply::finished, this, &PrometheusReply::onNetworkFinished);
}

void PrometheusReply::finishLater(const QString &message)
{
    QTimer::singleShot(0, this, [this, message] {
        if (!m_aborted)
            finish(Result<PrometheusQueryResult>::failure(message));
    });
}

void PrometheusReply::onNetworkFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int httpStatus = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const QNetworkReply::NetworkError error = reply->error();
    // Codes below ContentAccessDenied are about the connection (refused, TLS, timeout,
    // proxy); from there on they mirror an HTTP status whose body says more.
    if (error != QNetworkReply::NoError && (httpStatus == 0 || error < QNetworkReply::ContentAccessDenied)) {
        finish(Result<PrometheusQueryResult>::failure(networkErrorMessage(reply)));
        return;
    }
    if (httpStatus >= 300 && httpStatus < 400 && httpStatus != 304) {
        followRedirect(reply, httpStatus);
        return;
    }
    const QByteArray body = reply->readAll();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    auto parsed = PrometheusResponse::parse(body, httpStatus, reason);
    if (!parsed.ok())
        parsed = Result<PrometheusQueryResult>::failure(QStringLiteral("%1: %2").arg(shown(m_current), parsed.error()));
    finish(std::move(parsed));
}

void PrometheusReply::followRedirect(QNetworkReply *reply, int httpStatus)
{
    using R = Result<PrometheusQueryResult>;
    const QByteArray location = reply->rawHeader("Location");
    if (location.isEmpty()) {
        finish(R::failure(QStringLiteral("%1 answered HTTP %2 (a redirect) without saying where to; "
                                         "set the metrics base URL to Prometheus's own address")
                              .arg(shown(m_current))
                              .arg(httpStatus)));
        return;
    }
    const QUrl target = m_current.resolved(QUrl::fromEncoded(location));
    if (!sameOrigin(target, m_url)) {
        finish(R::failure(QStringLiteral("%1 redirected to %2, which is not on %3; redirects are only followed within the "
                                         "same scheme, host and port, so that credentials never go elsewhere. Set the metrics base "
                                         "URL to the address Prometheus is really served from")
                              .arg(shown(m_current), shown(target), origin(m_url))));
        return;
    }
    if (++m_redirects > MaxRedirects) {
        finish(R::failure(QStringLiteral("%1 redirected more than %2 times (last to %3); check the metrics base URL")
                              .arg(shown(m_url))
                              .arg(MaxRedirects)
                              .arg(shown(target))));
        return;
    }
    // Sent again as a POST with the same form whatever the status: Qt would turn a
    // redirected POST into a GET without the query for 301/302/303.
    send(target);
}

QString PrometheusReply::networkErrorMessage(QNetworkReply *reply) const
{
    const QString url = shown(m_current);
    const QString host = m_current.host();
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("Could not connect to Prometheus at %1: connection refused by %2:%3; is it running there "
                              "and is the port right?")
            .arg(url, host)
            .arg(effectivePort(m_current));
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("Could not connect to Prometheus at %1: host %2 not found; check the metrics base URL "
                              "and the DNS")
            .arg(url, host);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts the reply; abort() by us is not reported
        return QStringLiteral("No answer from Prometheus at %1 within %2 ms (the request timeout); the server or the "
                              "network is slow or the address is unreachable")
            .arg(url)
            .arg(m_request.transferTimeout());
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("Prometheus at %1 closed the connection before answering; check that the base URL's "
                              "scheme (http or https) and port are right")
            .arg(url);
    default:
        break;
    }
    if (!m_sslErrors.isEmpty()) {
        QStringList reasons;
        for (const QSslError &e : m_sslErrors) {
            if (!reasons.contains(e.errorString()))
                reasons << e.errorString();
        }
        return QStringLiteral("TLS certificate error connecting to host %1 (%2): %3. The connection was refused: "
                              "certificates are always verified. Install the CA that signed the server's certificate "
                              "in the system's trust store, or fix the certificate (host name, expiry)")
            .arg(host, url, reasons.join(QStringLiteral("; ")));
    }
    if (reply->error() == QNetworkReply::SslHandshakeFailedError)
        return QStringLiteral("TLS error connecting to host %1 (%2): %3; check that the server speaks https on that port")
            .arg(host, url, reply->errorString());
    return QStringLiteral("Request to Prometheus at %1 failed: %2").arg(url, reply->errorString());
}

void PrometheusReply::finish(Result<PrometheusQueryResult> result)
{
    if (m_result)
        return;
    m_result = std::move(result);
    Q_EMIT finished();
}
