#pragma once

#include "core/result.h"
#include "procedure/procedurecatalog.h"
#include "procedure/procedurerunner.h"
#include "procedure/stepaction.h"

#include <QHash>
#include <QObject>

#include <memory>

class Deployment;
class QNetworkAccessManager;
class Rollout;

// One open deployment's procedures and executable checklist items, as the profile binds
// them. Created with the deployment's Rollout (RolloutSession::attach): a rollback, by the
// button or an automatic trigger, starts the rollback procedure once traffic was commanded
// to blue, and a deployment reopened mid-procedure resumes it.
class ProcedureSet : public QObject
{
    Q_OBJECT
public:
    ProcedureSet(Deployment *deployment, const QList<ActionBinding> &bindings, ActionContext context, QObject *parent = nullptr);
    ~ProcedureSet() override;

    Deployment *deployment() const { return m_deployment; }
    const QList<ProcedureRunner *> &runners() const { return m_runners; }
    ProcedureRunner *runner(const QString &procedureId) const;
    ProcedureRunner *rollbackRunner() const; // null when the runbook has no rollback procedure
    QList<ProcedureRunner *> runnersInSection(const QString &sectionId) const;
    // A procedure other than `except` has a step running or waiting.
    ProcedureRunner *activeRunner(const ProcedureRunner *except = nullptr) const;
    void setAutoConfirm(bool on);
    // The deployment's Rollout was made anew (the traffic controller became ready).
    void setRollout(Rollout *rollout);

    // Starts the rollback procedure (traffic has been commanded to blue), unless it is already
    // running or done, or another procedure is under way (then the operator starts it).
    void startRollbackProcedure(const QString &reason, bool automatic);
    // After opening: continues procedures the journal shows running, and starts the rollback
    // procedure of a rollback that began before it existed.
    void resume();

    // Executable checklist items: checkable items outside the procedures with a binding.
    const ActionBinding *checkFor(const QString &itemId) const;
    bool isCheckRunning(const QString &itemId) const { return m_checks.contains(itemId); }
    Status runCheck(const QString &itemId);

Q_SIGNALS:
    void checkOutput(const QString &itemId, const QString &text);
    void checkFinished(const QString &itemId, bool ok, const QString &message);
    void journalFailed(const Phrase &message);

private:
    Deployment *m_deployment;
    ActionContext m_context;
    QList<ProcedureRunner *> m_runners;
    QHash<QString, ActionBinding> m_checkBindings;
    QHash<QString, StepAction *> m_checks;
};
