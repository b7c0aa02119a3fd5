#pragma once

#include "core/result.h"
#include "profile/profile.h"
#include "rollout/rollout.h"
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
class ProcedureSet;
class QNetworkAccessManager;
class Rollout;
class SecretResolver;

// The traffic side of one environment, wired together like MetricsSession is for metrics:
// the profile's traffic controller (its secret resolved), green's and blue's health checks,
// the security alert source, and, while a deployment is open, its Rollout fed by all of them.
// The window and the headless run both use it, so they behave the same.
class RolloutSession : public QObject
{
    Q_OBJECT
public:
    RolloutSession(Clock *clock, MetricsSession *metrics, QObject *parent = nullptr);
    ~RolloutSession() override;

    // Sets up the controller and starts the health checks and alert polling.
    void start(const Profile &profile);
    void stop();

    // Creates the Rollout of `deployment` and starts it. Fails (and creates none) when the
    // profile's `rules.for` names a rule the runbook does not have.
    Status attach(Deployment *deployment);
    void detach();

    Rollout *rollout() const { return m_rollout.get(); }
    // The open deployment's procedures and executable items; created and dropped with the Rollout.
    ProcedureSet *procedures() const { return m_procedures.get(); }
    // The headless run's --auto-confirm: procedure steps waiting for an operator are confirmed.
    void setAutoConfirm(bool on);
    TrafficController *controller() const { return m_controller; }
    HealthChecker *health() const { return m_health; }
    AlertmanagerClient *alerts() const { return m_alerts; }
    // Why traffic cannot be moved from this console ("the profile has no traffic controller"),
    // or empty.
    QString controllerProblem() const { return m_controllerProblem; }

Q_SIGNALS:
    // A Rollout (and its ProcedureSet) was created or dropped (null); the window rebinds its panels.
    void rolloutChanged(Rollout *rollout);
    void controllerProblemChanged(const QString &problem);

private:
    void setControllerProblem(const QString &problem);
    void feedRollout();
    RolloutSettings rolloutSettings() const;
    void rebuildRollout();

    Clock *m_clock;
    MetricsSession *m_metrics;
    SecretResolver *m_secrets;
    HealthChecker *m_health;
    AlertmanagerClient *m_alerts;
    QPointer<TrafficController> m_controller;
    QNetworkAccessManager *m_network;
    std::unique_ptr<Rollout> m_rollout;
    std::unique_ptr<ProcedureSet> m_procedures;
    bool m_autoConfirm = false;
    bool m_controllerPending = false; // the traffic controller's secret is being resolved
    Profile m_profile;
    QString m_controllerProblem;
    int m_generation = 0;
};
