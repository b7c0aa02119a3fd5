#include "rolloutsession.h"

#include "alerts/alertmanagerclient.h"
#include "deployment/deployment.h"
#include "health/healthchecker.h"
#include "metrics/metricssession.h"
#include "secrets/secretresolver.h"
#include "rollout.h"
#include "traffic/trafficcontroller.h"
#include "traffic/trafficcontrollerfactory.h"

namespace {
const QString Green = QStringLiteral("green");
const QString Blue = QStringLiteral("blue");
} // namespace

RolloutSession::RolloutSession(Clock *clock, MetricsSession *metrics, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_metrics(metrics)
    , m_secrets(new SecretResolver(this))
    , m_health(new HealthChecker(clock, this))
    , m_alerts(new AlertmanagerClient(clock, this))
{
    connect(m_health, &HealthChecker::changed, this, [this](const QString &color) {
        if (color == Green)
            feedRollout();
    });
    connect(m_alerts, &AlertmanagerClient::changed, this, &RolloutSession::feedRollout);
}

RolloutSession::~RolloutSession()
{
    detach();
}

void RolloutSession::start(const RolloutConfig &config)
{
    stop();
    m_config = config;
    const int generation = ++m_generation;

    if (!config.health.green.url.isEmpty())
        m_health->setCheck(Green, config.health.green);
    if (!config.health.blue.url.isEmpty())
        m_health->setCheck(Blue, config.health.blue);
    m_health->start();

    if (!config.alerts.url.isEmpty()) {
        m_secrets->resolveAuthorization(config.alerts.auth, this, [this, generation](Result<QByteArray> authorization) {
            if (generation != m_generation)
                return;
            AlertSourceConfig config = m_config.alerts;
            if (authorization)
                config.authorization = authorization.value();
            m_alerts->setConfig(config);
            m_alerts->start(); // a secret that cannot be read shows as the server refusing us
        });
    }

    if (!config.traffic) {
        setControllerProblem(phrase("RolloutSession", "the profile has no \"traffic\" section: this console watches but cannot move traffic"));
        return;
    }
    setControllerProblem(phrase("RolloutSession", "connecting to the traffic controller"));
    m_controllerPending = true;
    m_secrets->resolveAuthorization(config.traffic->http.auth, this, [this, generation](Result<QByteArray> authorization) {
        if (generation != m_generation)
            return;
        m_controllerPending = false;
        TrafficConfig config = *m_config.traffic;
        config.http.authorization = authorization ? authorization.value() : QByteArray();
        const Status checked = authorization ? checkTrafficConfig(config)
                                             : Status::failure(phrase("RolloutSession", "cannot read the traffic controller's secret: %1").arg(authorization.errorPhrase()));
        if (!checked) {
            setControllerProblem(checked.errorPhrase());
            Q_EMIT controllerSettled(); // procedures go on without traffic control; their steps say so
            return;
        }
        m_controller = createTrafficController(config, this);
        setControllerProblem({});
        if (m_rollout)
            rebuildRollout(); // the deployment was attached before the controller was ready
        Q_EMIT controllerSettled();
    });
}

void RolloutSession::stop()
{
    ++m_generation;
    detach();
    m_health->stop();
    m_alerts->stop();
    delete m_controller;
}

Status RolloutSession::attach(Deployment *deployment)
{
    detach();
    QStringList unknown;
    for (auto it = m_config.ruleForMs.cbegin(); it != m_config.ruleForMs.cend(); ++it) {
        const bool known = std::any_of(deployment->runbook().rules.cbegin(), deployment->runbook().rules.cend(),
                                       [&it](const Rule &rule) { return rule.id == it.key(); });
        if (!known)
            unknown << it.key();
    }
    if (!unknown.isEmpty()) {
        unknown.sort();
        QStringList ids;
        for (const Rule &rule : deployment->runbook().rules)
            ids << rule.id;
        return Status::failure(phrase("RolloutSession", "%1: rules.for names rules the runbook does not have: %2 (the runbook's rules: %3)")
                                   .arg(m_config.source)
                                   .arg(unknown.join(QStringLiteral(", ")))
                                   .arg(ids.join(QStringLiteral(", "))));
    }
    m_rollout = std::make_unique<Rollout>(deployment, m_metrics, m_controller, rolloutSettings());
    // Before the Rollout starts: a trigger on its first evaluation starts the rollback procedure.
    Q_EMIT rolloutCreated(m_rollout.get());
    feedRollout();
    m_rollout->start();
    Q_EMIT rolloutChanged(m_rollout.get());
    return {};
}

RolloutSettings RolloutSession::rolloutSettings() const
{
    RolloutSettings settings;
    settings.ruleForMs = m_config.ruleForMs;
    settings.alertsConfigured = !m_config.alerts.url.isEmpty();
    return settings;
}

void RolloutSession::rebuildRollout()
{
    // A new Rollout with the controller; whatever is bound to the old one (the procedures: a
    // step may be running) is pointed at the new one through rolloutCreated before it goes.
    Deployment *deployment = m_rollout->deployment();
    std::unique_ptr<Rollout> old = std::move(m_rollout);
    m_rollout = std::make_unique<Rollout>(deployment, m_metrics, m_controller, rolloutSettings());
    Q_EMIT rolloutCreated(m_rollout.get());
    old.reset();
    feedRollout();
    m_rollout->start();
    Q_EMIT rolloutChanged(m_rollout.get());
}

void RolloutSession::detach()
{
    if (!m_rollout)
        return;
    Q_EMIT rolloutAboutToBeDropped(m_rollout.get());
    m_rollout.reset();
    Q_EMIT rolloutChanged(nullptr);
}

void RolloutSession::feedRollout()
{
    if (!m_rollout)
        return;
    m_rollout->setGreenHealth(m_health->healthy(Green), m_health->message(Green));
    m_rollout->setSecurityAlert(m_alerts->firing(), m_alerts->message());
}

void RolloutSession::setControllerProblem(const Phrase &problem)
{
    if (m_controllerProblem == problem)
        return;
    m_controllerProblem = problem;
    Q_EMIT controllerProblemChanged(problem.english());
}
