#pragma once

#include "evaluationinput.h"
#include "ruleevaluation.h"

#include <QHash>
#include <QList>

// Judges the runbook's rules against green's latest samples: the one place that decides
// whether a threshold is crossed. Plain class, no timers: the caller evaluates on every new
// sample (or clock tick) and hands the result to the gate and the triggers.
//
// Semantics, fixed here so that the gate, the triggers, the window and the headless run agree:
// - Numeric rules compare GREEN's latest sample (the new version is what is judged), strictly,
//   as written: "> 2 %" is breached by 2.01 %, not by 2 %. Targets state the healthy condition
//   ("< 0.1 %"), so a target is breached when that condition does not hold (0.1 % breaches).
// - Units: rule % against store %, ms against ms, s times 1000, "x normal" times the normal
//   response time (only for response time; the baseline is a response time). No baseline,
//   an incompatible unit or a percentile other than p95 (the only response time series) is
//   NoData with a reason, never Ok.
// - A series whose newest sample is older than freshnessMs() or NaN (0/0: nothing measured)
//   is NoData. An infinite sample is a value: +Inf (errors / successes with no success)
//   breaches every "> x" rule. NoData is never ok for the gate, for a decision point or an
//   automatic trigger alike (a trigger that cannot be judged could not fire).
// - While green has no traffic (EvaluationInput::greenActive false) every rule on green,
//   including service_down, is Inactive. security_alert is not about green's metrics, so it is
//   judged whatever the traffic; what a firing alert at 0 % means is the gate's call.
// - service_down is breached when green's health checks fail, or when none of green's series
//   (all metrics but traffic share) is fresh: no data from green is treated as green down.
//   Once green has been active for a freshness period, that is: before, its series may not
//   have appeared yet (they come a poll after its first traffic), and the rule is NoData.
//   Unknown health with fresh data is Ok: the data shows green is answering.
// - security_alert: the flag, firing or not; unknown is NoData.
// - `for` (per rule id, like a Prometheus alerting rule): a breach is Pending until it has
//   lasted that long, then Breached. Anything that is not breaching (Ok, NoData, Inactive)
//   resets the clock, as Prometheus resets an alert whose series goes away; a lost green is
//   caught by service_down instead.
// The only memory between calls is, per rule, when its current state and its current breach
// began; evaluate() is a function of (rules, `for` durations, the sequence of inputs).
class RuleEvaluator
{
public:
    explicit RuleEvaluator(QList<Rule> rules = {}, QHash<QString, qint64> forMs = {});

    const QList<Rule> &rules() const { return m_rules; }
    // The rule's required breach duration, 0 unless the profile set one.
    qint64 forMs(const QString &ruleId) const;

    // Judges every rule at input.nowMs and remembers when states and breaches began.
    RuleEvaluation evaluate(const EvaluationInput &input);
    // Forgets all history (a new deployment, or after a rollback), as if newly made.
    void reset();

    // The instantaneous verdict on one rule: Ok, Breached, NoData or Inactive, without `for`
    // and without history (sinceMs = nowMs, heldMs = 0). Pure; evaluate() builds on it.
    static RuleStatus judge(const Rule &rule, const EvaluationInput &input);
    // Decision points and automatic triggers: the rules that gate or roll back.
    static QList<Rule> gatingRules(const QList<Rule> &rules);
    static bool isGating(RuleTier tier) { return tier == RuleTier::DecisionPoint || tier == RuleTier::AutoRollback; }

private:
    struct Track {
        RuleState state = RuleState::NoData;
        qint64 sinceMs = 0;
        std::optional<qint64> breachStartMs;
    };

    QList<Rule> m_rules;
    QHash<QString, qint64> m_forMs;
    QHash<QString, Track> m_tracks;
};
