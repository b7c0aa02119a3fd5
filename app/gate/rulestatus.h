#pragma once

#include "core/phrase.h"
#include "runbook/runbook.h"

#include <QString>

#include <optional>

// What a rule says at one evaluation. Ordered from best to worst only for display; the
// gate must not compare them numerically.
enum class RuleState {
    Ok,       // the rule's condition holds as the runbook wants it
    Pending,  // breaching, but not yet for the rule's `for` duration
    Breached, // breaching for at least the rule's `for` duration
    NoData,   // cannot be judged (stale or missing series, no baseline, unknown flag): never ok
    Inactive, // not applicable now: green has no traffic, so there is nothing of green to judge
};

QString nameOf(RuleState state); // "ok", "pending", "breached", "no-data", "inactive"

// One rule's verdict from RuleEvaluator, with the numbers behind it so that the window,
// the journal and the headless output can say why without re-deriving anything.
struct RuleStatus {
    QString ruleId;
    RuleTier tier = RuleTier::Target;
    RuleMetric metric = RuleMetric::ErrorRate;
    RuleOp op = RuleOp::Greater; // as written in the runbook (for targets: the healthy condition)
    RuleState state = RuleState::NoData;
    // Green's latest sample, in the store's unit; set only when it was fresh and compared.
    std::optional<double> value;
    // The threshold converted to the value's unit (seconds to ms, "x normal" times the baseline).
    std::optional<double> threshold;
    QString unit; // "%" or "ms"; empty for firing rules
    // The rule's own number and unit, to say "3x normal" next to the resolved threshold.
    std::optional<double> ruleValue;
    RuleUnit ruleUnit = RuleUnit::None;
    // Pending/Breached: when the breach began (the `for` clock); otherwise when this state began.
    qint64 sinceMs = 0;
    qint64 heldMs = 0;  // evaluation time minus sinceMs, never negative
    qint64 forMs = 0;   // the rule's required breach duration
    Phrase reason;      // why, in words: no data, inactive, firing details; empty for plain comparisons

    bool isOk() const { return state == RuleState::Ok; }
    bool isBreaching() const { return state == RuleState::Pending || state == RuleState::Breached; }
    // Only decision points close the gate and only automatic triggers roll back; targets and
    // alert levels colour the status.
    bool isGating() const { return tier == RuleTier::DecisionPoint || tier == RuleTier::AutoRollback; }

    // The comparison as a breach reads: "2.4 % > 2 %", "1650 ms > 1500 ms (3x normal)",
    // "0.15 % not < 0.1 %" (a target's healthy condition failing), "firing: green health
    // checks failing". For the headless `breach RULE_ID ...` line.
    QString comparisonText() const { return comparisonPhrase().english(); }
    Phrase comparisonPhrase() const;
    // A whole sentence for journal lines and tool tips: "error_rate 2.4 % > 2 % (green)",
    // "error_rate: no data (no fresh sample from green)".
    QString describe() const { return describePhrase().english(); }
    Phrase describePhrase() const;

    friend bool operator==(const RuleStatus &, const RuleStatus &) = default;
};

// Numbers as a person reads them: "2.4", "1500", "0.1" (no binary noise, no exponent below 1e9).
QString formatRuleNumber(double value);
// The same number as a Phrase argument: the reader's decimal point in the window.
Phrase ruleNumber(double value);
