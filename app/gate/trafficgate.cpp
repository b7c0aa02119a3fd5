#include "trafficgate.h"

#include "runbook/trafficplanextractor.h"

#include <algorithm>

namespace {

Phrase percentText(int percent)
{
    return phrase("TrafficGate", "%1%").arg(percent);
}

} // namespace

QString formatDuration(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, (ms + 999) / 1000); // a countdown never shows 0:00 early
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QList<int> TrafficGate::positions(const QList<TrafficStep> &plan)
{
    QList<int> result{0};
    for (const TrafficStep &step : plan) {
        if (step.percent > result.last())
            result.append(step.percent);
    }
    return result;
}

qint64 TrafficGate::holdMsAt(const QList<TrafficStep> &plan, int percent)
{
    for (const TrafficStep &step : plan) {
        if (step.percent == percent)
            return step.holdMs.value_or(0);
    }
    return 0;
}

QStringList TrafficGate::preShiftItemIds(const Runbook &runbook)
{
    QStringList ids;
    if (runbook.trafficPlan.isEmpty())
        return ids;
    for (const RunbookSection &section : runbook.sections) {
        const bool shiftSection = TrafficPlanExtractor::isTrafficHeading(section.title);
        const bool counts = section.kind == SectionKind::Phase || section.kind == SectionKind::Checklist;
        for (const RunbookGroup &group : section.groups) {
            if (shiftSection || (group.title && TrafficPlanExtractor::isTrafficHeading(*group.title)))
                return ids;
            if (!counts)
                continue;
            for (const RunbookItem &item : group.items) {
                if (item.checkable)
                    ids.append(item.id);
            }
        }
    }
    // No heading introduced the steps: nothing can be said to come before them.
    return {};
}

GateDecision TrafficGate::decide(const GateInput &in)
{
    GateDecision d;
    const QList<int> &pos = in.positions;
    for (qsizetype i = 0; i < pos.size(); ++i) {
        if (pos[i] <= in.currentPercent)
            d.currentIndex = int(i);
    }
    for (int p : pos) {
        if (p > in.currentPercent) {
            d.nextPercent = p;
            break;
        }
    }
    for (auto it = pos.crbegin(); it != pos.crend(); ++it) {
        if (*it < in.currentPercent) {
            d.previousPercent = *it;
            break;
        }
    }
    d.holdMs = in.currentPercent == pos.value(d.currentIndex) ? holdMsAt(in.plan, in.currentPercent) : 0;
    if (in.currentPercent > 0 && in.currentPercent != pos.value(d.currentIndex))
        d.holdMs = holdMsAt(in.plan, pos.value(d.currentIndex)); // off the plan: the step below's hold
    d.holdRemainingMs = std::max<qint64>(0, d.holdMs - (in.nowMs - in.holdSinceMs));

    if (d.atEnd())
        return d;

    QStringList &r = d.reasons;
    const auto add = [&d](const QString &key, const Phrase &text) {
        d.reasonKeys << key;
        d.reasons << text.english();
        d.reasonPhrases << text;
    };
    if (in.readOnlyReason)
        add(QStringLiteral("read-only"), *in.readOnlyReason);
    if (!in.readingConfirmed)
        add(QStringLiteral("reading-not-confirmed"), phrase("TrafficGate", "reading not confirmed"));
    if (in.rollbackActive)
        add(QStringLiteral("rollback"), phrase("TrafficGate", "a rollback is running"));
    if (in.commandInFlight)
        add(QStringLiteral("command-in-flight"), phrase("TrafficGate", "a traffic command is in progress"));
    if (in.trafficProblem)
        add(QStringLiteral("traffic-problem"), *in.trafficProblem);
    if (in.trafficUnreadable)
        add(QStringLiteral("traffic-unreadable"), phrase("TrafficGate", "traffic cannot be read: %1").arg(*in.trafficUnreadable));
    if (d.holdRemainingMs > 0) {
        add(QStringLiteral("hold"), phrase("TrafficGate", "monitoring hold at %1: %2 of %3 left")
                                        .arg(percentText(in.currentPercent))
                                        .arg(formatDuration(d.holdRemainingMs))
                                        .arg(formatDuration(d.holdMs)));
    }
    const QList<RuleStatus> decisionPoints = in.evaluation.decisionPointsNotOk();
    for (const RuleStatus &s : decisionPoints)
        add(QStringLiteral("decision-point:") + s.ruleId, phrase("TrafficGate", "decision point %1").arg(s.describePhrase()));
    for (const RuleStatus &s : in.evaluation.autoRollbacksWithoutData()) {
        const bool named = std::any_of(decisionPoints.cbegin(), decisionPoints.cend(),
                                       [&s](const RuleStatus &d) { return d.metric == s.metric && d.state == RuleState::NoData; });
        if (!named)
            add(QStringLiteral("trigger-no-data:") + s.ruleId, phrase("TrafficGate", "automatic trigger %1 cannot be judged: %2").arg(nameOf(s.metric)).arg(s.reason));
    }
    for (const RuleStatus &s : in.evaluation.gatingStatuses()) {
        if (s.tier == RuleTier::AutoRollback && s.isBreaching())
            add(QStringLiteral("trigger:") + s.ruleId, phrase("TrafficGate", "automatic trigger %1").arg(s.describePhrase()));
        else if (in.alertsConfigured && s.tier == RuleTier::AutoRollback && s.metric == RuleMetric::SecurityAlert && s.state == RuleState::NoData)
            add(QStringLiteral("alerts-unknown"),
                in.alertsMessage.isEmpty() ? phrase("TrafficGate", "security alerts not known: no answer yet")
                                           : phrase("TrafficGate", "security alerts not known: %1").arg(in.alertsMessage));
    }
    if (!in.openPreShiftItems.isEmpty()) {
        const qsizetype n = in.openPreShiftItems.size();
        add(QStringLiteral("pre-shift-items"),
            n == 1 ? phrase("TrafficGate", "1 checklist item before the traffic shift is still open: \"%1\"").arg(in.openPreShiftItems.first())
                   : phrase("TrafficGate", "%n checklist items before the traffic shift are still open (first: \"%1\")", nullptr, int(n))
                         .arg(in.openPreShiftItems.first()));
    }
    if (in.currentPercent == 0) {
        if (!in.greenHealthy.has_value())
            add(QStringLiteral("green-health-unknown"), phrase("TrafficGate", "green's health checks have not answered yet"));
        else if (!*in.greenHealthy)
            add(QStringLiteral("green-unhealthy"), phrase("TrafficGate", "green's health checks fail: %1").arg(in.greenHealthMessage));
        if (in.baselineMissing)
            add(QStringLiteral("baseline-missing"), *in.baselineMissing);
    }
    d.open = r.isEmpty();
    return d;
}

Phrase TrafficGate::openReason(const GateInput &in, const GateDecision &d)
{
    if (in.currentPercent == 0) {
        return in.trafficUnverified ? phrase("TrafficGate", "pre-shift checklist done, green healthy; traffic not verified (the controller cannot read it back)")
                                    : phrase("TrafficGate", "pre-shift checklist done, green healthy");
    }
    const Phrase hold = d.holdMs % 60'000 == 0 ? phrase("TrafficGate", "%1 min").arg(d.holdMs / 60'000) : Phrase::verbatim(formatDuration(d.holdMs));
    return (in.trafficUnverified ? phrase("TrafficGate", "hold of %1 at %2 passed, all decision points green; traffic not verified (the controller cannot read it back)")
                                 : phrase("TrafficGate", "hold of %1 at %2 passed, all decision points green"))
        .arg(hold)
        .arg(percentText(in.currentPercent));
}
