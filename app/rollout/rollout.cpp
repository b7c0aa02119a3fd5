#include "rollout.h"

#include "core/clock.h"
#include "core/polltimer.h"
#include "deployment/deployment.h"
#include "metrics/metricssession.h"
#include "rollout/measuredshare.h"
#include "traffic/trafficcontroller.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

namespace {

// The gate and the countdown are re-judged this often in deployment time (PollTimer: never
// more often than every 250 ms of real time under a fast --time-scale).
constexpr qint64 TickMs = 1000;
// The target is read back this often (deployment time), so a change made outside the console
// shows as a mismatch.
constexpr qint64 ReadBackMs = 15'000;
// A rollback command that failed is sent again after this much real time.
constexpr int RollbackRetryMs = 2000;

} // namespace

Rollout::UnjournaledRollback Rollout::unjournaled(const QString &reason, const QString &ruleId, bool automatic)
{
    UnjournaledRollback p;
    p.reason = reason;
    p.ruleId = ruleId;
    p.automatic = automatic;
    return p;
}

Rollout::Rollout(Deployment *deployment, MetricsSession *metrics, TrafficController *traffic, const RolloutSettings &settings, QObject *parent)
    : QObject(parent)
    , m_deployment(deployment)
    , m_metrics(metrics)
    , m_traffic(traffic)
    , m_settings(settings)
    // Every rule is judged (targets and alert levels colour the status); only gating ones act.
    , m_evaluator(deployment->runbook().rules, settings.ruleForMs)
    , m_positions(TrafficGate::positions(deployment->runbook().trafficPlan))
    , m_preShiftIds(TrafficGate::preShiftItemIds(deployment->runbook()))
    , m_tick(new PollTimer(deployment->clock(), this))
    , m_readBack(new PollTimer(deployment->clock(), this))
    , m_journalRetry(new QTimer(this))
{
    m_journalRetry->setInterval(RollbackRetryMs);
    connect(m_journalRetry, &QTimer::timeout, this, &Rollout::retryJournal);
    m_tick->setInterval(TickMs);
    m_readBack->setInterval(ReadBackMs);
    connect(m_tick, &PollTimer::due, this, &Rollout::evaluate);
    // One operation at a time: a read-back waits while the controller is busy.
    connect(m_readBack, &PollTimer::due, this, [this] {
        if (m_traffic && !m_traffic->isBusy())
            m_traffic->read();
    });
    connect(m_metrics->store(), &SampleStore::samplesInserted, this, &Rollout::evaluate);
    connect(m_deployment, &Deployment::itemChanged, this, &Rollout::updateGate);
    connect(m_deployment, &Deployment::closedChanged, this, &Rollout::evaluate);
    connect(m_deployment, &Deployment::readOnlyChanged, this, &Rollout::updateGate);
    connect(m_deployment, &Deployment::readingConfirmedChanged, this, &Rollout::updateGate);
    if (m_traffic) {
        connect(m_traffic, &TrafficController::applied, this, &Rollout::onApplied);
        connect(m_traffic, &TrafficController::observed, this, &Rollout::onObserved);
    }
    for (const Rule &rule : RuleEvaluator::gatingRules(deployment->runbook().rules))
        m_usesNormal = m_usesNormal || rule.unit == RuleUnit::TimesNormal;
    const TrafficState &t = m_deployment->state().traffic;
    m_observed = t.observedGreen;
    m_unverified = !t.lastVerified;
    if (t.driftObserved)
        m_drift = Drift{t.commandedGreen, *t.driftObserved, t.driftSource, {}}; // the episode goes on until seen to end
    m_metrics->setFirstShiftMs(t.firstShiftMs);
}

Rollout::~Rollout() = default;

void Rollout::start()
{
    const qint64 now = m_deployment->clock()->nowMs();
    m_watchingSinceMs = now;
    m_decisionPointsOkSinceMs = now;
    if (m_traffic)
        m_traffic->read();
    if (!m_deployment->state().closed) {
        m_tick->start(PollTimer::FirstTurn::AfterInterval);
        m_readBack->start(PollTimer::FirstTurn::AfterInterval);
    }
    // A rollback whose 0 % command never landed (the console stopped, or the command failed)
    // is sent again at once: it was already decided.
    const TrafficState &t = m_deployment->state().traffic;
    if (t.rollbackActive && t.commandedGreen == 0 && (t.awaitingResult || t.lastOk == false) && m_traffic && m_deployment->actsOnTriggers())
        sendToBlue(QStringLiteral("rollback resumed: %1").arg(t.rollbackReason), true);
    evaluate();
}

void Rollout::sendToBlue(const QString &reason, bool automatic)
{
    // Another console took the lock over (the journal knows before our next heartbeat does):
    // it drives now and sends traffic itself. A journal that cannot say is no reason to keep
    // traffic on green: the command goes.
    if (const Result<bool> fence = m_deployment->lockHolds(); fence && !fence.value()) {
        Q_EMIT journalFailed(phrase("Rollout", "the command for 0% green was not sent: another console took this deployment's lock over"));
        // Nothing was sent, so there is no rollback of ours to journal later: the driver decides.
        m_unjournaled.reset();
        m_journalRetry->stop();
        return;
    }
    // Traffic first: a journal write that fails is reported, it never stops the command.
    if (Status s = m_deployment->recordTrafficCommand(0, reason, automatic); !s) {
        Q_EMIT journalFailed(phrase("Rollout", "the command for 0% green was sent without being journaled (written as soon as the journal takes it): %1").arg(s.errorPhrase()));
        if (!m_unjournaled)
            m_unjournaled = unjournaled(m_deployment->state().traffic.rollbackReason, m_deployment->state().traffic.rollbackRuleId, automatic);
        m_unjournaled->commandJournaled = false;
        m_unjournaled->commandReason = reason;
        m_unjournaled->result.reset();
        m_journalRetry->start();
    }
    ++m_inFlight;
    m_traffic->apply(0);
    Q_EMIT commanded(0, reason, automatic);
    Q_EMIT trafficChanged();
}

int Rollout::currentPercent() const
{
    return m_deployment->state().traffic.stepGreen;
}

int Rollout::commandedPercent() const
{
    if (m_unjournaled && !m_unjournaled->commandJournaled)
        return 0; // sent, its record still to be written
    return m_deployment->state().traffic.commandedGreen;
}

bool Rollout::rollbackRunning() const
{
    return m_deployment->state().traffic.rollbackActive || m_unjournaled.has_value();
}

std::optional<double> Rollout::measuredGreenShare() const
{
    const SeriesKey key{Metric::TrafficShare, Color::Green};
    if (!m_metrics->store()->isFresh(key, m_deployment->clock()->nowMs()))
        return std::nullopt;
    return m_metrics->store()->lastGood(key)->value;
}

std::optional<Phrase> Rollout::drift() const
{
    if (!m_drift)
        return std::nullopt;
    if (!m_drift->text.isEmpty())
        return m_drift->text;
    return phrase("Rollout", "commanded %1% green but traffic was found at %2% green").arg(m_drift->commanded).arg(m_drift->observed);
}

bool Rollout::greenActive() const
{
    const TrafficState &t = m_deployment->state().traffic;
    if (m_deployment->state().closed)
        return false;
    if (rollbackRunning())
        return t.stepGreen > 0 || m_observed.value_or(0) > 0; // until blue has it all back
    return t.commandedGreen > 0 || t.stepGreen > 0 || m_observed.value_or(0) > 0 || t.reachedFull;
}

QStringList Rollout::openPreShiftItems() const
{
    QStringList texts;
    for (const QString &id : m_preShiftIds) {
        if (m_deployment->state().item(id).status == ItemState::Status::Open) {
            if (const RunbookItem *item = m_deployment->runbook().item(id))
                texts.append(item->text);
        }
    }
    return texts;
}

std::optional<QString> Rollout::trafficProblem() const
{
    if (const std::optional<Phrase> problem = trafficProblemPhrase())
        return problem->english();
    return std::nullopt;
}

std::optional<Phrase> Rollout::trafficProblemPhrase() const
{
    const TrafficState &t = m_deployment->state().traffic;
    if (m_inFlight > 0)
        return std::nullopt;
    if (t.awaitingResult)
        return phrase("Rollout", "the command for %1% green has no result (the console stopped while sending it); retry it").arg(t.commandedGreen);
    if (t.lastOk == false)
        return phrase("Rollout", "the last traffic command (%1% green) failed: %2").arg(t.commandedGreen).arg(t.lastMessage);
    if (const std::optional<int> left = leftoverGreen())
        return phrase("Rollout", "green is at %1% before the first step (a weight left by an earlier run?); set green to 0% before starting").arg(*left);
    if (m_observed && *m_observed != t.commandedGreen)
        return phrase("Rollout", "commanded %1% green but the target reports %2%").arg(t.commandedGreen).arg(*m_observed);
    if (m_drift && m_drift->source == u"measured")
        return drift();
    return std::nullopt;
}

std::optional<int> Rollout::leftoverGreen() const
{
    const TrafficState &t = m_deployment->state().traffic;
    if (m_deployment->state().closed || t.firstShiftMs || t.rollbackActive || t.reachedFull || t.stepGreen != 0 || t.commandedGreen != 0 || m_inFlight > 0
        || t.awaitingResult || t.lastOk == false)
        return std::nullopt;
    if (!m_observed || *m_observed <= 0)
        return std::nullopt;
    return m_observed;
}

Status Rollout::resetLeftoverTraffic()
{
    if (Status s = checkDriving(); !s)
        return s;
    const std::optional<int> left = leftoverGreen();
    if (!left)
        return Status::failure(phrase("Rollout", "green is not on a leftover share before the first step: nothing to reset"));
    return command(0, QStringLiteral("reset: green was at %1% before the first step (left by an earlier run)").arg(*left), false);
}

Status Rollout::checkDriving() const
{
    if (m_deployment->isReadOnly())
        return Status::failure(phrase("Rollout", "this console cannot change the deployment's traffic: %1").arg(m_deployment->readOnlyPhrase()));
    if (!m_traffic)
        return Status::failure(phrase("Rollout", "no traffic controller is configured"));
    return {};
}

Status Rollout::command(int greenPercent, const QString &reason, bool automatic)
{
    if (Status s = checkDriving(); !s)
        return s;
    if (Status s = m_deployment->recordTrafficCommand(greenPercent, reason, automatic); !s) {
        Q_EMIT journalFailed(phrase("Rollout", "the traffic command was not sent because the journal refused it: %1").arg(s.errorPhrase()));
        return s;
    }
    ++m_inFlight;
    m_traffic->apply(greenPercent);
    Q_EMIT commanded(greenPercent, reason, automatic);
    Q_EMIT trafficChanged();
    updateGate();
    return {};
}

RolloutActions Rollout::availableActions() const
{
    const TrafficState &t = m_deployment->state().traffic;
    const auto blocked = [](ActionBlock block, const Phrase &reason, std::optional<int> target = std::nullopt) {
        return ActionAvailability{block, reason, target};
    };
    const auto allowed = [](std::optional<int> target) { return ActionAvailability{ActionBlock::None, {}, target}; };
    RolloutActions a;
    if (const Status driving = checkDriving(); !driving) {
        for (ActionAvailability *each : {&a.stepForward, &a.stepBack, &a.overrideGate, &a.retry, &a.rollBack})
            *each = blocked(ActionBlock::CannotDrive, driving.errorPhrase());
        return a;
    }
    const Phrase inFlight = phrase("Rollout", "a traffic command (%1% green) is in progress; wait for its result, or use Roll back to send everything to blue now")
                                 .arg(t.commandedGreen);

    if (rollbackRunning())
        a.stepForward = blocked(ActionBlock::RollbackRunning, phrase("Rollout", "a rollback is running: traffic goes to 0% green"));
    else if (m_inFlight > 0)
        a.stepForward = blocked(ActionBlock::CommandInFlight, inFlight);
    else if (m_gate.atEnd())
        a.stepForward = blocked(ActionBlock::EndOfPlan, phrase("Rollout", "traffic is already at the end of the plan"));
    else if (!m_gate.open)
        a.stepForward = blocked(ActionBlock::GateClosed, phrase("Rollout", "the gate is closed: %1").arg(Phrase::list(m_gate.reasonPhrases, QStringLiteral("; "))),
                                m_gate.nextPercent);
    else
        a.stepForward = allowed(m_gate.nextPercent);

    if (rollbackRunning())
        a.stepBack = blocked(ActionBlock::RollbackRunning, phrase("Rollout", "a rollback is running: traffic goes to 0% green (use Retry if its command failed)"));
    else if (m_inFlight > 0)
        a.stepBack = blocked(ActionBlock::CommandInFlight, inFlight);
    else if (!m_gate.previousPercent)
        a.stepBack = blocked(ActionBlock::AllOnBlue, phrase("Rollout", "all traffic is already on blue"));
    else
        a.stepBack = allowed(m_gate.previousPercent);

    if (rollbackRunning())
        a.overrideGate = blocked(ActionBlock::RollbackRunning, phrase("Rollout", "a rollback is running; the gate cannot be overridden towards green"));
    else if (m_inFlight > 0)
        a.overrideGate = blocked(ActionBlock::CommandInFlight, inFlight);
    else if (m_gate.atEnd())
        a.overrideGate = blocked(ActionBlock::EndOfPlan, phrase("Rollout", "traffic is already at the end of the plan"));
    else if (!m_deployment->isReadingConfirmed())
        a.overrideGate = blocked(ActionBlock::ReadingNotConfirmed,
                                 phrase("Rollout", "the runbook's reading is not confirmed: confirm what the console read before traffic moves (Deployment > Runbook reading…)"));
    else if (m_gate.open)
        a.overrideGate = blocked(ActionBlock::GateOpen, phrase("Rollout", "the gate is open: step forward without overriding it"), m_gate.nextPercent);
    else
        a.overrideGate = allowed(m_gate.nextPercent);

    if (m_inFlight > 0) {
        a.retry = blocked(ActionBlock::CommandInFlight, inFlight);
    } else if (!trafficProblem()) {
        a.retry = blocked(ActionBlock::NothingToRetry, phrase("Rollout", "the last traffic command landed and the target agrees with it"));
    } else if (t.commandedGreen > t.stepGreen && !rollbackRunning()) {
        // A step forward is retried only through the gate, as if it were asked for now.
        GateInput in = gateInput();
        in.trafficProblem.reset();
        in.commandInFlight = false;
        const GateDecision now = TrafficGate::decide(in);
        if (!now.open || now.nextPercent != t.commandedGreen)
            a.retry = blocked(ActionBlock::GateClosed, phrase("Rollout", "the gate is closed for %1% now: %2").arg(t.commandedGreen).arg(Phrase::list(now.reasonPhrases, QStringLiteral("; "))),
                              t.commandedGreen);
        else
            a.retry = allowed(t.commandedGreen);
    } else {
        a.retry = allowed(t.commandedGreen);
    }

    if (commandedPercent() > 0 || m_observed.value_or(0) > 0 || t.stepGreen > 0)
        a.rollBack = allowed(0);
    else
        a.rollBack = blocked(ActionBlock::AllOnBlue, phrase("Rollout", "all traffic is already on blue: there is nothing to roll back"));
    return a;
}

Status Rollout::advance()
{
    const ActionAvailability a = availableActions().stepForward;
    if (!a.allowed())
        return Status::failure(a.reason);
    return command(*a.targetPercent, TrafficGate::openReason(gateInput(), m_gate).english(), false);
}

Status Rollout::advanceAutomatically()
{
    const ActionAvailability a = availableActions().stepForward;
    if (!a.allowed())
        return Status::failure(a.reason);
    return command(*a.targetPercent, TrafficGate::openReason(gateInput(), m_gate).english(), true);
}

Status Rollout::overrideGate(const QString &reason)
{
    const ActionAvailability a = availableActions().overrideGate;
    if (!a.allowed())
        return Status::failure(a.reason);
    if (reason.trimmed().isEmpty())
        return Status::failure(phrase("Rollout", "overriding the gate needs a reason"));
    const int from = currentPercent();
    const int to = *a.targetPercent;
    if (Status s = m_deployment->recordOverride(from, to, reason, m_gate.reasons); !s)
        return s;
    return command(to, QStringLiteral("gate overridden by %1: %2").arg(m_deployment->operatorName(), reason.trimmed()), false);
}

Status Rollout::stepBack()
{
    const ActionAvailability a = availableActions().stepBack;
    if (!a.allowed())
        return Status::failure(a.reason);
    return command(*a.targetPercent, QStringLiteral("stepped back by %1").arg(m_deployment->operatorName()), false);
}

Status Rollout::rollBack(const QString &reason)
{
    const ActionAvailability a = availableActions().rollBack;
    if (!a.allowed())
        return Status::failure(a.reason);
    return sendAllToBlue(reason);
}

Status Rollout::sendAllToBlue(const QString &reason)
{
    if (Status s = checkDriving(); !s)
        return s;
    startRollback(RuleStatus{}, reason.trimmed().isEmpty() ? QStringLiteral("rollback started by %1").arg(m_deployment->operatorName()) : reason.trimmed(),
                  false);
    return {};
}

Status Rollout::retry()
{
    const ActionAvailability a = availableActions().retry;
    if (!a.allowed())
        return Status::failure(a.reason);
    const TrafficState &t = m_deployment->state().traffic;
    return command(*a.targetPercent, QStringLiteral("retry of %1% green").arg(*a.targetPercent), t.rollbackActive || m_unjournaled);
}

void Rollout::startRollback(const RuleStatus &trigger, const QString &reason, bool automatic)
{
    // Only a console that can send it starts a rollback (checkDriving() passed).
    if (Status s = m_deployment->recordRollback(reason, trigger.ruleId, automatic); !s) {
        Q_EMIT journalFailed(phrase("Rollout", "the rollback was not journaled (written as soon as the journal takes it): %1").arg(s.errorPhrase()));
        m_unjournaled = unjournaled(reason, trigger.ruleId, automatic);
        m_unjournaled->rollbackJournaled = false;
        m_journalRetry->start();
    }
    sendToBlue(reason, automatic);
    Q_EMIT rollbackStarted(trigger, reason);
    updateGate();
}

void Rollout::onApplied(const TrafficResult &result)
{
    m_inFlight = std::max(0, m_inFlight - 1);
    m_landedAtMs = m_deployment->clock()->nowMs();
    if (result.ok && !result.verified) {
        // The split is the command, assumed: nothing was read.
        m_unverified = true;
        m_observed.reset();
        m_weights.reset();
        m_readFailure.reset();
    } else if (result.observedKnown()) {
        m_unverified = false;
        m_observed = result.greenPercent;
        m_readFailure.reset();
        if (result.blueWeight >= 0 && result.greenWeight >= 0)
            m_weights = std::pair{result.blueWeight, result.greenWeight};
    }
    if (m_unjournaled && !m_unjournaled->commandJournaled && result.commandedGreenPercent == 0) {
        m_unjournaled->result = result; // after its command, once the journal takes that
    } else if (!m_deployment->state().closed) {
        if (Status s = m_deployment->recordTrafficResult(result); !s)
            Q_EMIT journalFailed(phrase("Rollout", "a traffic result was not journaled: %1").arg(s.errorPhrase()));
    }
    if (!result.ok && m_unjournaled && result.commandedGreenPercent == 0) {
        // A rollback whose records the journal still refuses is sent again like any other.
        QTimer::singleShot(RollbackRetryMs, this, [this] {
            if (m_unjournaled && m_inFlight == 0 && m_traffic && m_deployment->actsOnTriggers())
                sendToBlue(QStringLiteral("rollback retried after a failed command"), true);
        });
    }
    m_metrics->setFirstShiftMs(m_deployment->state().traffic.firstShiftMs);
    if (!result.ok && result.commandedGreenPercent == commandedPercent()) {
        Q_EMIT commandFailed(result.message);
        // A rollback that did not land is sent again until it does: nobody has to click.
        const TrafficState &t = m_deployment->state().traffic;
        if (t.rollbackActive && t.commandedGreen == 0)
            QTimer::singleShot(RollbackRetryMs, this, [this] {
                const TrafficState &now = m_deployment->state().traffic;
                if (now.rollbackActive && now.commandedGreen == 0 && now.lastOk == false && m_inFlight == 0 && m_traffic && m_deployment->actsOnTriggers())
                    sendToBlue(QStringLiteral("rollback retried after: %1").arg(now.lastMessage), true);
            });
    }
    Q_EMIT trafficChanged();
    evaluate();
}

void Rollout::onObserved(const TrafficResult &result)
{
    if (result.interrupted)
        return; // a command went ahead of the read; its own read-back says where traffic is
    if (!result.ok) {
        // Whatever was read before is no longer known to hold.
        if (m_readFailure == result.message && !m_observed)
            return;
        m_readFailure = result.message;
        m_observed.reset();
        m_weights.reset();
        Q_EMIT trafficChanged();
        evaluate();
        return;
    }
    if (!result.verified) {
        if (m_unverified && !m_observed && !m_readFailure)
            return;
        m_unverified = true;
        m_observed.reset();
        m_weights.reset();
        m_readFailure.reset();
        Q_EMIT trafficChanged();
        evaluate();
        return;
    }
    if (!result.observedKnown())
        return;
    if (result.blueWeight >= 0 && result.greenWeight >= 0)
        m_weights = std::pair{result.blueWeight, result.greenWeight};
    if (m_observed == result.greenPercent && !m_readFailure && !m_unverified)
        return;
    m_observed = result.greenPercent;
    m_readFailure.reset();
    m_unverified = false;
    Q_EMIT trafficChanged();
    evaluate();
}

void Rollout::setGreenHealth(std::optional<bool> healthy, const Phrase &message)
{
    m_greenHealthy = healthy;
    m_greenHealthMessage = message;
    evaluate();
}

void Rollout::setSecurityAlert(std::optional<bool> firing, const Phrase &message)
{
    m_alertFiring = firing;
    m_alertMessage = message;
    evaluate();
}

void Rollout::evaluate()
{
    if (m_evaluating)
        return; // a signal emitted below re-entered; the outer call finishes the job
    m_evaluating = true;
    const qint64 now = m_deployment->clock()->nowMs();
    EvaluationInput input;
    input.samples = m_metrics->store();
    input.nowMs = now;
    input.normalMs = m_metrics->normalResponseTimeMs();
    input.greenActive = greenActive();
    if (!input.greenActive)
        m_greenActiveSinceMs.reset();
    else if (!m_greenActiveSinceMs)
        m_greenActiveSinceMs = now;
    input.greenActiveSinceMs = m_greenActiveSinceMs;
    input.greenHealthy = m_greenHealthy;
    input.securityAlertFiring = m_alertFiring;
    m_evaluation = m_evaluator.evaluate(input);
    if (!m_evaluation.gatingRulesJudgedOk())
        m_decisionPointsOkSinceMs = now;

    QSet<QString> breachedNow;
    QList<RuleStatus> newlyBreached;
    for (const RuleStatus &s : m_evaluation.gatingStatuses()) {
        if (s.state != RuleState::Breached)
            continue;
        breachedNow.insert(s.ruleId);
        if (!m_breached.contains(s.ruleId))
            newlyBreached.append(s);
    }
    m_breached = breachedNow;

    // The console acting on automatic triggers: the driving one, or in a team the one the
    // database chose while the driving one is away (Deployment::actsOnTriggers).
    const bool driving = m_traffic && m_deployment->actsOnTriggers();
    // Automatic triggers first: nothing else in this call may delay the command (the trigger's
    // breach is announced first, and journaled after the command is out).
    QSet<QString> announced;
    if (driving && !rollbackRunning() && input.greenActive) {
        const QList<RuleStatus> triggered = m_evaluation.triggeredAutoRollbacks();
        if (!triggered.isEmpty()) {
            const RuleStatus &first = triggered.first();
            Q_EMIT breached(first);
            announced.insert(first.ruleId);
            startRollback(first, QStringLiteral("automatic trigger %1").arg(first.describe()), true);
        }
    }
    for (const RuleStatus &s : std::as_const(newlyBreached)) {
        if (announced.contains(s.ruleId)) {
            if (Status st = recordBreach(s); !st)
                Q_EMIT journalFailed(phrase("Rollout", "a breach was not journaled: %1").arg(st.errorPhrase()));
            continue;
        }
        if (driving) {
            if (Status st = recordBreach(s); !st)
                Q_EMIT journalFailed(phrase("Rollout", "a breach was not journaled: %1").arg(st.errorPhrase()));
        }
        Q_EMIT breached(s);
        if (s.tier == RuleTier::DecisionPoint)
            Q_EMIT considerRollback(s);
    }
    checkDrift();
    Q_EMIT evaluationChanged();
    m_evaluating = false;
    updateGate();
}

void Rollout::checkDrift()
{
    const TrafficState &t = m_deployment->state().traffic;
    // Judged only between commands, on a command that landed and is journaled: while one is on
    // its way or failed, the gate already says so.
    if (m_deployment->state().closed || m_inFlight > 0 || t.awaitingResult || t.lastOk == false || m_unjournaled)
        return;
    const qint64 now = m_deployment->clock()->nowMs();
    std::optional<Drift> found;
    if (m_observed && *m_observed != t.commandedGreen) {
        found = Drift{t.commandedGreen, *m_observed, QStringLiteral("controller"),
                      m_traffic ? phrase("Rollout", "commanded %1% green but %2 reports %3% green").arg(t.commandedGreen).arg(m_traffic->description()).arg(*m_observed)
                                : phrase("Rollout", "commanded %1% green but the target reports %2% green").arg(t.commandedGreen).arg(*m_observed)};
    } else {
        // Where the profile measures green's share (traffic_share): samples there, judged.
        const qint64 window = MeasuredShare::windowFor(m_metrics->config().pollIntervalMs);
        const qint64 settled = std::max({t.stepSinceMs, m_landedAtMs, m_watchingSinceMs});
        if (const std::optional<double> measured = MeasuredShare::drift(m_metrics->store()->samples({Metric::TrafficShare, Color::Green}), t.commandedGreen, settled, now, window)) {
            const int observed = int(std::lround(*measured));
            found = Drift{t.commandedGreen, observed, QStringLiteral("measured"),
                          phrase("Rollout", "commanded %1% green but the measured share (traffic_share) is %2% for %3 s")
                              .arg(t.commandedGreen)
                              .arg(Phrase::number(*measured, QString::number(*measured, 'f', 1)))
                              .arg(window / 1000)};
        }
    }
    const bool driving = m_traffic && m_deployment->actsOnTriggers() && checkDriving().ok();
    if (found && !m_drift) {
        m_drift = found;
        if (driving) {
            if (Status s = m_deployment->recordTrafficDrift(found->commanded, found->observed, found->source, false, found->text.english()); !s)
                Q_EMIT journalFailed(phrase("Rollout", "traffic found elsewhere than commanded was not journaled: %1").arg(s.errorPhrase()));
        }
        Q_EMIT driftDetected(found->text.english());
        Q_EMIT trafficChanged();
    } else if (!found && m_drift) {
        const Drift ended = *m_drift;
        m_drift.reset();
        if (driving) {
            if (Status s = m_deployment->recordTrafficDrift(t.commandedGreen, t.commandedGreen, ended.source, true, QStringLiteral("traffic is where it was commanded again")); !s)
                Q_EMIT journalFailed(phrase("Rollout", "the end of a traffic drift was not journaled: %1").arg(s.errorPhrase()));
        }
        Q_EMIT trafficChanged();
    } else if (found) {
        m_drift = found;
    }
    // During a rollback, traffic found on green is sent back to blue (once per window, so a
    // measurement that lags does not make a storm of commands).
    if (found && found->observed > 0 && t.rollbackActive && t.commandedGreen == 0 && driving
        && (m_correctedAtMs < 0 || now - m_correctedAtMs >= MeasuredShare::windowFor(m_metrics->config().pollIntervalMs))) {
        m_correctedAtMs = now;
        sendToBlue(QStringLiteral("rollback: drift corrected (%1)").arg(found->text.english()), true);
    }
}

void Rollout::retryJournal()
{
    if (!m_unjournaled) {
        m_journalRetry->stop();
        return;
    }
    UnjournaledRollback &p = *m_unjournaled;
    if (!p.rollbackJournaled) {
        if (!m_deployment->recordRollback(p.reason, p.ruleId, p.automatic))
            return;
        p.rollbackJournaled = true;
    }
    if (!p.commandJournaled) {
        if (!m_deployment->recordTrafficCommand(0, p.commandReason, p.automatic))
            return;
        p.commandJournaled = true;
    }
    if (p.result) {
        if (!m_deployment->recordTrafficResult(*p.result))
            return;
        p.result.reset();
    }
    m_unjournaled.reset();
    m_journalRetry->stop();
    Q_EMIT trafficChanged();
    evaluate();
}

Status Rollout::recordBreach(const RuleStatus &status)
{
    // With the query that was evaluated and blue's latest value then, for the decision record.
    QString query;
    std::optional<double> blue;
    if (const std::optional<Metric> metric = metricForRule(status.metric)) {
        if (const MetricQuery *q = m_metrics->config().query(*metric))
            query = q->expression;
        if (const std::optional<Sample> b = m_metrics->store()->lastGood({*metric, Color::Blue}))
            blue = b->value;
    }
    return m_deployment->recordBreach(status, query, blue);
}

GateInput Rollout::gateInput() const
{
    const TrafficState &t = m_deployment->state().traffic;
    GateInput in;
    in.positions = m_positions;
    in.plan = m_deployment->runbook().trafficPlan;
    in.currentPercent = t.stepGreen;
    in.nowMs = m_deployment->clock()->nowMs();
    in.holdSinceMs = std::max({t.stepSinceMs, m_decisionPointsOkSinceMs, m_watchingSinceMs});
    in.evaluation = m_evaluation;
    in.openPreShiftItems = openPreShiftItems();
    in.greenHealthy = m_greenHealthy;
    in.greenHealthMessage = m_greenHealthMessage;
    if (m_usesNormal && !m_metrics->normalResponseTimeMs()) {
        const NormalResponseTime &normal = m_metrics->config().normalResponseTime;
        in.baselineMissing = normal.source == NormalResponseTime::Source::Measured
            ? phrase("Rollout", "normal response time is not known yet (blue's p95 over the %1 min before the first shift)").arg(normal.windowMs / 60'000)
            : phrase("Rollout", "normal response time is not known");
    }
    in.alertsConfigured = m_settings.alertsConfigured;
    in.alertsMessage = m_alertMessage;
    in.rollbackActive = rollbackRunning();
    in.readingConfirmed = m_deployment->isReadingConfirmed();
    in.commandInFlight = m_inFlight > 0;
    in.trafficProblem = trafficProblemPhrase();
    in.trafficUnreadable = m_readFailure;
    in.trafficUnverified = m_unverified;
    if (m_deployment->isReadOnly())
        in.readOnlyReason = m_deployment->readOnlyPhrase();
    else if (!m_traffic)
        in.readOnlyReason = phrase("Rollout", "the traffic controller is not ready");
    return in;
}

void Rollout::updateGate()
{
    if (m_evaluating)
        return;
    const GateDecision decision = TrafficGate::decide(gateInput());
    if (decision == m_gate)
        return;
    m_gate = decision;
    journalGate(decision);
    Q_EMIT gateChanged();
}

void Rollout::journalGate(const GateDecision &decision)
{
    const TrafficState &t = m_deployment->state().traffic;
    if (decision.atEnd() || m_deployment->state().closed || !checkDriving().ok())
        return;
    // A command in flight belongs to the step itself, not to a closure worth recording.
    QStringList keys;
    QStringList reasons;
    for (qsizetype i = 0; i < decision.reasonKeys.size(); ++i) {
        if (decision.reasonKeys[i] == u"command-in-flight")
            continue;
        keys << decision.reasonKeys[i];
        reasons << decision.reasons.value(i);
    }
    const bool open = keys.isEmpty();
    QStringList tried = keys;
    tried.prepend(open ? QStringLiteral("open") : QStringLiteral("closed"));
    if ((t.gateOpen == open && t.gateReasonKeys == keys) || tried == m_gateKeysTried)
        return;
    m_gateKeysTried = tried;
    if (Status s = m_deployment->recordGateChange(open, t.stepGreen, decision.nextPercent, reasons, keys); !s)
        Q_EMIT journalFailed(phrase("Rollout", "a change of the gate was not journaled: %1").arg(s.errorPhrase()));
}
