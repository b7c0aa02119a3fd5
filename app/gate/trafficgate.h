#pragma once

#include "ruleevaluation.h"
#include "core/phrase.h"
#include "runbook/runbook.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Everything the gate decides on, gathered by the caller (the Rollout). Times are the
// deployment clock's.
struct GateInput {
    QList<int> positions;     // TrafficGate::positions(plan): 0 first, then every step
    QList<TrafficStep> plan;  // the runbook's steps, for the holds
    int currentPercent = 0;   // the step traffic verifiably is on (TrafficState::stepGreen)
    qint64 nowMs = 0;
    // When the current hold started counting: the latest of the step's start, the moment the
    // decision points last stopped being all green, and the moment this console began
    // watching (it cannot vouch for time it did not see).
    qint64 holdSinceMs = 0;
    RuleEvaluation evaluation;
    QStringList openPreShiftItems; // texts of checklist items before the shift, neither checked nor skipped
    std::optional<bool> greenHealthy;
    Phrase greenHealthMessage;
    // Set when a gating rule is relative to "normal" and the baseline is not known: before the
    // first shift it says why the gate waits ("normal response time is not known yet ...").
    std::optional<Phrase> baselineMissing;
    // An alert source is configured: then not knowing whether a security alert fires blocks.
    bool alertsConfigured = false;
    Phrase alertsMessage; // the alert source's last word ("connection refused", ...)
    bool rollbackActive = false;
    bool commandInFlight = false;
    std::optional<Phrase> trafficProblem; // a failed command, or commanded and observed differ
    // The last read-back of the target failed (why): nobody knows where traffic is.
    std::optional<Phrase> trafficUnreadable;
    // The controller cannot read traffic back: the split is assumed from the command's success.
    // Not a reason to close (the profile chose such a controller), but never called verified.
    bool trafficUnverified = false;
    std::optional<Phrase> readOnlyReason; // closed, or another console drives the deployment
    // The release manager confirmed the runbook's reading (RunbookReading) for this deployment;
    // the Rollout sets it from the deployment's journal. Until then nothing moves forward.
    bool readingConfirmed = true;
};

// The gate's verdict on moving one step towards green.
struct GateDecision {
    int currentIndex = 0;           // index into positions of the current step (the last one <= current percent)
    std::optional<int> nextPercent; // nullopt at the end of the plan
    std::optional<int> previousPercent;
    bool open = false;              // nextPercent may be commanded now
    QStringList reasons;            // why not, one sentence each; empty when open or at the end
    // The same reasons, for the window to say in the reader's language (reasons is their English,
    // for the journal and the headless lines).
    QList<Phrase> reasonPhrases;
    // One stable id per reason, in the same order ("hold", "decision-point:decision-point.error_rate",
    // "pre-shift-items"...): what changed when the gate's reasons did, without its countdown or values.
    QStringList reasonKeys;
    qint64 holdMs = 0;              // the current step's monitoring hold (0 at 0 % and at the end)
    qint64 holdRemainingMs = 0;     // until the hold is complete, counted from GateInput::holdSinceMs

    bool atEnd() const { return !nextPercent.has_value(); }
    friend bool operator==(const GateDecision &, const GateDecision &) = default;
};

// The traffic gate: pure, so it is tested on its own and the window, the headless run and the
// journal agree on why. Moving forward one step needs all of:
// - the current step's monitoring hold has elapsed, counted from GateInput::holdSinceMs, so
//   every decision point was green on fresh data through the whole hold;
// - every decision point is green now (RuleEvaluation::decisionPointsAllOk);
// - no automatic trigger is breaching or pending or without data (it could not fire), and no
//   security alert is firing;
// - the checklist items the runbook puts before the traffic shift are checked or skipped;
// - before the first step, green's health checks pass and "normal" is known when a gating
//   rule is relative to it;
// - the runbook's reading was confirmed for this deployment (reason "reading not confirmed");
// - no rollback is running, no traffic command is in flight, commanded and observed agree,
//   traffic can be read back (when the controller reads at all), and this console may drive
//   the deployment.
// Steps are never skipped; moving back towards blue is not judged here (Rollout::availableActions()).
class TrafficGate
{
public:
    // 0 followed by the plan's percentages (0 is not repeated when the plan starts with it).
    static QList<int> positions(const QList<TrafficStep> &plan);
    // The hold of the step at `percent`, in ms; 0 for 0 % (no hold before the first shift)
    // and for percentages not in the plan's steps with a hold.
    static qint64 holdMsAt(const QList<TrafficStep> &plan, int percent);
    // The checkable items of phase and checklist sections that come before the section
    // holding the traffic plan (the reference runbook: Pre-Deployment Checklist, Phases 1 and 2).
    // Empty when the runbook has no traffic plan.
    static QStringList preShiftItemIds(const Runbook &runbook);

    static GateDecision decide(const GateInput &input);

    // Why the gate opened, for journal and headless lines:
    // "hold of 5 min at 5 % passed, all decision points green".
    static Phrase openReason(const GateInput &input, const GateDecision &decision);
};

QString formatDuration(qint64 ms); // "4:05", "1:02:03"
