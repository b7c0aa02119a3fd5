#include "rolloutactions.h"

QString nameOf(RolloutAction action)
{
    switch (action) {
    case RolloutAction::StepForward: return QStringLiteral("step-forward");
    case RolloutAction::StepBack: return QStringLiteral("step-back");
    case RolloutAction::Override: return QStringLiteral("override");
    case RolloutAction::Retry: return QStringLiteral("retry");
    case RolloutAction::RollBack: return QStringLiteral("roll-back");
    }
    return {};
}

QString nameOf(ActionBlock block)
{
    switch (block) {
    case ActionBlock::None: return QStringLiteral("none");
    case ActionBlock::CannotDrive: return QStringLiteral("cannot-drive");
    case ActionBlock::RollbackRunning: return QStringLiteral("rollback-running");
    case ActionBlock::CommandInFlight: return QStringLiteral("command-in-flight");
    case ActionBlock::GateClosed: return QStringLiteral("gate-closed");
    case ActionBlock::GateOpen: return QStringLiteral("gate-open");
    case ActionBlock::EndOfPlan: return QStringLiteral("end-of-plan");
    case ActionBlock::AllOnBlue: return QStringLiteral("all-on-blue");
    case ActionBlock::NothingToRetry: return QStringLiteral("nothing-to-retry");
    case ActionBlock::ReadingNotConfirmed: return QStringLiteral("reading-not-confirmed");
    }
    return {};
}

const ActionAvailability &RolloutActions::of(RolloutAction action) const
{
    switch (action) {
    case RolloutAction::StepForward: return stepForward;
    case RolloutAction::StepBack: return stepBack;
    case RolloutAction::Override: return overrideGate;
    case RolloutAction::Retry: return retry;
    case RolloutAction::RollBack: return rollBack;
    }
    return stepForward;
}
