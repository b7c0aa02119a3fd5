#pragma once

#include "metrics/metric.h"
#include "runbook/runbook.h"

#include <QList>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

// One horizontal line a chart draws: a runbook rule's threshold, or response time's "normal"
// and its multiples. Values are in the chart's unit (metricUnit()).
struct ThresholdLine {
    enum class Kind { Rule, Normal, NormalMultiple };
    Kind kind = Kind::Rule;
    QString id;                   // the rule id, or "normal", "normal-2x", "normal-3x"
    std::optional<RuleTier> tier; // for rules
    double value = 0;
    QString label;       // drawn beside the line: "auto rollback > 3× normal = 540 ms"
    QString shortLabel;  // for small charts: "auto rollback > 540 ms"
    QString description; // for the tooltip: what the runbook says and where
    // Decision points and automatic rollback (or, for a metric without them, its most severe
    // tier): the value axis always reaches them, so a person sees how far the series is from
    // the line that means "roll back".
    bool mustShow = false;
};

// The lines a chart of one metric draws for a runbook's rules, with the reasons for any rule
// it cannot draw (a multiple of an unknown normal, a unit that does not fit the metric).
class ThresholdLines
{
    Q_DECLARE_TR_FUNCTIONS(ThresholdLines)

public:
    static ThresholdLines forMetric(Metric metric, const QList<Rule> &rules, std::optional<double> normalMs);

    // A rule's threshold in the chart's unit (seconds to milliseconds, multiples of normal to
    // milliseconds), or nullopt with the reason in `why`.
    static std::optional<double> chartValue(const Rule &rule, Metric metric, std::optional<double> normalMs, QString *why = nullptr);
    // "auto rollback", "consider rollback", "critical", ...; short: "decision", "crit", ...
    static QString tierLabel(RuleTier tier);
    static QString shortTierLabel(RuleTier tier);
    // "0.5 %", "540 ms": a threshold value as the chart labels it.
    static QString formatValue(double value, Metric metric);

    QList<ThresholdLine> lines;
    QStringList notes; // e.g. "Not drawn: consider rollback > 2× normal (normal response time unknown)"
};
