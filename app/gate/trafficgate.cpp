#include "trafficgate.h"

#include "runbook/trafficplanextractor.h"

#include <algorithm>

namespace {

QString percentText(int percent)
{
    return QStringLiteral("%1%").arg(percent);
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
    QStringList &k = d.reasonKeys;
    const auto add = [&r, &k](const QString &key, const QString &text) {
        k << key;
        r << text;
    };
    if (in.readOnlyReason)
        add(QStringLiteral("read-only"), *in.readOnlyReason);
    if (!in.readingConfirmed)
        add(QStringLiteral("reading-not-confirmed"), QStringLiteral("reading not confirmed"));
    if (in.rollbackActive)
        add(QStringLiteral("rollback"), QStringLiteral("a rollback is running"));
    if (in.commandInFlight)
        add(QStringLiteral("command-in-flight"), QStringLiteral("a traffic command is in progress"));
    if (in.trafficProblem)
        add(QStringLiteral("traffic-problem"), *in.trafficProblem);
    if (in.trafficUnreadable)
        add(QStringLiteral("traffic-unreadable"), QStringLiteral("traffic cannot be read: %1").arg(*in.trafficUnreadable));
    if (d.holdRemainingMs > 0) {
        add(QStringLiteral("hold"), QStringLiteral("monitoring hold at %1: %2 of %3 left")
                                        .arg(percentText(in.currentPercent), formatDuration(d.holdRemainingMs), formatDuration(d.holdMs)));
    }
    const QList<RuleStatus> decisionPoints = in.evaluation.decisionPointsNotOk();
    for (const RuleStatus &s : decisionPoints)
        add(QStringLiteral("decision-point:") + s.ruleId, QStringLiteral("decision point %1").arg(s.describe()));
    for (const RuleStatus &s : in.evaluation.autoRollbacksWithoutData()) {
        const bool named = std::any_of(decisionPoints.cbegin(), decisionPoints.cend(),
                                       [&s](const RuleStatus &d) { return d.metric == s.metric && d.state == RuleState::NoData; });
        if (!named)
            add(QStringLiteral("trigger-no-data:") + s.ruleId, QStringLiteral("automatic trigger %1 cannot be judged: %2").arg(nameOf(s.metric), s.reason));
    }
    for (const RuleStatus &s : in.evaluation.gatingStatuses()) {
        if (s.tier == RuleTier::AutoRollback && s.isBreaching())
            add(QStringLiteral("trigger:") + s.ruleId, QStringLiteral("automatic trigger %1").arg(s.describe()));
        else if (in.alertsConfigured && s.tier == RuleTier::AutoRollback && s.metric == RuleMetric::SecurityAlert && s.state == RuleState::NoData)
            add(QStringLiteral("alerts-unknown"),
                QStringLiteral("security alerts not known: %1").arg(in.alertsMessage.isEmpty() ? QStringLiteral("no answer yet") : in.alertsMessage));
    }
    if (!in.openPreShiftItems.isEmpty()) {
        const qsizetype n = in.openPreShiftItems.size();
        add(QStringLiteral("pre-shift-items"),
            n == 1 ? QStringLiteral("1 checklist item before the traffic shift is still open: \"%1\"").arg(in.openPreShiftItems.first())
                   : QStringLiteral("%1 checklist items before the traffic shift are still open (first: \"%2\")").arg(n).arg(in.openPreShiftItems.first()));
    }
    if (in.currentPercent == 0) {
        if (!in.greenHealthy.has_value())
            add(QStringLiteral("green-health-unknown"), QStringLiteral("green's health checks have not answered yet"));
        else if (!*in.greenHealthy)
            add(QStringLiteral("green-unhealthy"), QStringLiteral("green's health checks fail: %1").arg(in.greenHealthMessage));
        if (in.baselineMissing)
            add(QStringLiteral("baseline-missing"), *in.baselineMissing);
    }
    d.open = r.isEmpty();
    return d;
}

QString TrafficGate::openReason(const GateInput &in, const GateDecision &d)
{
    const QString unverified = in.trafficUnverified ? QStringLiteral("; traffic not verified (the controller cannot read it back)") : QString();
    if (in.currentPercent == 0)
        return QStringLiteral("pre-shift checklist done, green healthy") + unverified;
    const qint64 minutes = d.holdMs / 60'000;
    const QString hold = d.holdMs % 60'000 == 0 ? QStringLiteral("%1 min").arg(minutes) : formatDuration(d.holdMs);
    return QStringLiteral("hold of %1 at %2 passed, all decision points green").arg(hold, percentText(in.currentPercent)) + unverified;
}
