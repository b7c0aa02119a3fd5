#include "rulestatus.h"

#include <cmath>

QString nameOf(RuleState state)
{
    switch (state) {
    case RuleState::Ok: return QStringLiteral("ok");
    case RuleState::Pending: return QStringLiteral("pending");
    case RuleState::Breached: return QStringLiteral("breached");
    case RuleState::NoData: return QStringLiteral("no-data");
    case RuleState::Inactive: return QStringLiteral("inactive");
    }
    return {};
}

QString formatRuleNumber(double value)
{
    if (!std::isfinite(value))
        return QString::number(value);
    // Six significant digits hide binary noise (2.4000000000000004 reads 2.4); whole numbers
    // up to a billion are written out rather than as 1.5e+06.
    if (std::abs(value) >= 1e6 && std::abs(value) < 1e9)
        return QString::number(value, 'f', 0);
    return QString::number(value, 'g', 6);
}

Phrase ruleNumber(double value)
{
    return Phrase::number(value, formatRuleNumber(value));
}

namespace {
Phrase withUnit(double value, const QString &unit)
{
    return unit.isEmpty() ? ruleNumber(value) : phrase("RuleStatus", "%1 %2", "number and unit").arg(ruleNumber(value)).arg(unit);
}

Phrase stateWord(RuleState state)
{
    switch (state) {
    case RuleState::Ok: return phrase("RuleStatus", "ok");
    case RuleState::Pending: return phrase("RuleStatus", "pending");
    case RuleState::Breached: return phrase("RuleStatus", "breached");
    case RuleState::NoData: return phrase("RuleStatus", "no data");
    case RuleState::Inactive: return phrase("RuleStatus", "inactive");
    }
    return {};
}
}

Phrase RuleStatus::comparisonPhrase() const
{
    if (op == RuleOp::Firing || !value || !threshold) {
        Phrase word = op == RuleOp::Firing ? (isBreaching() ? phrase("RuleStatus", "firing") : stateWord(state))
                                           : (state == RuleState::Inactive ? stateWord(state) : phrase("RuleStatus", "no data"));
        if (op == RuleOp::Firing && !isBreaching() && state == RuleState::NoData)
            word = phrase("RuleStatus", "no-data", "a firing rule's state"); // as the headless lines always said
        return reason.isEmpty() ? word : phrase("RuleStatus", "%1: %2", "state: why").arg(word).arg(reason);
    }
    // Breach tiers write the breach condition, targets the healthy one; say "not" when the
    // written relation does not hold, so the text never states something false.
    const bool targetTier = tier == RuleTier::Target;
    const bool relationHolds = targetTier ? state == RuleState::Ok : isBreaching();
    const Phrase left = withUnit(*value, unit);
    const Phrase right = withUnit(*threshold, unit);
    Phrase text = relationHolds ? phrase("RuleStatus", "%1 %2 %3", "value, relation, threshold").arg(left).arg(nameOf(op)).arg(right)
                                : phrase("RuleStatus", "%1 not %2 %3", "value, relation, threshold").arg(left).arg(nameOf(op)).arg(right);
    if (ruleUnit == RuleUnit::TimesNormal && ruleValue)
        text = phrase("RuleStatus", "%1 (%2x normal)").arg(text).arg(ruleNumber(*ruleValue));
    else if (ruleUnit == RuleUnit::Seconds && ruleValue)
        text = phrase("RuleStatus", "%1 (%2 s)").arg(text).arg(ruleNumber(*ruleValue));
    return text;
}

Phrase RuleStatus::describePhrase() const
{
    const QString metricName = nameOf(metric);
    if (op != RuleOp::Firing && value && threshold)
        return phrase("RuleStatus", "%1 %2 (green)").arg(metricName).arg(comparisonPhrase());
    return phrase("RuleStatus", "%1: %2", "metric: comparison").arg(metricName).arg(comparisonPhrase());
}
