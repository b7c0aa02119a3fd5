#include "thresholdlines.h"

#include "core/phrase.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

QString opSymbol(RuleOp op)
{
    return op == RuleOp::Less ? QStringLiteral("<") : QStringLiteral(">");
}

QString tierTitle(RuleTier tier)
{
    switch (tier) {
    case RuleTier::Target: return ThresholdLines::tr("Target");
    case RuleTier::AlertInfo: return ThresholdLines::tr("Info alert");
    case RuleTier::AlertWarning: return ThresholdLines::tr("Warning alert");
    case RuleTier::AlertCritical: return ThresholdLines::tr("Critical alert");
    case RuleTier::DecisionPoint: return ThresholdLines::tr("Rollback decision point");
    case RuleTier::AutoRollback: return ThresholdLines::tr("Automatic rollback trigger");
    }
    return {};
}

QString number(double value)
{
    return localizedNumber(value, 'g', 6); // the reader's decimal point
}

} // namespace

QString ThresholdLines::tierLabel(RuleTier tier)
{
    switch (tier) {
    case RuleTier::Target: return ThresholdLines::tr("target");
    case RuleTier::AlertInfo: return ThresholdLines::tr("info");
    case RuleTier::AlertWarning: return ThresholdLines::tr("warning");
    case RuleTier::AlertCritical: return ThresholdLines::tr("critical");
    case RuleTier::DecisionPoint: return ThresholdLines::tr("consider rollback");
    case RuleTier::AutoRollback: return ThresholdLines::tr("auto rollback");
    }
    return {};
}

QString ThresholdLines::shortTierLabel(RuleTier tier)
{
    switch (tier) {
    case RuleTier::Target: return ThresholdLines::tr("target");
    case RuleTier::AlertInfo: return ThresholdLines::tr("info");
    case RuleTier::AlertWarning: return ThresholdLines::tr("warn");
    case RuleTier::AlertCritical: return ThresholdLines::tr("crit");
    case RuleTier::DecisionPoint: return ThresholdLines::tr("decision");
    case RuleTier::AutoRollback: return ThresholdLines::tr("auto rollback");
    }
    return {};
}

QString ThresholdLines::formatValue(double value, Metric metric)
{
    return number(value) + QLatin1Char(' ') + metricUnit(metric);
}

std::optional<double> ThresholdLines::chartValue(const Rule &rule, Metric metric, std::optional<double> normalMs, QString *why)
{
    const auto fail = [why](const QString &reason) -> std::optional<double> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (!rule.value || !std::isfinite(*rule.value))
        return fail(ThresholdLines::tr("no numeric threshold"));
    const double v = *rule.value;
    const bool inMs = metricUnit(metric) == QLatin1String("ms");
    switch (rule.unit) {
    case RuleUnit::None:
        return v; // a bare number is read in the metric's own unit, as the rule evaluator does
    case RuleUnit::Percent:
        return inMs ? fail(ThresholdLines::tr("a percentage on a time metric")) : std::optional<double>(v);
    case RuleUnit::Milliseconds:
        return inMs ? std::optional<double>(v) : fail(ThresholdLines::tr("a time on a percentage metric"));
    case RuleUnit::Seconds:
        return inMs ? std::optional<double>(v * 1000.0) : fail(ThresholdLines::tr("a time on a percentage metric"));
    case RuleUnit::TimesNormal:
        // Only response time has a "normal" (the baseline the operator confirms before the shift).
        if (metric != Metric::ResponseTime)
            return fail(ThresholdLines::tr("no normal value is known for this metric"));
        if (!normalMs)
            return fail(ThresholdLines::tr("normal response time unknown"));
        return v * *normalMs;
    }
    return fail(ThresholdLines::tr("unknown unit"));
}

ThresholdLines ThresholdLines::forMetric(Metric metric, const QList<Rule> &rules, std::optional<double> normalMs)
{
    ThresholdLines out;
    QList<double> ruleMultiples; // multiples of normal that a rule already draws
    QStringList waitingForNormal; // x-normal rules not drawn because normal is unknown: one note for all
    for (const Rule &rule : rules) {
        if (metricForRule(rule.metric) != metric || rule.op == RuleOp::Firing)
            continue;
        const QString what = tierLabel(rule.tier) + QLatin1Char(' ') + opSymbol(rule.op) + QLatin1Char(' ');
        QString why;
        const std::optional<double> value = chartValue(rule, metric, normalMs, &why);
        const QString written = rule.unit == RuleUnit::TimesNormal ? number(rule.value.value_or(0)) + QStringLiteral("× normal")
                                                                   : number(rule.value.value_or(0)) + QLatin1Char(' ') + nameOf(rule.unit);
        if (!value) {
            if (rule.unit == RuleUnit::TimesNormal && metric == Metric::ResponseTime && !normalMs)
                waitingForNormal << what + written.trimmed();
            else
                out.notes << ThresholdLines::tr("Not drawn: %1%2 (%3)").arg(what, written.trimmed(), why);
            continue;
        }
        ThresholdLine line;
        line.kind = ThresholdLine::Kind::Rule;
        line.id = rule.id;
        line.tier = rule.tier;
        line.value = *value;
        line.label = rule.unit == RuleUnit::TimesNormal ? what + QStringLiteral("%1× normal = %2").arg(number(*rule.value), formatValue(*value, metric))
                                                        : what + formatValue(*value, metric);
        line.shortLabel = shortTierLabel(rule.tier) + QLatin1Char(' ') + opSymbol(rule.op) + QLatin1Char(' ') + formatValue(*value, metric);
        line.description = ThresholdLines::tr("%1 (runbook line %2): %3").arg(tierTitle(rule.tier)).arg(rule.line).arg(rule.text);
        line.mustShow = rule.tier == RuleTier::DecisionPoint || rule.tier == RuleTier::AutoRollback;
        if (rule.unit == RuleUnit::TimesNormal)
            ruleMultiples << *rule.value;
        out.lines << line;
    }

    // A metric without a decision point or rollback trigger (query time, page load time, or
    // response time before its normal is known) is kept in view of its most severe line instead.
    if (std::none_of(out.lines.cbegin(), out.lines.cend(), [](const ThresholdLine &l) { return l.mustShow; })) {
        std::optional<RuleTier> worst;
        for (const ThresholdLine &l : std::as_const(out.lines)) {
            if (l.tier && (!worst || int(*l.tier) > int(*worst)))
                worst = l.tier;
        }
        for (ThresholdLine &l : out.lines)
            l.mustShow = worst && l.tier == worst;
    }

    if (metric == Metric::ResponseTime) {
        if (normalMs) {
            ThresholdLine normal;
            normal.kind = ThresholdLine::Kind::Normal;
            normal.id = QStringLiteral("normal");
            normal.value = *normalMs;
            normal.label = ThresholdLines::tr("normal %1").arg(formatValue(*normalMs, metric));
            normal.shortLabel = normal.label;
            normal.description = ThresholdLines::tr("Normal response time (the baseline multiples of normal are measured against): %1").arg(formatValue(*normalMs, metric));
            out.lines << normal;
            // 2× and 3× are the runbook's decision point and rollback trigger; draw them as plain
            // multiples only where no rule already draws that line with its meaning.
            for (int factor : {2, 3}) {
                if (ruleMultiples.contains(double(factor)))
                    continue;
                ThresholdLine multiple;
                multiple.kind = ThresholdLine::Kind::NormalMultiple;
                multiple.id = QStringLiteral("normal-%1x").arg(factor);
                multiple.value = *normalMs * factor;
                multiple.label = ThresholdLines::tr("%1× normal = %2").arg(factor).arg(formatValue(multiple.value, metric));
                multiple.shortLabel = ThresholdLines::tr("%1× normal").arg(factor);
                multiple.description = ThresholdLines::tr("%1 times the normal response time").arg(factor);
                out.lines << multiple;
            }
        } else if (waitingForNormal.isEmpty()) {
            out.notes << ThresholdLines::tr("Normal response time unknown: its multiples are not drawn");
        } else {
            out.notes << ThresholdLines::tr("Normal response time unknown, not drawn: %1").arg(waitingForNormal.join(QStringLiteral(", ")));
        }
    }
    return out;
}
