#include "deploymentevent.h"

#include <array>
#include <utility>

namespace {
constexpr std::array<std::pair<DeploymentEvent::Kind, const char *>, 26> kindNames{{
    {DeploymentEvent::Kind::DeploymentStarted, "deployment-started"},
    {DeploymentEvent::Kind::ItemChecked, "item-checked"},
    {DeploymentEvent::Kind::ItemUnchecked, "item-unchecked"},
    {DeploymentEvent::Kind::ItemSkipped, "item-skipped"},
    {DeploymentEvent::Kind::NoteSet, "note-set"},
    {DeploymentEvent::Kind::DeploymentClosed, "deployment-closed"},
    {DeploymentEvent::Kind::TrafficCommanded, "traffic-commanded"},
    {DeploymentEvent::Kind::TrafficApplied, "traffic-applied"},
    {DeploymentEvent::Kind::GateOverridden, "gate-overridden"},
    {DeploymentEvent::Kind::RuleBreached, "rule-breached"},
    {DeploymentEvent::Kind::RollbackStarted, "rollback-started"},
    {DeploymentEvent::Kind::ProcedureStarted, "procedure-started"},
    {DeploymentEvent::Kind::StepStarted, "step-started"},
    {DeploymentEvent::Kind::StepFinished, "step-finished"},
    {DeploymentEvent::Kind::StepSkipped, "step-skipped"},
    {DeploymentEvent::Kind::StepAwaiting, "step-awaiting"},
    {DeploymentEvent::Kind::ProcedureFinished, "procedure-finished"},
    {DeploymentEvent::Kind::CheckRan, "check-ran"},
    {DeploymentEvent::Kind::ControlTaken, "control-taken"},
    {DeploymentEvent::Kind::RollbackRequested, "rollback-requested"},
    {DeploymentEvent::Kind::GateChanged, "gate-changed"},
    {DeploymentEvent::Kind::StatusUpdateSent, "status-update-sent"},
    {DeploymentEvent::Kind::StatusUpdateFailed, "status-update-failed"},
    {DeploymentEvent::Kind::StatusUpdateRetried, "status-update-retried"},
    {DeploymentEvent::Kind::ReadingConfirmed, "reading-confirmed"},
    {DeploymentEvent::Kind::TrafficDrift, "traffic-drift"},
}};
}

QString DeploymentEvent::nameOf(Kind kind)
{
    for (const auto &[k, name] : kindNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("unknown");
}

DeploymentEvent::Kind DeploymentEvent::kindOf(const QString &name)
{
    for (const auto &[k, n] : kindNames) {
        if (name == QLatin1String(n))
            return k;
    }
    return Kind::Unknown;
}

DeploymentEvent DeploymentEvent::make(Kind kind, const QString &deploymentId, qint64 atMs, const QString &operatorName,
                                      const QString &itemId, const QJsonObject &payload)
{
    DeploymentEvent e;
    e.deploymentId = deploymentId;
    e.atMs = atMs;
    e.operatorName = operatorName;
    e.kind = kind;
    e.kindName = nameOf(kind);
    e.itemId = itemId;
    e.payload = payload;
    return e;
}

QString nameOf(DeploymentOutcome outcome)
{
    switch (outcome) {
    case DeploymentOutcome::Completed: return QStringLiteral("completed");
    case DeploymentOutcome::RolledBack: return QStringLiteral("rolled-back");
    case DeploymentOutcome::Aborted: return QStringLiteral("aborted");
    }
    return {};
}

std::optional<DeploymentOutcome> outcomeFromString(const QString &s)
{
    for (DeploymentOutcome o : {DeploymentOutcome::Completed, DeploymentOutcome::RolledBack, DeploymentOutcome::Aborted}) {
        if (nameOf(o) == s)
            return o;
    }
    return std::nullopt;
}
