#include "headlessrun.h"

#include "core/clock.h"
#include "core/polltimer.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "headless/gatenarrator.h"
#include "headless/headlessoutput.h"
#include "headless/headlessreading.h"
#include "headless/headlesswatch.h"
#include "headless/headlessreport.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "journal/journallocation.h"
#include "metrics/metricssession.h"
#include "procedure/procedureset.h"
#include "report/reportdata.h"
#include "report/statusupdates.h"
#include "rollout/rollout.h"
#include "runbook/runbookjson.h"
#include "session/consoleenvironment.h"
#include "session/consolesession.h"
#include "session/journalpassword.h"
#include "session/reportsources.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace {

const QString HeadlessReason = QStringLiteral("headless run");
constexpr int MaxCommandRetries = 3;
constexpr int MaxRollbackRetries = 10; // 2 s apart (Rollout)

class HeadlessRun : public QObject
{
public:
    HeadlessRun(const CommandLine &cl, const QString &journalPassword, QTextStream &out, QTextStream &err, ReportChartRenderer *charts)
        : m_cl(cl)
        , m_journalPassword(journalPassword)
        , m_out(out)
        , m_err(err)
        , m_charts(charts)
    {
    }

    int exec();

private:
    int run();
    void connectEvents(Rollout *rollout);
    void bind(Rollout *rollout);
    void bindProcedures(ProcedureSet *procedures);
    void bindStatusUpdates(StatusUpdates *updates);
    void waitForStatusUpdates();
    int writeReport(int exitCode);
    bool procedureSettled() const;
    Status addNotes();
    void line(const QString &kind, const QString &text);
    void finish(int exitCode, const QString &outcome);
    void checkEnd();
    void onGateChanged();
    void onTick();
    void checkLeftover();
    bool isWaiting() const;
    Deployment *deployment() const { return m_session->deployment(); }
    qint64 elapsedMs() const { return m_clock->nowMs() - deployment()->state().startedAtMs; }
    int fail(const QString &message)
    {
        m_err << "stonecaster-console: " << message << '\n';
        m_err.flush();
        return CommandLine::ExitFailure;
    }

    QPointer<ProcedureSet> m_boundProcedures;
    const CommandLine &m_cl;
    QString m_journalPassword;
    QTextStream &m_out;
    QTextStream &m_err;
    ReportChartRenderer *m_charts;
    std::unique_ptr<ConsoleEnvironment> m_environment;
    Clock *m_clock = nullptr;
    std::unique_ptr<ConsoleSession> m_session;
    PollTimer *m_tick = nullptr; // the stall watch, every second of deployment time
    GateNarrator *m_narrator = nullptr; // gate lines and the heartbeat
    Rollout *m_rollout = nullptr;
    bool m_bound = false; // the run listens to the Rollout once the deployment is set up
    QStringList m_setupProblems;
    std::optional<bool> m_gateOpen;
    bool m_leftoverReset = false; // --reset-traffic acted once
    qint64 m_closedSinceMs = 0;
    int m_retries = 0;
    bool m_finished = false;
    int m_exitCode = CommandLine::ExitOk;
};

int HeadlessRun::exec()
{
    int exitCode = run();
    if (m_session && deployment() && !m_cl.reportPath.isEmpty())
        exitCode = writeReport(exitCode);
    if (m_session)
        m_session->releaseDeployment();
    return exitCode;
}

// Deliveries in flight get a little real time to land in the journal (and so in the report);
// a webhook that keeps failing never holds the run.
void HeadlessRun::waitForStatusUpdates()
{
    StatusUpdates *updates = m_session->statusUpdates();
    if (!updates || updates->deliveriesInFlight() == 0)
        return;
    constexpr int MaxWaitMs = 15'000;
    line(QStringLiteral("status-update"), QStringLiteral("waiting up to %1 s for %2 deliveries in flight").arg(MaxWaitMs / 1000).arg(updates->deliveriesInFlight()));
    QEventLoop loop;
    connect(updates, &StatusUpdates::idle, &loop, &QEventLoop::quit);
    QTimer::singleShot(MaxWaitMs, &loop, &QEventLoop::quit);
    loop.exec();
}

int HeadlessRun::writeReport(int exitCode)
{
    waitForStatusUpdates();
    Result<ReportData> data = ReportSources::openDeployment(m_session.get());
    Status written = data ? writeReportAndWait(std::make_shared<const ReportData>(data.take()), m_cl.reportPath, m_charts) : Status::failure(data.error());
    if (!written) {
        m_err << "stonecaster-console: the report was not written: " << written.error() << '\n';
        m_err.flush();
        return CommandLine::ExitFailure;
    }
    line(QStringLiteral("report"), m_cl.reportPath);
    return exitCode;
}

void HeadlessRun::bindStatusUpdates(StatusUpdates *updates)
{
    if (!updates)
        return;
    updates->setAutoSend(m_cl.statusUpdates.value_or(updates->hasWebhooks()));
    if (!updates->autoSend()) {
        // Off: nothing goes out, not even at a rollback.
        disconnect(updates, nullptr, this, nullptr);
        return;
    }
    connect(updates, &StatusUpdates::sentAutomatically, this, [this](const StatusUpdate &u) {
        line(QStringLiteral("status-update"), QStringLiteral("%1 (%2) to %3: %4").arg(StatusUpdate::nameOf(u.trigger), u.id.isEmpty() ? QStringLiteral("not sent") : u.id,
                                                                                        m_session->statusUpdates()->webhookNames().join(QStringLiteral(", ")), u.title));
    });
    connect(updates, &StatusUpdates::deliveryFinished, this, [this](const QString &id, const QString &webhook, bool delivered, const QString &message) {
        line(QStringLiteral("status-update"), QStringLiteral("%1 %2 %3: %4").arg(id, delivered ? QStringLiteral("delivered to") : QStringLiteral("FAILED at"), webhook, message));
    });
    connect(updates, &StatusUpdates::deliveryFailed, this, [this](const QString &webhook, const QString &message, int retryInMs) {
        if (retryInMs > 0)
            line(QStringLiteral("status-update"), QStringLiteral("%1 failed, retrying in %2 s: %3").arg(webhook, QString::number(retryInMs / 1000), message));
    });
}

int HeadlessRun::run()
{
    // A shared journal that cannot be reached is said before anything else starts.
    if (JournalLocation::looksLikeUri(m_cl.journalPath)) {
        Journal probe;
        probe.setPassword(m_journalPassword);
        if (Status s = probe.open(m_cl.journalPath); !s)
            return fail(s.error());
    }
    const ConsoleEnvironment::Options options{m_cl.demo, m_cl.scenario, m_cl.profilePath, m_cl.timeScale};
    if (const QString usage = ConsoleEnvironment::usageError(options); !usage.isEmpty()) {
        m_err << "stonecaster-console: " << usage << '\n';
        return CommandLine::ExitUsage;
    }
    Result<std::unique_ptr<ConsoleEnvironment>> environment = ConsoleEnvironment::create(options);
    if (!environment)
        return fail(environment.error());
    m_environment = environment.take();
    m_clock = m_environment->clock();
    const Profile &profile = m_environment->profile();
    if (!profile.traffic)
        return fail(QStringLiteral("%1: the profile has no \"traffic\" section; a headless run needs a traffic controller").arg(m_cl.profilePath));

    m_session = std::make_unique<ConsoleSession>(m_clock);
    m_session->setEnvironment(profile, m_environment->name(), m_environment->isSimulated());
    m_session->setAutoConfirm(m_cl.autoConfirm);
    if (Status s = m_session->openJournal(m_cl.journalPath, m_journalPassword); !s)
        return fail(s.error());

    connect(m_session.get(), &ConsoleSession::failure, this, [this](const Phrase &message) {
        if (m_bound)
            line(QStringLiteral("error"), message.english());
        else
            m_setupProblems << message.english(); // while the deployment is set up: the run cannot go on
    });
    connect(m_session.get(), &ConsoleSession::statusUpdatesChanged, this, &HeadlessRun::bindStatusUpdates);
    connect(m_session.get(), &ConsoleSession::rolloutCreated, this, &HeadlessRun::connectEvents);
    connect(m_session.get(), &ConsoleSession::rolloutChanged, this, [this](Rollout *rollout) {
        if (m_bound)
            bind(rollout);
    });
    connect(m_session.get(), &ConsoleSession::lockChanged, this, [this](bool held) {
        if (held)
            return;
        const DeploymentLock *lock = m_session->lock();
        const QString outcome = !lock->lapseReason().isEmpty()
            ? QStringLiteral("error (this console stopped driving: %1)").arg(lock->lapseReason())
            : QStringLiteral("error (another console took the deployment over: %1)").arg(lock->holderDescription());
        // A program a step runs is not ended because the lock went: the run ends after it.
        if (const QString step = m_session->runningStep(); !step.isEmpty())
            line(QStringLiteral("error"), QStringLiteral("this console stopped driving while %1 runs: it runs to its end here; "
                                                         "its result cannot be journaled by this console")
                                              .arg(step));
        auto *wait = new QTimer(this);
        wait->setInterval(200);
        const auto finishOnceNoProgramRuns = [this, wait, outcome] {
            ProcedureSet *procedures = m_session->procedures();
            const bool running = procedures && std::any_of(procedures->runners().cbegin(), procedures->runners().cend(),
                                                           [](const ProcedureRunner *r) { return r->isActionRunning(); });
            if (running)
                return;
            wait->stop();
            finish(CommandLine::ExitFailure, outcome);
        };
        connect(wait, &QTimer::timeout, this, finishOnceNoProgramRuns);
        wait->start();
        finishOnceNoProgramRuns();
    });
    // A shared journal's server going away and coming back; driver actions wait meanwhile.
    connect(m_session.get(), &ConsoleSession::connectionChanged, this, [this](bool connected) {
        if (!m_bound)
            return;
        if (connected)
            line(QStringLiteral("journal"), QStringLiteral("connected; caught up to #%1").arg(deployment()->state().lastSeq));
        else
            line(QStringLiteral("journal"), QStringLiteral("disconnected (%1)").arg(m_session->journal()->connectionProblem()));
    });
    MetricsSession *metrics = m_session->metrics();
    connect(metrics, &MetricsSession::stateChanged, this, [this](MetricsSession::State state, const QString &text) {
        if (state == MetricsSession::State::Failed)
            line(QStringLiteral("error"), text);
    });
    connect(metrics, &MetricsSession::recordingFailed, this, [this](const QString &message) { line(QStringLiteral("error"), message); });
    m_session->startEnvironment();

    const QString operatorName = !m_cl.operatorName.isEmpty() ? m_cl.operatorName
        : !qEnvironmentVariableIsEmpty("USER")                 ? qEnvironmentVariable("USER")
                                                                : QStringLiteral("headless");
    if (m_cl.deploymentId.isEmpty()) {
        if (Status s = m_session->loadRunbook(m_cl.runbookPath); !s) {
            m_err << RunbookJson::diagnosticsText(m_session->previewRunbook());
            return fail(s.error());
        }
        // A reading with parts not read stops the run before anything is journaled, saying what.
        if (const RunbookReading reading(m_session->previewRunbook()); !reading.isComplete() && !m_cl.acceptReading) {
            HeadlessReading::print(m_out, 0, reading);
            return fail(HeadlessReading::unreadMessage(reading));
        }
        if (m_session->previewRunbook().trafficPlan.isEmpty())
            return fail(QStringLiteral("the runbook has no traffic plan; there is nothing to shift"));
        if (Status s = m_session->startDeployment(m_environment->defaultService(), m_environment->defaultVersion(), operatorName); !s)
            return fail(s.error());
    } else {
        if (Status s = m_session->openDeployment(m_cl.deploymentId, operatorName); !s)
            return fail(s.error());
        if (deployment()->state().closed)
            return fail(QStringLiteral("deployment %1 is closed").arg(m_cl.deploymentId));
        if (!deployment()->isReadingConfirmed() && !deployment()->reading().isComplete() && !m_cl.acceptReading) {
            HeadlessReading::print(m_out, elapsedMs(), deployment()->reading());
            return fail(HeadlessReading::unreadMessage(deployment()->reading()));
        }
        if (deployment()->runbook().trafficPlan.isEmpty())
            return fail(QStringLiteral("the runbook has no traffic plan; there is nothing to shift"));
    }
    if (!m_setupProblems.isEmpty())
        return fail(m_setupProblems.first()); // the lock cannot be read, the Rollout cannot be made...
    QString takenFrom;
    if (m_cl.takeControl && !m_session->isDriving()) {
        const QString before = m_session->driverName();
        if (Status s = m_session->takeControl(); !s)
            return fail(QStringLiteral("deployment %1: %2").arg(deployment()->id(), s.error()));
        takenFrom = before.isEmpty() ? QStringLiteral("nobody") : before;
    }
    if (!m_session->isDriving())
        return fail(QStringLiteral("deployment %1 is driven by another console: %2").arg(deployment()->id(), m_session->lock()->holderDescription()));

    m_out << "deployment " << deployment()->id() << " (" << deployment()->state().service << ' ' << deployment()->state().version << ") journal "
          << m_session->journal()->path() << '\n';
    m_out.flush();
    if (!takenFrom.isEmpty())
        line(QStringLiteral("control"), QStringLiteral("taken from %1 as %2").arg(takenFrom, deployment()->operatorName()));
    // The reading the run acts on, as the window's reading view shows it; journaled as accepted.
    HeadlessReading::print(m_out, elapsedMs(), deployment()->reading());
    if (const std::optional<ReadingConfirmation> &c = deployment()->state().readingConfirmation; c && deployment()->isReadingConfirmed()) {
        line(QStringLiteral("reading"), QStringLiteral("confirmed by %1%2").arg(c->by, c->headless ? QStringLiteral(" (accepted by a headless run)") : QString()));
    } else {
        if (Status s = deployment()->confirmReading(true); !s)
            return fail(s.error());
        line(QStringLiteral("reading"), QStringLiteral("accepted by the headless run as %1%2")
                                            .arg(deployment()->operatorName(),
                                                 deployment()->reading().isComplete() ? QString() : QStringLiteral(" (--accept-reading: with what was not read)")));
    }
    // What the team asks of the driver, as it arrives.
    connect(deployment(), &Deployment::eventApplied, this, [this](const DeploymentEvent &e, bool fromElsewhere) {
        if (fromElsewhere && e.kind == DeploymentEvent::Kind::RollbackRequested)
            line(QStringLiteral("request"), QStringLiteral("rollback requested by %1: %2").arg(e.operatorName, e.payload.value(QStringLiteral("reason")).toString()));
    });

    if (Status s = addNotes(); !s)
        return fail(s.error());

    for (const QString &id : TrafficGate::preShiftItemIds(deployment()->runbook())) {
        if (deployment()->state().item(id).status != ItemState::Status::Open)
            continue;
        if (Status s = deployment()->skip(id, HeadlessReason); !s)
            return fail(s.error());
    }

    m_narrator = new GateNarrator(m_clock, this);
    connect(m_narrator, &GateNarrator::line, this, &HeadlessRun::line);
    m_bound = true;
    bind(m_session->rollout());

    m_tick = new PollTimer(m_clock, this);
    m_tick->setInterval(1000);
    connect(m_tick, &PollTimer::due, this, &HeadlessRun::onTick);
    m_tick->start(PollTimer::FirstTurn::AfterInterval);
    m_closedSinceMs = m_clock->nowMs();

    if (!m_finished)
        m_exitCode = QCoreApplication::exec();
    m_tick->stop();
    return m_exitCode;
}

// --note ITEM=TEXT: each note journaled on its item, said on a "note" line once journaled; a
// note the item already has (a run started again with the same command line) is said as such
// and not journaled again.
Status HeadlessRun::addNotes()
{
    const Runbook &runbook = deployment()->runbook();
    for (const CommandLine::Note &note : m_cl.notes) {
        const RunbookItem *item = runbook.item(note.item);
        if (!item) {
            QList<const RunbookItem *> byText;
            for (const RunbookSection &section : runbook.sections) {
                for (const RunbookGroup &group : section.groups) {
                    for (const RunbookItem &candidate : group.items) {
                        if (candidate.text == note.item)
                            byText << &candidate;
                    }
                }
            }
            if (byText.size() > 1)
                return Status::failure(QStringLiteral("--note: %1 items of the runbook read \"%2\"; name one by its id (%3)")
                                           .arg(byText.size())
                                           .arg(note.item, byText.constFirst()->id));
            if (byText.isEmpty())
                return Status::failure(QStringLiteral("--note: the runbook has no item with the id or text \"%1\"").arg(note.item));
            item = byText.constFirst();
        }
        if (deployment()->state().item(item->id).note == note.text) {
            line(QStringLiteral("note"), QStringLiteral("%1: %2 (already in the journal)").arg(item->id, note.text));
            continue;
        }
        if (Status s = deployment()->setNote(item->id, note.text); !s)
            return Status::failure(QStringLiteral("--note on %1: %2").arg(item->id, s.error()));
        line(QStringLiteral("note"), QStringLiteral("%1: %2").arg(item->id, note.text));
    }
    return {};
}

// Every Rollout's events, from before it starts: its start may already send the 0 % command of
// a rollback that never landed, and a line acknowledges every journaled command.
void HeadlessRun::connectEvents(Rollout *rollout)
{
    connect(rollout, &Rollout::commanded, this, [this](int green, const QString &reason, bool) {
        line(QStringLiteral("traffic"), QStringLiteral("green=%1% (%2)").arg(green).arg(reason));
    });
    connect(rollout, &Rollout::breached, this, [this](const RuleStatus &s) {
        const QString kind = s.tier == RuleTier::AutoRollback ? QStringLiteral("trigger") : QStringLiteral("breach");
        line(kind, s.ruleId + QLatin1Char(' ') + s.comparisonText());
    });
    connect(rollout, &Rollout::rollbackStarted, this, [this](const RuleStatus &, const QString &reason) { line(QStringLiteral("rollback"), reason); });
    connect(rollout, &Rollout::journalFailed, this, [this](const Phrase &message) { line(QStringLiteral("error"), message.english()); });
    connect(rollout, &Rollout::commandFailed, this, [this, rollout](const Phrase &message) {
        line(QStringLiteral("error"), QStringLiteral("traffic command failed: %1").arg(message.english()));
        if (m_finished)
            return;
        // The rollout retries a rollback by itself; a step forward is retried here. Either way
        // the run fails once the controller keeps failing.
        const bool rollingBack = rollout->deployment()->state().traffic.rollbackActive;
        if (++m_retries > (rollingBack ? MaxRollbackRetries : MaxCommandRetries)) {
            finish(CommandLine::ExitFailure, QStringLiteral("error (the traffic controller failed %1 times)").arg(m_retries));
            return;
        }
        if (!rollingBack) {
            QTimer::singleShot(1000, this, [this] {
                if (m_rollout && !m_finished)
                    (void)m_rollout->retry();
            });
        }
    });
}

void HeadlessRun::bind(Rollout *rollout)
{
    m_rollout = rollout;
    if (!rollout)
        return;
    connect(rollout, &Rollout::gateChanged, this, &HeadlessRun::onGateChanged);
    connect(rollout, &Rollout::trafficChanged, this, &HeadlessRun::checkEnd);
    // The first read-back may find green's share left over from an interrupted run; it may
    // also be what the first step waited for (onGateChanged()).
    connect(rollout, &Rollout::trafficChanged, this, &HeadlessRun::checkLeftover);
    connect(rollout, &Rollout::trafficChanged, this, &HeadlessRun::onGateChanged);
    bindProcedures(m_session->procedures());
    checkLeftover();
    if (m_finished)
        return;
    onGateChanged();
}

void HeadlessRun::bindProcedures(ProcedureSet *procedures)
{
    // The set outlives a Rollout rebuilt when the traffic controller becomes ready: bound once.
    if (!procedures || procedures == m_boundProcedures)
        return;
    m_boundProcedures = procedures;
    connect(procedures, &ProcedureSet::journalFailed, this, [this](const Phrase &message) { line(QStringLiteral("error"), message.english()); });
    for (ProcedureRunner *runner : procedures->runners()) {
        const ProcedureDef &def = runner->procedure();
        const auto stepText = [&def](const QString &itemId) {
            const ProcedureStep *step = def.step(itemId);
            return step ? step->text : itemId;
        };
        connect(runner, &ProcedureRunner::stepStarted, this, [this, runner, stepText](const QString &itemId, bool confirmed) {
            const ProcedureStep *step = runner->procedure().step(itemId);
            line(QStringLiteral("step"), QStringLiteral("%1: %2%3")
                                             .arg(stepText(itemId), step && step->binding ? step->binding->describe() : QString(),
                                                  confirmed && m_cl.autoConfirm ? QStringLiteral(" (confirmed by --auto-confirm)") : QString()));
        });
        connect(runner, &ProcedureRunner::stepFinished, this, [this, stepText](const QString &itemId, bool ok, const QString &message) {
            line(ok ? QStringLiteral("step-done") : QStringLiteral("step-failed"), QStringLiteral("%1: %2").arg(stepText(itemId), message));
        });
        connect(runner, &ProcedureRunner::awaitingOperator, this, [this, stepText](const QString &itemId, ProcedureRunner::Waiting why) {
            line(QStringLiteral("awaiting-operator"), QStringLiteral("%1: %2").arg(stepText(itemId), ProcedureRunner::describe(why)));
            checkEnd();
        });
        // Not directly on changed(): it comes before finished(), so the run ended ("done")
        // before the "procedure ... completed" line. A wait for the operator and the end have
        // their own signals; a step that failed (also one found failed when the deployment is
        // reopened) says so only through changed(), so that is looked at once the runner has
        // settled (queued: after the lines of whatever it emits next).
        connect(runner, &ProcedureRunner::changed, this, &HeadlessRun::checkEnd, Qt::QueuedConnection);
        connect(runner, &ProcedureRunner::finished, this, [this, runner](bool completed) {
            line(QStringLiteral("procedure"), QStringLiteral("%1 %2").arg(runner->procedure().title, completed ? QStringLiteral("completed") : QStringLiteral("aborted")));
            checkEnd();
        });
    }
}

// The rollback procedure has gone as far as it can without a person: completed, waiting for
// an operator, or stopped by a failing step (or the runbook has none).
bool HeadlessRun::procedureSettled() const
{
    ProcedureSet *procedures = m_session ? m_session->procedures() : nullptr;
    ProcedureRunner *rollback = procedures ? procedures->rollbackRunner() : nullptr;
    if (!rollback)
        return true;
    switch (rollback->phase()) {
    case ProcedureRunner::Phase::Completed:
    case ProcedureRunner::Phase::Aborted:
    case ProcedureRunner::Phase::Failed:
    case ProcedureRunner::Phase::AwaitingOperator: return true;
    case ProcedureRunner::Phase::NotStarted:
        // It starts a turn after the rollback; one that does not (another procedure is under
        // way, or the journal refused it) must not keep the run waiting for ever.
        return deployment()->state().traffic.rollbackActive && m_clock->nowMs() - deployment()->state().traffic.rollbackAtMs > 10'000;
    case ProcedureRunner::Phase::Running: return false;
    }
    return true;
}

void HeadlessRun::line(const QString &kind, const QString &text)
{
    HeadlessOutput::line(m_out, elapsedMs(), kind, text);
}

void HeadlessRun::onGateChanged()
{
    if (!m_rollout || m_finished)
        return;
    const GateDecision &gate = m_rollout->gate();
    m_narrator->setWaiting(isWaiting());
    // While a command is on its way the gate is shut for that alone; say what it waits for after.
    if (gate.atEnd() || m_rollout->commandInFlight())
        return;
    if (!m_gateOpen || *m_gateOpen != gate.open) {
        m_gateOpen = gate.open;
        if (!gate.open)
            m_closedSinceMs = m_clock->nowMs();
    }
    // A line when it opens, closes or its reasons change.
    m_narrator->update(gate, gate.open ? m_rollout->openReason() : QString());
    // The first step waits until the target's traffic has been read: a weight left by an
    // earlier run must be seen (checkLeftover()) before anything is sent.
    const bool unread = deployment()->state().traffic.stepGreen == 0 && !m_rollout->observedPercent();
    if (gate.open && m_cl.autoAdvance && !unread) {
        // Not from inside the rollout's signal: let it finish its evaluation first.
        QTimer::singleShot(0, this, [this] {
            if (m_rollout && !m_finished && m_rollout->gate().open)
                (void)m_rollout->advanceAutomatically();
        });
    }
}

void HeadlessRun::checkEnd()
{
    if (!m_rollout || m_finished)
        return;
    const TrafficState &t = deployment()->state().traffic;
    // A controller that cannot read back: the step, assumed, and the outcome says so.
    const bool verified = m_rollout->observationVerified();
    const std::optional<int> observed = verified ? m_rollout->observedPercent() : std::optional<int>(t.stepGreen);
    if (m_rollout->commandInFlight())
        return;
    if (t.lastOk == true)
        m_retries = 0;
    if (t.rollbackActive && t.stepGreen == 0 && observed == 0) {
        if (!procedureSettled())
            return;
        ProcedureRunner *rollback = m_session->procedures() ? m_session->procedures()->rollbackRunner() : nullptr;
        if (!rollback || rollback->phase() == ProcedureRunner::Phase::Completed) {
            (void)deployment()->close(DeploymentOutcome::RolledBack, QStringLiteral("headless run: %1").arg(t.rollbackReason));
            finish(CommandLine::ExitRolledBack, QStringLiteral("rolled-back (%1)").arg(t.rollbackReason));
            return;
        }
        // Left open: an operator continues the procedure in the console.
        const int index = rollback->currentIndex();
        const QString at = index >= 0 ? rollback->procedure().steps[index].text : QString();
        finish(CommandLine::ExitRolledBack, QStringLiteral("rolled-back (%1); %2 at \"%3\" (the deployment stays open)")
                                                .arg(t.rollbackReason,
                                                     rollback->phase() == ProcedureRunner::Phase::Failed       ? QStringLiteral("the rollback procedure stopped on a failing step")
                                                     : rollback->phase() == ProcedureRunner::Phase::NotStarted ? QStringLiteral("the rollback procedure did not start (another procedure is under way)")
                                                                                                                : QStringLiteral("the rollback procedure waits for an operator"),
                                                     at));
    } else if (!t.rollbackActive && t.stepGreen == 100 && observed == 100) {
        (void)deployment()->close(DeploymentOutcome::Completed, QStringLiteral("headless run: 100% green"));
        finish(CommandLine::ExitOk, verified ? QStringLiteral("completed (100% green)")
                                             : QStringLiteral("completed (100% green, not verified: the traffic controller cannot read traffic back)"));
    }
}

void HeadlessRun::onTick()
{
    if (!m_rollout || m_finished)
        return;
    const GateDecision &gate = m_rollout->gate();
    const bool waiting = isWaiting();
    m_narrator->setWaiting(waiting); // the heartbeat's minutes count from here
    if (!waiting) {
        m_closedSinceMs = m_clock->nowMs();
        return;
    }
    if (m_clock->nowMs() - m_closedSinceMs < m_cl.maxStallMs)
        return;
    if (gate.open)
        finish(CommandLine::ExitStalled,
               QStringLiteral("stalled (no step for %1: the gate is open, but --auto-advance was not given)").arg(formatDuration(m_cl.maxStallMs)));
    else
        finish(CommandLine::ExitStalled,
               QStringLiteral("stalled (gate closed for %1: %2)").arg(formatDuration(m_cl.maxStallMs), gate.reasons.join(QStringLiteral("; "))));
}

// Green already has traffic before the first step (a weight an interrupted run left): the run
// says so and stops (exit 1), or with --reset-traffic sets green to 0 % (journaled) and goes on.
void HeadlessRun::checkLeftover()
{
    if (!m_rollout || m_finished)
        return;
    const std::optional<int> left = m_rollout->leftoverGreen();
    if (!left)
        return;
    if (!m_cl.resetTraffic) {
        line(QStringLiteral("error"), QStringLiteral("green already has %1% of the traffic before the first step (a weight left by an interrupted "
                                                     "run?); run again with --reset-traffic to set it to 0% first, or set it in the window")
                                          .arg(*left));
        finish(CommandLine::ExitFailure, QStringLiteral("error (green at %1% before the first step)").arg(*left));
        return;
    }
    if (m_leftoverReset)
        return; // sent once; a reset that does not hold is a traffic problem the gate shows
    m_leftoverReset = true;
    line(QStringLiteral("leftover"), QStringLiteral("green has %1% of the traffic before the first step; --reset-traffic: setting it to 0%").arg(*left));
    if (Status s = m_rollout->resetLeftoverTraffic(); !s)
        finish(CommandLine::ExitFailure, QStringLiteral("error (green at %1% before the first step cannot be reset: %2)").arg(*left).arg(s.error()));
}

// Stalled: no step for --max-stall because the gate stays closed (or, without --auto-advance,
// because nobody takes the open one), and no trigger is being followed.
bool HeadlessRun::isWaiting() const
{
    const GateDecision &gate = m_rollout->gate();
    return !gate.atEnd() && !deployment()->state().traffic.rollbackActive && !m_rollout->commandInFlight() && (!gate.open || !m_cl.autoAdvance);
}

void HeadlessRun::finish(int exitCode, const QString &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_narrator)
        m_narrator->stop();
    line(QStringLiteral("done"), outcome);
    m_exitCode = exitCode;
    QCoreApplication::exit(exitCode);
}

} // namespace

int runHeadless(const CommandLine &commandLine, QTextStream &out, QTextStream &err, ReportChartRenderer *charts)
{
    QString password;
    if (!commandLine.journalKeychain.isEmpty()) {
        const Result<QString> read = readJournalPassword(commandLine.journalKeychain);
        if (!read) {
            err << "stonecaster-console: " << read.error() << '\n';
            return CommandLine::ExitFailure;
        }
        password = read.value();
    }
    switch (commandLine.headlessAction) {
    case CommandLine::HeadlessAction::Watch: return runHeadlessWatch(commandLine, password, out, err);
    case CommandLine::HeadlessAction::RequestRollback: return runHeadlessRollbackRequest(commandLine, password, out, err);
    case CommandLine::HeadlessAction::Drive: break;
    }
    HeadlessRun run(commandLine, password, out, err, charts);
    return run.exec();
}
