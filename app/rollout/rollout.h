#pragma once

#include "core/result.h"
#include "rollout/rolloutactions.h"
#include "gate/ruleevaluation.h"
#include "gate/ruleevaluator.h"
#include "gate/trafficgate.h"
#include "traffic/trafficcontroller.h"
#include "traffic/trafficresult.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <optional>

class PollTimer;
class QTimer;
class Deployment;
class MetricsSession;

// What the profile adds to the runbook for one deployment's rollout.
struct RolloutSettings {
    QHash<QString, qint64> ruleForMs; // `for` per rule id, deployment-clock ms
    bool alertsConfigured = false;    // an alert source answers for the security trigger
};

// Drives one deployment's traffic: judges the runbook's rules on every new sample, keeps the
// gate's verdict, commands traffic steps through the TrafficController and fires the
// automatic triggers. Everything it does is journaled through the Deployment: a command
// before it is sent, its result after, breaches, overrides and rollbacks.
//
// An automatic trigger is acted on in the same call that delivered the breaching sample:
// the rollback and the 0 % command are journaled and apply(0) is issued before control
// returns to the event loop, which sends it on its next turn (bench_trigger measures the
// whole way, from the sample to the bytes reaching the load balancer). A rollback's command is sent even
// when the journal cannot be written; the failure is reported.
//
// The hold counts from the latest of: the step's successful apply, the last evaluation in
// which a decision point was not green, and when this object began watching (after a
// restart the console cannot vouch for what it did not see, so the hold starts again).
class Rollout : public QObject
{
    Q_OBJECT
public:
    Rollout(Deployment *deployment, MetricsSession *metrics, TrafficController *traffic, const RolloutSettings &settings,
            QObject *parent = nullptr);
    ~Rollout() override;

    // Reads the target's traffic back, evaluates, and starts the clock tick.
    void start();

    Deployment *deployment() const { return m_deployment; }
    TrafficController *trafficController() const { return m_traffic; }
    const QList<int> &positions() const { return m_positions; }
    const GateDecision &gate() const { return m_gate; }
    // Why the gate is open, as journaled with the step: "hold of 5 min at 5% passed, all decision points green".
    QString openReason() const { return openReasonPhrase().english(); }
    Phrase openReasonPhrase() const { return TrafficGate::openReason(gateInput(), m_gate); }
    const RuleEvaluation &evaluation() const { return m_evaluation; }
    // Where traffic is: the step (verified), the last command, what the target last reported.
    int currentPercent() const;
    int commandedPercent() const;
    // Green's share as the target last read it back; nullopt when not read yet, when the read
    // failed (readFailure()) or when the controller cannot read back (observationVerified()).
    std::optional<int> observedPercent() const { return m_observed; }
    // False when the controller's last word was "sent, cannot read back": the split is assumed.
    bool observationVerified() const { return !m_unverified; }
    // Why the last read-back failed; nullopt after one that worked. The gate stays closed meanwhile.
    std::optional<Phrase> readFailure() const { return m_readFailure; }
    // The load balancer's configured weights {blue, green} as last read back (HAProxy's `get weight`).
    std::optional<std::pair<int, int>> weights() const { return m_weights; }
    // Green's share measured by the metrics source (traffic_share), when the profile has it and
    // the sample is fresh: where requests went, beside where the weights send them.
    std::optional<double> measuredGreenShare() const;
    // Traffic found elsewhere than commanded (the read-back or the measured share, past the
    // tolerance), as a sentence; nullopt when they agree. Journaled (traffic-drift) once per episode.
    std::optional<Phrase> drift() const;
    // A rollback is running: journaled, or decided and sent while the journal refused it.
    bool rollbackRunning() const;
    bool commandInFlight() const { return m_inFlight > 0; }
    // Why the gate would not open, were everything else fine ("a rollback is running"...).
    std::optional<QString> trafficProblem() const;
    std::optional<Phrase> trafficProblemPhrase() const;
    // Green's share as the target reports it before the first step, when it is not 0: a weight
    // left by an earlier, interrupted run (the deployment has sent no command yet, or only a
    // reset that did not hold). nullopt otherwise, and while it has not been read.
    std::optional<int> leftoverGreen() const;
    // "Set green to 0 %" before the first step: journaled as a traffic command whose reason
    // names the leftover share, then sent. Refused when there is no leftover.
    Status resetLeftoverTraffic();
    std::optional<bool> greenHealthy() const { return m_greenHealthy; }
    Phrase greenHealthMessage() const { return m_greenHealthMessage; }
    std::optional<bool> securityAlertFiring() const { return m_alertFiring; }
    Phrase securityAlertMessage() const { return m_alertMessage; }
    // Rules on green are judged (green has or had traffic; armed after 100 % until closed).
    bool greenActive() const;
    // The open checklist items before the shift, as texts.
    QStringList openPreShiftItems() const;

    // What the operator can do now and why not (see RolloutActions). It changes with
    // gateChanged(), trafficChanged() and the deployment's readOnlyChanged().
    RolloutActions availableActions() const;

    // Operator actions. Each refuses with availableActions()'s reason (and changes nothing)
    // when that says it is not allowed.
    Status advance(); // one step towards green; needs the gate open
    Status overrideGate(const QString &reason); // one step towards green despite the gate (journaled with its reasons)
    // One step towards blue. Not while a rollback runs, and not while a command is in flight:
    // "back" is judged from where traffic verifiably is, and Roll back is there for "now".
    Status stepBack();
    Status rollBack(const QString &reason); // everything to blue now and the rollback procedure; needs something on green
    // Sends the last command again (after a failure or a mismatch); a step forward only if the
    // gate would allow it now. A failed rollback is retried by itself every 2 s.
    Status retry();
    // The headless run's advance: journaled as automatic.
    Status advanceAutomatically();
    // The rollback procedure's "traffic to blue" step: journals a rollback and commands 0 % like
    // rollBack(), also when nothing is on green (starting that procedure is the decision to roll
    // back). Refused only when this console cannot drive the deployment.
    Status sendAllToBlue(const QString &reason);

    // Inputs besides the samples; each re-evaluates.
    void setGreenHealth(std::optional<bool> healthy, const Phrase &message);
    void setSecurityAlert(std::optional<bool> firing, const Phrase &message);
    // Re-evaluates now (also done on every sample and every tick).
    void evaluate();

Q_SIGNALS:
    void gateChanged();
    void evaluationChanged();
    void trafficChanged(); // a command left, a result came back, or the target was read
    // A command was journaled and handed to the controller.
    void commanded(int greenPercent, const QString &reason, bool automatic);
    void commandFailed(const Phrase &message);
    // A gating rule (decision point or automatic trigger) became Breached.
    void breached(const RuleStatus &status);
    // A decision point was breached: the window raises "consider rollback".
    void considerRollback(const RuleStatus &status);
    // Traffic was commanded to 0 % for a rollback (status is the trigger; empty ruleId for an operator).
    void rollbackStarted(const RuleStatus &status, const QString &reason);
    // The journal refused a write; the message says what was not recorded.
    void journalFailed(const Phrase &message);
    // Traffic was found elsewhere than commanded (a new drift episode): the window raises an alarm.
    void driftDetected(const QString &message);

private:
    Status command(int greenPercent, const QString &reason, bool automatic);
    void startRollback(const RuleStatus &trigger, const QString &reason, bool automatic);
    // Journals and sends the 0 % command of a rollback (started, resumed or retried).
    void sendToBlue(const QString &reason, bool automatic);
    void onApplied(const TrafficResult &result);
    void onObserved(const TrafficResult &result);
    void updateGate();
    Status recordBreach(const RuleStatus &status);
    // Journals the gate's verdict when the set of reasons it is closed for changed.
    void journalGate(const GateDecision &decision);
    GateInput gateInput() const;
    Status checkDriving() const;
    // Judges commanded against observed and measured traffic: journals an episode's start and
    // end, and during a rollback sends 0 % again.
    void checkDrift();
    // Writes what a refusing journal did not take of a rollback, in order; stops once all is in.
    void retryJournal();

    struct Drift {
        int commanded = 0;
        int observed = 0;
        QString source; // "controller" or "measured"
        Phrase text;
    };
    // A rollback decided and sent while the journal refused (part of) its records: it runs all
    // the same (no second start on the next sample), and the records are written when the
    // journal takes them again.
    struct UnjournaledRollback {
        QString reason;
        QString ruleId;
        bool automatic = false;
        bool rollbackJournaled = true;
        bool commandJournaled = true;
        QString commandReason;
        std::optional<TrafficResult> result; // the 0 % command's result, held until its command is in
    };
    static UnjournaledRollback unjournaled(const QString &reason, const QString &ruleId, bool automatic);

    Deployment *m_deployment;
    MetricsSession *m_metrics;
    QPointer<TrafficController> m_traffic;
    RolloutSettings m_settings;
    RuleEvaluator m_evaluator;
    RuleEvaluation m_evaluation;
    GateDecision m_gate;
    QList<int> m_positions;
    QStringList m_preShiftIds;
    PollTimer *m_tick;
    PollTimer *m_readBack;
    qint64 m_watchingSinceMs = 0;
    qint64 m_decisionPointsOkSinceMs = 0;
    std::optional<qint64> m_greenActiveSinceMs; // since this console saw green active
    QSet<QString> m_breached; // gating rules Breached at the last evaluation
    int m_inFlight = 0;
    std::optional<int> m_observed;
    bool m_unverified = false;
    std::optional<Phrase> m_readFailure;
    std::optional<std::pair<int, int>> m_weights;
    std::optional<Drift> m_drift;
    qint64 m_landedAtMs = 0;     // when the last command's result came back
    qint64 m_correctedAtMs = -1; // the last drift correction (0 % sent again)
    std::optional<UnjournaledRollback> m_unjournaled;
    QTimer *m_journalRetry;
    std::optional<bool> m_greenHealthy;
    Phrase m_greenHealthMessage;
    std::optional<bool> m_alertFiring;
    Phrase m_alertMessage;
    bool m_evaluating = false;
    bool m_usesNormal = false; // a gating rule is relative to "normal"
    QStringList m_gateKeysTried; // the reasons last handed to the journal (tried once, even when it refused)
};
