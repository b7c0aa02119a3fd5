#include "webhookdelivery.h"

#include "core/guardedrequest.h"
#include "deployment/deployment.h"
#include "report/webhookpayload.h"
#include "secrets/secretresolver.h"

#include <QJsonObject>
#include <QNetworkRequest>
#include <QTimer>

WebhookDelivery::WebhookDelivery(Deployment *deployment, const WebhookConfig &webhook, const StatusUpdate &update, QNetworkAccessManager *network,
                                 SecretResolver *secrets, QObject *parent)
    : QObject(parent)
    , m_deployment(deployment)
    , m_webhook(webhook)
    , m_update(update)
    , m_network(network)
    , m_secrets(secrets)
    , m_retry(new QTimer(this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &WebhookDelivery::attempt);
}

WebhookDelivery::~WebhookDelivery() = default;

void WebhookDelivery::start()
{
    m_secrets->resolve(m_webhook.url, this, [this](Result<QString> secret) {
        if (!secret) {
            m_attempt = 1;
            m_finished = true;
            const QString message = QStringLiteral("the webhook's URL could not be read (%1): %2").arg(m_webhook.url.describe(), secret.error());
            journal(int(DeploymentEvent::Kind::StatusUpdateFailed),
                    {{QStringLiteral("httpStatus"), 0}, {QStringLiteral("message"), message}, {QStringLiteral("retryInMs"), 0}});
            Q_EMIT attemptFailed(1, message, 0);
            Q_EMIT finished(false, message);
            return;
        }
        m_url = QUrl(secret.value().trimmed(), QUrl::StrictMode);
        if (!m_url.isValid() || (m_url.scheme() != u"https" && m_url.scheme() != u"http") || m_url.host().isEmpty()) {
            m_url.clear();
            m_attempt = 1;
            m_finished = true;
            // Never the value itself: it is a secret, and a mistyped one is still close to one.
            const QString message = QStringLiteral("%1 does not hold an http:// or https:// URL").arg(m_webhook.url.describe());
            journal(int(DeploymentEvent::Kind::StatusUpdateFailed),
                    {{QStringLiteral("httpStatus"), 0}, {QStringLiteral("message"), message}, {QStringLiteral("retryInMs"), 0}});
            Q_EMIT attemptFailed(1, message, 0);
            Q_EMIT finished(false, message);
            return;
        }
        attempt();
    });
}

void WebhookDelivery::attempt()
{
    ++m_attempt;
    if (m_attempt > 1)
        journal(int(DeploymentEvent::Kind::StatusUpdateRetried), {});
    QNetworkRequest request;
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json; charset=utf-8"));
    request.setRawHeader(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("StoneCaster Deploy Console"));
    HttpGuards guards;
    guards.peer = phrase("WebhookDelivery", "the webhook \"%1\"").arg(m_webhook.name);
    guards.setting = phrase("WebhookDelivery", "the webhook's URL (%1)").arg(m_webhook.url.describePhrase());
    guards.timeoutMs = m_webhook.timeoutMs;
    guards.maxBodyBytes = 64 * 1024;
    delete m_request;
    m_request = new GuardedRequest(m_network, request, guards, this);
    connect(m_request, &GuardedRequest::finished, this, &WebhookDelivery::onAnswer);
    m_request->send(QByteArrayLiteral("POST"), m_url, WebhookPayload::body(m_update, m_webhook));
}

void WebhookDelivery::onAnswer()
{
    const HttpOutcome outcome = m_request->outcome();
    if (outcome.is2xx()) {
        m_finished = true;
        journal(int(DeploymentEvent::Kind::StatusUpdateSent), {{QStringLiteral("httpStatus"), outcome.status}});
        Q_EMIT finished(true, QStringLiteral("delivered (HTTP %1)").arg(outcome.status));
        return;
    }
    if (outcome.answered()) {
        const QString words = GuardedRequest::excerpt(outcome.body);
        fail(words.isEmpty() ? outcome.statusLine() : QStringLiteral("%1: %2").arg(outcome.statusLine(), words), outcome.status);
    } else {
        fail(outcome.error.english(), 0);
    }
}

void WebhookDelivery::fail(const QString &message, int httpStatus)
{
    const QString text = scrubbed(message);
    const bool again = m_attempt <= m_webhook.retries;
    const int retryInMs = again ? m_webhook.retryDelayMs : 0;
    journal(int(DeploymentEvent::Kind::StatusUpdateFailed),
            {{QStringLiteral("httpStatus"), httpStatus}, {QStringLiteral("message"), text}, {QStringLiteral("retryInMs"), retryInMs}});
    Q_EMIT attemptFailed(m_attempt, text, retryInMs);
    if (again) {
        m_retry->start(retryInMs);
        return;
    }
    m_finished = true;
    Q_EMIT finished(false, text);
}

QString WebhookDelivery::scrubbed(const QString &message) const
{
    // The guarded request names the URL it asked; a webhook's URL is its secret.
    QString text = message;
    for (const QString &form : {m_url.toString(), GuardedRequest::shown(m_url), m_url.path()}) {
        if (form.size() > 1)
            text.replace(form, QStringLiteral("<the webhook's URL>"));
    }
    return text;
}

void WebhookDelivery::journal(int kind, QJsonObject payload)
{
    if (!m_deployment)
        return;
    payload.insert(QStringLiteral("webhook"), m_webhook.name);
    payload.insert(QStringLiteral("attempt"), std::max(1, m_attempt));
    if (DeploymentEvent::Kind(kind) != DeploymentEvent::Kind::StatusUpdateRetried) {
        payload.insert(QStringLiteral("trigger"), StatusUpdate::nameOf(m_update.trigger));
        payload.insert(QStringLiteral("title"), m_update.title);
        payload.insert(QStringLiteral("text"), m_update.text);
    }
    if (Status s = m_deployment->recordStatusUpdate(DeploymentEvent::Kind(kind), m_update.id, payload); !s)
        Q_EMIT journalFailed(phrase("WebhookDelivery", "a status update's delivery to \"%1\" was not journaled: %2").arg(m_webhook.name).arg(s.errorPhrase()));
}
