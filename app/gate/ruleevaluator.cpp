#include "ruleevaluator.h"

#include "metrics/metric.h"
#include "metrics/samplestore.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace {
// How long service_down waits for green's first sample after green got traffic before it
// reads the silence as green being down.
constexpr qint64 FirstSampleWaitMs = 60'000;
// How long green may be silent after its latest sample (while blue reports) before service_down
// reads it as down: one late or failed query is not a dead service (Prometheus's own alerts
// wait with `for:`), and on a slow or time-scaled machine a poll that comes late must not roll a
// healthy deployment back. The gate is closed meanwhile (no data); failing health checks act
// at once.
constexpr qint64 SilenceWaitMs = 60'000;
// The percentile the store's response time series is measured at (Metric::ResponseTime).
constexpr int StoredResponseTimePercentile = 95;

RuleStatus noData(RuleStatus s, Phrase reason)
{
    s.state = RuleState::NoData;
    s.value.reset();
    s.reason = std::move(reason);
    return s;
}

Phrase ageText(qint64 ms)
{
    return phrase("RuleEvaluator", "%1 s").arg(ruleNumber(double(ms) / 1000.0));
}

// Why a series is not fresh, in words for the status line.
Phrase staleReason(const SampleStore &store, SeriesKey key, qint64 nowMs)
{
    const std::optional<Sample> latest = store.latest(key);
    if (!latest)
        return phrase("RuleEvaluator", "no sample from green yet");
    const Phrase error = store.error(key);
    const Phrase reason = std::isnan(latest->value)
        ? phrase("RuleEvaluator", "0/0: green's latest sample is NaN (nothing was measured, e.g. no requests in the window)")
        : phrase("RuleEvaluator", "green's latest sample is %1 old (fresh means at most %2)").arg(ageText(nowMs - latest->timeMs)).arg(ageText(store.freshnessMs()));
    return error.isEmpty() ? reason : phrase("RuleEvaluator", "%1; last fetch: %2").arg(reason).arg(error);
}

// The series' newest sample when it is recent enough and a value to compare: a number or an
// infinity (errors / successes with no success is +Inf, worse than any threshold), not NaN
// (0/0: nothing was measured).
std::optional<double> judgeableValue(const SampleStore &store, SeriesKey key, qint64 nowMs)
{
    const std::optional<Sample> latest = store.latest(key);
    if (!latest || std::isnan(latest->value) || nowMs - latest->timeMs > store.freshnessMs())
        return std::nullopt;
    return latest->value;
}

bool anySeriesFresh(const SampleStore *store, Color color, qint64 nowMs)
{
    if (!store)
        return false;
    for (int i = 0; i < MetricCount; ++i) {
        const Metric m = Metric(i);
        // Traffic share is measured at the load balancer, not reported by the service itself.
        if (m != Metric::TrafficShare && judgeableValue(*store, {m, color}, nowMs))
            return true;
    }
    return false;
}

// The time of green's newest good sample of any series it reports itself; nullopt without one.
std::optional<qint64> latestGreenSampleMs(const SampleStore *store)
{
    std::optional<qint64> newest;
    if (!store)
        return newest;
    for (int i = 0; i < MetricCount; ++i) {
        const Metric m = Metric(i);
        if (m == Metric::TrafficShare)
            continue;
        const std::optional<Sample> latest = store->latest({m, Color::Green});
        if (latest && !std::isnan(latest->value) && (!newest || latest->timeMs > *newest))
            newest = latest->timeMs;
    }
    return newest;
}

// Whether green reported a value (any series but traffic share) at or after `sinceMs`.
bool anyGreenSampleSince(const SampleStore *store, qint64 sinceMs)
{
    const std::optional<qint64> latest = latestGreenSampleMs(store);
    return latest && *latest >= sinceMs;
}

// The rule's threshold in the store's unit for `metric`, or why there is none.
std::optional<double> resolveThreshold(const Rule &rule, Metric metric, const EvaluationInput &input, Phrase *why)
{
    const double v = *rule.value;
    const bool timeSeries = metricUnit(metric) == QStringLiteral("ms");
    switch (rule.unit) {
    case RuleUnit::None:
        return v; // a bare number is read in the series' own unit
    case RuleUnit::Percent:
        if (timeSeries) {
            *why = phrase("RuleEvaluator", "a percentage threshold on %1, which is a time").arg(nameOf(rule.metric));
            return std::nullopt;
        }
        return v;
    case RuleUnit::Milliseconds:
    case RuleUnit::Seconds:
        if (!timeSeries) {
            *why = phrase("RuleEvaluator", "a time threshold on %1, which is a percentage").arg(nameOf(rule.metric));
            return std::nullopt;
        }
        return rule.unit == RuleUnit::Seconds ? v * 1000.0 : v;
    case RuleUnit::TimesNormal:
        // The baseline is green's normal *response time*; no other series has a normal.
        if (metric != Metric::ResponseTime) {
            *why = phrase("RuleEvaluator", "no normal baseline for %1 (only response time has one)").arg(nameOf(rule.metric));
            return std::nullopt;
        }
        if (!input.normalMs) {
            *why = phrase("RuleEvaluator", "no normal response time yet to compare %1x normal with").arg(ruleNumber(v));
            return std::nullopt;
        }
        return v * *input.normalMs;
    }
    *why = phrase("RuleEvaluator", "unknown unit");
    return std::nullopt;
}
}

RuleEvaluator::RuleEvaluator(QList<Rule> rules, QHash<QString, qint64> forMs)
    : m_rules(std::move(rules))
    , m_forMs(std::move(forMs))
{
}

qint64 RuleEvaluator::forMs(const QString &ruleId) const
{
    return std::max<qint64>(0, m_forMs.value(ruleId, 0));
}

void RuleEvaluator::reset()
{
    m_tracks.clear();
}

RuleStatus RuleEvaluator::judge(const Rule &rule, const EvaluationInput &input)
{
    RuleStatus s;
    s.ruleId = rule.id;
    s.tier = rule.tier;
    s.metric = rule.metric;
    s.op = rule.op;
    s.ruleValue = rule.value;
    s.ruleUnit = rule.unit;
    s.sinceMs = input.nowMs;

    if (rule.metric == RuleMetric::SecurityAlert) {
        // Not a metric of green: judged whatever the traffic.
        if (!input.securityAlertFiring)
            return noData(s, phrase("RuleEvaluator", "security alert state unknown"));
        s.state = *input.securityAlertFiring ? RuleState::Breached : RuleState::Ok;
        s.reason = *input.securityAlertFiring ? phrase("RuleEvaluator", "an alert matching the profile's filter is firing")
                                              : phrase("RuleEvaluator", "no matching alert firing");
        return s;
    }

    if (!input.greenActive) {
        s.state = RuleState::Inactive;
        s.reason = phrase("RuleEvaluator", "green has no traffic");
        return s;
    }

    if (rule.metric == RuleMetric::ServiceDown) {
        if (input.greenHealthy == false) {
            s.state = RuleState::Breached;
            s.reason = phrase("RuleEvaluator", "green health checks failing");
        } else if (!anySeriesFresh(input.samples, Color::Green, input.nowMs) && !anySeriesFresh(input.samples, Color::Blue, input.nowMs)) {
            // Blue is silent too: the metrics source is down or lost, which says nothing of green
            // (Prometheus going away must not roll a healthy deployment back). The gate stays
            // closed on the rules that have no data; failing health checks still act.
            s.state = RuleState::NoData;
            s.reason = phrase("RuleEvaluator", "no fresh data from blue or green: the metrics source is not answering, so green's silence means nothing");
        } else if (!anySeriesFresh(input.samples, Color::Green, input.nowMs)) {
            // Green stopped reporting once it had reported since it got traffic; before its first
            // sample the wait is longer than a sample's freshness (a scrape and a rate window
            // have to pass, and a slow or time-scaled machine must not read the wait as a death).
            const qint64 firstSampleWait = std::max(input.samples ? input.samples->freshnessMs() : 0, FirstSampleWaitMs);
            const bool waitingForFirst = input.greenActiveSinceMs && !anyGreenSampleSince(input.samples, *input.greenActiveSinceMs);
            if (waitingForFirst && input.nowMs - *input.greenActiveSinceMs < firstSampleWait) {
                s.state = RuleState::NoData;
                s.reason = phrase("RuleEvaluator", "waiting for green's first samples since it got traffic");
            } else if (waitingForFirst) {
                s.state = RuleState::Breached;
                s.reason = phrase("RuleEvaluator", "no data from green in the %1 since it got traffic").arg(ageText(firstSampleWait));
            } else {
                const qint64 silenceWait = std::max(input.samples ? 2 * input.samples->freshnessMs() : 0, SilenceWaitMs);
                const std::optional<qint64> latest = latestGreenSampleMs(input.samples);
                const qint64 silentMs = latest ? input.nowMs - *latest : silenceWait;
                if (silentMs < silenceWait) {
                    s.state = RuleState::NoData;
                    s.reason = phrase("RuleEvaluator", "no fresh data from green (down after %1 of silence)").arg(ageText(silenceWait));
                } else {
                    s.state = RuleState::Breached;
                    s.reason = phrase("RuleEvaluator", "no data from green for %1").arg(ageText(silenceWait));
                }
            }
        } else {
            s.state = RuleState::Ok;
            s.reason = input.greenHealthy ? phrase("RuleEvaluator", "green health checks passing")
                                          : phrase("RuleEvaluator", "green is answering (health checks not known)");
        }
        return s;
    }

    const std::optional<Metric> metric = metricForRule(rule.metric);
    if (!metric)
        return noData(s, phrase("RuleEvaluator", "no series for %1").arg(nameOf(rule.metric)));
    s.unit = metricUnit(*metric);
    if (rule.op == RuleOp::Firing || !rule.value)
        return noData(s, phrase("RuleEvaluator", "%1 has no threshold to compare with").arg(nameOf(rule.metric)));
    if (*metric == Metric::ResponseTime && rule.percentile && *rule.percentile != StoredResponseTimePercentile)
        return noData(s, phrase("RuleEvaluator", "no p%1 series (response time is measured as p%2)").arg(*rule.percentile).arg(StoredResponseTimePercentile));

    Phrase why;
    s.threshold = resolveThreshold(rule, *metric, input, &why);
    if (!s.threshold)
        return noData(s, why);

    const SeriesKey key{*metric, input.subject};
    if (!input.samples)
        return noData(s, phrase("RuleEvaluator", "no samples"));
    const std::optional<double> value = judgeableValue(*input.samples, key, input.nowMs);
    if (!value)
        return noData(s, staleReason(*input.samples, key, input.nowMs));

    const double v = *value;
    s.value = v;
    const bool relation = rule.op == RuleOp::Greater ? v > *s.threshold : v < *s.threshold;
    // Targets write the healthy condition; every other tier writes the breach condition.
    const bool breaching = rule.tier == RuleTier::Target ? !relation : relation;
    s.state = breaching ? RuleState::Breached : RuleState::Ok;
    return s;
}

RuleEvaluation RuleEvaluator::evaluate(const EvaluationInput &input)
{
    const qint64 now = input.nowMs;
    QList<RuleStatus> statuses;
    statuses.reserve(m_rules.size());
    for (const Rule &rule : m_rules) {
        RuleStatus s = judge(rule, input);
        s.forMs = forMs(rule.id);
        const bool known = m_tracks.contains(rule.id);
        Track &track = m_tracks[rule.id];

        if (s.state == RuleState::Breached) {
            if (!track.breachStartMs)
                track.breachStartMs = now;
            s.sinceMs = *track.breachStartMs;
            // A clock that went back never counts as time held.
            const qint64 held = std::max<qint64>(0, now - s.sinceMs);
            s.state = held >= s.forMs ? RuleState::Breached : RuleState::Pending;
        } else {
            track.breachStartMs.reset();
        }

        if (!known || track.state != s.state) {
            track.state = s.state;
            track.sinceMs = s.isBreaching() ? *track.breachStartMs : now;
        }
        if (!s.isBreaching())
            s.sinceMs = track.sinceMs;
        s.heldMs = std::max<qint64>(0, now - s.sinceMs);
        statuses.append(std::move(s));
    }
    return RuleEvaluation(std::move(statuses), now);
}

QList<Rule> RuleEvaluator::gatingRules(const QList<Rule> &rules)
{
    QList<Rule> out;
    for (const Rule &r : rules) {
        if (isGating(r.tier))
            out.append(r);
    }
    return out;
}
