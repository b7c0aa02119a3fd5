#pragma once

#include "metric.h"
#include "core/phrase.h"
#include "secrets/httpauth.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

// What the metrics source returns a query's value in; MetricsPoller converts it to the
// runbook's unit for the metric (percent or milliseconds, see Metric).
enum class ValueUnit {
    Ratio,        // 0..1, stored as percent (x100)
    Percent,      // stored as is
    Seconds,      // stored as milliseconds (x1000)
    Milliseconds, // stored as is
};

// The profile's names: "ratio", "percent", "seconds", "milliseconds".
QString unitName(ValueUnit unit);
std::optional<ValueUnit> unitFromName(QStringView name);
// Whether a query answering in `unit` can give `metric` (kept in percent or milliseconds), and
// the units that can ("ratio or percent", "seconds or milliseconds").
bool unitFits(Metric metric, ValueUnit unit);
Phrase fittingUnits(Metric metric);

// One PromQL expression per metric. "${color}" is replaced by "blue" or "green", so the
// same expression gives both series.
struct MetricQuery {
    Metric metric = Metric::ErrorRate;
    QString expression;
    ValueUnit unit = ValueUnit::Ratio;
};

// How "normal" response time (the base of "> 2x normal") is known.
struct NormalResponseTime {
    enum class Source { Measured, Fixed };
    Source source = Source::Measured;
    qint64 windowMs = 10 * 60 * 1000; // measured: blue's p95 over this window before the first shift
    double fixedMs = 0;               // fixed: given
};

// Where the metrics come from and what is asked (the profile's "metrics" section, filled by
// the profile loader): how MetricsPoller reaches Prometheus, and how "normal" is known.
struct MetricsConfig {
    QUrl baseUrl;               // e.g. https://host/prometheus (a path prefix is kept)
    int timeoutMs = 5000;       // per request, real time
    qint64 pollIntervalMs = 2000; // clock time
    HttpAuth auth;              // resolved into `authorization` when polling starts
    QByteArray authorization;   // the Authorization header value ("Bearer ..."/"Basic ..."), never logged or stored
    QList<MetricQuery> queries; // at most one per Metric (the traffic share included); only what the runbook gates on is required
    // When > 0: after each value, Prometheus is asked for the sample's own time (timestamp() of
    // the same expression), and a value whose underlying sample is older than this when asked
    // is stored at its own time, so it reads as stale. An instant query answers with the time
    // asked for and finds a sample up to 5 minutes old (the lookback): without this, a
    // recording rule or scrape that stopped looks fresh for those 5 minutes. 0: off.
    qint64 maxSampleAgeMs = 0;
    NormalResponseTime normalResponseTime;

    const MetricQuery *query(Metric metric) const;
};
