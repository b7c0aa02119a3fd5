#include "consolesession.h"

#include "deployment/deployment.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "procedure/procedureset.h"
#include "report/statusupdates.h"
#include "rollout/metriccoverage.h"
#include "rollout/rollout.h"
#include "rollout/rolloutsession.h"
#include "runbook/runbookloader.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QScopedValueRollback>

ConsoleSession::ConsoleSession(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
{
}

ConsoleSession::~ConsoleSession()
{
    // The Rollout points at the deployment and the recorder at the journal: both let go first.
    detach();
}

void ConsoleSession::setEnvironment(const Profile &profile, const QString &name, bool simulated)
{
    detach();
    m_rollouts.reset();
    m_metrics.reset();
    m_profile = profile;
    m_environmentName = name;
    m_simulated = simulated;
    m_metrics = std::make_unique<MetricsSession>(m_clock);
    m_rollouts = std::make_unique<RolloutSession>(m_clock, m_metrics.get());
    connect(m_rollouts.get(), &RolloutSession::rolloutCreated, this, &ConsoleSession::bindProcedures);
    connect(m_rollouts.get(), &RolloutSession::rolloutCreated, this, &ConsoleSession::bindStatusUpdates);
    connect(m_rollouts.get(), &RolloutSession::rolloutCreated, this, &ConsoleSession::rolloutCreated);
    connect(m_rollouts.get(), &RolloutSession::rolloutAboutToBeDropped, this, [this] {
        // A new role for the same deployment keeps its procedures: a program a step runs is
        // not ended because another console took the lock (see takeLock()). Status updates
        // are sent by the console that drives: made again with the next Rollout.
        if (!m_keepProcedures)
            m_procedures.reset();
        m_statusUpdates.reset();
    });
    connect(m_rollouts.get(), &RolloutSession::controllerSettled, this, [this] {
        // Procedures continue once traffic can be moved (or is known not to be): a resumed
        // step that needs the controller would otherwise fail, or be cut off by the Rollout's
        // rebuild.
        if (m_procedures)
            m_procedures->resume();
    });
    connect(m_rollouts.get(), &RolloutSession::rolloutChanged, this, &ConsoleSession::rolloutChanged);
    connect(m_rollouts.get(), &RolloutSession::controllerProblemChanged, this, &ConsoleSession::trafficProblemChanged);
    Q_EMIT environmentChanged();
    // A deployment opened before the environment was known gets its metrics and traffic now.
    if (m_deployment) {
        QList<Phrase> problems;
        attach(&problems);
        reportProblems(problems);
    }
}

void ConsoleSession::startEnvironment()
{
    if (!m_metrics)
        return;
    m_metrics->start(m_profile.metrics);
    m_rollouts->start(m_profile.rolloutConfig());
}

Rollout *ConsoleSession::rollout() const
{
    return m_rollouts ? m_rollouts->rollout() : nullptr;
}

void ConsoleSession::setAutoConfirm(bool on)
{
    m_autoConfirm = on;
    if (m_procedures)
        m_procedures->setAutoConfirm(on);
}

Status ConsoleSession::loadRunbook(const QString &path)
{
    m_runbookPath = path;
    if (path.isEmpty()) {
        m_previewRunbook = RunbookLoader::loadBundled();
        m_runbookName = RunbookLoader::bundledName();
    } else {
        m_previewRunbook = RunbookLoader::load(path);
        m_runbookName = QFileInfo(path).absoluteFilePath();
    }
    if (m_previewRunbook.hasErrors())
        return Status::failure(phrase("ConsoleSession", "%1: the runbook cannot be used").arg(path.isEmpty() ? m_runbookName : path));
    return {};
}

void ConsoleSession::setPreviewRunbook(const Runbook &runbook)
{
    m_previewRunbook = runbook;
}

const Runbook &ConsoleSession::runbook() const
{
    return m_deployment ? m_deployment->runbook() : m_previewRunbook;
}

Status ConsoleSession::openJournal(const QString &path, const QString &password)
{
    auto journal = std::make_unique<Journal>();
    journal->setPassword(password);
    if (Status s = journal->open(path.isEmpty() ? Journal::defaultPath() : path); !s) {
        m_journalError = s.error();
        return s;
    }
    m_journalError.clear();
    m_journal = std::move(journal);
    // Damage found by the background check of a large journal: nothing more is written, and
    // the open deployment says why it became read-only.
    // Another console on the same file: the open deployment follows what it writes.
    m_journal->watchOtherWriters();
    connect(m_journal.get(), &Journal::integrityProblem, this, [this](const QString &message) {
        if (m_deployment)
            m_deployment->setHeldBy({}, Phrase::verbatim(message));
        Q_EMIT failure(Phrase::verbatim(message));
    });
    // A shared journal's server went away or came back: the deployment is read-only meanwhile
    // (Deployment::isReadOnly) and catches up from the last event it saw when it is back.
    connect(m_journal.get(), &Journal::connectionChanged, this, [this](bool connected) {
        Q_EMIT connectionChanged(connected);
        Q_EMIT roleChanged();
    });
    return {};
}

QString ConsoleSession::latestOpenDeploymentId() const
{
    if (!m_journal)
        return {};
    const Result<QList<Journal::DeploymentSummary>> list = m_journal->deployments();
    if (!list)
        return {};
    // Newest first: the first one still open, even behind newer closed ones.
    for (const Journal::DeploymentSummary &d : list.value()) {
        if (!d.closed)
            return d.id;
    }
    return {};
}

Status ConsoleSession::startDeployment(const QString &service, const QString &version, const QString &operatorName)
{
    if (!m_journal)
        return Status::failure(phrase("ConsoleSession", "No journal is open (%1); a deployment cannot be recorded.").arg(m_journalError));
    if (m_previewRunbook.hasErrors())
        return Status::failure(phrase("ConsoleSession", "The runbook %1 has errors; fix them before starting a deployment.").arg(m_runbookName));
    if (!m_journal->mayDrive())
        return Status::failure(phrase("ConsoleSession", "%1 is a watcher's login on %2: watchers follow deployments, add notes and request rollbacks; a "
                                              "driver's login starts them")
                                   .arg(m_journal->identity()).arg(m_journal->path()));
    // A gating rule the profile has no query for could never be judged: said before anything starts.
    if (m_metrics) {
        const QList<Phrase> unqueried = unqueriedGatingRules(m_previewRunbook, m_profile.metrics, m_runbookName, m_profile.fileName);
        if (!unqueried.isEmpty())
            return Status::failure(phrase("ConsoleSession", "The runbook gates on metrics the profile does not query:\n%1").arg(Phrase::list(unqueried, QStringLiteral("\n"))));
    }
    // In a shared journal the database says who this is; the typed name is not asked for.
    const QString who = isTeamMode() ? m_journal->identity() : operatorName;
    Result<std::unique_ptr<Deployment>> started =
        Deployment::start(m_journal.get(), m_clock, {service, version, who, m_runbookName, m_previewRunbook.source}, m_environmentName);
    if (!started)
        return Status::failure(started.errorPhrase());
    return adopt(started.take());
}

Status ConsoleSession::openDeployment(const QString &deploymentId, const QString &operatorName)
{
    if (!m_journal)
        return Status::failure(phrase("ConsoleSession", "No journal is open (%1).").arg(m_journalError));
    Result<std::unique_ptr<Deployment>> opened =
        Deployment::open(m_journal.get(), m_clock, deploymentId, isTeamMode() ? m_journal->identity() : operatorName);
    if (!opened)
        return Status::failure(opened.errorPhrase());
    return adopt(opened.take());
}

Status ConsoleSession::adopt(std::unique_ptr<Deployment> deployment)
{
    Q_EMIT deploymentAboutToChange();
    detach();
    m_deployment = std::move(deployment);
    m_attachProblem = {};
    QList<Phrase> problems;
    // A deployment opened with a profile that lacks a query its rules need: those rules have
    // no data (the gate stays closed); said once.
    if (m_metrics)
        problems << unqueriedGatingRules(m_deployment->runbook(), m_profile.metrics, m_deployment->state().runbookName, m_profile.fileName);
    takeLock(&problems);
    attach(&problems);
    Q_EMIT deploymentChanged();
    reportProblems(problems);
    return {};
}

Status ConsoleSession::closeDeployment(DeploymentOutcome outcome, const QString &note)
{
    if (!m_deployment)
        return Status::failure(phrase("ConsoleSession", "No deployment is open."));
    if (const QString step = runningStep(); !step.isEmpty())
        return Status::failure(phrase("ConsoleSession", "%1 is still running: wait for it, or abort its procedure, before closing the deployment.").arg(step));
    if (Status s = m_deployment->close(outcome, note); !s)
        return s;
    m_lock.reset(); // a closed deployment is read-only for everyone
    QList<Phrase> problems;
    attach(&problems); // stops recording (a closed deployment keeps the samples it has) and drops the Rollout
    Q_EMIT deploymentChanged();
    reportProblems(problems);
    return {};
}

void ConsoleSession::releaseDeployment()
{
    detach();
}

bool ConsoleSession::isDriving() const
{
    return m_lock && m_lock->isHeld();
}

Phrase ConsoleSession::trafficProblemPhrase() const
{
    if (!m_rollouts)
        return {};
    return m_attachProblem.isEmpty() ? m_rollouts->controllerProblem() : m_attachProblem;
}

QString ConsoleSession::runningStep() const
{
    if (!m_procedures)
        return {};
    for (ProcedureRunner *runner : m_procedures->runners()) {
        if ((runner->isActionRunning() || runner->hasUnsavedResult()) && runner->currentIndex() >= 0)
            return QStringLiteral("“%1” (%2)").arg(runner->procedure().steps[runner->currentIndex()].text, runner->procedure().title);
    }
    return {};
}

void ConsoleSession::takeLock(QList<Phrase> *problems)
{
    if (!m_deployment || !m_journal || m_deployment->state().closed)
        return;
    if (m_journal->isReadOnly()) { // written by a newer console, or found damaged
        m_deployment->setHeldBy({}, Phrase::verbatim(m_journal->readOnlyReason()));
        return;
    }
    const bool team = isTeamMode();
    m_lock = std::make_unique<DeploymentLock>(m_journal.get(), m_deployment->id(), m_deployment->operatorName());
    // In a team, nobody drives by accident: a console takes a deployment nobody drives when it
    // opens it, and takes it from another console only when a person says so (takeControl).
    m_lock->setAutomaticTakeover(!team && !m_watchOnly);
    // Only a console that can move traffic may be the one that acts on automatic triggers.
    m_lock->setLeadershipWanted(m_profile.traffic.has_value());
    if (m_journal->mayDrive() && !m_watchOnly) {
        const Result<bool> acquired = m_lock->acquire();
        if (!acquired) {
            m_deployment->setHeldBy({}, phrase("ConsoleSession", "this console cannot take the deployment's lock, so it only watches: %1").arg(acquired.errorPhrase()));
            problems->append(acquired.errorPhrase());
        } else {
            setWatchingReason();
        }
    } else {
        m_lock->tick(); // a watcher's login never takes the lock: it looks who drives
        setWatchingReason();
    }
    connect(m_lock.get(), &DeploymentLock::heldChanged, this, &ConsoleSession::onHeldChanged);
    connect(m_lock.get(), &DeploymentLock::holderChanged, this, [this] {
        setWatchingReason();
        Q_EMIT roleChanged();
    });
    if (team) {
        m_deployment->setActsOnTriggers(m_lock->leadsTriggers());
        connect(m_lock.get(), &DeploymentLock::leadershipChanged, this, [this](bool leads) {
            m_deployment->setActsOnTriggers(leads);
            Q_EMIT roleChanged();
        });
    }
    // Another console took control: this one notices at once rather than on its next heartbeat.
    connect(m_deployment.get(), &Deployment::eventApplied, this, [this](const DeploymentEvent &e, bool fromElsewhere) {
        if (fromElsewhere && e.kind == DeploymentEvent::Kind::ControlTaken && m_lock)
            m_lock->tick();
    });
    m_lock->startHeartbeat();
}

void ConsoleSession::setWatchingReason()
{
    if (!m_lock || !m_deployment)
        return;
    if (m_lock->isHeld()) {
        m_deployment->setHeldBy({});
        return;
    }
    if (!isTeamMode() && !m_watchOnly) {
        m_deployment->setHeldBy(m_lock->holderDescription(), Phrase::verbatim(m_lock->lapseReason()));
        return;
    }
    // In a team the reason says what this login may do and how to drive.
    const QString holder = m_lock->holderDescription();
    Phrase reason;
    if (!m_lock->lapseReason().isEmpty())
        reason = Phrase::verbatim(m_lock->lapseReason());
    else if (!m_journal->mayDrive() || m_watchOnly)
        reason = phrase("ConsoleSession", "%1 watches (a watching console reads, adds notes and requests a rollback); %2")
                     .arg(isTeamMode() ? Phrase::verbatim(identity()) : phrase("ConsoleSession", "this console"))
                     .arg(holder.isEmpty() ? phrase("ConsoleSession", "nobody drives this deployment") : phrase("ConsoleSession", "%1 drives it").arg(holder));
    else if (holder.isEmpty())
        reason = phrase("ConsoleSession", "nobody drives this deployment; Take control to drive it");
    else if (m_lock->holderIsStale())
        reason = phrase("ConsoleSession", "%1 drives it but has not been heard from for more than %2 s; Take control to drive it")
                     .arg(holder)
                     .arg(DeploymentLock::StaleMs / 1000);
    else
        reason = phrase("ConsoleSession", "%1 drives it; Take control to drive it instead (their console is told)").arg(holder);
    m_deployment->setHeldBy(holder.isEmpty() ? QStringLiteral("nobody") : holder, reason);
}

void ConsoleSession::onHeldChanged(bool held)
{
    // About to drive: first everything the console that drove until now wrote.
    if (held) {
        if (Status s = m_deployment->refresh(); !s)
            Q_EMIT failure(s.errorPhrase());
    }
    setWatchingReason();
    Q_EMIT lockChanged(held);
    Q_EMIT roleChanged();
    if (!m_lock)
        return; // a listener let the deployment go
    // A new Rollout for the new role: none watches the store while it is reloaded, and
    // the new one starts its own grace and hold clocks. The procedures stay: a script
    // running when another console took the lock runs to its end here (killed halfway, a
    // database rollback leaves the database in neither state), and its result is written
    // once this console drives again (ProcedureRunner keeps retrying it); meanwhile the
    // other console sees the step still running.
    if (m_rollouts) {
        const QScopedValueRollback keep(m_keepProcedures, true);
        m_rollouts->detach();
    }
    QList<Phrase> problems;
    attach(&problems);
    reportProblems(problems);
}

bool ConsoleSession::isTeamMode() const
{
    return m_journal && m_journal->isShared();
}

QString ConsoleSession::identity() const
{
    return m_journal ? m_journal->identity() : QString();
}

bool ConsoleSession::mayDrive() const
{
    return !m_journal || m_journal->mayDrive();
}

bool ConsoleSession::isConnected() const
{
    return m_journal && m_journal->isConnected();
}

QString ConsoleSession::driverName() const
{
    return m_lock && !m_lock->isHeld() ? m_lock->holderName() : QString();
}

QString ConsoleSession::roleText() const
{
    if (!m_journal)
        return {};
    const QString who = isTeamMode() ? identity() : (m_deployment ? m_deployment->operatorName() : QString());
    if (!m_journal->isConnected())
        return QStringLiteral("Disconnected (%1)").arg(m_journal->connectionProblem());
    if (!m_deployment)
        return isTeamMode() ? QStringLiteral("Signed in as %1 (%2)").arg(who, mayDrive() ? QStringLiteral("driver") : QStringLiteral("watcher")) : QString();
    if (m_deployment->state().closed)
        return QStringLiteral("Reading a closed deployment as %1").arg(who);
    if (isDriving())
        return QStringLiteral("Driving as %1").arg(who);
    const QString driver = driverName();
    QString text = QStringLiteral("Watching as %1: %2").arg(who, driver.isEmpty() ? QStringLiteral("nobody drives") : QStringLiteral("%1 drives").arg(driver));
    if (isTeamMode() && m_lock && m_lock->leadsTriggers())
        text += QStringLiteral("; this console acts on automatic triggers while the driver is away");
    return text;
}

Status ConsoleSession::takeControlAllowed() const
{
    if (!m_deployment)
        return Status::failure(phrase("ConsoleSession", "No deployment is open."));
    if (m_deployment->state().closed)
        return Status::failure(phrase("ConsoleSession", "The deployment is closed."));
    if (!m_journal->isConnected())
        return Status::failure(m_journal->connectionProblem());
    if (!m_journal->mayDrive())
        return Status::failure(phrase("ConsoleSession", "%1 is a watcher's login: only a driver's login (a member of stonecaster_driver) takes control").arg(identity()));
    if (isDriving())
        return Status::failure(phrase("ConsoleSession", "This console drives the deployment already."));
    if (!m_lock)
        return Status::failure(phrase("ConsoleSession", "The deployment's lock cannot be used: %1").arg(m_deployment->readOnlyPhrase()));
    return {};
}

Status ConsoleSession::takeControl()
{
    if (Status s = takeControlAllowed(); !s)
        return s;
    // The lock first (the other console's writes are refused from now on), then the journal
    // says who took it from whom; the other console reads that and says so.
    const Result<QString> previous = m_lock->takeOver();
    if (!previous)
        return Status::failure(previous.error());
    if (Status s = m_deployment->recordControlTaken(previous.value()); !s)
        return Status::failure(phrase("ConsoleSession", "This console drives the deployment now, but the journal did not record it: %1").arg(s.errorPhrase()));
    return {};
}

Status ConsoleSession::requestRollback(const QString &reason)
{
    if (!m_deployment)
        return Status::failure(phrase("ConsoleSession", "No deployment is open."));
    return m_deployment->requestRollback(reason);
}

void ConsoleSession::reportProblems(const QList<Phrase> &problems)
{
    for (const Phrase &problem : problems)
        Q_EMIT failure(problem);
}

void ConsoleSession::attach(QList<Phrase> *problems)
{
    attachMetrics(problems);
    attachRollout(problems);
}

void ConsoleSession::attachMetrics(QList<Phrase> *problems)
{
    if (!m_metrics)
        return;
    if (!m_deployment || !m_journal) {
        m_metrics->detachDeployment();
        return;
    }
    const bool record = !m_deployment->isReadOnly();
    if (Status s = m_metrics->attachDeployment(m_journal.get(), m_deployment->id(), m_deployment->state().startedAtMs, record); !s)
        problems->append(phrase("ConsoleSession", "The deployment's metric history cannot be read: %1").arg(s.errorPhrase()));
}

void ConsoleSession::attachRollout(QList<Phrase> *problems)
{
    if (!m_rollouts)
        return;
    const QString before = trafficProblem();
    if (!m_deployment || m_deployment->state().closed) {
        m_rollouts->detach();
        m_attachProblem = m_deployment ? phrase("ConsoleSession", "The deployment is closed.") : Phrase();
    } else if (Status s = m_rollouts->attach(m_deployment.get()); !s) {
        m_attachProblem = s.errorPhrase();
        problems->append(s.errorPhrase());
    } else {
        m_attachProblem = {};
        if (m_procedures && !m_rollouts->isControllerPending())
            m_procedures->resume();
    }
    if (trafficProblem() != before)
        Q_EMIT trafficProblemChanged();
}

void ConsoleSession::detach()
{
    // Everything that points at the open deployment or its journal lets go before it is replaced.
    if (m_rollouts)
        m_rollouts->detach();
    m_procedures.reset(); // also when no Rollout was made for them to go with
    m_statusUpdates.reset();
    if (m_metrics)
        m_metrics->detachDeployment();
    m_lock.reset();
}

void ConsoleSession::bindStatusUpdates(Rollout *rollout)
{
    // Like the procedures, the updates (and their deliveries in flight) outlive a rebuilt Rollout.
    if (!m_statusUpdates || m_statusUpdates->deployment() != rollout->deployment()) {
        m_statusUpdates = std::make_unique<StatusUpdates>(rollout->deployment(), m_profile.webhooks, m_network);
        m_statusUpdates->setSamples(m_metrics->store());
        m_statusUpdates->setEnvironmentName(m_environmentName);
        connect(m_statusUpdates.get(), &StatusUpdates::journalFailed, this, &ConsoleSession::failure);
        Q_EMIT statusUpdatesChanged(m_statusUpdates.get());
    }
    m_statusUpdates->setRollout(rollout);
}

void ConsoleSession::bindProcedures(Rollout *rollout)
{
    if (m_procedures && m_procedures->deployment() == rollout->deployment()) {
        // The Rollout was made anew (the traffic controller became ready): the procedures stay
        // as they are (a step may be running), pointed at the new one.
        m_procedures->setRollout(rollout);
    } else {
        ActionContext context;
        context.deployment = rollout->deployment();
        context.rollout = rollout;
        context.metrics = m_metrics.get();
        context.network = m_network;
        context.health = m_profile.health;
        m_procedures = std::make_unique<ProcedureSet>(rollout->deployment(), m_profile.bindings, context);
        m_procedures->setAutoConfirm(m_autoConfirm);
        // Said once per deployment, after deploymentChanged (the window's banner keeps it).
        const QList<Phrase> unmatched = unmatchedBindings(rollout->deployment()->runbook(), m_profile.bindings, m_profile.fileName);
        if (!unmatched.isEmpty())
            QMetaObject::invokeMethod(this, [this, unmatched] { reportProblems(unmatched); }, Qt::QueuedConnection);
    }
    connect(m_procedures.get(), &ProcedureSet::journalFailed, rollout, &Rollout::journalFailed);
}
