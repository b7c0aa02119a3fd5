#include "decisionrecordsection.h"

#include "report/reportdata.h"
#include "report/reportdocument.h"
#include "report/reporttext.h"
#include "gate/rulestatus.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace {

using Tone = ReportCell::Tone;

const Rule *findRule(const Runbook &runbook, const QString &ruleId)
{
    for (const Rule &rule : runbook.rules) {
        if (rule.id == ruleId)
            return &rule;
    }
    return nullptr;
}

QString ruleText(const Rule *rule, const QString &ruleId)
{
    if (!rule)
        return QStringLiteral("%1 (not in the runbook this deployment started with)").arg(ruleId);
    return QStringLiteral("\"%1\" (runbook line %2, %3)").arg(rule->text.trimmed(), QString::number(rule->line), rule->id);
}

QString queryText(const ReportData &data, const Rule *rule, const DeploymentEvent &e)
{
    // As journaled with the breach; older journals: the profile's, as the report was given it.
    const QString journaled = e.payload.value(QStringLiteral("query")).toString();
    if (!journaled.isEmpty())
        return QString(journaled).replace(QStringLiteral("${color}"), QStringLiteral("green"));
    if (!rule)
        return {};
    if (rule->metric == RuleMetric::ServiceDown)
        return data.environment.greenHealthUrl.isEmpty()
            ? QStringLiteral("green's health checks and whether any of green's series is fresh")
            : QStringLiteral("green's health checks (%1) and whether any of green's series is fresh").arg(data.environment.greenHealthUrl);
    if (rule->metric == RuleMetric::SecurityAlert)
        return data.environment.alertSource.isEmpty() ? QStringLiteral("the alert source (not recorded)") : data.environment.alertSource;
    const std::optional<Metric> metric = metricForRule(rule->metric);
    if (!metric)
        return {};
    const QString expression = data.environment.queries[size_t(*metric)];
    if (expression.isEmpty())
        return QStringLiteral("%1 (the profile's query was not recorded)").arg(metricKey(*metric));
    return QString(expression).replace(QStringLiteral("${color}"), QStringLiteral("green"));
}

QString thresholdText(const DeploymentEvent &e, const Rule *rule, const QString &unit)
{
    const QJsonValue threshold = e.payload.value(QStringLiteral("threshold"));
    if (!threshold.isDouble())
        return rule && rule->op == RuleOp::Firing ? QStringLiteral("firing") : QStringLiteral("not known");
    QString text = QStringLiteral("%1 %2").arg(rule ? nameOf(rule->op) : QStringLiteral(">"), ReportText::threshold(threshold.toDouble(), unit));
    if (rule && rule->unit == RuleUnit::TimesNormal && rule->value && *rule->value > 0) {
        text += QStringLiteral(" (%1x normal; normal was %2)")
                    .arg(formatRuleNumber(*rule->value), ReportText::value(threshold.toDouble() / *rule->value, unit));
    } else if (rule && rule->unit == RuleUnit::Seconds && rule->value) {
        text += QStringLiteral(" (%1 s)").arg(formatRuleNumber(*rule->value));
    }
    return text;
}

void addBreach(ReportDocument &doc, const ReportData &data, const ReportText &text, const DeploymentEvent &e)
{
    const QString ruleId = e.payload.value(QStringLiteral("ruleId")).toString();
    const Rule *rule = findRule(data.runbook, ruleId);
    const bool trigger = e.payload.value(QStringLiteral("tier")).toString() == u"auto-rollback";
    const QString unit = e.payload.value(QStringLiteral("unit")).toString();
    const QString metricName = rule ? nameOf(rule->metric) : ruleId;
    QList<ReportFact> facts{{QStringLiteral("Rule"), ruleText(rule, ruleId)}};
    if (const QString query = queryText(data, rule, e); !query.isEmpty())
        facts << ReportFact{QStringLiteral("Evaluated"), ReportCell(query, Tone::Plain, true)};
    const QJsonValue value = e.payload.value(QStringLiteral("value"));
    facts << ReportFact{QStringLiteral("Green"), value.isDouble() ? ReportCell(ReportText::value(value.toDouble(), unit), Tone::Bad, true)
                                                                  : ReportCell(e.payload.value(QStringLiteral("text")).toString(), Tone::Bad)};
    const std::optional<Metric> metric = rule ? metricForRule(rule->metric) : std::nullopt;
    const QJsonValue blueValue = e.payload.value(QStringLiteral("blueValue"));
    if (blueValue.isDouble()) {
        facts << ReportFact{QStringLiteral("Blue"), ReportCell(QStringLiteral("%1 (its latest value then)").arg(ReportText::value(blueValue.toDouble(), unit)), Tone::Plain, true)};
    } else if (metric) {
        const std::optional<Sample> blue = data.valueAt(*metric, Color::Blue, e.atMs);
        facts << ReportFact{QStringLiteral("Blue"), blue ? ReportCell(QStringLiteral("%1 (sampled at %2)").arg(ReportText::value(blue->value, metricUnit(*metric)),
                                                                                                               text.time(blue->timeMs)),
                                                                      Tone::Plain, true)
                                                         : ReportCell(QStringLiteral("no sample"), Tone::Muted)};
    }
    facts << ReportFact{QStringLiteral("Threshold in force"), ReportCell(thresholdText(e, rule, unit), Tone::Plain, true)};
    const qint64 since = qint64(e.payload.value(QStringLiteral("sinceMs")).toDouble(double(e.atMs)));
    const qint64 forMs = qint64(e.payload.value(QStringLiteral("forMs")).toDouble());
    const qint64 heldMs = qint64(e.payload.value(QStringLiteral("heldMs")).toDouble());
    facts << ReportFact{QStringLiteral("For"), forMs > 0 ? QStringLiteral("breaching since %1; the rule's \"for\" is %2, and it had held %3 when judged breached")
                                                               .arg(text.at(since), ReportText::duration(forMs), ReportText::duration(heldMs))
                                                         : QStringLiteral("breaching since %1; the rule needs no duration (no \"for\"): the first breaching sample counts").arg(text.at(since))};
    if (rule && metric && e.payload.value(QStringLiteral("threshold")).isDouble()) {
        QString how;
        const std::optional<qint64> end = DecisionRecordSection::breachEnd(data, *rule, e.payload.value(QStringLiteral("threshold")).toDouble(), since, &how);
        facts << ReportFact{QStringLiteral("Lasted"), end ? QStringLiteral("%1, until %2 (%3)").arg(ReportText::duration(*end - since), text.at(*end), how)
                                                          : QStringLiteral("%1 until the end of the data, still breaching").arg(ReportText::duration(data.endMs() - since))};
    }
    doc.entry(QStringLiteral("%1 %2: %3").arg(text.at(e.atMs), trigger ? QStringLiteral("Automatic trigger") : QStringLiteral("Decision point breached"), metricName),
              Tone::Bad, facts);
}

void addGate(ReportDocument &doc, const ReportData &data, const ReportText &text, qsizetype index)
{
    const DeploymentEvent &e = data.events[index];
    const bool open = e.payload.value(QStringLiteral("open")).toBool();
    const int at = e.payload.value(QStringLiteral("atPercent")).toInt();
    std::optional<qint64> until;
    for (qsizetype j = index + 1; j < data.events.size() && !until; ++j) {
        if (data.events[j].kind == DeploymentEvent::Kind::GateChanged)
            until = data.events[j].atMs;
    }
    const QString lasted = until ? ReportText::duration(*until - e.atMs) : QStringLiteral("%1, to the end").arg(ReportText::duration(data.endMs() - e.atMs));
    if (open) {
        const QJsonValue next = e.payload.value(QStringLiteral("nextPercent"));
        doc.entry(QStringLiteral("%1 Gate opened at %2 %").arg(text.at(e.atMs)).arg(at), Tone::Good,
                  {{QStringLiteral("Next step"), next.isDouble() ? QStringLiteral("%1 %").arg(next.toInt()) : QStringLiteral("end of the plan")},
                   {QStringLiteral("Open for"), lasted}});
        return;
    }
    const QStringList reasons = e.payload.value(QStringLiteral("reasons")).toVariant().toStringList();
    doc.entry(QStringLiteral("%1 Gate closed at %2 %").arg(text.at(e.atMs)).arg(at), Tone::Warn,
              {{QStringLiteral("Because"), reasons.join(QStringLiteral("; "))}, {QStringLiteral("Closed for"), lasted}});
}

} // namespace

std::optional<qint64> DecisionRecordSection::breachEnd(const ReportData &data, const Rule &rule, double threshold, qint64 sinceMs, QString *how)
{
    const std::optional<Metric> metric = metricForRule(rule.metric);
    if (!metric)
        return std::nullopt;
    std::optional<qint64> trafficLeft;
    for (const DeploymentEvent &e : data.events) {
        if (e.atMs >= sinceMs && e.kind == DeploymentEvent::Kind::TrafficApplied && e.payload.value(QStringLiteral("ok")).toBool()
            && e.payload.value(QStringLiteral("commanded")).toInt() == 0) {
            trafficLeft = e.atMs;
            break;
        }
    }
    const bool below = rule.op == RuleOp::Less;
    const std::vector<Sample> &green = data.series(*metric, Color::Green);
    auto it = std::lower_bound(green.cbegin(), green.cend(), sinceMs, [](const Sample &s, qint64 t) { return s.timeMs < t; });
    for (; it != green.cend(); ++it) {
        if (trafficLeft && it->timeMs >= *trafficLeft)
            break;
        if (!std::isfinite(it->value))
            continue;
        const bool breaching = below ? it->value < threshold : it->value > threshold;
        if (!breaching) {
            *how = QStringLiteral("green back at %1").arg(ReportText::value(it->value, metricUnit(*metric)));
            return it->timeMs;
        }
    }
    if (trafficLeft) {
        *how = QStringLiteral("traffic left green");
        return trafficLeft;
    }
    return std::nullopt;
}

void DecisionRecordSection::add(ReportDocument &doc, const ReportData &data, const ReportText &text)
{
    doc.heading(QStringLiteral("Decision record"), QStringLiteral("decision-record"));
    doc.paragraph(QStringLiteral("Every change of the traffic gate, decision-point breach, automatic trigger, override and rollback, in order, "
                                 "as journaled at the time. Values are green's (the new version) unless said otherwise."));
    const qsizetype before = doc.blocks.size();
    // In time order, except that the breach of the trigger that started a rollback comes just
    // before it: the console journals the rollback first, to send its command sooner, and the
    // breach after it (the same moment in real time; seconds later on an accelerated clock).
    QList<qint64> sortAt(data.events.size());
    for (qsizetype i = 0; i < data.events.size(); ++i)
        sortAt[i] = data.events[i].atMs;
    for (qsizetype r = 0; r < data.events.size(); ++r) {
        const DeploymentEvent &rollback = data.events[r];
        const QString ruleId = rollback.payload.value(QStringLiteral("ruleId")).toString();
        if (rollback.kind != DeploymentEvent::Kind::RollbackStarted || ruleId.isEmpty())
            continue;
        for (qsizetype i = r + 1; i < data.events.size(); ++i) {
            const DeploymentEvent &e = data.events[i];
            if (e.kind == DeploymentEvent::Kind::RuleBreached && e.payload.value(QStringLiteral("ruleId")).toString() == ruleId) {
                if (qint64(e.payload.value(QStringLiteral("sinceMs")).toDouble(double(e.atMs))) <= rollback.atMs)
                    sortAt[i] = rollback.atMs;
                break;
            }
        }
    }
    QList<qsizetype> order;
    for (qsizetype i = 0; i < data.events.size(); ++i)
        order << i;
    const auto rank = [](DeploymentEvent::Kind kind) {
        return kind == DeploymentEvent::Kind::RuleBreached ? 0 : kind == DeploymentEvent::Kind::RollbackStarted ? 1 : 2;
    };
    std::stable_sort(order.begin(), order.end(), [&data, &rank, &sortAt](qsizetype a, qsizetype b) {
        return sortAt[a] != sortAt[b] ? sortAt[a] < sortAt[b] : rank(data.events[a].kind) < rank(data.events[b].kind);
    });
    for (const qsizetype i : std::as_const(order)) {
        const DeploymentEvent &e = data.events[i];
        switch (e.kind) {
        case DeploymentEvent::Kind::GateChanged: addGate(doc, data, text, i); break;
        case DeploymentEvent::Kind::RuleBreached: addBreach(doc, data, text, e); break;
        case DeploymentEvent::Kind::GateOverridden:
            doc.entry(QStringLiteral("%1 Gate overridden by %2: %3 % → %4 %")
                          .arg(text.at(e.atMs), e.operatorName, QString::number(e.payload.value(QStringLiteral("from")).toInt()),
                               QString::number(e.payload.value(QStringLiteral("to")).toInt())),
                      Tone::Bad,
                      {{QStringLiteral("Reason given"), e.payload.value(QStringLiteral("reason")).toString()},
                       {QStringLiteral("The gate said"), e.payload.value(QStringLiteral("blockedBy")).toVariant().toStringList().join(QStringLiteral("; "))}});
            break;
        case DeploymentEvent::Kind::RollbackStarted: {
            const bool automatic = e.payload.value(QStringLiteral("automatic")).toBool();
            const QString ruleId = e.payload.value(QStringLiteral("ruleId")).toString();
            QList<ReportFact> facts{{QStringLiteral("Why"), e.payload.value(QStringLiteral("reason")).toString()},
                                    {QStringLiteral("Decided by"), automatic ? QStringLiteral("the automatic trigger (console of %1)").arg(e.operatorName) : e.operatorName}};
            if (!ruleId.isEmpty())
                facts << ReportFact{QStringLiteral("Rule"), ruleText(findRule(data.runbook, ruleId), ruleId)};
            doc.entry(QStringLiteral("%1 Rollback started%2").arg(text.at(e.atMs), automatic ? QStringLiteral(" automatically") : QStringLiteral(" by ") + e.operatorName),
                      Tone::Bad, facts);
            break;
        }
        case DeploymentEvent::Kind::ReadingConfirmed: {
            // What the console was told to act on, and who said it read it right.
            const bool headless = e.payload.value(QStringLiteral("acceptedBy")).toString() == QLatin1String("headless run");
            doc.entry(QStringLiteral("%1 Runbook reading %2").arg(text.at(e.atMs), headless ? QStringLiteral("accepted by the headless run of %1").arg(e.operatorName)
                                                                                           : QStringLiteral("confirmed by %1").arg(e.operatorName)),
                      Tone::Plain, {{QStringLiteral("Reading digest (SHA-256)"), ReportCell(e.payload.value(QStringLiteral("digest")).toString(), Tone::Plain, true)}},
                      e.payload.value(QStringLiteral("reading")).toString());
            break;
        }
        case DeploymentEvent::Kind::TrafficDrift: {
            const int commanded = e.payload.value(QStringLiteral("commanded")).toInt();
            const bool measured = e.payload.value(QStringLiteral("source")).toString() == QLatin1String("measured");
            if (e.payload.value(QStringLiteral("ended")).toBool()) {
                doc.entry(QStringLiteral("%1 Traffic back where commanded: %2 % green").arg(text.at(e.atMs)).arg(commanded), Tone::Good, {});
            } else {
                doc.entry(QStringLiteral("%1 Traffic found elsewhere than commanded: %2 % green commanded, %3 % %4")
                              .arg(text.at(e.atMs))
                              .arg(commanded)
                              .arg(e.payload.value(QStringLiteral("observed")).toInt())
                              .arg(measured ? QStringLiteral("measured (traffic_share)") : QStringLiteral("reported by the traffic controller")),
                          Tone::Bad, {{QStringLiteral("Detail"), e.payload.value(QStringLiteral("detail")).toString()}});
            }
            break;
        }
        default: break;
        }
    }
    if (doc.blocks.size() == before)
        doc.paragraph(QStringLiteral("Nothing to record: the gate's changes were not journaled and no rule was breached."), Tone::Muted);
}
