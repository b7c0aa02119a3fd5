#pragma once

#include "core/result.h"
#include "core/runmark.h"
#include "procedure/procedurecatalog.h"
#include "procedure/stepaction.h"

#include <QObject>

#include <memory>
#include <optional>

class Deployment;
class QTimer;

// Runs one procedure step by step, in order, from the journal: what is done, skipped, failed
// or was running is read from DeploymentState, so a console that reopens the deployment
// resumes at the step where it stopped. The rules:
// - A bound step runs by itself; a destructive binding (scripts by default) waits for the
//   operator's confirmation first, also after an automatic trigger.
// - An unbound step waits until the operator confirms it was done.
// - A step the journal shows as started but not finished was running when a console
//   stopped (or lost the deployment): while its program still runs on this machine (found by
//   the RunMark journaled with the step) it is shown as still running and nothing is offered;
//   once it has ended it is never run again without the operator (run again, or skip).
// - A failing step stops the procedure: retry, skip with a reason, or abort.
// - A step's result the journal refuses (disk full, I/O error, the lock lost) is kept and
//   written again every ResultRetryMs until it lands; meanwhile the step is not offered
//   again, nor skipped, and the procedure waits.
// - An emergency procedure that finished can be started again: a new run, journaled so.
// Every start, result (with the output's tail and exit status), skip, wait and the
// procedure's end is journaled before anything else happens. A read-only console (another
// one drives the deployment) shows the procedure and starts nothing; a program it was running
// when it lost the deployment runs to its end.
class ProcedureRunner : public QObject
{
    Q_OBJECT
public:
    enum class Phase { NotStarted, Running, AwaitingOperator, Failed, Completed, Aborted };
    enum class Waiting { None, Unbound, Destructive, Interrupted };
    // Where one step stands, from the journal and what this console runs: what a view shows
    // (and colours) for it, so that no view reads it back from a step's (translated) text.
    enum class StepState {
        Pending,          // not reached yet
        AwaitingOperator, // the current step waits for a person (waiting() says why)
        Running,          // its action runs in this console now
        RunningElsewhere, // journaled as running by the console that drives the deployment (this one is read-only)
        Interrupted,      // journaled as running but run by nothing: a console stopped while it ran
        StillRunning,     // journaled as running by a console that stopped; its program still runs here
        ResultUnsaved,    // it ended here, and the journal has not taken its result yet
        Failed,           // its last run failed and it is still open
        Done,             // its action succeeded
        Confirmed,        // the operator confirmed having done it by hand
        CheckedByHand,    // checked in the checklist instead of run here
        Skipped,          // skipped with a reason, here or in the checklist
    };

    static constexpr int ResultRetryMs = 2000;
    static constexpr int RunProbeMs = 2000; // how often a run outside this console is looked for

    ProcedureRunner(Deployment *deployment, ProcedureDef procedure, ActionContext context, QObject *parent = nullptr);
    ~ProcedureRunner() override;

    const ProcedureDef &procedure() const { return m_def; }
    Phase phase() const;
    Waiting waiting() const;
    int currentIndex() const; // the first step neither done nor skipped; -1 when none is left
    StepState stepState(int index) const;
    bool isActionRunning() const { return m_action != nullptr; }
    // A step ended here and the journal has not taken its result yet (it is retried).
    bool hasUnsavedResult() const { return m_pending.has_value(); }
    // For a step shown StillRunning: where its program runs ("process group 4242 on host-1 (2 processes)").
    QString runDescription(int index) const;
    // What the running step printed so far (the journal keeps the tail once it ends).
    QString liveOutput() const { return m_liveOutput; }
    // "--auto-confirm": steps that wait for an operator are confirmed at once, journaled so.
    void setAutoConfirm(bool on) { m_autoConfirm = on; }
    // Steps started from now on move traffic through this Rollout (see RolloutSession).
    void setRollout(Rollout *rollout);

    // Starts (or, after an abort, restarts at its first open step) the procedure; an emergency
    // procedure that completed runs again from its first step.
    Status start(const QString &reason, bool automatic);
    bool canRunAgain() const; // completed, and not the rollback procedure
    // Continues a procedure the journal shows running (after reopening the deployment).
    void resume();
    // The current step: an unbound one is marked done by the operator; a destructive or
    // interrupted one runs (again) now.
    Status confirm();
    Status retry();                       // a failed step runs again
    Status skip(const QString &reason);   // the current step (waiting or failed)
    Status abort(const QString &reason);  // ends a running action (its process group) too

    static QString nameOf(Waiting waiting); // "unbound", "destructive", "interrupted"
    static QString nameOf(StepState state); // "pending", "awaiting-operator", "running", ...
    static QString describe(Waiting waiting);

Q_SIGNALS:
    void changed();
    void stepStarted(const QString &itemId, bool confirmed);
    void output(const QString &itemId, const QString &text);
    void awaitingOperator(const QString &itemId, ProcedureRunner::Waiting why);
    void stepFinished(const QString &itemId, bool ok, const QString &message);
    void finished(bool completed);
    void journalFailed(const Phrase &message);

private:
    struct PendingResult {
        int index = -1;
        ActionOutcome outcome;
        bool confirmed = false;
        QString abortReason; // the procedure was being aborted: journaled once the result is
        bool reported = false;
    };
    Waiting operatorWaiting() const; // why the current step needs a person, --auto-confirm aside
    void proceed();
    void run(int index, bool confirmed);
    void onActionFinished(const ActionOutcome &outcome);
    void writePendingResult();
    // The run of a step journaled as running but run by nothing here still lives (RunMark);
    // looked up once per step and attempt, then every RunProbeMs while it lives.
    bool runStillAlive(int index) const;
    void probeRunAgain();
    Status checkDriving() const;
    Status checkNothingPending() const;
    bool report(const Status &status);

    Deployment *m_deployment;
    ProcedureDef m_def;
    ActionContext m_context;
    std::unique_ptr<StepAction> m_action;
    int m_actionIndex = -1;
    bool m_actionConfirmed = false;
    QString m_liveOutput;
    QString m_abortReason;
    bool m_autoConfirm = false;
    bool m_proceeding = false;
    QString m_announcedWait;
    // A step's end is being reported and the runner goes on right after: the next step is not
    // "waiting" until proceed() has journaled and announced that.
    bool m_advancing = false;
    std::optional<PendingResult> m_pending;
    QTimer *m_retry;
    struct ForeignRun {
        QString itemId;
        int attempt = 0;
        RunLiveness liveness;
    };
    mutable std::optional<ForeignRun> m_foreignRun;
    QTimer *m_probe;
};
