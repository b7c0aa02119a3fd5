#include "procedureset.h"

#include "deployment/deployment.h"
#include "rollout/rollout.h"

#include <QSet>

ProcedureSet::ProcedureSet(Deployment *deployment, const QList<ActionBinding> &bindings, ActionContext context, QObject *parent)
    : QObject(parent)
    , m_deployment(deployment)
    , m_context(std::move(context))
{
    const Runbook &runbook = deployment->runbook();
    QSet<QString> inProcedures;
    for (const ProcedureDef &def : findProcedures(runbook, bindings)) {
        auto *runner = new ProcedureRunner(deployment, def, m_context, this);
        connect(runner, &ProcedureRunner::journalFailed, this, &ProcedureSet::journalFailed);
        m_runners.append(runner);
        for (const ProcedureStep &step : def.steps)
            inProcedures.insert(step.itemId);
    }
    for (const RunbookSection &section : runbook.sections) {
        for (const RunbookGroup &group : section.groups) {
            for (const RunbookItem &item : group.items) {
                if (!item.checkable || inProcedures.contains(item.id))
                    continue;
                if (const ActionBinding *b = bindingFor(bindings, item))
                    m_checkBindings.insert(item.id, *b);
            }
        }
    }
    setRollout(m_context.rollout);
}

void ProcedureSet::setRollout(Rollout *rollout)
{
    m_context.rollout = rollout;
    for (ProcedureRunner *r : std::as_const(m_runners))
        r->setRollout(rollout);
    if (!rollout)
        return;
    // Queued: the rollback's command has left and everyone has heard of the rollback first.
    connect(
        rollout, &Rollout::rollbackStarted, this,
        [this](const RuleStatus &, const QString &reason) { startRollbackProcedure(reason, m_deployment->state().traffic.rollbackAutomatic); },
        Qt::QueuedConnection);
}

ProcedureSet::~ProcedureSet()
{
    // Checks still running are ended with their process groups; they were never journaled
    // as done, so nothing is lost.
    qDeleteAll(m_checks);
}

ProcedureRunner *ProcedureSet::runner(const QString &procedureId) const
{
    for (ProcedureRunner *r : m_runners) {
        if (r->procedure().id == procedureId)
            return r;
    }
    return nullptr;
}

ProcedureRunner *ProcedureSet::rollbackRunner() const
{
    for (ProcedureRunner *r : m_runners) {
        if (r->procedure().rollback)
            return r;
    }
    return nullptr;
}

QList<ProcedureRunner *> ProcedureSet::runnersInSection(const QString &sectionId) const
{
    QList<ProcedureRunner *> list;
    for (ProcedureRunner *r : m_runners) {
        if (r->procedure().sectionId == sectionId)
            list << r;
    }
    return list;
}

ProcedureRunner *ProcedureSet::activeRunner(const ProcedureRunner *except) const
{
    for (ProcedureRunner *r : m_runners) {
        if (r == except)
            continue;
        const ProcedureRunner::Phase p = r->phase();
        if (p == ProcedureRunner::Phase::Running || p == ProcedureRunner::Phase::AwaitingOperator || p == ProcedureRunner::Phase::Failed)
            return r;
    }
    return nullptr;
}

void ProcedureSet::setAutoConfirm(bool on)
{
    for (ProcedureRunner *r : m_runners)
        r->setAutoConfirm(on);
}

void ProcedureSet::startRollbackProcedure(const QString &reason, bool automatic)
{
    ProcedureRunner *rollback = rollbackRunner();
    if (!rollback || m_deployment->isReadOnly())
        return;
    const ProcedureRunner::Phase p = rollback->phase();
    if (p != ProcedureRunner::Phase::NotStarted)
        return; // already under way, finished, or aborted by an operator: not restarted behind their back
    if (activeRunner(rollback))
        return; // an emergency procedure is under way; its operator starts the rollback procedure
    if (const Status s = rollback->start(reason, automatic); !s)
        Q_EMIT journalFailed(s.errorPhrase());
}

void ProcedureSet::resume()
{
    if (m_deployment->isReadOnly())
        return;
    for (ProcedureRunner *r : m_runners)
        r->resume();
    const TrafficState &t = m_deployment->state().traffic;
    if (t.rollbackActive && !m_deployment->state().closed)
        startRollbackProcedure(t.rollbackReason, t.rollbackAutomatic);
}

const ActionBinding *ProcedureSet::checkFor(const QString &itemId) const
{
    const auto it = m_checkBindings.constFind(itemId);
    return it == m_checkBindings.cend() ? nullptr : &*it;
}

Status ProcedureSet::runCheck(const QString &itemId)
{
    const ActionBinding *binding = checkFor(itemId);
    if (!binding)
        return Status::failure(phrase("ProcedureSet", "no check is bound to \"%1\" in the profile").arg(itemId));
    if (m_deployment->isReadOnly())
        return Status::failure(m_deployment->readOnlyPhrase());
    if (m_checks.contains(itemId))
        return Status::failure(phrase("ProcedureSet", "the check is already running"));
    const RunbookItem *item = m_deployment->runbook().item(itemId);
    const QString text = item ? item->text : itemId;
    std::unique_ptr<StepAction> action = m_context.factory ? m_context.factory(*binding, text) : StepAction::create(*binding, m_context, text);
    StepAction *raw = action.release();
    m_checks.insert(itemId, raw);
    const QString kind = nameOf(binding->kind);
    connect(raw, &StepAction::output, this, [this, itemId](const QString &text) { Q_EMIT checkOutput(itemId, text); });
    connect(raw, &StepAction::finished, this, [this, itemId, kind, raw](const ActionOutcome &outcome) {
        m_checks.remove(itemId);
        raw->deleteLater();
        if (const Status s = m_deployment->recordCheck(itemId, kind, outcome); !s)
            Q_EMIT journalFailed(s.errorPhrase());
        Q_EMIT checkFinished(itemId, outcome.ok, outcome.message);
    });
    raw->start();
    return {};
}
