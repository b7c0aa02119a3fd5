#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// One entry of the append-only journal. Every change of a deployment's state is one of these.
struct DeploymentEvent {
    enum class Kind {
        DeploymentStarted, // payload: service, version, runbookSha256, runbookName, environment
        ItemChecked,
        ItemUnchecked, // back to open, from checked or skipped
        ItemSkipped,   // payload: reason
        NoteSet,       // payload: text (empty clears)
        DeploymentClosed, // payload: outcome, note
        // Traffic (journaled before the command is sent, its result after):
        TrafficCommanded, // payload: green (percent), reason, automatic (bool)
        TrafficApplied,   // payload: commanded, ok, observedGreen (-1 unknown), verified, message, details
        GateOverridden,   // payload: from, to (percent), reason, blockedBy (the gate's reasons, array)
        RuleBreached,     // payload: ruleId, tier, state, text (RuleStatus::describe), value, threshold, unit, sinceMs, heldMs, forMs, query, blueValue
        RollbackStarted,  // payload: reason, ruleId (empty when an operator started it), automatic (bool)
        // Procedures (item_id: the procedure's id for procedure events, the step's item id for steps):
        ProcedureStarted,  // payload: title, reason, automatic; run (2, 3...) and restartSteps (item ids) when run again
        StepStarted,       // payload: procedure, action (binding kind), description, confirmed (bool), run (RunMark: id, host, boot)
        StepFinished,      // payload: procedure, ok, exitCode (absent when none), message, output (tail), durationMs, confirmed
        StepSkipped,       // payload: procedure, reason
        StepAwaiting,      // payload: procedure, why (unbound | destructive | interrupted)
        ProcedureFinished, // payload: outcome (completed | aborted), reason
        CheckRan,          // an executable checklist item's result, kept as evidence: ok, exitCode, message, output, durationMs, action
        // Team mode (any journal, written by several consoles in a shared one):
        ControlTaken,      // a console took control from another: from (the previous driver; empty: nobody drove)
        RollbackRequested, // a watcher (or anyone) asks the driver to roll back: reason
        // The gate's verdict, when the set of reasons it is closed for changes (not its countdown):
        GateChanged,       // payload: open, atPercent, nextPercent, reasons (texts, array), keys (stable ids, array)
        // Status updates to the profile's webhooks (item_id: the update's id, "u1", "u2"...):
        StatusUpdateSent,    // payload: webhook, attempt, httpStatus, trigger, title, text
        StatusUpdateFailed,  // payload: webhook, attempt, httpStatus (0: no answer), message, retryInMs (0: given up), trigger, title, text
        StatusUpdateRetried, // payload: webhook, attempt (the new attempt's number)
        // The release manager (or a headless run) confirmed what the console read of the runbook
        // (RunbookReading) before traffic moves: digest (SHA-256 of the text), reading (its
        // canonical text), acceptedBy ("operator" | "headless run")
        ReadingConfirmed,
        // Traffic found elsewhere than commanded (once when it starts, once when it ends):
        TrafficDrift, // payload: commanded, observed (percent on green), source (controller | measured), ended (bool), detail
        Unknown, // written by a newer version; kept and reported, never dropped
    };

    QString deploymentId;
    qint64 seq = 0; // 1, 2, 3... per deployment; assigned by the journal
    qint64 atMs = 0;
    QString operatorName;
    Kind kind = Kind::Unknown;
    QString kindName; // as stored; differs from nameOf(kind) only for Unknown
    QString itemId;
    QJsonObject payload;

    static QString nameOf(Kind kind);
    static Kind kindOf(const QString &name);
    static DeploymentEvent make(Kind kind, const QString &deploymentId, qint64 atMs, const QString &operatorName,
                                const QString &itemId = {}, const QJsonObject &payload = {});
};

enum class DeploymentOutcome { Completed, RolledBack, Aborted };
QString nameOf(DeploymentOutcome outcome);
std::optional<DeploymentOutcome> outcomeFromString(const QString &s);
