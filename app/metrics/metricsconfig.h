#pragma once

#include "metric.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

// What the metrics source returns a query's value in; MetricsPoller converts it to the
// runbook's unit for the metric (percent or milliseconds, see Metric).
enum class ValueUnit {
    Ratio,        // 0..1, stored as percent (x100)
    Percent,      // stored as is
    Seconds,      // stored as milliseconds (x1000)
    Milliseconds, // stored as is
};

// One PromQL expression per metric. "${color}" is replaced by "blue" or "green", so the
// same expression gives both series.
struct MetricQuery {
    Metric metric = Metric::ErrorRate;
    QString expression;
    ValueUnit unit = ValueUnit::Ratio;
};

// How MetricsPoller reaches Prometheus and what it asks; filled by the profile loader.
struct MetricsConfig {
    QUrl baseUrl;               // e.g. https://host/prometheus (a path prefix is kept)
    int timeoutMs = 5000;       // per request, real time
    qint64 pollIntervalMs = 2000; // clock time
    QByteArray authorization;   // the Authorization header value ("Bearer ..."/"Basic ..."), never logged
    QList<MetricQuery> queries;
};
