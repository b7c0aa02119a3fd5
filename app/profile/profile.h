#pragma once

#include "alerts/alertsourceconfig.h"
#include "health/healthcheckconfig.h"
#include "metrics/metricsconfig.h"
#include "procedure/actionbinding.h"
#include "report/webhookconfig.h"
#include "rollout/rolloutconfig.h"
#include "traffic/trafficconfig.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// One environment, as its JSON file describes it (ProfileLoader): where metrics come from and
// how to read them, how traffic is moved, how health and security alerts are known, how long
// breaches must last, and which runbook items run what. Each section is the configuration type
// of the feature that reads it; the profile only gathers them.
struct Profile {
    QString fileName; // for messages; empty for the built-in demo profile
    QString name;
    QString description;

    MetricsConfig metrics;
    std::optional<TrafficConfig> traffic; // nullopt: no controller; the console watches but cannot shift
    HealthChecksConfig health;
    AlertSourceConfig alerts;             // no url: no alert source, the security trigger has no data
    QHash<QString, qint64> ruleForMs;     // `for` per runbook rule id, ms
    // Runbook items bound to actions and checks (procedure steps that run by themselves,
    // checklist items with a Run button); relative paths already resolved against `folder`.
    QList<ActionBinding> bindings;
    QList<WebhookConfig> webhooks; // where status updates go (their URLs are secrets)
    QString folder; // the profile's folder (for the built-in demo: where its scripts were written)

    // What the traffic side (RolloutSession) is started with.
    RolloutConfig rolloutConfig() const;
};
