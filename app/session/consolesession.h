#pragma once

#include "core/result.h"
#include "journal/deploymentevent.h"
#include "profile/profile.h"
#include "runbook/runbook.h"

#include <QObject>
#include <QPointer>

#include <memory>

class Clock;
class Deployment;
class DeploymentLock;
class Journal;
class MetricsSession;
class ProcedureSet;
class QNetworkAccessManager;
class Rollout;
class RolloutSession;
class StatusUpdates;

// One console's work on one deployment at a time, whatever shows it: the environment's
// metrics and traffic sessions, the runbook new deployments start on, the journal, the open
// deployment with its lock (one console drives, the others watch and take over when it goes),
// its metric recording, its Rollout and its procedures. The window and the headless run only
// call it and listen to its signals, so both behave the same, and a test can drive a whole
// deployment through it without widgets.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleSession(Clock *clock, QObject *parent = nullptr);
    ~ConsoleSession() override;

    Clock *clock() const { return m_clock; }

    // The environment: metrics and traffic of the profile (the demo's or a file's). Without
    // one the console shows checklists only. `name` is shown in the status bar.
    void setEnvironment(const Profile &profile, const QString &name, bool simulated);
    // Resolves the profile's secrets and starts polling, health checks and alerts.
    void startEnvironment();
    bool hasEnvironment() const { return m_metrics != nullptr; }
    const Profile &profile() const { return m_profile; }
    QString environmentName() const { return m_environmentName; }
    bool isSimulated() const { return m_simulated; }
    MetricsSession *metrics() const { return m_metrics.get(); }
    RolloutSession *rollouts() const { return m_rollouts.get(); }
    Rollout *rollout() const;
    // The open deployment's procedures and executable items; made and dropped with its Rollout.
    ProcedureSet *procedures() const { return m_procedures.get(); }
    // The open deployment's status updates to the profile's webhooks; made and dropped with its Rollout.
    StatusUpdates *statusUpdates() const { return m_statusUpdates.get(); }
    // The headless run's --auto-confirm: procedure steps waiting for an operator are confirmed.
    void setAutoConfirm(bool on);
    // Never takes a deployment's lock, whatever the login may do (--headless --watch).
    void setWatchOnly(bool on) { m_watchOnly = on; }

    // The runbook new deployments start on: `path`, or the bundled reference runbook when it
    // is empty. Fails when the runbook has errors (previewRunbook() then shows them).
    Status loadRunbook(const QString &path);
    const Runbook &previewRunbook() const { return m_previewRunbook; }
    // A runbook saved from the editor: new deployments start on it.
    void setPreviewRunbook(const Runbook &runbook);
    QString runbookName() const { return m_runbookName; }
    QString runbookPath() const { return m_runbookPath; } // empty: the bundled one
    QString runbookText() const { return m_previewRunbook.source; }
    // The open deployment's runbook, or the preview.
    const Runbook &runbook() const;

    // `path` empty: Journal::defaultPath(); a postgresql:// URI: a team's shared journal, with
    // `password` from the keychain (empty: libpq's PGPASSWORD or PGPASSFILE). On failure
    // journal() is null and journalError() says why.
    Status openJournal(const QString &path, const QString &password = {});
    Journal *journal() const { return m_journal.get(); }
    QString journalError() const { return m_journalError; }
    // The newest deployment still open (also behind newer closed ones), or empty.
    QString latestOpenDeploymentId() const;

    // Starts a deployment on the preview runbook, or reopens one from the journal, and makes
    // it the open one: the lock is taken (or the deployment watched read-only), its samples
    // recorded and its Rollout and procedures attached. Problems with those do not fail the
    // call; they come as failure() after deploymentChanged().
    Status startDeployment(const QString &service, const QString &version, const QString &operatorName);
    Status openDeployment(const QString &deploymentId, const QString &operatorName);
    // Refused while a procedure step runs.
    Status closeDeployment(DeploymentOutcome outcome, const QString &note);
    // Lets the open deployment go (the window closes): no Rollout, the last samples written,
    // the lock released so another console may drive. The deployment stays readable.
    void releaseDeployment();

    Deployment *deployment() const { return m_deployment.get(); }
    DeploymentLock *lock() const { return m_lock.get(); }
    // This console drives the open deployment (holds its lock).
    bool isDriving() const;
    // Team mode (a shared journal): who the database says this console is, whether that
    // login may drive (else it watches: reads, notes, rollback requests), and whether the
    // journal's server can be reached now.
    bool isTeamMode() const;
    QString identity() const;
    bool mayDrive() const;
    bool isConnected() const;
    // The open deployment's driver ("alice"), empty when this console drives or nobody does.
    QString driverName() const;
    // "Driving as alice", "Watching as bob: alice drives", "Watching as carol: nobody drives":
    // the console's role in a sentence for the window's status.
    QString roleText() const;
    // Takes control of the open deployment from whoever drives it (a driver's login only),
    // journaled with both names; the other console says who took over.
    Status takeControl();
    // Asks the driver to roll back (anyone following the deployment; journaled).
    Status requestRollback(const QString &reason);
    // Whether Take control would work now, or why not.
    Status takeControlAllowed() const;
    // Why traffic cannot be moved from here right now, or empty.
    QString trafficProblem() const { return trafficProblemPhrase().english(); }
    Phrase trafficProblemPhrase() const; // for the window
    // The procedure step running now ("“Execute database rollback scripts” (Manual Rollback
    // Process)"), or empty.
    QString runningStep() const;

Q_SIGNALS:
    void environmentChanged();
    // The open deployment is about to be replaced: whatever points into it or its runbook
    // lets go now.
    void deploymentAboutToChange();
    // A deployment was started, opened or closed, with everything attached.
    void deploymentChanged();
    // This console took the deployment over (held) or another one did; the Rollout is made
    // anew for the new role right after.
    void lockChanged(bool held);
    // A new Rollout, not started yet (the procedures exist by then): connect to its event
    // signals here. Its start may already act (a rollback whose 0 % command never landed is
    // sent again; a trigger on the first evaluation), before rolloutChanged.
    void rolloutCreated(Rollout *rollout);
    // Forwarded from the RolloutSession; the procedures exist by then.
    void rolloutChanged(Rollout *rollout);
    void trafficProblemChanged();
    // The shared journal's connection dropped or came back; the deployment caught up by then.
    void connectionChanged(bool connected);
    // The console's role changed: it took or lost control, the driver changed, the database
    // chose it (or another) to act on automatic triggers.
    void roleChanged();
    // The open deployment's status updates were made (the window reminds when they are due).
    void statusUpdatesChanged(StatusUpdates *updates);
    // Something the person should know: the lock cannot be read, the metric history cannot
    // be loaded, the Rollout cannot be made, samples cannot be saved.
    void failure(const Phrase &message);

private:
    Status adopt(std::unique_ptr<Deployment> deployment);
    void takeLock(QList<Phrase> *problems);
    void onHeldChanged(bool held);
    void setWatchingReason();
    void attach(QList<Phrase> *problems);
    void attachMetrics(QList<Phrase> *problems);
    void attachRollout(QList<Phrase> *problems);
    void detach();
    void reportProblems(const QList<Phrase> &problems);
    void bindProcedures(Rollout *rollout);
    void bindStatusUpdates(Rollout *rollout);
    void setAttachProblem(const QString &problem);

    Clock *m_clock;
    Profile m_profile;
    QString m_environmentName;
    bool m_simulated = false;
    std::unique_ptr<MetricsSession> m_metrics;
    std::unique_ptr<RolloutSession> m_rollouts;
    QNetworkAccessManager *m_network;

    Runbook m_previewRunbook;
    QString m_runbookName;
    QString m_runbookPath;

    std::unique_ptr<Journal> m_journal;
    QString m_journalError;
    std::unique_ptr<Deployment> m_deployment;
    std::unique_ptr<DeploymentLock> m_lock; // after m_deployment: released before it goes
    std::unique_ptr<ProcedureSet> m_procedures;
    std::unique_ptr<StatusUpdates> m_statusUpdates;
    bool m_autoConfirm = false;
    bool m_watchOnly = false;
    bool m_keepProcedures = false; // the Rollout is rebuilt for a new role: the procedures stay
    Phrase m_attachProblem; // why the open deployment has no Rollout
};
