#pragma once

#include "core/result.h"
#include "rollout/rollout.h"
#include "rollout/rolloutconfig.h"
#include "traffic/trafficcontroller.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class AlertmanagerClient;
class Clock;
class Deployment;
class HealthChecker;
class MetricsSession;
class Rollout;
class SecretResolver;

// The traffic side of one environment, wired together like MetricsSession is for metrics:
// the traffic controller (its secret resolved), green's and blue's health checks,
// the security alert source, and, while a deployment is open, its Rollout fed by all of them.
// ConsoleSession owns one and binds the deployment's procedures to its Rollout.
class RolloutSession : public QObject
{
    Q_OBJECT
public:
    RolloutSession(Clock *clock, MetricsSession *metrics, QObject *parent = nullptr);
    ~RolloutSession() override;

    // Sets up the controller and starts the health checks and alert polling.
    void start(const RolloutConfig &config);
    void stop();

    // Creates the Rollout of `deployment` and starts it. Fails (and creates none) when the
    // configuration's `for` durations name a rule the runbook does not have.
    Status attach(Deployment *deployment);
    void detach();

    Rollout *rollout() const { return m_rollout.get(); }
    TrafficController *controller() const { return m_controller; }
    // The traffic controller's secret is still being resolved: it is neither ready nor known
    // to be missing (controllerSettled() comes when it is).
    bool isControllerPending() const { return m_controllerPending; }
    HealthChecker *health() const { return m_health; }
    AlertmanagerClient *alerts() const { return m_alerts; }
    // Why traffic cannot be moved from this console ("no traffic controller"),
    // or empty.
    const Phrase &controllerProblem() const { return m_controllerProblem; }

Q_SIGNALS:
    // A Rollout was made and is about to start (also when it is made anew because the traffic
    // controller became ready): what must hear its first evaluation connects now.
    void rolloutCreated(Rollout *rollout);
    // The Rollout is about to be dropped: whatever points at it lets go now.
    void rolloutAboutToBeDropped(Rollout *rollout);
    // A Rollout was started or dropped (null); the window rebinds its panels.
    void rolloutChanged(Rollout *rollout);
    void controllerProblemChanged(const QString &problem);
    // The traffic controller became ready (the Rollout was made anew with it) or is known to
    // be unusable: work that waited for it (procedures) may go on.
    void controllerSettled();

private:
    void setControllerProblem(const Phrase &problem);
    void feedRollout();
    RolloutSettings rolloutSettings() const;
    void rebuildRollout();

    Clock *m_clock;
    MetricsSession *m_metrics;
    SecretResolver *m_secrets;
    HealthChecker *m_health;
    AlertmanagerClient *m_alerts;
    QPointer<TrafficController> m_controller;
    std::unique_ptr<Rollout> m_rollout;
    bool m_controllerPending = false; // the traffic controller's secret is being resolved
    RolloutConfig m_config;
    Phrase m_controllerProblem;
    int m_generation = 0;
};
