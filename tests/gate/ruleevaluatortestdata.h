#pragma once
// Shared by the RuleEvaluator tests: the reference runbook's rules, stores filled with samples, inputs.
#include "gate/ruleevaluator.h"
#include "metrics/samplestore.h"
#include "runbook/runbookloader.h"

#include <QTest>

#include <cmath>
#include <limits>

Q_DECLARE_METATYPE(Rule)

inline constexpr qint64 Now = 1'000'000'000;
inline constexpr double NormalMs = 500.0;

inline const Runbook &reference()
{
    static const Runbook r = RunbookLoader::load(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
    return r;
}

inline const Rule &referenceRule(const QString &id)
{
    for (const Rule &r : reference().rules) {
        if (r.id == id)
            return r;
    }
    qFatal("no rule %s in the reference runbook", qPrintable(id));
}

// Well inside every threshold of the reference runbook, so only the series under test decides.
inline double healthyValue(Metric m)
{
    switch (m) {
    case Metric::ErrorRate: return 0.01;
    case Metric::ResponseTime: return 120;
    case Metric::DbErrorRate: return 0.01;
    case Metric::DbQueryTime: return 20;
    case Metric::ResourceUtilization: return 35;
    case Metric::PageLoadTime: return 800;
    case Metric::TrafficShare: return 10;
    }
    return 0;
}

// Green and blue healthy, one second old at `now`.
inline void fillHealthy(SampleStore &store, qint64 now = Now)
{
    for (int i = 0; i < MetricCount; ++i) {
        for (Color c : {Color::Blue, Color::Green})
            store.append({Metric(i), c}, {now - 1000, healthyValue(Metric(i))});
    }
}

inline void setGreen(SampleStore &store, Metric m, double value, qint64 at = Now - 500)
{
    store.append({m, Color::Green}, {at, value});
}

inline EvaluationInput activeInput(const SampleStore *store, qint64 now = Now)
{
    EvaluationInput in;
    in.samples = store;
    in.nowMs = now;
    in.normalMs = NormalMs;
    in.greenActive = true;
    in.greenHealthy = true;
    in.securityAlertFiring = false;
    return in;
}

// The threshold in store units, worked out here independently of the evaluator.
inline double expectedThreshold(const Rule &r)
{
    switch (r.unit) {
    case RuleUnit::Seconds: return *r.value * 1000.0;
    case RuleUnit::TimesNormal: return *r.value * NormalMs;
    default: return *r.value;
    }
}

inline Rule makeRule(QString id, RuleTier tier, RuleMetric metric, RuleOp op, double value, RuleUnit unit, std::optional<int> percentile = {})
{
    Rule r;
    r.id = std::move(id);
    r.tier = tier;
    r.metric = metric;
    r.op = op;
    r.value = value;
    r.unit = unit;
    r.percentile = percentile;
    return r;
}

inline QString stateName(int state)
{
    return nameOf(RuleState(state));
}
