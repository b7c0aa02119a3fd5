#pragma once

#include "core/result.h"
#include "deploymentstate.h"
#include "runbook/runbook.h"

#include <QObject>

#include <memory>

class Clock;
class Journal;

// One running (or finished) deployment: the runbook it started with, its state rebuilt from
// the journal, and the operator actions. Every action is appended to the journal first and
// applied to the state only once the journal has it on disk.
class Deployment : public QObject
{
    Q_OBJECT
public:
    struct StartInfo {
        QString service;
        QString version; // version or git ref
        QString operatorName;
        QString runbookName;
        QString runbookText;
    };
    struct Progress {
        int done = 0;
        int skipped = 0;
        int total = 0;
        int finished() const { return done + skipped; }
    };

    static Result<std::unique_ptr<Deployment>> start(Journal *journal, Clock *clock, const StartInfo &info);
    // Rebuilds a deployment from its events; it reopens against the runbook text it started with.
    static Result<std::unique_ptr<Deployment>> open(Journal *journal, Clock *clock, const QString &deploymentId,
                                                    const QString &operatorName);

    const Runbook &runbook() const { return m_runbook; }
    const DeploymentState &state() const { return m_state; }
    QString id() const { return m_state.id; }
    QString operatorName() const { return m_operator; }
    void setOperatorName(const QString &name) { m_operator = name; }
    bool isReadOnly() const { return m_state.closed; }
    Clock *clock() const { return m_clock; }

    Status check(const QString &itemId);
    Status uncheck(const QString &itemId);
    Status skip(const QString &itemId, const QString &reason);
    Status setNote(const QString &itemId, const QString &text);
    Status close(DeploymentOutcome outcome, const QString &note);

    Progress progress(const QString &sectionId = {}) const;
    // Milliseconds since the deployment started, by the deployment's clock.
    qint64 elapsedMs() const;
    // Journaled item ids that the runbook does not have (it was edited since); never dropped.
    QStringList orphanedItemIds() const;

Q_SIGNALS:
    void itemChanged(const QString &itemId);
    void closedChanged();

private:
    Deployment(Journal *journal, Clock *clock, Runbook runbook, const QString &operatorName);
    Status record(DeploymentEvent::Kind kind, const QString &itemId, const QJsonObject &payload = {});
    Status checkWritable(const QString &itemId) const;

    Journal *m_journal;
    Clock *m_clock;
    Runbook m_runbook;
    DeploymentState m_state;
    QString m_operator;
};
