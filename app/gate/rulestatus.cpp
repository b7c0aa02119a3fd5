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

namespace {
QString withUnit(double value, const QString &unit)
{
    const QString number = formatRuleNumber(value);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}
}

QString RuleStatus::comparisonText() const
{
    if (op == RuleOp::Firing) {
        const QString word = isBreaching() ? QStringLiteral("firing") : nameOf(state);
        return reason.isEmpty() ? word : word + QStringLiteral(": ") + reason;
    }
    if (!value || !threshold) {
        const QString word = state == RuleState::Inactive ? nameOf(state) : QStringLiteral("no data");
        return reason.isEmpty() ? word : word + QStringLiteral(": ") + reason;
    }
    // Breach tiers write the breach condition, targets the healthy one; say "not" when the
    // written relation does not hold, so the text never states something false.
    const bool targetTier = tier == RuleTier::Target;
    const bool relationHolds = targetTier ? state == RuleState::Ok : isBreaching();
    QString text = withUnit(*value, unit) + QLatin1Char(' ');
    if (!relationHolds)
        text += QStringLiteral("not ");
    text += nameOf(op) + QLatin1Char(' ') + withUnit(*threshold, unit);
    if (ruleUnit == RuleUnit::TimesNormal && ruleValue)
        text += QStringLiteral(" (") + formatRuleNumber(*ruleValue) + QStringLiteral("x normal)");
    else if (ruleUnit == RuleUnit::Seconds && ruleValue)
        text += QStringLiteral(" (") + formatRuleNumber(*ruleValue) + QStringLiteral(" s)");
    return text;
}

QString RuleStatus::describe() const
{
    const QString metricName = nameOf(metric);
    if (op != RuleOp::Firing && value && threshold)
        return metricName + QLatin1Char(' ') + comparisonText() + QStringLiteral(" (green)");
    return metricName + QStringLiteral(": ") + comparisonText();
}
