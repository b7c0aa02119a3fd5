#pragma once

#include "core/phrase.h"
#include "core/result.h"
#include "deploymentstate.h"
#include "deployment/actionoutcome.h"
#include "runbook/runbook.h"
#include "runbook/runbookreading.h"

#include <QObject>

#include <memory>
#include <optional>

class Clock;
class Journal;
struct RunMark;
struct RuleStatus;
struct TrafficResult;

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

    // `environment`: where it runs ("DEMO (simulated, ...)", the profile's name), kept for reports.
    static Result<std::unique_ptr<Deployment>> start(Journal *journal, Clock *clock, const StartInfo &info, const QString &environment = {});
    // Rebuilds a deployment from its events; it reopens against the runbook text it started with.
    static Result<std::unique_ptr<Deployment>> open(Journal *journal, Clock *clock, const QString &deploymentId,
                                                    const QString &operatorName);

    const Runbook &runbook() const { return m_runbook; }
    const DeploymentState &state() const { return m_state; }
    // What the console read of the runbook, for the release manager to confirm before the
    // first traffic step (the gate stays closed until then).
    const RunbookReading &reading() const { return m_reading; }
    QString readingDigest() const { return m_readingDigest; }
    // The journal holds a confirmation of this very reading (a confirmation of another
    // reading, e.g. journaled by a console that read the runbook differently, does not count).
    bool isReadingConfirmed() const { return m_state.readingConfirmation && m_state.readingConfirmation->digest == m_readingDigest; }
    QString id() const { return m_state.id; }
    QString operatorName() const { return m_operator; }
    void setOperatorName(const QString &name) { m_operator = name; }
    ~Deployment() override;

    // Closed, this console does not drive it (DeploymentLock), or a shared journal cannot be
    // reached: then the checklist, traffic and procedures cannot change from here.
    bool isReadOnly() const { return m_state.closed || !m_heldBy.isEmpty() || !m_lockLapse.isEmpty() || !journalConnected(); }
    QString readOnlyReason() const { return readOnlyPhrase().english(); }
    Phrase readOnlyPhrase() const;
    // Notes and rollback requests: anyone following an open deployment may add them, a
    // watching console too (in a shared journal the database lets watchers do only these).
    bool mayAnnotate() const;
    // Whether this console acts on the deployment's automatic triggers now: the one the lock
    // names (DeploymentLock::leadsTriggers), which in a team may be a watching console while
    // the driving one is away. It may then journal the automatic rollback it sends.
    // Never set (one machine, tests): the console that drives acts.
    void setActsOnTriggers(bool acts);
    bool actsOnTriggers() const { return m_actsOnTriggers ? *m_actsOnTriggers && !m_state.closed && journalConnected() : !isReadOnly(); }
    // Who else holds the deployment ("alice on host-1 (pid 4242) since 10:04"), or why this
    // console's own lock lapsed (DeploymentLock::lapseReason()); both empty: this console drives.
    void setHeldBy(const QString &holder, const Phrase &lockLapse = {});
    QString heldBy() const { return m_heldBy; }
    // Whether this console's lock on the deployment is still its own in the journal (true
    // when it never took one): false once another console took it over, even before this
    // console's next heartbeat notices.
    Result<bool> lockHolds() const;
    Clock *clock() const { return m_clock; }

    // Reads the events other consoles appended since the last one this object knows and
    // applies them, with the same signals as its own actions. The journal's changedElsewhere()
    // calls it, so a console watching a deployment follows the one that drives it; a console
    // about to drive calls it first. Fails when they cannot be read or do not apply.
    Status refresh();

    Status check(const QString &itemId);
    Status uncheck(const QString &itemId);
    Status skip(const QString &itemId, const QString &reason);
    Status setNote(const QString &itemId, const QString &text);
    Status close(DeploymentOutcome outcome, const QString &note);
    // A watcher asks the driver to roll back (journaled; the driver's console shows it at once).
    Status requestRollback(const QString &reason);
    // Confirms the reading (journaled with its text and digest, by this console's operator);
    // `headless`: accepted by a headless run. Nothing is journaled when it is confirmed already.
    Status confirmReading(bool headless = false);
    // This console took control from `from` (DeploymentLock::takeOver); journaled with both names.
    Status recordControlTaken(const QString &from);

    // Traffic and gate, journaled by the Rollout: a command before it is sent, its result after.
    // Automatic ones (triggers, the headless run) carry automatic=true and this console's operator.
    Status recordTrafficCommand(int greenPercent, const QString &reason, bool automatic);
    Status recordTrafficResult(const TrafficResult &result);
    Status recordOverride(int fromPercent, int toPercent, const QString &reason, const QStringList &blockedBy);
    // `query`: the expression that was evaluated ("${color}" kept); `blueValue`: blue's latest value then.
    Status recordBreach(const RuleStatus &status, const QString &query = {}, std::optional<double> blueValue = std::nullopt);
    Status recordRollback(const QString &reason, const QString &ruleId, bool automatic);
    // Traffic found elsewhere than commanded: `source` "controller" (the load balancer's read-back)
    // or "measured" (the traffic_share series); `ended` closes the episode.
    Status recordTrafficDrift(int commanded, int observed, const QString &source, bool ended, const QString &detail);
    // The gate's verdict when the set of reasons it is closed for changes (keys: stable ids of
    // the reasons, GateDecision::reasonKeys), so the decision record has every closure.
    Status recordGateChange(bool open, int atPercent, std::optional<int> nextPercent, const QStringList &reasons, const QStringList &keys);
    // A status update's delivery to one webhook (sent, failed, retried); see DeploymentEvent.
    Status recordStatusUpdate(DeploymentEvent::Kind kind, const QString &updateId, const QJsonObject &payload);

    // Procedures (ProcedureRunner) and executable checklist items (ProcedureSet). A step's
    // output is kept as its tail (OutputCap characters) so a chatty script cannot bloat the journal.
    static constexpr qsizetype OutputCap = 16 * 1024;
    // `restartSteps`: a procedure that finished runs again; these steps (and their items) start afresh.
    Status recordProcedureStarted(const QString &procedureId, const QString &title, const QString &reason, bool automatic,
                                  const QStringList &restartSteps = {});
    Status recordProcedureFinished(const QString &procedureId, bool completed, const QString &reason);
    // `run`: the program run the step starts (see RunMark), for a console that reopens the deployment.
    Status recordStepStarted(const QString &procedureId, const QString &itemId, const QString &action, const QString &description, bool confirmed,
                             const RunMark &run = {});
    Status recordStepFinished(const QString &procedureId, const QString &itemId, const ActionOutcome &outcome, bool confirmed);
    Status recordStepSkipped(const QString &procedureId, const QString &itemId, const QString &reason);
    Status recordStepAwaiting(const QString &procedureId, const QString &itemId, const QString &why);
    Status recordCheck(const QString &itemId, const QString &action, const ActionOutcome &outcome);

    Progress progress(const QString &sectionId = {}) const;
    // Milliseconds since the deployment started, by the deployment's clock.
    qint64 elapsedMs() const;
    // Journaled item ids that the runbook does not have (it was edited since); never dropped.
    QStringList orphanedItemIds() const;

Q_SIGNALS:
    void itemChanged(const QString &itemId);
    void closedChanged();
    void trafficChanged(); // a traffic, gate or rollback event was journaled
    void readOnlyChanged();
    void readingConfirmedChanged(); // a reading-confirmed event was applied
    void procedureChanged(const QString &procedureId); // a procedure or one of its steps changed
    void statusUpdatesChanged(); // a status update's delivery was journaled
    // Events another console wrote were applied (refresh()); after the per-event signals.
    void refreshed();
    // Every event applied, this console's own or another's (fromElsewhere), after its own signal.
    void eventApplied(const DeploymentEvent &event, bool fromElsewhere);

private:
    Deployment(Journal *journal, Clock *clock, Runbook runbook, const QString &operatorName);
    Status record(DeploymentEvent::Kind kind, const QString &itemId, const QJsonObject &payload = {});
    void announce(const DeploymentEvent &event);
    Status checkWritable(const QString &itemId) const;
    Status checkRecordable(DeploymentEvent::Kind kind, const QJsonObject &payload) const;
    bool journalConnected() const;

    Journal *m_journal;
    Clock *m_clock;
    Runbook m_runbook;
    RunbookReading m_reading;
    QString m_readingDigest;
    DeploymentState m_state;
    QString m_operator;
    QString m_heldBy;
    Phrase m_lockLapse;
    std::optional<bool> m_actsOnTriggers;
    bool m_refreshedDecisions = false; // refresh() applied more than notes and requests
};
