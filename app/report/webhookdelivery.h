#pragma once

#include "core/phrase.h"
#include "report/statusupdate.h"
#include "report/webhookconfig.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class Deployment;
class GuardedRequest;
class QNetworkAccessManager;
class QTimer;
class SecretResolver;

// One status update's delivery to one webhook: the URL read from its secret, POSTed as JSON
// through the engine's guarded request (same-origin redirects, TLS verified, a deadline, a cap
// on the answer), tried again after a failure as often as the profile says. Every result is
// journaled (status-update-sent / -failed / -retried); a failure never stops anything else.
// Messages never contain the webhook's URL: it is a secret.
class WebhookDelivery : public QObject
{
    Q_OBJECT
public:
    WebhookDelivery(Deployment *deployment, const WebhookConfig &webhook, const StatusUpdate &update, QNetworkAccessManager *network,
                    SecretResolver *secrets, QObject *parent = nullptr);
    ~WebhookDelivery() override;

    void start();
    bool isFinished() const { return m_finished; }
    const WebhookConfig &webhook() const { return m_webhook; }
    const StatusUpdate &update() const { return m_update; }

Q_SIGNALS:
    // An attempt failed; retryInMs is 0 when no attempt follows.
    void attemptFailed(int attempt, const QString &message, int retryInMs);
    // Delivered, or given up after the last attempt.
    void finished(bool delivered, const QString &message);
    void journalFailed(const Phrase &message);

private:
    void attempt();
    void onAnswer();
    void fail(const QString &message, int httpStatus);
    void journal(int kind, QJsonObject payload);
    QString scrubbed(const QString &message) const;

    QPointer<Deployment> m_deployment;
    WebhookConfig m_webhook;
    StatusUpdate m_update;
    QNetworkAccessManager *m_network;
    SecretResolver *m_secrets;
    QUrl m_url;
    GuardedRequest *m_request = nullptr;
    QTimer *m_retry;
    int m_attempt = 0;
    bool m_finished = false;
};
