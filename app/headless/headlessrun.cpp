#include "headlessrun.h"

#include "deployment/clock.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "profile/profileloader.h"
#include "procedure/procedureset.h"
#include "rollout/rollout.h"
#include "rollout/rolloutsession.h"
#include "runbook/runbookjson.h"
#include "runbook/runbookloader.h"
#include "runbook/runbookparser.h"
#include "sim/demoserver.h"
#include "traffic/trafficcontroller.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace {

const QString HeadlessReason = QStringLiteral("headless run");
constexpr int MaxCommandRetries = 3;
constexpr int MaxRollbackRetries = 10; // 2 s apart (Rollout)

class HeadlessRun : public QObject
{
public:
    HeadlessRun(const CommandLine &cl, QTextStream &out, QTextStream &err)
        : m_cl(cl)
        , m_out(out)
        , m_err(err)
    {
    }

    int exec();

private:
    void bind(Rollout *rollout);
    void bindProcedures(ProcedureSet *procedures);
    bool procedureSettled() const;
    void line(const QString &kind, const QString &text);
    void finish(int exitCode, const QString &outcome);
    void checkEnd();
    void onGateChanged();
    void onTick();
    qint64 elapsedMs() const { return m_clock->nowMs() - m_deployment->state().startedAtMs; }
    int fail(const QString &message)
    {
        m_err << "stonecaster-console: " << message << '\n';
        m_err.flush();
        return CommandLine::ExitFailure;
    }

    QPointer<ProcedureSet> m_boundProcedures;
    const CommandLine &m_cl;
    QTextStream &m_out;
    QTextStream &m_err;
    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<DemoServer> m_demo;
    Profile m_profile;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<Deployment> m_deployment;
    std::unique_ptr<DeploymentLock> m_lock;
    std::unique_ptr<MetricsSession> m_metrics;
    std::unique_ptr<RolloutSession> m_session;
    ClockTimer *m_tick = nullptr;
    Rollout *m_rollout = nullptr;
    std::optional<bool> m_gateOpen;
    qint64 m_closedSinceMs = 0;
    int m_retries = 0;
    bool m_finished = false;
    int m_exitCode = CommandLine::ExitOk;
};

int HeadlessRun::exec()
{
    if (m_cl.demo && !DemoServer::scenarioFromName(m_cl.scenario)) {
        m_err << "stonecaster-console: unknown scenario '" << m_cl.scenario << "'; one of: " << DemoServer::scenarioNames().join(QStringLiteral(", ")) << '\n';
        return CommandLine::ExitUsage;
    }
    if (m_cl.timeScale != 1.0)
        m_clock = std::make_unique<ScaledClock>(m_cl.timeScale);
    else
        m_clock = std::make_unique<SystemClock>();

    if (m_cl.demo) {
        m_demo = std::make_unique<DemoServer>(m_clock.get(), *DemoServer::scenarioFromName(m_cl.scenario));
        const Result<quint16> port = m_demo->listen(0);
        if (!port)
            return fail(QStringLiteral("the demo environment cannot start: %1").arg(port.error()));
        m_profile = ProfileLoader::demoProfile(m_demo->baseUrl());
    } else {
        Result<Profile> loaded = ProfileLoader::loadFile(m_cl.profilePath);
        if (!loaded)
            return fail(loaded.error());
        m_profile = loaded.take();
    }
    if (!m_profile.traffic)
        return fail(QStringLiteral("%1: the profile has no \"traffic\" section; a headless run needs a traffic controller").arg(m_cl.profilePath));

    m_journal = std::make_unique<Journal>();
    const QString journalPath = m_cl.journalPath.isEmpty() ? Journal::defaultPath() : m_cl.journalPath;
    if (Status s = m_journal->open(journalPath); !s)
        return fail(s.error());

    const QString operatorName = !m_cl.operatorName.isEmpty() ? m_cl.operatorName
        : !qEnvironmentVariableIsEmpty("USER")                 ? qEnvironmentVariable("USER")
                                                                : QStringLiteral("headless");
    if (m_cl.deploymentId.isEmpty()) {
        Deployment::StartInfo info;
        info.operatorName = operatorName;
        info.service = m_cl.demo ? QStringLiteral("demo") : m_profile.name;
        info.version = m_cl.demo ? QStringLiteral("demo (%1)").arg(m_cl.scenario) : QStringLiteral("headless run");
        if (m_cl.runbookPath.isEmpty()) {
            QFile f(QStringLiteral(":/runbooks/deployment-runbook.md"));
            if (!f.open(QIODevice::ReadOnly))
                return fail(QStringLiteral("the bundled runbook is missing from the resources"));
            info.runbookText = QString::fromUtf8(f.readAll());
            info.runbookName = QStringLiteral("deployment-runbook.md (bundled)");
        } else {
            const Runbook runbook = RunbookLoader::load(m_cl.runbookPath);
            if (runbook.hasErrors()) {
                m_err << RunbookJson::diagnosticsText(runbook);
                return fail(QStringLiteral("%1: the runbook cannot be used").arg(m_cl.runbookPath));
            }
            info.runbookText = runbook.source;
            info.runbookName = QFileInfo(m_cl.runbookPath).absoluteFilePath();
        }
        Result<std::unique_ptr<Deployment>> started = Deployment::start(m_journal.get(), m_clock.get(), info);
        if (!started)
            return fail(started.error());
        m_deployment = started.take();
    } else {
        Result<std::unique_ptr<Deployment>> opened = Deployment::open(m_journal.get(), m_clock.get(), m_cl.deploymentId, operatorName);
        if (!opened)
            return fail(opened.error());
        m_deployment = opened.take();
        if (m_deployment->state().closed)
            return fail(QStringLiteral("deployment %1 is closed").arg(m_cl.deploymentId));
    }
    if (m_deployment->runbook().trafficPlan.isEmpty())
        return fail(QStringLiteral("the runbook has no traffic plan; there is nothing to shift"));

    m_lock = std::make_unique<DeploymentLock>(m_journal.get(), m_deployment->id(), operatorName);
    const Result<bool> locked = m_lock->acquire();
    if (!locked)
        return fail(locked.error());
    if (!locked.value())
        return fail(QStringLiteral("deployment %1 is driven by another console: %2").arg(m_deployment->id(), m_lock->holderDescription()));
    m_lock->startHeartbeat();
    connect(m_lock.get(), &DeploymentLock::heldChanged, this, [this](bool held) {
        if (held)
            return;
        m_deployment->setHeldBy(m_lock->holderDescription());
        finish(CommandLine::ExitFailure, QStringLiteral("error (another console took the deployment over: %1)").arg(m_lock->holderDescription()));
    });

    m_out << "deployment " << m_deployment->id() << " (" << m_deployment->state().service << ' ' << m_deployment->state().version << ") journal "
          << m_journal->path() << '\n';
    m_out.flush();

    for (const QString &id : TrafficGate::preShiftItemIds(m_deployment->runbook())) {
        if (m_deployment->state().item(id).status != ItemState::Status::Open)
            continue;
        if (Status s = m_deployment->skip(id, HeadlessReason); !s)
            return fail(s.error());
    }

    m_metrics = std::make_unique<MetricsSession>(m_clock.get());
    connect(m_metrics.get(), &MetricsSession::stateChanged, this, [this](MetricsSession::State state, const QString &text) {
        if (state == MetricsSession::State::Failed)
            line(QStringLiteral("error"), text);
    });
    connect(m_metrics.get(), &MetricsSession::recordingFailed, this, [this](const QString &message) { line(QStringLiteral("error"), message); });
    m_metrics->start(m_profile);
    if (Status s = m_metrics->attachDeployment(m_journal.get(), m_deployment->id(), m_deployment->state().startedAtMs); !s)
        return fail(s.error());

    m_session = std::make_unique<RolloutSession>(m_clock.get(), m_metrics.get());
    m_session->setAutoConfirm(m_cl.autoConfirm);
    connect(m_session.get(), &RolloutSession::rolloutChanged, this, &HeadlessRun::bind);
    m_session->start(m_profile);
    if (Status s = m_session->attach(m_deployment.get()); !s)
        return fail(s.error());

    m_tick = new ClockTimer(m_clock.get(), this);
    m_tick->setInterval(std::max<qint64>(1000, qint64(m_clock->scale() * MetricsSession::MinRealPollMs)));
    connect(m_tick, &ClockTimer::timeout, this, &HeadlessRun::onTick);
    m_tick->start();
    m_closedSinceMs = m_clock->nowMs();

    if (!m_finished)
        m_exitCode = QCoreApplication::exec();
    m_tick->stop();
    m_session->detach();
    m_metrics->detachDeployment();
    m_lock->release();
    return m_exitCode;
}

void HeadlessRun::bind(Rollout *rollout)
{
    m_rollout = rollout;
    if (!rollout)
        return;
    connect(rollout, &Rollout::commanded, this, [this](int green, const QString &reason, bool) {
        line(QStringLiteral("traffic"), QStringLiteral("green=%1% (%2)").arg(green).arg(reason));
    });
    connect(rollout, &Rollout::gateChanged, this, &HeadlessRun::onGateChanged);
    connect(rollout, &Rollout::breached, this, [this](const RuleStatus &s) {
        const QString kind = s.tier == RuleTier::AutoRollback ? QStringLiteral("trigger") : QStringLiteral("breach");
        line(kind, s.ruleId + QLatin1Char(' ') + s.comparisonText());
    });
    connect(rollout, &Rollout::rollbackStarted, this, [this](const RuleStatus &, const QString &reason) { line(QStringLiteral("rollback"), reason); });
    connect(rollout, &Rollout::journalFailed, this, [this](const QString &message) { line(QStringLiteral("error"), message); });
    connect(rollout, &Rollout::commandFailed, this, [this](const QString &message) {
        line(QStringLiteral("error"), QStringLiteral("traffic command failed: %1").arg(message));
        if (m_finished)
            return;
        // The rollout retries a rollback by itself; a step forward is retried here. Either way
        // the run fails once the controller keeps failing.
        const bool rollingBack = m_rollout && m_rollout->deployment()->state().traffic.rollbackActive;
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
    connect(rollout, &Rollout::trafficChanged, this, &HeadlessRun::checkEnd);
    bindProcedures(m_session->procedures());
    onGateChanged();
}

void HeadlessRun::bindProcedures(ProcedureSet *procedures)
{
    // The set outlives a Rollout rebuilt when the traffic controller becomes ready: bound once.
    if (!procedures || procedures == m_boundProcedures)
        return;
    m_boundProcedures = procedures;
    connect(procedures, &ProcedureSet::journalFailed, this, [this](const QString &message) { line(QStringLiteral("error"), message); });
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
        // Not on changed(): it comes before finished(), so the run ended ("done") before the
        // "procedure ... completed" line. Every way the procedure settles (a step failing,
        // a wait for the operator, its end) has its own signal above or below.
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
        return m_deployment->state().traffic.rollbackActive && m_clock->nowMs() - m_deployment->state().traffic.rollbackAtMs > 10'000;
    case ProcedureRunner::Phase::Running: return false;
    }
    return true;
}

void HeadlessRun::line(const QString &kind, const QString &text)
{
    const qint64 seconds = std::max<qint64>(0, elapsedMs() / 1000);
    m_out << QStringLiteral("%1:%2:%3 ")
                 .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
                 .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                 .arg(seconds % 60, 2, 10, QLatin1Char('0'))
          << kind << ' ' << text << '\n';
    m_out.flush();
}

void HeadlessRun::onGateChanged()
{
    if (!m_rollout || m_finished)
        return;
    const GateDecision &gate = m_rollout->gate();
    // While a command is on its way the gate is shut for that alone; say what it waits for after.
    if (gate.atEnd() || m_rollout->commandInFlight())
        return;
    if (m_gateOpen != gate.open) {
        m_gateOpen = gate.open;
        if (gate.open)
            line(QStringLiteral("gate"), QStringLiteral("open (%1)").arg(m_rollout->openReason()));
        else
            line(QStringLiteral("gate"), QStringLiteral("closed (%1)").arg(gate.reasons.join(QStringLiteral("; "))));
        if (!gate.open)
            m_closedSinceMs = m_clock->nowMs();
    }
    if (gate.open && m_cl.autoAdvance) {
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
    const TrafficState &t = m_deployment->state().traffic;
    const std::optional<int> observed = m_rollout->observedPercent();
    if (m_rollout->commandInFlight())
        return;
    if (t.lastOk == true)
        m_retries = 0;
    if (t.rollbackActive && t.stepGreen == 0 && observed == 0) {
        if (!procedureSettled())
            return;
        ProcedureRunner *rollback = m_session->procedures() ? m_session->procedures()->rollbackRunner() : nullptr;
        if (!rollback || rollback->phase() == ProcedureRunner::Phase::Completed) {
            (void)m_deployment->close(DeploymentOutcome::RolledBack, QStringLiteral("headless run: %1").arg(t.rollbackReason));
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
        (void)m_deployment->close(DeploymentOutcome::Completed, QStringLiteral("headless run: 100% green"));
        finish(CommandLine::ExitOk, QStringLiteral("completed (100% green)"));
    }
}

void HeadlessRun::onTick()
{
    if (!m_rollout || m_finished)
        return;
    const GateDecision &gate = m_rollout->gate();
    // Stalled: no step for --max-stall because the gate stays closed (or, without
    // --auto-advance, because nobody takes the open one), and no trigger is being followed.
    const bool waiting = !gate.atEnd() && !m_deployment->state().traffic.rollbackActive && !m_rollout->commandInFlight()
        && (!gate.open || !m_cl.autoAdvance);
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

void HeadlessRun::finish(int exitCode, const QString &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    line(QStringLiteral("done"), outcome);
    m_exitCode = exitCode;
    QCoreApplication::exit(exitCode);
}

} // namespace

int runHeadless(const CommandLine &commandLine, QTextStream &out, QTextStream &err)
{
    HeadlessRun run(commandLine, out, err);
    return run.exec();
}
