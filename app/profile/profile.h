#pragma once

#include "metrics/metric.h"
#include "metrics/metricsconfig.h"
#include "procedure/actionbinding.h"
#include "profile/secretref.h"
#include "traffic/trafficconfig.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

// How the metrics provider authenticates us. Secrets are resolved at connect time.
struct ProfileAuth {
    enum class Type { None, Bearer, Basic };
    Type type = Type::None;
    QString username;  // basic
    SecretRef secret;  // the bearer token or the basic password
};

// How "normal" response time (the base of "> 2x normal") is known.
struct NormalResponseTime {
    enum class Source { Measured, Fixed };
    Source source = Source::Measured;
    qint64 windowMs = 10 * 60 * 1000; // measured: blue's p95 over this window before the first shift
    double fixedMs = 0;               // fixed: given
};

// Green's and blue's health checks: GET, healthy on 2xx.
struct ProfileHealth {
    QUrl green;                // empty: green's health is not checked (the gate then waits for it)
    QUrl blue;
    qint64 intervalMs = 5000;  // deployment-clock time between checks
    int timeoutMs = 2000;      // real time per request
};

// Where security alerts come from: Alertmanager's v2 API, alerts matching every label.
struct ProfileAlerts {
    QUrl url; // empty: no alert source, the security trigger has no data
    QList<std::pair<QString, QString>> matchers;
    qint64 intervalMs = 10000;
    int timeoutMs = 5000;
    ProfileAuth auth;
};

// One environment: where metrics come from and how to read them, how traffic is moved,
// how health and security alerts are known, and how long breaches must last. Loaded from a
// JSON file by ProfileLoader.
struct Profile {
    QString fileName; // for messages; empty for the built-in demo profile
    QString name;
    QString description;

    QUrl metricsBaseUrl;
    qint64 timeoutMs = 5000;
    qint64 pollIntervalMs = 2000;
    ProfileAuth auth;
    QList<MetricQuery> queries; // one per Metric, the traffic share included
    NormalResponseTime normalResponseTime;

    std::optional<TrafficConfig> traffic; // nullopt: no controller; the console watches but cannot shift
    ProfileAuth trafficAuth;              // http controller: the bearer token
    ProfileHealth health;
    ProfileAlerts alerts;
    QHash<QString, qint64> ruleForMs;     // `for` per runbook rule id, ms
    // Runbook items bound to actions and checks (procedure steps that run by themselves,
    // checklist items with a Run button); relative paths already resolved against `folder`.
    QList<ActionBinding> bindings;
    QString folder; // the profile's folder (for the built-in demo: where its scripts were written)

    const MetricQuery *query(Metric metric) const;
    // The poller's configuration, with the resolved Authorization header value.
    MetricsConfig metricsConfig(const QByteArray &authorization = {}) const;
};
