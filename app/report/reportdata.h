#pragma once

#include "deployment/deploymentstate.h"
#include "journal/deploymentevent.h"
#include "metrics/metric.h"
#include "metrics/metricsconfig.h"
#include "runbook/runbook.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

// Where the deployment ran, as far as a report says it: filled from the profile by whoever has
// one (ConsoleSession), since the report library sits below the profile.
struct ReportEnvironment {
    QString name;        // "DEMO (simulated, scenario healthy)", or the profile's name
    bool simulated = false;
    std::array<QString, MetricCount> queries{}; // the profile's expression per Metric, "${color}" kept; empty: none
    QString greenHealthUrl; // what "critical service down" judged
    QString alertSource;    // what "security alert" judged ("Alertmanager https://am.example.com, category=security")
    QHash<QString, qint64> ruleForMs; // `for` per rule id
    NormalResponseTime normalResponseTime;
    qint64 pollIntervalMs = 2000;
    bool webhooksConfigured = false;
};

// Everything one report is made from, copied out of the journal and the sample store so that
// the document can be composed in a worker thread while the deployment goes on.
struct ReportData {
    Runbook runbook;
    DeploymentState state;          // as replayed from `events`
    QList<DeploymentEvent> events;  // in journal order
    QHash<SeriesKey, std::vector<Sample>> samples;
    std::optional<double> normalMs; // "normal" response time, when known
    ReportEnvironment environment;
    qint64 generatedAtMs = 0;       // the clock's time when the data was taken
    qint64 lastRecordedMs = 0;      // the newest event or sample (a demo's scaled clock runs ahead of the wall clock)
    QTimeZone timeZone = QTimeZone::systemTimeZone();

    bool running() const { return !state.closed; }
    // Where the report's time ends: the close, or (still running) when the data was taken, or
    // the newest thing recorded if that is later.
    qint64 endMs() const { return state.closed ? state.closedAtMs : std::max({generatedAtMs, lastRecordedMs, state.startedAtMs}); }
    const std::vector<Sample> &series(Metric metric, Color color) const;
    // The latest sample of a series at or before `atMs`, finite values only.
    std::optional<Sample> valueAt(Metric metric, Color color, qint64 atMs) const;
};
