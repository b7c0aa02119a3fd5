#pragma once

#include "alerts/alertsourceconfig.h"
#include "health/healthcheckconfig.h"
#include "traffic/trafficconfig.h"

#include <QHash>
#include <QString>

#include <optional>

// What the traffic side of an environment (RolloutSession) needs: the controller, green's and
// blue's health checks, the security alert source and how long each rule must be breached.
struct RolloutConfig {
    QString source; // where it came from, for messages (the profile's file name)
    std::optional<TrafficConfig> traffic; // nullopt: this console watches but cannot move traffic
    HealthChecksConfig health;
    AlertSourceConfig alerts;
    QHash<QString, qint64> ruleForMs; // `for` per runbook rule id, ms
};
