#include "statusupdatecomposer.h"

#include "deployment/checklistlayout.h"
#include "deployment/deploymentstate.h"
#include "metrics/samplestore.h"
#include "procedure/procedurecatalog.h"
#include "report/reporttext.h"

namespace {

// The rollback procedure's first step not yet done or skipped, by its text.
QString nextRollbackStep(const DeploymentState &state, const Runbook &runbook)
{
    for (const ProcedureDef &def : findProcedures(runbook, {})) {
        if (!def.rollback)
            continue;
        for (const ProcedureStep &step : def.steps) {
            const auto record = state.steps.constFind(step.itemId);
            const ItemState item = state.item(step.itemId);
            const bool finished = (record != state.steps.cend()
                                   && (record->status == StepRecord::Status::Done || record->status == StepRecord::Status::Skipped))
                || item.status != ItemState::Status::Open;
            if (!finished) {
                const bool waiting = record != state.steps.cend() && !record->awaiting.isEmpty();
                return QStringLiteral("%1 (%2)").arg(step.text, waiting ? QStringLiteral("waiting for an operator") : def.title);
            }
        }
        return QStringLiteral("%1 is complete").arg(def.title);
    }
    return {};
}

QString limitsText(const Runbook &runbook, const RuleEvaluation &evaluation, Metric metric)
{
    QStringList limits;
    for (const Rule &rule : runbook.rules) {
        if (metricForRule(rule.metric) != metric || (rule.tier != RuleTier::DecisionPoint && rule.tier != RuleTier::AutoRollback))
            continue;
        const RuleStatus *status = evaluation.status(rule.id);
        QString threshold;
        if (status && status->threshold)
            threshold = ReportText::threshold(*status->threshold, status->unit);
        else if (rule.value)
            threshold = formatRuleNumber(*rule.value) + (rule.unit == RuleUnit::TimesNormal ? QStringLiteral("x normal") : QLatin1Char(' ') + nameOf(rule.unit));
        if (rule.unit == RuleUnit::TimesNormal && rule.value && status && status->threshold)
            threshold += QStringLiteral(" (%1x normal)").arg(formatRuleNumber(*rule.value));
        limits << QStringLiteral("%1 %2 %3").arg(rule.tier == RuleTier::DecisionPoint ? QStringLiteral("decision point") : QStringLiteral("rollback"),
                                                 nameOf(rule.op), threshold.trimmed());
    }
    return limits.join(QStringLiteral(", "));
}

} // namespace

QString StatusUpdateComposer::currentPhase(const DeploymentState &state, const Runbook &runbook)
{
    if (state.traffic.rollbackActive)
        return QStringLiteral("Rollback");
    const int planLine = runbook.trafficPlan.isEmpty() ? -1 : runbook.trafficPlan.first().line;
    QString last;
    QString firstOpen;
    for (const RunbookSection &section : runbook.sections) {
        if (section.kind != SectionKind::Phase)
            continue;
        const QString title = ChecklistLayout::tabTitle(section);
        last = title;
        bool open = false, holdsPlan = false;
        for (const RunbookItem *item : runbook.checkableItems(section.id)) {
            open = open || state.item(item->id).status == ItemState::Status::Open;
            holdsPlan = holdsPlan || item->line == planLine;
        }
        if (holdsPlan && state.traffic.firstShiftMs && !state.traffic.reachedFull)
            return title;
        if (open && firstOpen.isEmpty())
            firstOpen = title;
    }
    return firstOpen.isEmpty() ? last : firstOpen;
}

StatusUpdate StatusUpdateComposer::compose(const Input &in, StatusUpdate::Trigger trigger)
{
    const DeploymentState &state = *in.state;
    const Runbook &runbook = *in.runbook;
    const ReportText text(state.startedAtMs, in.timeZone);
    StatusUpdate u;
    u.trigger = trigger;
    u.atMs = in.nowMs;
    u.deploymentId = state.id;
    u.service = state.service;
    u.version = state.version;
    u.environment = in.environment;
    u.elapsed = text.sinceStart(in.nowMs);
    u.clockTime = text.dateTime(in.nowMs).mid(11);
    u.phase = currentPhase(state, runbook);
    const TrafficState &t = state.traffic;
    u.greenPercent = t.stepGreen;
    u.traffic = QStringLiteral("%1 % on green").arg(t.stepGreen);
    if (t.commandedGreen != t.stepGreen)
        u.traffic += QStringLiteral(" (commanded %1 %)").arg(t.commandedGreen);
    else if (in.observedGreen && *in.observedGreen != t.stepGreen)
        u.traffic += QStringLiteral(" (observed %1 %)").arg(*in.observedGreen);

    for (Metric metric : {Metric::ErrorRate, Metric::ResponseTime, Metric::DbErrorRate, Metric::ResourceUtilization}) {
        StatusUpdate::MetricLine line;
        line.name = metricDisplayName(metric);
        const auto value = [&](Color color) {
            const std::optional<Sample> s = in.samples ? in.samples->lastGood({metric, color}) : std::nullopt;
            return s ? ReportText::value(s->value, metricUnit(metric)) : QStringLiteral("no data");
        };
        line.green = t.stepGreen > 0 || t.commandedGreen > 0 ? value(Color::Green) : QStringLiteral("no traffic");
        line.blue = value(Color::Blue);
        line.limits = limitsText(runbook, in.evaluation, metric);
        for (const RuleStatus &s : in.evaluation.gatingStatuses())
            line.breaching = line.breaching || (metricForRule(s.metric) == metric && s.isBreaching());
        u.metrics << line;
    }

    if (t.rollbackActive)
        u.problems << QStringLiteral("Rolled back: %1").arg(t.rollbackReason);
    for (const RuleStatus &s : in.evaluation.gatingStatuses()) {
        if (s.isBreaching())
            u.problems << (s.tier == RuleTier::AutoRollback ? QStringLiteral("automatic trigger %1") : QStringLiteral("decision point %1")).arg(s.describe());
    }
    if (in.trafficProblem)
        u.problems << *in.trafficProblem;
    for (const StepRecord &step : state.steps) {
        if (step.status == StepRecord::Status::Failed)
            u.problems << QStringLiteral("a procedure step failed: %1").arg(step.message);
    }

    if (t.rollbackActive) {
        u.nextStep = QStringLiteral("finish the rollback: %1").arg(nextRollbackStep(state, runbook));
    } else if (in.gate.atEnd()) {
        u.nextStep = QStringLiteral("all traffic is on green: validation, then cleanup");
    } else if (in.gate.nextPercent) {
        const int next = *in.gate.nextPercent;
        const bool onlyHold = !in.gate.reasonKeys.isEmpty()
            && std::all_of(in.gate.reasonKeys.cbegin(), in.gate.reasonKeys.cend(), [](const QString &k) { return k == u"hold" || k == u"command-in-flight"; });
        if (in.gate.open)
            u.nextStep = QStringLiteral("%1 % on green: the gate is open now").arg(next);
        else if (onlyHold)
            u.nextStep = QStringLiteral("%1 % on green at %2 at the earliest (hold of %3 at %4 %)")
                             .arg(QString::number(next), text.time(in.nowMs + in.gate.holdRemainingMs), ReportText::duration(in.gate.holdMs), QString::number(t.stepGreen));
        else
            u.nextStep = QStringLiteral("%1 % on green once the gate opens: %2").arg(QString::number(next), in.gate.reasons.join(QStringLiteral("; ")));
    }

    switch (trigger) {
    case StatusUpdate::Trigger::Rollback:
    case StatusUpdate::Trigger::AutomaticTrigger:
        u.title = QStringLiteral("%1 %2: ROLLED BACK, traffic going to blue").arg(u.service, u.version);
        break;
    default: u.title = QStringLiteral("%1 %2: %3, %4").arg(u.service, u.version, u.phase, u.traffic); break;
    }

    QStringList lines;
    if (trigger == StatusUpdate::Trigger::AutomaticTrigger)
        lines << QStringLiteral("Automatic rollback: %1.").arg(t.rollbackReason);
    else if (trigger == StatusUpdate::Trigger::Rollback)
        lines << QStringLiteral("Rollback decided: %1.").arg(t.rollbackReason);
    lines << QStringLiteral("Status at %1 (%2) of the deployment of %3 %4%5.")
                 .arg(u.clockTime, u.elapsed, u.service, u.version, u.environment.isEmpty() ? QString() : QStringLiteral(" on ") + u.environment);
    lines << QStringLiteral("Phase: %1.").arg(u.phase);
    lines << QStringLiteral("Traffic: %1.").arg(u.traffic);
    lines << QStringLiteral("Key metrics, green / blue, against the runbook's thresholds:");
    for (const StatusUpdate::MetricLine &m : std::as_const(u.metrics))
        lines << QStringLiteral("- %1: %2 / %3%4%5").arg(m.name, m.green, m.blue, m.limits.isEmpty() ? QString() : QStringLiteral(" (") + m.limits + u')',
                                                          m.breaching ? QStringLiteral(" BREACHED") : QString());
    lines << (u.problems.isEmpty() ? QStringLiteral("Open problems: none.") : QStringLiteral("Open problems:"));
    for (const QString &p : std::as_const(u.problems))
        lines << QStringLiteral("- ") + p;
    if (!u.nextStep.isEmpty())
        lines << QStringLiteral("Next: %1.").arg(u.nextStep);
    u.text = lines.join(u'\n');
    return u;
}
