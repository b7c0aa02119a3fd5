#pragma once

#include "core/runmark.h"
#include "journal/deploymentevent.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QString>

#include <optional>

// What one checklist item is at a moment: derived from events, never stored.
struct ItemState {
    enum class Status { Open, Done, Skipped };
    Status status = Status::Open;
    QString by; // operator of the last check, skip or uncheck
    qint64 atMs = 0;
    QString skipReason;
    QString note;
    QString noteBy;
    qint64 noteAtMs = 0;
};

// An operator's override of the traffic gate, kept for reports.
struct GateOverride {
    qint64 atMs = 0;
    QString by;
    int fromPercent = 0;
    int toPercent = 0;
    QString reason;
    QStringList blockedBy; // what the gate said when it was overridden
};

// A rule breach as journaled (decision points and automatic triggers).
struct RuleBreach {
    qint64 atMs = 0;
    QString ruleId;
    QString text; // RuleStatus::describe() at the time
};

// Where traffic is, as the journal tells it. Commands are journaled before they are sent
// and results after, so a command without a result means the console stopped in between:
// the target has to be read back before anyone relies on it.
struct TrafficState {
    int commandedGreen = 0; // the last command's percent on green; 0 before any
    QString commandReason;
    bool commandAutomatic = false;
    qint64 commandedAtMs = 0;
    bool awaitingResult = false;
    std::optional<bool> lastOk;       // the last result, nullopt before any
    std::optional<int> observedGreen; // as last read back with a result; nullopt when that result was not verified
    bool lastVerified = true;         // the last result was read back (false: a controller that cannot read)
    // A drift episode (traffic-drift) that has not ended: where traffic was found, and by what.
    std::optional<int> driftObserved;
    QString driftSource;
    QString lastMessage;              // the last result's message (failure reason)
    // The step traffic verifiably is on: the percent of the last successful apply, and when
    // it succeeded (the hold counts from there). The deployment's start is step 0.
    int stepGreen = 0;
    qint64 stepSinceMs = 0;
    std::optional<qint64> firstShiftMs; // when the first command above 0 % that succeeded was sent
    bool reachedFull = false;           // 100 % was reached: the triggers stay armed
    bool rollbackActive = false;
    bool rollbackAutomatic = false;
    QString rollbackReason;
    QString rollbackRuleId;
    qint64 rollbackAtMs = 0;
    QList<GateOverride> overrides;
    QList<RuleBreach> breaches;
    // Every command as (time, percent on green), the start as 0 %: the charts' commanded line.
    QList<std::pair<qint64, int>> commandHistory;
    // The gate's verdict as last journaled (gate-changed); nullopt before any.
    std::optional<bool> gateOpen;
    QStringList gateReasons;
    QStringList gateReasonKeys;
    qint64 gateSinceMs = 0;
};

// One run of a procedure (the rollback, or an emergency procedure), as journaled.
struct ProcedureRecord {
    enum class Status { Running, Completed, Aborted };
    Status status = Status::Running;
    QString title;
    QString reason;
    bool automatic = false;
    QString by;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    QString finishReason; // why it was aborted
    int run = 1;          // 2, 3, ...: started again after it had finished
};

// One procedure step. A step whose last event is step-started was running when the console
// stopped (or still runs in this one): it is never started again without the operator.
struct StepRecord {
    enum class Status { Pending, Running, Done, Failed, Skipped };
    Status status = Status::Pending;
    QString procedureId;
    int attempts = 0;
    QString by;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    QString action;      // the binding's kind; empty for a step the operator confirmed by hand
    QString description; // what the action did ("runs db-rollback.sh rollback.sql")
    RunMark run;         // the program run it started, to tell later whether it still lives
    bool confirmed = false;
    std::optional<int> exitCode;
    QString message;
    QString output; // the tail, capped
    QString skipReason;
    QString awaiting; // why it waits for the operator, as last journaled
};

// The latest result of an executable checklist item's check: evidence for the report.
struct CheckRecord {
    bool ok = false;
    QString by;
    qint64 atMs = 0;
    qint64 durationMs = 0;
    QString action;
    std::optional<int> exitCode;
    QString message;
    QString output;
};

// A watcher's (or anyone's) request that the driver roll back, as journaled.
struct RollbackRequest {
    qint64 atMs = 0;
    QString by;
    QString reason;
};

// One console taking control of the deployment from another (team mode).
struct ControlChange {
    qint64 atMs = 0;
    QString from; // empty: nobody drove
    QString to;
};

// One webhook's delivery of a status update: its attempts and the last result.
struct StatusUpdateDelivery {
    QString webhook;
    int attempts = 0;
    bool delivered = false;
    int httpStatus = 0;  // of the last answer; 0 when there was none
    QString message;     // the last failure in words (the server's own, or why there was no answer)
    qint64 retryInMs = 0; // after a failure: when it is tried again; 0 when it was given up
    qint64 atMs = 0;     // the last result
};

// A status update sent to the profile's webhooks, as journaled (item id "u1", "u2"...).
struct StatusUpdateRecord {
    QString id;
    QString trigger; // scheduled | rollback | trigger | manual
    QString title;
    QString text;
    QString by;
    qint64 atMs = 0; // its first journaled result
    QList<StatusUpdateDelivery> deliveries;

    bool deliveredAnywhere() const;
    // A webhook failed and will not be tried again.
    bool failedSomewhere() const;
};

// The runbook's reading (RunbookReading) as a person, or a headless run, confirmed it.
struct ReadingConfirmation {
    qint64 atMs = 0;
    QString by;
    QString digest; // SHA-256 of the reading's text
    QString text;   // the reading as it was confirmed
    bool headless = false; // accepted by a headless run, not confirmed in the window
};

// A deployment's state as rebuilt by replaying its events in order. Replaying the same
// events always gives the same state; apply() is the only way it changes.
class DeploymentState
{
public:
    // Returns an error message for an event that is not valid in the current state
    // (the journal only ever holds valid ones; this guards replay of foreign data).
    QString apply(const DeploymentEvent &event);

    QString id;
    QString service;
    QString version;
    QString startedBy;
    qint64 startedAtMs = 0;
    QString runbookSha256;
    QString runbookName;
    QString environment; // as journaled at the start; empty in older journals
    bool started = false;
    bool closed = false;
    qint64 closedAtMs = 0;
    QString closedBy;
    std::optional<DeploymentOutcome> outcome;
    QString closeNote;
    qint64 lastSeq = 0;
    TrafficState traffic;

    QHash<QString, ProcedureRecord> procedures; // by procedure id
    QHash<QString, StepRecord> steps;           // by item id
    QHash<QString, CheckRecord> checks;         // by item id
    QList<RollbackRequest> rollbackRequests;
    QList<ControlChange> controlChanges;
    QList<StatusUpdateRecord> statusUpdates;    // in the order they were first journaled
    // The last confirmation of the runbook's reading; nullopt before any.
    std::optional<ReadingConfirmation> readingConfirmation;
    StatusUpdateRecord *statusUpdate(const QString &id);
    const StatusUpdateRecord *statusUpdate(const QString &id) const;

    ItemState item(const QString &itemId) const { return m_items.value(itemId); }
    QStringList touchedItemIds() const { return m_items.keys(); }
    // Events of kinds this version does not know, kept so they can be reported.
    QList<DeploymentEvent> unknownEvents;

private:
    // An item checked, reopened or skipped, by a person, a procedure step or a check.
    void setItemStatus(const DeploymentEvent &e, ItemState::Status status, const QString &skipReason = {});
    void applyStatusUpdate(const DeploymentEvent &e);

    QHash<QString, ItemState> m_items;
};
