#include "guardedhttpget.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <algorithm>

namespace {

constexpr int MaxRedirects = 5;

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
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

QString HttpGetOutcome::statusLine() const
{
    return reason.isEmpty() ? QString::number(status) : QStringLiteral("%1 %2").arg(status).arg(reason);
}

GuardedHttpGet::GuardedHttpGet(QNetworkAccessManager *manager, const QNetworkRequest &request, int timeoutMs,
                               QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_request(request)
    , m_timeoutMs(std::max(1, timeoutMs))
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, &GuardedHttpGet::onTimeout);
    // This class judges every redirect itself (origin check).
    m_request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    m_request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_request.setTransferTimeout(m_timeoutMs);
}

GuardedHttpGet::~GuardedHttpGet()
{
    abort();
}

bool GuardedHttpGet::sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && effectivePort(a) == effectivePort(b);
}

QString GuardedHttpGet::excerpt(const QByteArray &body, int maxChars)
{
    QString text = QString::fromUtf8(body.left(maxChars * 4)).simplified();
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text += QChar(0x2026);
    }
    return text;
}

QString GuardedHttpGet::formatSeconds(int ms)
{
    if (ms % 1000 == 0)
        return QStringLiteral("%1 s").arg(ms / 1000);
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'g', 3);
}

void GuardedHttpGet::start(const QUrl &url)
{
    m_first = url;
    m_deadline->start(m_timeoutMs);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        // Reported from the event loop like every other outcome.
        QTimer::singleShot(0, this, [this, url] {
            if (!m_aborted)
                fail(QStringLiteral("\"%1\" is not an http:// or https:// URL with a host").arg(shown(url)));
        });
        return;
    }
    send(url);
}

void GuardedHttpGet::abort()
{
    m_aborted = true;
    m_deadline->stop();
    dropReply();
}

void GuardedHttpGet::dropReply()
{
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        // Disconnect first: QNetworkReply::abort() emits finished() at once.
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void GuardedHttpGet::send(const QUrl &url)
{
    m_current = url;
    m_sslErrors.clear();
    QNetworkRequest request = m_request;
    request.setUrl(url);
    QNetworkReply *reply = m_manager->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Recorded for the message; never ignored, so the handshake fails.
        m_sslErrors += errors;
    });
    connect(reply, &QNetworkReply::finished, this, &GuardedHttpGet::onReplyFinished);
}

void GuardedHttpGet::onTimeout()
{
    if (m_finished || m_aborted)
        return;
    dropReply();
    fail(QStringLiteral("%1: no answer, timed out after %2").arg(shown(m_current.isEmpty() ? m_first : m_current), formatSeconds(m_timeoutMs)));
}

void GuardedHttpGet::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply || m_finished)
        return;
    reply->deleteLater();

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int httpStatus = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const QNetworkReply::NetworkError error = reply->error();
    // Codes below ContentAccessDenied are about the connection (refused, TLS, timeout,
    // proxy); from there on they mirror an HTTP status, which is an answer.
    if (error != QNetworkReply::NoError && (httpStatus == 0 || error < QNetworkReply::ContentAccessDenied)) {
        fail(networkErrorMessage(reply));
        return;
    }
    if (httpStatus >= 300 && httpStatus < 400 && httpStatus != 304) {
        const QByteArray location = reply->rawHeader("Location");
        if (location.isEmpty()) {
            fail(QStringLiteral("%1 answered HTTP %2 (a redirect) without saying where to").arg(shown(m_current)).arg(httpStatus));
            return;
        }
        const QUrl target = m_current.resolved(QUrl::fromEncoded(location));
        if (!sameOrigin(target, m_first)) {
            fail(QStringLiteral("%1 redirected to %2, which is not on %3; redirects are only followed within the same "
                                "scheme, host and port. Configure the address that really answers")
                     .arg(shown(m_current), shown(target), origin(m_first)));
            return;
        }
        if (++m_redirects > MaxRedirects) {
            fail(QStringLiteral("%1 redirected more than %2 times (last to %3)").arg(shown(m_first)).arg(MaxRedirects).arg(shown(target)));
            return;
        }
        send(target);
        return;
    }
    m_outcome.status = httpStatus > 0 ? httpStatus : 200; // a non-HTTP scheme cannot get here
    m_outcome.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    m_outcome.body = reply->readAll();
    m_outcome.url = m_current.adjusted(QUrl::RemoveUserInfo);
    finish();
}

QString GuardedHttpGet::networkErrorMessage(QNetworkReply *reply) const
{
    const QString url = shown(m_current);
    const QString host = m_current.host();
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("%1: connection refused by %2:%3; is it running there and is the port right?")
            .arg(url, host)
            .arg(effectivePort(m_current));
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("%1: host %2 not found; check the address and the DNS").arg(url, host);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout; abort() by us is never reported
        return QStringLiteral("%1: no answer, timed out after %2").arg(url, formatSeconds(m_timeoutMs));
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("%1: the server closed the connection before answering; check the scheme (http or https) "
                              "and the port")
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
        return QStringLiteral("%1: TLS certificate error for host %2: %3. Certificates are always verified; install the "
                              "CA that signed the server's certificate in the system's trust store, or fix the certificate")
            .arg(url, host, reasons.join(QStringLiteral("; ")));
    }
    if (reply->error() == QNetworkReply::SslHandshakeFailedError)
        return QStringLiteral("%1: TLS error with host %2: %3; check that the server speaks https on that port")
            .arg(url, host, reply->errorString());
    return QStringLiteral("%1: %2").arg(url, reply->errorString());
}

void GuardedHttpGet::fail(const QString &message)
{
    m_outcome = {};
    m_outcome.error = message;
    m_outcome.url = (m_current.isEmpty() ? m_first : m_current).adjusted(QUrl::RemoveUserInfo);
    finish();
}

void GuardedHttpGet::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline->stop();
    Q_EMIT finished();
}
