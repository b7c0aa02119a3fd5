#pragma once

#include "metrics/metric.h"
#include "runbook/runbook.h"

#include <QList>
#include <QSize>
#include <QString>

#include <optional>

// Something that happened during the deployment, drawn as a vertical line on every chart.
struct ChartMarker {
    enum class Kind { Step, Breach, Trigger, Rollback, Override };
    qint64 atMs = 0;
    Kind kind = Kind::Step;
    QString label; // short: "5%", "rollback", "decision point"
};

// One chart of a report: a metric over the whole deployment with the runbook's thresholds,
// "normal" and its multiples, the commanded traffic (traffic share) and the markers.
struct ReportChartSpec {
    Metric metric = Metric::ErrorRate;
    QString title;   // "Response time (p95)"
    QString caption; // what the chart shows, under it
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QList<Rule> rules; // the rules on this metric
    std::optional<double> normalMs;
    QList<std::pair<qint64, int>> commanded; // traffic share: (time, percent on green)
    QList<ChartMarker> markers;
    QSize size{860, 300}; // logical pixels, about the width of an A4 page's text; drawn at twice that for print
    QString fileStem;      // "response_time": the chart's file name beside a Markdown report
};
