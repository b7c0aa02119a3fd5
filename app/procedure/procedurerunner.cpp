#include "procedurerunner.h"

#include "deployment/deployment.h"
#include "rollout/rollout.h"

#include <QScopeGuard>
#include <QScopedValueRollback>
#include <QTimer>

namespace {
constexpr qsizetype LiveOutputCap = 256 * 1024;
}

ProcedureRunner::ProcedureRunner(Deployment *deployment, ProcedureDef procedure, ActionContext context, QObject *parent)
    : QObject(parent)
    , m_deployment(deployment)
    , m_def(std::move(procedure))
    , m_context(std::move(context))
{
    // A step checked or skipped by hand in the checklist counts as done: go on from there.
    connect(deployment, &Deployment::itemChanged, this, [this](const QString &itemId) {
        if (!m_action && !m_proceeding && m_def.step(itemId) && m_deployment->state().steps.value(itemId).status != StepRecord::Status::Running)
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
        return m_action && m_actionIndex == index ? StepState::Running : StepState::Interrupted;
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
    case Waiting::Interrupted: return QStringLiteral("was running when the console stopped; run it again or skip it");
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
    if (index < 0 || m_action)
        return Waiting::None;
    const ProcedureStep &step = m_def.steps[index];
    const StepRecord record = m_deployment->state().steps.value(step.itemId);
    switch (record.status) {
    // Running in the console that drives the deployment is not "interrupted" to the others.
    case StepRecord::Status::Running: return m_deployment->isReadOnly() ? Waiting::None : Waiting::Interrupted;
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
    if (m_action || m_advancing)
        return Phase::Running;
    const int index = currentIndex();
    if (index >= 0 && m_deployment->state().steps.value(m_def.steps[index].itemId).status == StepRecord::Status::Failed)
        return Phase::Failed;
    return waiting() != Waiting::None ? Phase::AwaitingOperator : Phase::Running;
}

Status ProcedureRunner::checkDriving() const
{
    if (m_deployment->isReadOnly())
        return Status::failure(m_deployment->readOnlyReason());
    return {};
}

bool ProcedureRunner::report(const Status &status)
{
    if (!status) {
        Q_EMIT journalFailed(status.error());
        Q_EMIT changed();
    }
    return status.ok();
}

Status ProcedureRunner::start(const QString &reason, bool automatic)
{
    if (Status s = checkDriving(); !s)
        return s;
    const Phase p = phase();
    if (p == Phase::Completed)
        return Status::failure(QStringLiteral("%1 has already been completed").arg(m_def.title));
    if (p != Phase::NotStarted && p != Phase::Aborted) {
        proceed();
        return {};
    }
    if (Status s = m_deployment->recordProcedureStarted(m_def.id, m_def.title, reason, automatic); !s)
        return s;
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
    if (m_proceeding || m_action || m_deployment->isReadOnly())
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
    if (!report(m_deployment->recordStepStarted(m_def.id, step.itemId, ::nameOf(step.binding->kind), step.binding->describe(), confirmed)))
        return;
    m_actionIndex = index;
    m_actionConfirmed = confirmed;
    m_liveOutput.clear();
    m_abortReason.clear();
    m_action = m_context.factory ? m_context.factory(*step.binding, step.text) : StepAction::create(*step.binding, m_context, step.text);
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
    const ProcedureStep &step = m_def.steps[m_actionIndex];
    // The object that emitted this is deleted later, not from inside its own signal.
    StepAction *action = m_action.release();
    action->deleteLater();
    ActionOutcome o = outcome;
    if (o.output.isEmpty())
        o.output = m_liveOutput;
    const bool recorded = report(m_deployment->recordStepFinished(m_def.id, step.itemId, o, m_actionConfirmed));
    {
        const QScopedValueRollback advancing(m_advancing, recorded && o.ok && m_abortReason.isEmpty());
        Q_EMIT stepFinished(step.itemId, o.ok, o.message);
    }
    if (!m_abortReason.isEmpty()) {
        const QString reason = m_abortReason;
        m_abortReason.clear();
        if (report(m_deployment->recordProcedureFinished(m_def.id, false, reason)))
            Q_EMIT finished(false);
        Q_EMIT changed();
        return;
    }
    // Listeners hear "changed" once the runner has decided what comes next.
    if (recorded && o.ok)
        proceed();
    else
        Q_EMIT changed();
}

Status ProcedureRunner::confirm()
{
    if (Status s = checkDriving(); !s)
        return s;
    const Waiting why = operatorWaiting();
    if (why == Waiting::None)
        return Status::failure(QStringLiteral("no step of %1 is waiting for a confirmation").arg(m_def.title));
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
    if (phase() != Phase::Failed)
        return Status::failure(QStringLiteral("no step of %1 has failed").arg(m_def.title));
    const int index = currentIndex();
    if (!m_def.steps[index].binding)
        return Status::failure(QStringLiteral("\"%1\" has no action to run any more (the profile changed); skip it with a reason or check it in the checklist")
                                   .arg(m_def.steps[index].text));
    run(index, true); // pressing Retry is the operator's confirmation
    return {};
}

Status ProcedureRunner::skip(const QString &reason)
{
    if (Status s = checkDriving(); !s)
        return s;
    if (m_action)
        return Status::failure(QStringLiteral("the step is running; abort the procedure to stop it"));
    const Phase p = phase();
    if (p != Phase::AwaitingOperator && p != Phase::Failed)
        return Status::failure(QStringLiteral("no step of %1 is waiting or failed").arg(m_def.title));
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
    if (reason.trimmed().isEmpty())
        return Status::failure(QStringLiteral("aborting a procedure needs a reason"));
    const Phase p = phase();
    if (p == Phase::NotStarted || p == Phase::Completed || p == Phase::Aborted)
        return Status::failure(QStringLiteral("%1 is not running").arg(m_def.title));
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
