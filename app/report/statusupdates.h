#pragma once

#include "core/phrase.h"
#include "report/statusupdate.h"
#include "report/webhookconfig.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimeZone>

#include <optional>

class ClockTimer;
class Deployment;
class QNetworkAccessManager;
class Rollout;
class SampleStore;
class SecretResolver;
class WebhookDelivery;
struct RuleStatus;

// The status updates of one deployment: due every 15 minutes of deployment time from the first
// traffic shift (counted from the latest update) until the deployment closes; prepared by
// StatusUpdateComposer from the Rollout; sent to every webhook of the profile (a rollback or an
// automatic trigger sends one at once, by itself); each delivery journaled. The window reminds
// and lets the operator edit; the headless run sends scheduled ones by itself (setAutoSend).
class StatusUpdates : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 IntervalMs = 15 * 60'000;

    StatusUpdates(Deployment *deployment, const QList<WebhookConfig> &webhooks, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~StatusUpdates() override;

    Deployment *deployment() const;
    // Where the gate, the evaluation and the rollbacks come from; may change (a rebuilt Rollout).
    void setRollout(Rollout *rollout);
    void setSamples(const SampleStore *samples) { m_samples = samples; }
    void setEnvironmentName(const QString &name) { m_environment = name; }
    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }
    // Scheduled updates go out without an operator (the headless run).
    void setAutoSend(bool on) { m_autoSend = on; }
    bool autoSend() const { return m_autoSend; }
    bool hasWebhooks() const { return !m_webhooks.isEmpty(); }
    QStringList webhookNames() const;

    // When the next scheduled update is due (clock time); nullopt before the first shift and
    // after the close.
    std::optional<qint64> nextDueMs() const;
    bool isDue() const;
    StatusUpdate prepare(StatusUpdate::Trigger trigger) const;
    // Sends to every webhook; returns the update's id ("u3"). Without webhooks nothing is sent
    // and the id is empty. Either way the next one is due 15 minutes from now.
    QString send(StatusUpdate update);
    // The operator posted the update some other way (copied it): the next is due in 15 minutes.
    void acknowledge();
    int deliveriesInFlight() const;

Q_SIGNALS:
    // A scheduled update is due (once per due time; the window reminds).
    void due();
    // An update was sent by itself (a rollback, a trigger, or auto-send): the window shows it.
    void sentAutomatically(const StatusUpdate &update);
    void deliveryFinished(const QString &updateId, const QString &webhook, bool delivered, const QString &message);
    // One attempt failed (a retry may follow): shown, never blocking.
    void deliveryFailed(const QString &webhook, const QString &message, int retryInMs);
    void journalFailed(const Phrase &message);
    // No delivery is in flight any more.
    void idle();

private:
    void reschedule();
    void onDue();
    void onRollback(const RuleStatus &trigger);
    qint64 lastUpdateMs() const;
    QString nextId() const;

    QPointer<Deployment> m_deployment;
    QList<WebhookConfig> m_webhooks;
    QNetworkAccessManager *m_network;
    SecretResolver *m_secrets;
    QPointer<Rollout> m_rollout;
    const SampleStore *m_samples = nullptr;
    QString m_environment;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    ClockTimer *m_timer;
    QList<WebhookDelivery *> m_deliveries;
    qint64 m_handledMs = 0; // the latest update sent or acknowledged by this console
    qint64 m_announcedDueMs = 0;
    int m_sentHere = 0;
    bool m_autoSend = false;
};
