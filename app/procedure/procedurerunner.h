#pragma once

#include "core/result.h"
#include "procedure/procedurecatalog.h"
#include "procedure/stepaction.h"

#include <QObject>

#include <memory>

class Deployment;

// Runs one procedure step by step, in order, from the journal: what is done, skipped, failed
// or was running is read from DeploymentState, so a console that reopens the deployment
// resumes at the step where it stopped. The rules:
// - A bound step runs by itself; a destructive binding (scripts by default) waits for the
//   operator's confirmation first, also after an automatic trigger.
// - An unbound step waits until the operator confirms it was done.
// - A step the journal shows as started but not finished was running when a console
//   stopped: it is never run again without the operator (run again, or skip with a reason).
// - A failing step stops the procedure: retry, skip with a reason, or abort.
// Every start, result (with the output's tail and exit status), skip, wait and the
// procedure's end is journaled before anything else happens. A read-only console (another
// one drives the deployment) shows the procedure and does nothing.
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
        Failed,           // its last run failed and it is still open
        Done,             // its action succeeded
        Confirmed,        // the operator confirmed having done it by hand
        CheckedByHand,    // checked in the checklist instead of run here
        Skipped,          // skipped with a reason, here or in the checklist
    };

    ProcedureRunner(Deployment *deployment, ProcedureDef procedure, ActionContext context, QObject *parent = nullptr);
    ~ProcedureRunner() override;

    const ProcedureDef &procedure() const { return m_def; }
    Phase phase() const;
    Waiting waiting() const;
    int currentIndex() const; // the first step neither done nor skipped; -1 when none is left
    StepState stepState(int index) const;
    bool isActionRunning() const { return m_action != nullptr; }
    // What the running step printed so far (the journal keeps the tail once it ends).
    QString liveOutput() const { return m_liveOutput; }
    // "--auto-confirm": steps that wait for an operator are confirmed at once, journaled so.
    void setAutoConfirm(bool on) { m_autoConfirm = on; }
    // Steps started from now on move traffic through this Rollout (see RolloutSession).
    void setRollout(Rollout *rollout);

    // Starts (or, after an abort, restarts at its first open step) the procedure.
    Status start(const QString &reason, bool automatic);
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
    void journalFailed(const QString &message);

private:
    Waiting operatorWaiting() const; // why the current step needs a person, --auto-confirm aside
    void proceed();
    void run(int index, bool confirmed);
    void onActionFinished(const ActionOutcome &outcome);
    Status checkDriving() const;
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
};
