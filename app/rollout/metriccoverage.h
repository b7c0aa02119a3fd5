#pragma once

#include "core/phrase.h"
#include "metrics/metricsconfig.h"
#include "runbook/runbook.h"

#include <QList>
#include <QStringList>

// Where the runbook and the profile meet: which metrics the console must query. A profile needs
// a query only for a metric a gating rule (decision point or automatic trigger) is judged on;
// every other metric it has no query for is "not monitored" (listed as such in the window,
// never drawn, never judged).

// Every gating rule whose metric has no query, one message each naming the rule and its
// runbook line: "runbook.md:142: the automatic trigger "Error rate > 5 %" is judged on
// error_rate, but the profile demo.json has no query for it (metrics.queries.error_rate)".
QList<Phrase> unqueriedGatingRules(const Runbook &runbook, const MetricsConfig &metrics, const QString &runbookName, const QString &profileName);

// The metrics the profile queries (the traffic share included when it has a query).
QList<Metric> monitoredMetrics(const MetricsConfig &metrics);
