#pragma once

#include "gate/ruleevaluation.h"
#include "gate/trafficgate.h"
#include "report/statusupdate.h"

#include <QTimeZone>

#include <optional>

class DeploymentState;
class SampleStore;
struct Runbook;

// Prepares a status update's text from the deployment as it stands: the phase, the traffic
// share, the key metrics (green and blue) against the runbook's thresholds, open problems, and
// the next step with its earliest time. Pure: the caller gathers the inputs (StatusUpdates does,
// from the Rollout), so tests give them directly.
class StatusUpdateComposer
{
public:
    struct Input {
        const DeploymentState *state = nullptr;
        const Runbook *runbook = nullptr;
        RuleEvaluation evaluation;
        GateDecision gate;
        std::optional<int> observedGreen;
        std::optional<QString> trafficProblem;
        const SampleStore *samples = nullptr; // blue's latest values; may be null
        QString environment;
        qint64 nowMs = 0;
        QTimeZone timeZone = QTimeZone::systemTimeZone();
    };

    static StatusUpdate compose(const Input &input, StatusUpdate::Trigger trigger);
    // The phase the deployment is in: a rollback, the traffic shift while traffic moves, else
    // the first phase with open items (the last one when all are done).
    static QString currentPhase(const DeploymentState &state, const Runbook &runbook);
};
