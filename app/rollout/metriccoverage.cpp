#include "metriccoverage.h"

#include "gate/ruleevaluator.h"

#include <QFileInfo>

QList<Phrase> unqueriedGatingRules(const Runbook &runbook, const MetricsConfig &metrics, const QString &runbookName, const QString &profileName)
{
    QList<Phrase> problems;
    const Phrase runbookFile = runbookName.isEmpty() ? phrase("MetricCoverage", "the runbook") : Phrase::verbatim(QFileInfo(runbookName).fileName());
    const QString profileFile = profileName.isEmpty() ? QString() : QFileInfo(profileName).fileName() + QLatin1Char(' ');
    for (const Rule &rule : runbook.rules) {
        if (!RuleEvaluator::isGating(rule.tier))
            continue;
        const std::optional<Metric> metric = metricForRule(rule.metric);
        if (!metric || metrics.query(*metric))
            continue;
        const Phrase tier = rule.tier == RuleTier::AutoRollback ? phrase("MetricCoverage", "automatic trigger") : phrase("MetricCoverage", "decision point");
        problems << phrase("MetricCoverage", "%1:%2: the %3 \"%4\" is judged on %5, but the profile %6has no query for it (add metrics.queries.%5, "
                                             "or take the rule out of the runbook)")
                        .arg(runbookFile)
                        .arg(rule.line)
                        .arg(tier)
                        .arg(rule.text.trimmed())
                        .arg(metricKey(*metric))
                        .arg(profileFile);
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
