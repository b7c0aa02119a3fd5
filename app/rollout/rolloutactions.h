#pragma once

#include "core/phrase.h"

#include <QString>

#include <optional>

// What an operator can do with a deployment's traffic now, and why not. The Rollout decides it
// (Rollout::availableActions()) and its actions refuse with the same reasons; the traffic panel
// only shows it, so the two cannot disagree.
enum class RolloutAction { StepForward, StepBack, Override, Retry, RollBack };

// Why an action is not possible now.
enum class ActionBlock {
    None,            // allowed
    CannotDrive,     // read-only here (another console drives, the deployment is closed) or no traffic controller
    RollbackRunning, // a rollback is under way: nothing moves towards green or one step back
    CommandInFlight, // a traffic command has not returned yet
    GateClosed,      // the gate's reasons (a forward retry is judged as if asked for now)
    GateOpen,        // override: the gate is open, step forward instead
    EndOfPlan,       // forward or override: traffic is on the plan's last step
    AllOnBlue,       // step back or roll back: nothing is on green
    NothingToRetry,  // retry: the last command landed and the target agrees with it
    ReadingNotConfirmed, // override: the runbook's reading is not confirmed; the gate cannot be overridden past that
};

QString nameOf(RolloutAction action); // "step-forward", "step-back", "override", "retry", "roll-back"
QString nameOf(ActionBlock block);    // "none", "cannot-drive", "rollback-running", ...

struct ActionAvailability {
    ActionBlock block = ActionBlock::None;
    Phrase reason;                    // why not, a sentence a person can act on; empty when allowed
    std::optional<int> targetPercent; // green's share the action would command, when there is one

    bool allowed() const { return block == ActionBlock::None; }
    friend bool operator==(const ActionAvailability &, const ActionAvailability &) = default;
};

struct RolloutActions {
    ActionAvailability stepForward;
    ActionAvailability stepBack;
    ActionAvailability overrideGate;
    ActionAvailability retry;
    ActionAvailability rollBack;

    const ActionAvailability &of(RolloutAction action) const;
    friend bool operator==(const RolloutActions &, const RolloutActions &) = default;
};
