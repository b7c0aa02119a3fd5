#include "statusupdates.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "report/statusupdatecomposer.h"
#include "report/webhookdelivery.h"
#include "rollout/rollout.h"
#include "secrets/secretresolver.h"

#include <QTimer>

StatusUpdates::StatusUpdates(Deployment *deployment, const QList<WebhookConfig> &webhooks, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_deployment(deployment)
    , m_webhooks(webhooks)
    , m_network(network)
    , m_secrets(new SecretResolver(this))
    , m_timer(new ClockTimer(deployment->clock(), this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &ClockTimer::timeout, this, &StatusUpdates::onDue);
    // The schedule moves with the first shift, every update journaled (here or by another
    // console), and the close.
    connect(m_deployment, &Deployment::trafficChanged, this, &StatusUpdates::reschedule);
    connect(m_deployment, &Deployment::statusUpdatesChanged, this, &StatusUpdates::reschedule);
    connect(m_deployment, &Deployment::closedChanged, this, &StatusUpdates::reschedule);
    reschedule();
}

StatusUpdates::~StatusUpdates() = default;

Deployment *StatusUpdates::deployment() const
{
    return m_deployment;
}

void StatusUpdates::setRollout(Rollout *rollout)
{
    if (m_rollout == rollout)
        return;
    if (m_rollout)
        disconnect(m_rollout, nullptr, this, nullptr);
    m_rollout = rollout;
    if (rollout) {
        connect(rollout, &Rollout::rollbackStarted, this, [this](const RuleStatus &trigger, const QString &) { onRollback(trigger); });
        connect(rollout, &Rollout::trafficChanged, this, &StatusUpdates::reschedule);
    }
    reschedule();
}

QStringList StatusUpdates::webhookNames() const
{
    QStringList names;
    for (const WebhookConfig &w : m_webhooks)
        names << w.name;
    return names;
}

qint64 StatusUpdates::lastUpdateMs() const
{
    qint64 last = m_handledMs;
    for (const StatusUpdateRecord &u : m_deployment->state().statusUpdates)
        last = std::max(last, u.atMs);
    return last;
}

std::optional<qint64> StatusUpdates::nextDueMs() const
{
    if (!m_deployment)
        return std::nullopt;
    const DeploymentState &s = m_deployment->state();
    if (s.closed || !s.traffic.firstShiftMs)
        return std::nullopt;
    return std::max(*s.traffic.firstShiftMs, lastUpdateMs()) + IntervalMs;
}

bool StatusUpdates::isDue() const
{
    const std::optional<qint64> due = nextDueMs();
    return due && m_deployment->clock()->nowMs() >= *due;
}

void StatusUpdates::reschedule()
{
    const std::optional<qint64> due = nextDueMs();
    if (!due) {
        m_timer->stop();
        return;
    }
    const qint64 now = m_deployment->clock()->nowMs();
    if (*due <= now) {
        if (m_announcedDueMs != *due && !m_timer->isActive())
            m_timer->start(0);
        return;
    }
    m_timer->start(*due - now);
}

void StatusUpdates::onDue()
{
    const std::optional<qint64> dueMs = nextDueMs();
    if (!dueMs || m_deployment->clock()->nowMs() < *dueMs) {
        reschedule();
        return;
    }
    if (m_announcedDueMs == *dueMs)
        return;
    m_announcedDueMs = *dueMs;
    if (m_autoSend && hasWebhooks() && !m_deployment->isReadOnly()) {
        const StatusUpdate update = prepare(StatusUpdate::Trigger::Scheduled);
        send(update);
        Q_EMIT sentAutomatically(update);
        return;
    }
    Q_EMIT due();
}

void StatusUpdates::onRollback(const RuleStatus &trigger)
{
    // After the Rollout has finished the evaluation that decided it: the update reads its state.
    const StatusUpdate::Trigger kind = trigger.ruleId.isEmpty() ? StatusUpdate::Trigger::Rollback : StatusUpdate::Trigger::AutomaticTrigger;
    QTimer::singleShot(0, this, [this, kind] {
        if (!m_deployment || m_deployment->isReadOnly())
            return;
        const StatusUpdate update = prepare(kind);
        send(update);
        Q_EMIT sentAutomatically(update);
    });
}

StatusUpdate StatusUpdates::prepare(StatusUpdate::Trigger trigger) const
{
    StatusUpdateComposer::Input in;
    in.state = &m_deployment->state();
    in.runbook = &m_deployment->runbook();
    if (m_rollout) {
        in.evaluation = m_rollout->evaluation();
        in.gate = m_rollout->gate();
        in.observedGreen = m_rollout->observedPercent();
        in.trafficProblem = m_rollout->trafficProblem();
    }
    in.samples = m_samples;
    in.environment = m_environment;
    in.nowMs = m_deployment->clock()->nowMs();
    in.timeZone = m_zone;
    return StatusUpdateComposer::compose(in, trigger);
}

QString StatusUpdates::nextId() const
{
    int n = int(m_deployment->state().statusUpdates.size()) + m_sentHere + 1;
    while (m_deployment->state().statusUpdate(QStringLiteral("u%1").arg(n)))
        ++n;
    return QStringLiteral("u%1").arg(n);
}

QString StatusUpdates::send(StatusUpdate update)
{
    m_handledMs = m_deployment->clock()->nowMs();
    if (!hasWebhooks()) {
        reschedule();
        return {};
    }
    update.id = nextId();
    ++m_sentHere;
    for (const WebhookConfig &webhook : std::as_const(m_webhooks)) {
        auto *delivery = new WebhookDelivery(m_deployment, webhook, update, m_network, m_secrets, this);
        m_deliveries << delivery;
        connect(delivery, &WebhookDelivery::journalFailed, this, &StatusUpdates::journalFailed);
        connect(delivery, &WebhookDelivery::attemptFailed, this, [this, delivery](int, const QString &message, int retryInMs) {
            Q_EMIT deliveryFailed(delivery->webhook().name, message, retryInMs);
        });
        connect(delivery, &WebhookDelivery::finished, this, [this, delivery](bool delivered, const QString &message) {
            m_deliveries.removeOne(delivery);
            delivery->deleteLater();
            Q_EMIT deliveryFinished(delivery->update().id, delivery->webhook().name, delivered, message);
            if (m_deliveries.isEmpty())
                Q_EMIT idle();
        });
        delivery->start();
    }
    reschedule();
    return update.id;
}

void StatusUpdates::acknowledge()
{
    m_handledMs = m_deployment->clock()->nowMs();
    reschedule();
}

int StatusUpdates::deliveriesInFlight() const
{
    return int(m_deliveries.size());
}
