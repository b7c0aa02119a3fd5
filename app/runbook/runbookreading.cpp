#include "runbookreading.h"

#include <QCryptographicHash>

#include <algorithm>
#include <cmath>

RunbookReading::RunbookReading(const Runbook &runbook)
    : m_title(runbook.title)
    , m_plan(runbook.trafficPlan)
    , m_rules(runbook.rules)
    , m_unread(runbook.diagnostics)
{
    std::stable_sort(m_rules.begin(), m_rules.end(), [](const Rule &a, const Rule &b) { return a.line < b.line; });
    std::stable_sort(m_unread.begin(), m_unread.end(), [](const Diagnostic &a, const Diagnostic &b) { return a.line < b.line; });
}

bool RunbookReading::hasAutoRollback() const
{
    return std::any_of(m_rules.cbegin(), m_rules.cend(), [](const Rule &r) { return r.tier == RuleTier::AutoRollback; });
}

QList<Phrase> RunbookReading::gaps() const
{
    QList<Phrase> gaps;
    if (!hasPlan())
        gaps << phrase("RunbookReading", "No traffic plan: the runbook gives no steps to shift traffic to green, so the console cannot move traffic on it.");
    if (!hasAutoRollback())
        gaps << phrase("RunbookReading", "No automatic-rollback rule: nothing in this runbook rolls back by itself; only a person can roll back.");
    return gaps;
}

namespace {

QString lineText(int line)
{
    return line > 0 ? QStringLiteral("line %1").arg(line) : QStringLiteral("whole file");
}

// As a person reads a threshold: "5", "1.5", "0.1" (no binary noise, no exponent).
QString number(double value)
{
    if (!std::isfinite(value))
        return QString::number(value);
    if (std::abs(value) >= 1e6 && std::abs(value) < 1e9)
        return QString::number(value, 'f', 0);
    return QString::number(value, 'g', 6);
}

} // namespace

QString RunbookReading::stepText(const TrafficStep &step)
{
    if (!step.holdMs)
        return QStringLiteral("%1 %").arg(step.percent);
    return QStringLiteral("%1 %, hold %2").arg(QString::number(step.percent), holdText(*step.holdMs));
}

Phrase RunbookReading::tierText(RuleTier tier)
{
    switch (tier) {
    case RuleTier::Target: return phrase("RunbookReading", "target");
    case RuleTier::AlertInfo: return phrase("RunbookReading", "alert (info)");
    case RuleTier::AlertWarning: return phrase("RunbookReading", "alert (warning)");
    case RuleTier::AlertCritical: return phrase("RunbookReading", "alert (critical)");
    case RuleTier::DecisionPoint: return phrase("RunbookReading", "decision point");
    case RuleTier::AutoRollback: return phrase("RunbookReading", "automatic rollback");
    }
    return {};
}

Phrase RunbookReading::comparisonText(const Rule &rule)
{
    return rule.op == RuleOp::Firing ? phrase("RunbookReading", "firing") : Phrase::verbatim(nameOf(rule.op));
}

Phrase RunbookReading::valueText(const Rule &rule)
{
    return rule.value ? Phrase::number(*rule.value, number(*rule.value)) : Phrase();
}

Phrase RunbookReading::unitText(const Rule &rule)
{
    return rule.unit == RuleUnit::TimesNormal ? phrase("RunbookReading", "x normal") : Phrase::verbatim(nameOf(rule.unit));
}

QString RunbookReading::metricText(const Rule &rule)
{
    return rule.percentile ? QStringLiteral("%1 (p%2)").arg(nameOf(rule.metric)).arg(*rule.percentile) : nameOf(rule.metric);
}

QString RunbookReading::ruleText(const Rule &rule)
{
    QString text = tierText(rule.tier).english() + QStringLiteral(": ") + metricText(rule) + QLatin1Char(' ') + comparisonText(rule).english();
    if (rule.value)
        text += QLatin1Char(' ') + valueText(rule).english();
    if (const QString unit = unitText(rule).english(); !unit.isEmpty())
        text += QLatin1Char(' ') + unit;
    return text;
}

QString RunbookReading::unreadText(const Diagnostic &d)
{
    return QStringLiteral("%1: %2%3").arg(lineText(d.line), d.severity == Diagnostic::Severity::Error ? QStringLiteral("error: ") : QString(), d.message.english());
}

QString RunbookReading::text() const
{
    QString t;
    t += QStringLiteral("Runbook: %1\n").arg(m_title.isEmpty() ? QStringLiteral("(no title)") : m_title);
    t += QStringLiteral("Traffic plan:\n");
    if (m_plan.isEmpty())
        t += QStringLiteral("  (none)\n");
    for (const TrafficStep &s : m_plan)
        t += QStringLiteral("  %1: %2\n").arg(lineText(s.line), stepText(s));
    t += QStringLiteral("Rules:\n");
    if (m_rules.isEmpty())
        t += QStringLiteral("  (none)\n");
    for (const Rule &r : m_rules)
        t += QStringLiteral("  %1: %2\n").arg(lineText(r.line), ruleText(r));
    t += QStringLiteral("Not read:\n");
    if (m_unread.isEmpty())
        t += QStringLiteral("  (nothing: every line that looks like a plan or a limit was read)\n");
    for (const Diagnostic &d : m_unread)
        t += QStringLiteral("  %1\n").arg(unreadText(d));
    for (const Phrase &gap : gaps())
        t += gap.english() + QLatin1Char('\n');
    return t;
}

QString RunbookReading::digest() const
{
    return QString::fromLatin1(QCryptographicHash::hash(text().toUtf8(), QCryptographicHash::Sha256).toHex());
}
