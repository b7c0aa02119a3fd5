#include "procedurerunner.h"

#include "deployment/deployment.h"
#include "rollout/rollout.h"

#include <QScopeGuard>
#include <QScopedValueRollback>
#include <QTimer>

#include <utility>

namespace {
constexpr qsizetype LiveOutputCap = 256 * 1024;
}

ProcedureRunner::ProcedureRunner(Deployment *deployment, ProcedureDef procedure, ActionContext context, QObject *parent)
    : QObject(parent)
    , m_deployment(deployment)
    , m_def(std::move(procedure))
    , m_context(std::move(context))
    , m_retry(new QTimer(this))
    , m_probe(new QTimer(this))
{
    m_retry->setSingleShot(true);
    m_retry->setInterval(ResultRetryMs);
    connect(m_retry, &QTimer::timeout, this, &ProcedureRunner::writePendingResult);
    m_probe->setInterval(RunProbeMs);
    connect(m_probe, &QTimer::timeout, this, &ProcedureRunner::probeRunAgain);
    // A step checked or skipped by hand in the checklist counts as done: go on from there.
    connect(deployment, &Deployment::itemChanged, this, [this](const QString &itemId) {
        if (!m_action && !m_pending && !m_proceeding && m_def.step(itemId) && m_deployment->state().steps.value(itemId).status != StepRecord::Status::Running)
            QMetaObject::invokeMethod(this, &ProcedureRunner::proceed, Qt::QueuedConnection);
    });
}

void ProcedureRunner::setRollout(Rollout *rollout)
{
    m_context.rollout = rollout;
}

ProcedureRunner::~ProcedureRunner()
{
    if (m_action)
        m_action->disconnect(this); // the console is closing: the step stays "running" in the journal
}

QString ProcedureRunner::nameOf(Waiting waiting)
{
    switch (waiting) {
    case Waiting::None: return {};
    case Waiting::Unbound: return QStringLiteral("unbound");
    case Waiting::Destructive: return QStringLiteral("destructive");
    case Waiting::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

QString ProcedureRunner::nameOf(StepState state)
{
    switch (state) {
    case StepState::Pending: return QStringLiteral("pending");
    case StepState::AwaitingOperator: return QStringLiteral("awaiting-operator");
    case StepState::Running: return QStringLiteral("running");
    case StepState::RunningElsewhere: return QStringLiteral("running-elsewhere");
    case StepState::Interrupted: return QStringLiteral("interrupted");
    case StepState::StillRunning: return QStringLiteral("still-running");
    case StepState::ResultUnsaved: return QStringLiteral("result-unsaved");
    case StepState::Failed: return QStringLiteral("failed");
    case StepState::Done: return QStringLiteral("done");
    case StepState::Confirmed: return QStringLiteral("confirmed");
    case StepState::CheckedByHand: return QStringLiteral("checked-by-hand");
    case StepState::Skipped: return QStringLiteral("skipped");
    }
    return {};
}

ProcedureRunner::StepState ProcedureRunner::stepState(int index) const
{
    if (index < 0 || index >= m_def.steps.size())
        return StepState::Pending;
    const QString &id = m_def.steps[index].itemId;
    // What runs here is shown as running, also in a console that lost the deployment meanwhile.
    if (m_action && m_actionIndex == index)
        return StepState::Running;
    if (m_pending && m_pending->index == index)
        return StepState::ResultUnsaved;
    const DeploymentState &state = m_deployment->state();
    const StepRecord record = state.steps.value(id);
    const ItemState::Status item = state.item(id).status;
    switch (record.status) {
    case StepRecord::Status::Done: return record.confirmed && record.action.isEmpty() ? StepState::Confirmed : StepState::Done;
    case StepRecord::Status::Skipped: return StepState::Skipped;
    case StepRecord::Status::Failed:
        if (item == ItemState::Status::Open)
            return StepState::Failed;
        break; // checked or skipped in the checklist since
    case StepRecord::Status::Running:
        // The console that drives the deployment runs it; to the others it is not "interrupted".
        if (m_deployment->isReadOnly())
            return StepState::RunningElsewhere;
        return runStillAlive(index) ? StepState::StillRunning : StepState::Interrupted;
    case StepRecord::Status::Pending: break;
    }
    if (item == ItemState::Status::Done)
        return StepState::CheckedByHand;
    if (item == ItemState::Status::Skipped)
        return StepState::Skipped;
    if (index == currentIndex() && phase() == Phase::AwaitingOperator)
        return StepState::AwaitingOperator;
    return StepState::Pending;
}

QString ProcedureRunner::describe(Waiting waiting)
{
    switch (waiting) {
    case Waiting::None: return {};
    case Waiting::Unbound: return QStringLiteral("waits for the operator to do it and confirm");
    case Waiting::Destructive: return QStringLiteral("destructive: runs only after the operator confirms");
    case Waiting::Interrupted: return QStringLiteral("was running when the console stopped and has ended; run it again or skip it");
    }
    return {};
}

int ProcedureRunner::currentIndex() const
{
    const DeploymentState &state = m_deployment->state();
    for (int i = 0; i < m_def.steps.size(); ++i) {
        const QString &id = m_def.steps[i].itemId;
        const StepRecord::Status s = state.steps.value(id).status;
        if (s == StepRecord::Status::Done || s == StepRecord::Status::Skipped)
            continue;
        // Checked or skipped in the checklist by the operator: done by hand, journaled as such.
        if (s != StepRecord::Status::Running && state.item(id).status != ItemState::Status::Open)
            continue;
        return i;
    }
    return -1;
}

ProcedureRunner::Waiting ProcedureRunner::waiting() const
{
    // With --auto-confirm nothing waits for a person: proceed() confirms (or runs) the step as
    // soon as it gets there. Saying "awaiting the operator" in between (while the previous
    // step's stepFinished() is being delivered) made a headless run end on a step that was
    // about to run.
    // Except for a step that was running when a console stopped: --auto-confirm never runs one
    // again; a person decides.
    if (m_autoConfirm)
        return operatorWaiting() == Waiting::Interrupted && !m_advancing ? Waiting::Interrupted : Waiting::None;
    // Nor while a step's end is being reported: the wait is real once proceed() has journaled
    // and announced it.
    if (m_advancing)
        return Waiting::None;
    return operatorWaiting();
}

ProcedureRunner::Waiting ProcedureRunner::operatorWaiting() const
{
    const auto it = m_deployment->state().procedures.constFind(m_def.id);
    if (it == m_deployment->state().procedures.cend() || it->status != ProcedureRecord::Status::Running)
        return Waiting::None;
    const int index = currentIndex();
    if (index < 0 || m_action || m_pending)
        return Waiting::None;
    const ProcedureStep &step = m_def.steps[index];
    const StepRecord record = m_deployment->state().steps.value(step.itemId);
    switch (record.status) {
    // Running in the console that drives the deployment is not "interrupted" to the others,
    // nor is a run that outlived its console and still runs: nobody is asked to run it again.
    case StepRecord::Status::Running:
        return m_deployment->isReadOnly() || runStillAlive(index) ? Waiting::None : Waiting::Interrupted;
    case StepRecord::Status::Failed: return Waiting::None;
    default: break;
    }
    if (!step.binding)
        return Waiting::Unbound;
    if (step.binding->destructive)
        return Waiting::Destructive;
    return Waiting::None;
}

ProcedureRunner::Phase ProcedureRunner::phase() const
{
    const auto it = m_deployment->state().procedures.constFind(m_def.id);
    if (it == m_deployment->state().procedures.cend())
        return Phase::NotStarted;
    if (it->status == ProcedureRecord::Status::Completed)
        return Phase::Completed;
    if (it->status == ProcedureRecord::Status::Aborted)
        return Phase::Aborted;
    if (m_action || m_advancing || m_pending)
        return Phase::Running;
    const int index = currentIndex();
    if (index >= 0 && m_deployment->state().steps.value(m_def.steps[index].itemId).status == StepRecord::Status::Failed)
        return Phase::Failed;
    return waiting() != Waiting::None ? Phase::AwaitingOperator : Phase::Running;
}

Status ProcedureRunner::checkDriving() const
{
    if (m_deployment->isReadOnly())
        return Status::failure(m_deployment->readOnlyPhrase());
    return {};
}

bool ProcedureRunner::report(const Status &status)
{
    if (!status) {
        Q_EMIT journalFailed(status.errorPhrase());
        Q_EMIT changed();
    }
    return status.ok();
}

bool ProcedureRunner::canRunAgain() const
{
    return !m_def.rollback && phase() == Phase::Completed;
}

Status ProcedureRunner::start(const QString &reason, bool automatic)
{
    if (Status s = checkDriving(); !s)
        return s;
    const Phase p = phase();
    QStringList restart;
    if (p == Phase::Completed) {
        // The rollback procedure is the deployment's one rollback; an emergency can happen again.
        if (m_def.rollback)
            return Status::failure(phrase("ProcedureRunner", "%1 has already been completed").arg(m_def.title));
        for (const ProcedureStep &step : m_def.steps)
            restart << step.itemId;
    } else if (p != Phase::NotStarted && p != Phase::Aborted) {
        proceed();
        return {};
    }
    if (Status s = m_deployment->recordProcedureStarted(m_def.id, m_def.title, reason, automatic, restart); !s)
        return s;
    m_announcedWait.clear();
    proceed();
    return {};
}

void ProcedureRunner::resume()
{
    if (phase() == Phase::NotStarted || phase() == Phase::Completed || phase() == Phase::Aborted || m_deployment->isReadOnly())
        return;
    proceed();
}

void ProcedureRunner::proceed()
{
    if (m_proceeding || m_action || m_pending || m_deployment->isReadOnly())
        return;
    m_proceeding = true;
    const auto done = qScopeGuard([this] { m_proceeding = false; });
    for (;;) {
        const auto it = m_deployment->state().procedures.constFind(m_def.id);
        if (it == m_deployment->state().procedures.cend() || it->status != ProcedureRecord::Status::Running)
            return;
        const int index = currentIndex();
        if (index < 0) {
            if (report(m_deployment->recordProcedureFinished(m_def.id, true, {}))) {
                Q_EMIT finished(true);
                Q_EMIT changed();
            }
            return;
        }
        const ProcedureStep &step = m_def.steps[index];
        const StepRecord record = m_deployment->state().steps.value(step.itemId);
        if (record.status == StepRecord::Status::Failed) {
            Q_EMIT changed();
            return; // retry, skip or abort
        }
        if (record.status == StepRecord::Status::Running && runStillAlive(index)) {
            Q_EMIT changed();
            return; // its run outlived its console: wait until it has ended (probeRunAgain)
        }
        const Waiting why = operatorWaiting();
        if (why == Waiting::None) {
            m_proceeding = false;
            run(index, false);
            return;
        }
        if (m_autoConfirm && why != Waiting::Interrupted) {
            // A step without a binding is confirmed, never run.
            if (why == Waiting::Unbound || !step.binding) {
                ActionOutcome outcome{true, std::nullopt, QStringLiteral("done (confirmed by --auto-confirm)"), {}, 0};
                if (!report(m_deployment->recordStepFinished(m_def.id, step.itemId, outcome, true)))
                    return;
                {
                    const QScopedValueRollback advancing(m_advancing, true);
                    Q_EMIT stepFinished(step.itemId, true, outcome.message);
                }
                continue;
            }
            m_proceeding = false;
            run(index, true);
            return;
        }
        if (record.awaiting != nameOf(why) && !report(m_deployment->recordStepAwaiting(m_def.id, step.itemId, nameOf(why))))
            return;
        // Said once per wait, however often proceed() comes back to it.
        const QString announced = step.itemId + u'/' + nameOf(why) + u'/' + QString::number(record.attempts);
        if (announced != m_announcedWait) {
            m_announcedWait = announced;
            Q_EMIT awaitingOperator(step.itemId, why);
        }
        Q_EMIT changed();
        return;
    }
}

void ProcedureRunner::run(int index, bool confirmed)
{
    const ProcedureStep &step = m_def.steps[index];
    Q_ASSERT(step.binding);
    // A program's run carries a mark in its environment, journaled first, by which a console
    // opening the deployment later finds it if it outlives this console.
    ActionBinding binding = *step.binding;
    RunMark mark;
    if (binding.kind == ActionBinding::Kind::Command) {
        mark = RunMark::create();
        binding.command.environment.insert(QString::fromLatin1(RunMark::EnvironmentName), mark.id);
    }
    if (!report(m_deployment->recordStepStarted(m_def.id, step.itemId, ::nameOf(binding.kind), binding.describe(), confirmed, mark)))
        return;
    m_actionIndex = index;
    m_actionConfirmed = confirmed;
    m_liveOutput.clear();
    m_abortReason.clear();
    m_action = m_context.factory ? m_context.factory(binding, step.text) : StepAction::create(binding, m_context, step.text);
    const QString itemId = step.itemId;
    connect(m_action.get(), &StepAction::output, this, [this, itemId](const QString &text) {
        m_liveOutput += text;
        if (m_liveOutput.size() > LiveOutputCap)
            m_liveOutput.remove(0, m_liveOutput.size() - LiveOutputCap);
        Q_EMIT output(itemId, text);
    });
    connect(m_action.get(), &StepAction::finished, this, &ProcedureRunner::onActionFinished);
    Q_EMIT stepStarted(itemId, confirmed);
    Q_EMIT changed();
    m_action->start();
}

void ProcedureRunner::onActionFinished(const ActionOutcome &outcome)
{
    // The object that emitted this is deleted later, not from inside its own signal.
    StepAction *action = m_action.release();
    action->deleteLater();
    PendingResult pending;
    pending.index = m_actionIndex;
    pending.outcome = outcome;
    if (pending.outcome.output.isEmpty())
        pending.outcome.output = m_liveOutput;
    pending.confirmed = m_actionConfirmed;
    pending.abortReason = std::exchange(m_abortReason, QString());
    m_pending = pending;
    writePendingResult();
}

// The step's result, journaled before anything else happens. Refused (disk full, an I/O
// error, the lock lost), it is kept and written again every ResultRetryMs: until it lands
// the journal says the step is running, and nothing may run it a second time.
void ProcedureRunner::writePendingResult()
{
    if (!m_pending)
        return;
    const ProcedureStep &step = m_def.steps[m_pending->index];
    if (const Status s = m_deployment->recordStepFinished(m_def.id, step.itemId, m_pending->outcome, m_pending->confirmed); !s) {
        if (!m_pending->reported) {
            m_pending->reported = true;
            Q_EMIT journalFailed(phrase("ProcedureRunner", "The result of “%1” (%2) is not saved: %3. It is kept and written again every %4 s; "
                                                "the step is not run again meanwhile.").arg(step.text).arg(m_pending->outcome.message).arg(s.errorPhrase()).arg(ResultRetryMs / 1000));
        }
        m_retry->start();
        Q_EMIT changed();
        return;
    }
    const PendingResult done = *std::exchange(m_pending, std::nullopt);
    const ActionOutcome &o = done.outcome;
    {
        const QScopedValueRollback advancing(m_advancing, o.ok && done.abortReason.isEmpty());
        Q_EMIT stepFinished(step.itemId, o.ok, o.message);
    }
    if (!done.abortReason.isEmpty()) {
        if (report(m_deployment->recordProcedureFinished(m_def.id, false, done.abortReason)))
            Q_EMIT finished(false);
        Q_EMIT changed();
        return;
    }
    // Listeners hear "changed" once the runner has decided what comes next.
    if (o.ok)
        proceed();
    else
        Q_EMIT changed();
}

bool ProcedureRunner::runStillAlive(int index) const
{
    const QString &itemId = m_def.steps[index].itemId;
    const StepRecord record = m_deployment->state().steps.value(itemId);
    if (record.status != StepRecord::Status::Running || record.run.isEmpty() || (m_action && m_actionIndex == index))
        return false;
    if (!m_foreignRun || m_foreignRun->itemId != itemId || m_foreignRun->attempt != record.attempts) {
        m_foreignRun = ForeignRun{itemId, record.attempts, RunLiveness::probe(record.run)};
        if (m_foreignRun->liveness.state == RunLiveness::State::Running)
            m_probe->start();
    }
    return m_foreignRun->liveness.state == RunLiveness::State::Running;
}

void ProcedureRunner::probeRunAgain()
{
    if (!m_foreignRun) {
        m_probe->stop();
        return;
    }
    const StepRecord record = m_deployment->state().steps.value(m_foreignRun->itemId);
    const RunLiveness now = record.status == StepRecord::Status::Running ? RunLiveness::probe(record.run) : RunLiveness{};
    const bool ended = now.state != RunLiveness::State::Running;
    m_foreignRun->liveness = now;
    if (!ended)
        return;
    m_probe->stop();
    // It has ended: the step is interrupted now, and waits for the operator.
    Q_EMIT changed();
    QMetaObject::invokeMethod(this, &ProcedureRunner::proceed, Qt::QueuedConnection);
}

QString ProcedureRunner::runDescription(int index) const
{
    if (index < 0 || index >= m_def.steps.size() || !runStillAlive(index))
        return {};
    return m_foreignRun->liveness.description;
}

Status ProcedureRunner::checkNothingPending() const
{
    if (m_pending)
        return Status::failure(phrase("ProcedureRunner", "the result of “%1” is not saved in the journal yet; it is retried every %2 s")
                                   .arg(m_def.steps[m_pending->index].text)
                                   .arg(ResultRetryMs / 1000));
    return {};
}

Status ProcedureRunner::confirm()
{
    if (Status s = checkDriving(); !s)
        return s;
    if (Status s = checkNothingPending(); !s)
        return s;
    const Waiting why = operatorWaiting();
    if (why == Waiting::None)
        return Status::failure(phrase("ProcedureRunner", "no step of %1 is waiting for a confirmation").arg(m_def.title));
    const int index = currentIndex();
    const ProcedureStep &step = m_def.steps[index];
    // An interrupted step the profile no longer binds has nothing to run: the operator says it is done.
    if (why == Waiting::Unbound || !step.binding) {
        ActionOutcome outcome{true, std::nullopt, QStringLiteral("done, confirmed by %1").arg(m_deployment->operatorName()), {}, 0};
        if (Status s = m_deployment->recordStepFinished(m_def.id, step.itemId, outcome, true); !s)
            return s;
        {
            const QScopedValueRollback advancing(m_advancing, true);
            Q_EMIT stepFinished(step.itemId, true, outcome.message);
        }
        proceed();
        return {};
    }
    run(index, true);
    return {};
}

Status ProcedureRunner::retry()
{
    if (Status s = checkDriving(); !s)
        return s;
    if (Status s = checkNothingPending(); !s)
        return s;
    if (phase() != Phase::Failed)
        return Status::failure(phrase("ProcedureRunner", "no step of %1 has failed").arg(m_def.title));
    const int index = currentIndex();
    if (!m_def.steps[index].binding)
        return Status::failure(phrase("ProcedureRunner", "\"%1\" has no action to run any more (the profile changed); skip it with a reason or check it in the checklist")
                                   .arg(m_def.steps[index].text));
    run(index, true); // pressing Retry is the operator's confirmation
    return {};
}

Status ProcedureRunner::skip(const QString &reason)
{
    if (Status s = checkDriving(); !s)
        return s;
    if (Status s = checkNothingPending(); !s)
        return s;
    if (m_action)
        return Status::failure(phrase("ProcedureRunner", "the step is running; abort the procedure to stop it"));
    const Phase p = phase();
    if (p != Phase::AwaitingOperator && p != Phase::Failed)
        return Status::failure(phrase("ProcedureRunner", "no step of %1 is waiting or failed").arg(m_def.title));
    const int index = currentIndex();
    if (Status s = m_deployment->recordStepSkipped(m_def.id, m_def.steps[index].itemId, reason); !s)
        return s;
    {
        const QScopedValueRollback advancing(m_advancing, true);
        Q_EMIT stepFinished(m_def.steps[index].itemId, true, QStringLiteral("skipped: %1").arg(reason.trimmed()));
    }
    proceed();
    Q_EMIT changed();
    return {};
}

Status ProcedureRunner::abort(const QString &reason)
{
    if (Status s = checkDriving(); !s)
        return s;
    if (Status s = checkNothingPending(); !s)
        return s;
    if (reason.trimmed().isEmpty())
        return Status::failure(phrase("ProcedureRunner", "aborting a procedure needs a reason"));
    const Phase p = phase();
    if (p == Phase::NotStarted || p == Phase::Completed || p == Phase::Aborted)
        return Status::failure(phrase("ProcedureRunner", "%1 is not running").arg(m_def.title));
    if (m_action) {
        // The step's result (failed, "aborted: ...") and then the procedure's end are journaled
        // when the action has stopped.
        m_abortReason = reason.trimmed();
        m_action->cancel(QStringLiteral("aborted by %1: %2").arg(m_deployment->operatorName(), reason.trimmed()));
        return {};
    }
    if (Status s = m_deployment->recordProcedureFinished(m_def.id, false, reason.trimmed()); !s)
        return s;
    Q_EMIT finished(false);
    Q_EMIT changed();
    return {};
}
