#pragma once

#include "metrics/metric.h"
#include "metrics/metricsconfig.h"
#include "profile/secretref.h"

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

// One environment: where metrics come from and how to read them. Loaded from a JSON
// file by ProfileLoader; later issues add the traffic controller and bindings.
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

    const MetricQuery *query(Metric metric) const;
    // The poller's configuration, with the resolved Authorization header value.
    MetricsConfig metricsConfig(const QByteArray &authorization = {}) const;
};
