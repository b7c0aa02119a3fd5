#include "metriccoverage.h"

#include "gate/ruleevaluator.h"

#include <QFileInfo>

QStringList unqueriedGatingRules(const Runbook &runbook, const MetricsConfig &metrics, const QString &runbookName, const QString &profileName)
{
    QStringList problems;
    const QString runbookFile = runbookName.isEmpty() ? QStringLiteral("the runbook") : QFileInfo(runbookName).fileName();
    const QString profileFile = profileName.isEmpty() ? QString() : QFileInfo(profileName).fileName() + QLatin1Char(' ');
    for (const Rule &rule : runbook.rules) {
        if (!RuleEvaluator::isGating(rule.tier))
            continue;
        const std::optional<Metric> metric = metricForRule(rule.metric);
        if (!metric || metrics.query(*metric))
            continue;
        const QString tier = rule.tier == RuleTier::AutoRollback ? QStringLiteral("automatic trigger") : QStringLiteral("decision point");
        problems << QStringLiteral("%1:%2: the %3 \"%4\" is judged on %5, but the profile %6has no query for it (add metrics.queries.%5, "
                                   "or take the rule out of the runbook)")
                        .arg(runbookFile)
                        .arg(rule.line)
                        .arg(tier, rule.text.trimmed(), metricKey(*metric), profileFile);
    }
    return problems;
}

QList<Metric> monitoredMetrics(const MetricsConfig &metrics)
{
    QList<Metric> out;
    for (int i = 0; i < MetricCount; ++i) {
        if (metrics.query(Metric(i)))
            out << Metric(i);
    }
    return out;
}
