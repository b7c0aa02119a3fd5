#include "guardedrequest.h"

#include "readable.h"
#include "redactor.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <utility>

namespace {

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

QString origin(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

} // namespace

QString HttpOutcome::statusLine() const
{
    return reason.isEmpty() ? QString::number(status) : QStringLiteral("%1 %2").arg(status).arg(reason);
}

GuardedRequest::GuardedRequest(QNetworkAccessManager *manager, const QNetworkRequest &request, const HttpGuards &guards,
                               QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_request(request)
    , m_guards(guards)
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, &GuardedRequest::onDeadline);
    // This class judges every redirect itself (origin check, method and body kept).
    m_request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    m_request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
}

GuardedRequest::~GuardedRequest()
{
    abort();
}

bool GuardedRequest::sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && effectivePort(a) == effectivePort(b);
}

QString GuardedRequest::shown(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString GuardedRequest::excerpt(const QByteArray &body, int maxChars)
{
    // A server may echo what it was sent (a proxy's error page quoting the Authorization header).
    QString text = Redactor::redact(QString::fromUtf8(body.left(qsizetype(maxChars) * 4))).simplified();
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text += QChar(0x2026);
    }
    return text;
}

void GuardedRequest::send(const QByteArray &method, const QUrl &url, const QByteArray &body)
{
    m_method = method;
    m_body = body;
    m_first = url;
    if (m_guards.timeoutMs > 0)
        m_deadline->start(m_guards.timeoutMs);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        // Reported from the event loop like every other outcome.
        QTimer::singleShot(0, this, [this, url] {
            if (!m_aborted)
                fail(m_guards.setting.isEmpty()
                         ? phrase("GuardedRequest", "\"%1\" is not an http:// or https:// URL with a host").arg(shown(url))
                         : phrase("GuardedRequest", "\"%1\" is not an http:// or https:// URL with a host; check %2").arg(shown(url)).arg(m_guards.setting));
        });
        return;
    }
    sendTo(url);
}

void GuardedRequest::abort()
{
    m_aborted = true;
    m_deadline->stop();
    dropReply();
}

void GuardedRequest::dropReply()
{
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        // Disconnect first: QNetworkReply::abort() emits finished() at once.
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void GuardedRequest::sendTo(const QUrl &url)
{
    m_current = url;
    m_sslErrors.clear();
    m_answer.clear();
    m_answerBegun = false;
    QNetworkRequest request = m_request;
    request.setUrl(url);
    QNetworkReply *reply = nullptr;
    if (m_method == "GET" && m_body.isEmpty())
        reply = m_manager->get(request);
    else if (m_method == "POST")
        reply = m_manager->post(request, m_body);
    else if (m_method == "PUT")
        reply = m_manager->put(request, m_body);
    else
        reply = m_manager->sendCustomRequest(request, m_method, m_body);
    m_reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Recorded for the message; never ignored, so the handshake fails.
        m_sslErrors += errors;
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, &GuardedRequest::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &GuardedRequest::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &GuardedRequest::onReplyFinished);
}

void GuardedRequest::onMetaDataChanged()
{
    m_answerBegun = true;
    // A length over the cap is refused before a byte of the body is read.
    bool known = false;
    const qint64 length = m_reply ? m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known) : 0;
    if (known && length > m_guards.maxBodyBytes)
        failOverCap(length, true);
}

void GuardedRequest::onReadyRead()
{
    if (!m_reply)
        return;
    m_answerBegun = true;
    m_answer += m_reply->readAll();
    if (m_answer.size() > m_guards.maxBodyBytes)
        failOverCap(m_answer.size(), false);
}

void GuardedRequest::failOverCap(qint64 size, bool declared)
{
    dropReply();
    const QString cap = readableSize(m_guards.maxBodyBytes);
    const Phrase peer = Phrase::capitalized(m_guards.peer);
    if (declared)
        fail(phrase("GuardedRequest", "%1 at %2 answered with %3, more than the %4 this console reads from it; the answer was not read")
                 .arg(peer).arg(shown(m_current)).arg(readableSize(size)).arg(cap));
    else
        fail(phrase("GuardedRequest", "%1 at %2 sent more than %3, the most this console reads from it; the answer was cut off and not used")
                 .arg(peer).arg(shown(m_current)).arg(cap));
}

void GuardedRequest::onDeadline()
{
    if (m_finished || m_aborted)
        return;
    dropReply();
    const QString url = shown(m_current.isEmpty() ? m_first : m_current);
    const QString limit = readableDuration(m_guards.timeoutMs);
    if (m_answerBegun)
        fail(phrase("GuardedRequest", "No complete answer from %1 at %2 within %3 (the request timeout): %4 of it had come and "
                                      "the rest was still arriving; the server or the network is too slow")
                 .arg(m_guards.peer).arg(url).arg(limit).arg(readableSize(m_answer.size())));
    else
        fail(phrase("GuardedRequest", "No answer from %1 at %2 within %3 (the request timeout); the server or the network is "
                                      "slow or the address is unreachable")
                 .arg(m_guards.peer).arg(url).arg(limit));
}

void GuardedRequest::onReplyFinished()
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
        followRedirect(reply, httpStatus);
        return;
    }
    m_answer += reply->readAll();
    if (m_answer.size() > m_guards.maxBodyBytes) {
        failOverCap(m_answer.size(), false);
        return;
    }
    m_outcome.status = httpStatus > 0 ? httpStatus : 200; // a non-HTTP scheme cannot get here
    m_outcome.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    m_outcome.body = std::exchange(m_answer, {});
    m_outcome.url = m_current.adjusted(QUrl::RemoveUserInfo);
    finish();
}

void GuardedRequest::followRedirect(QNetworkReply *reply, int httpStatus)
{
    const QByteArray location = reply->rawHeader("Location");
    if (location.isEmpty()) {
        fail((m_guards.setting.isEmpty() ? phrase("GuardedRequest", "%1 answered HTTP %2 (a redirect) without saying where to; "
                                                                    "configure the URL to %3's own address")
                                         : phrase("GuardedRequest", "%1 answered HTTP %2 (a redirect) without saying where to; "
                                                                    "set %4 to %3's own address"))
                 .arg(shown(m_current))
                 .arg(httpStatus)
                 .arg(m_guards.peer)
                 .arg(m_guards.setting));
        return;
    }
    const QUrl target = m_current.resolved(QUrl::fromEncoded(location));
    if (!sameOrigin(target, m_first)) {
        fail((m_guards.setting.isEmpty()
                  ? phrase("GuardedRequest", "%1 redirected to %2, which is not on %3; redirects are only followed within the same "
                                             "scheme, host and port, so that credentials never go elsewhere. Configure the URL to "
                                             "the address %4 is really served from")
                  : phrase("GuardedRequest", "%1 redirected to %2, which is not on %3; redirects are only followed within the same "
                                             "scheme, host and port, so that credentials never go elsewhere. Set %5 to the address "
                                             "%4 is really served from"))
                 .arg(shown(m_current))
                 .arg(shown(target))
                 .arg(origin(m_first))
                 .arg(m_guards.peer)
                 .arg(m_guards.setting));
        return;
    }
    if (++m_redirects > MaxRedirects) {
        fail((m_guards.setting.isEmpty() ? phrase("GuardedRequest", "%1 redirected more than %2 times (last to %3)")
                                         : phrase("GuardedRequest", "%1 redirected more than %2 times (last to %3); check %4"))
                 .arg(shown(m_first))
                 .arg(MaxRedirects)
                 .arg(shown(target))
                 .arg(m_guards.setting));
        return;
    }
    // The same method and body whatever the status: Qt would turn a redirected POST into a
    // GET without its body for 301/302/303.
    sendTo(target);
}

Phrase GuardedRequest::networkErrorMessage(QNetworkReply *reply) const
{
    const QString url = shown(m_current);
    const QString host = m_current.host();
    const Phrase &peer = m_guards.peer;
    const bool named = !m_guards.setting.isEmpty();
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return (named ? phrase("GuardedRequest", "Could not connect to %1 at %2: connection refused by %3:%4; is it running there "
                                                 "and is the port right? Check %5")
                      : phrase("GuardedRequest", "Could not connect to %1 at %2: connection refused by %3:%4; is it running there "
                                                 "and is the port right?"))
            .arg(peer)
            .arg(url)
            .arg(host)
            .arg(effectivePort(m_current))
            .arg(m_guards.setting);
    case QNetworkReply::HostNotFoundError:
        return (named ? phrase("GuardedRequest", "Could not connect to %1 at %2: host %3 not found; check %4 and the DNS")
                      : phrase("GuardedRequest", "Could not connect to %1 at %2: host %3 not found; check the address and the DNS"))
            .arg(peer)
            .arg(url)
            .arg(host)
            .arg(m_guards.setting);
    case QNetworkReply::RemoteHostClosedError:
        return (named ? phrase("GuardedRequest", "%1 at %2 closed the connection before answering; check the scheme (http or "
                                                 "https) and the port of %3")
                      : phrase("GuardedRequest", "%1 at %2 closed the connection before answering; check the scheme (http or "
                                                 "https) and the port"))
            .arg(Phrase::capitalized(peer))
            .arg(url)
            .arg(m_guards.setting);
    default:
        break;
    }
    if (!m_sslErrors.isEmpty()) {
        QStringList reasons;
        for (const QSslError &e : m_sslErrors) {
            if (!reasons.contains(e.errorString()))
                reasons << e.errorString();
        }
        return phrase("GuardedRequest", "TLS certificate error connecting to host %1 (%2 at %3): %4. The connection was refused: "
                                        "certificates are always verified. Install the CA that signed the server's certificate "
                                        "in the system's trust store, or fix the certificate (host name, expiry)")
            .arg(host)
            .arg(peer)
            .arg(url)
            .arg(reasons.join(QStringLiteral("; ")));
    }
    if (reply->error() == QNetworkReply::SslHandshakeFailedError)
        return phrase("GuardedRequest", "TLS error connecting to host %1 (%2 at %3): %4; check that the server speaks https on "
                                        "that port")
            .arg(host)
            .arg(peer)
            .arg(url)
            .arg(reply->errorString());
    return phrase("GuardedRequest", "Request to %1 at %2 failed: %3").arg(peer).arg(url).arg(reply->errorString());
}

void GuardedRequest::fail(const Phrase &message)
{
    m_outcome = {};
    m_outcome.error = message;
    m_outcome.url = (m_current.isEmpty() ? m_first : m_current).adjusted(QUrl::RemoveUserInfo);
    finish();
}

void GuardedRequest::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline->stop();
    Q_EMIT finished();
}
