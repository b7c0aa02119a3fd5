#include "rolloutfixture.h"

#include "journal/deploymentlock.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>
#include <memory>

namespace {
// Where the availableActionsSayWhyNot rows stand.
enum class Stage { BeforeFirstStep, GateOpenAtZero, HoldAtFive, CommandInFlight, FailedCommand, RollbackRunning, ReadOnly, EndOfPlan };
} // namespace

class TestRollout : public QObject, protected RolloutFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpRollout(); }
    void cleanup() { tearDownRollout(); }

    void firstStepWaitsForTheChecklistAndHealth()
    {
        QVERIFY(!m_rollout->gate().open);
        QVERIFY(m_rollout->gate().reasons.join(u'|').contains(QLatin1String("checklist items before the traffic shift are still open")));
        QVERIFY(!m_rollout->advance().ok());
        QVERIFY(m_traffic->applies.isEmpty());

        m_rollout->setGreenHealth(false, Phrase::verbatim(QStringLiteral("503 Service Unavailable")));
        skipPreShift();
        QVERIFY(!m_rollout->gate().open);
        QCOMPARE(m_rollout->gate().reasons, QStringList{QStringLiteral("green's health checks fail: 503 Service Unavailable")});
        m_rollout->setGreenHealth(true, Phrase::verbatim(QStringLiteral("200 OK")));
        QVERIFY(m_rollout->gate().open);
    }

    void aCommandIsJournaledBeforeItIsSentAndItsResultAfter()
    {
        skipPreShift();
        QVERIFY(m_rollout->advance().ok());
        QCOMPARE(kinds().last(), QStringLiteral("traffic-commanded"));
        QCOMPARE(events().last().payload.value(QStringLiteral("green")).toInt(), 5);
        QCOMPARE(events().last().payload.value(QStringLiteral("reason")).toString(), QStringLiteral("pre-shift checklist done, green healthy"));
        QTRY_COMPARE(m_traffic->applies, QList<int>{5});
        QVERIFY(!m_rollout->gate().open); // in flight
        completeAndSettle();
        QCOMPARE(kinds().last(), QStringLiteral("traffic-applied"));
        QVERIFY(events().last().payload.value(QStringLiteral("ok")).toBool());
        QCOMPARE(m_deployment->state().traffic.stepGreen, 5);
        QCOMPARE(m_rollout->observedPercent(), 5);
        QCOMPARE(m_deployment->state().traffic.firstShiftMs, m_clock->nowMs());
    }

    void theHoldMustPassOnGreenData()
    {
        toFivePercent();
        QVERIFY(!m_rollout->gate().open);
        QCOMPARE(m_rollout->gate().holdRemainingMs, 5 * Minute);
        QVERIFY(!m_rollout->advance().ok());
        run(5 * Minute - 10 * Second);
        QVERIFY(!m_rollout->gate().open);
        QCOMPARE(m_rollout->gate().holdRemainingMs, 10 * Second);
        run(10 * Second);
        QVERIFY2(m_rollout->gate().open, qPrintable(m_rollout->gate().reasons.join(u'|')));
        QCOMPARE(m_rollout->openReason(), QStringLiteral("hold of 5 min at 5% passed, all decision points green"));
        QVERIFY(m_rollout->advance().ok());
        QTRY_COMPARE(m_traffic->applies.last(), 10);
    }

    void aDecisionPointBreachClosesTheGateAndRestartsTheHold()
    {
        toFivePercent();
        QSignalSpy consider(m_rollout.get(), &Rollout::considerRollback);
        run(3 * Minute);
        m_clock->advanceMs(10 * Second);
        feed(Metric::ErrorRate, 1.5); // > 1 %: consider rollback, < 2 %: no trigger
        QCOMPARE(consider.size(), 1);
        QCOMPARE(consider.first().first().value<RuleStatus>().ruleId, QStringLiteral("decision-point.error_rate"));
        QCOMPARE(kinds().last(), QStringLiteral("rule-breached"));
        QVERIFY(m_rollout->gate().reasons.join(u'|').contains(QLatin1String("decision point error_rate 1.5 % > 1 %")));
        QVERIFY(m_traffic->applies == QList<int>{5}); // a decision point never moves traffic by itself
        const qint64 breachAt = m_clock->nowMs();
        run(2 * Minute); // back to healthy; the step's own 5 minutes have passed now...
        QVERIFY(!m_rollout->gate().open); // ...but not 5 minutes of green data
        QVERIFY(m_rollout->gate().holdRemainingMs > 0);
        run(breachAt + 5 * Minute + 10 * Second - m_clock->nowMs());
        QVERIFY2(m_rollout->gate().open, qPrintable(m_rollout->gate().reasons.join(u'|')));
    }

    // A console that lost its lock (another took it over while this one was frozen) sends no
    // traffic anywhere, not even the automatic rollback: the console that drives now decides.
    void aConsoleThatLostItsLockSendsNothing()
    {
        toFivePercent();
        DeploymentLock alice(m_journal.get(), m_deployment->id(), QStringLiteral("alice"));
        QCOMPARE(alice.acquire().value(), true);
        Journal other;
        QVERIFY(other.open(m_journal->path()).ok());
        QSqlQuery(other.database()).exec(QStringLiteral("UPDATE deployment_locks SET heartbeat_ms = 0, host = 'elsewhere'"));
        DeploymentLock bob(&other, m_deployment->id(), QStringLiteral("bob"));
        QCOMPARE(bob.acquire().value(), true);
        QVERIFY(alice.isHeld()); // no heartbeat yet: this console has not noticed
        QSignalSpy journalFailed(m_rollout.get(), &Rollout::journalFailed);
        m_clock->advanceMs(10 * Second);
        m_metrics->store()->append({Metric::ErrorRate, Color::Green}, {m_clock->nowMs(), 2.5});
        QCoreApplication::processEvents();
        QCOMPARE(m_traffic->applies, (QList<int>{5})); // nothing after the step to 5 %
        QVERIFY(!journalFailed.isEmpty());
        for (const DeploymentEvent &e : events())
            QVERIFY(e.kind != DeploymentEvent::Kind::RollbackStarted && !(e.kind == DeploymentEvent::Kind::TrafficCommanded && e.payload.value(QStringLiteral("green")).toInt() == 0));
        // Nor a step forward past the gate.
        const Status overridden = m_rollout->overrideGate(QStringLiteral("the step is needed now"));
        QVERIFY(!overridden.ok());
        QVERIFY2(overridden.error().contains(QLatin1String("bob")), qPrintable(overridden.error()));
        QCoreApplication::processEvents();
        QCOMPARE(m_traffic->applies, (QList<int>{5}));
    }

    void anAutomaticTriggerCommandsBlueBeforeReturning()
    {
        toFivePercent();
        QSignalSpy started(m_rollout.get(), &Rollout::rollbackStarted);
        m_clock->advanceMs(10 * Second);
        // The breaching sample arrives: before append() returns, the rollback is journaled and
        // apply(0) issued; the controller sends it on the next turn of the event loop.
        QSignalSpy commanded(m_rollout.get(), &Rollout::commanded);
        m_metrics->store()->append({Metric::ErrorRate, Color::Green}, {m_clock->nowMs(), 2.5});
        QCOMPARE(commanded.size(), 1);
        QCOMPARE(commanded.first().first().toInt(), 0);
        QCOMPARE(started.size(), 1);
        QCoreApplication::processEvents();
        QCOMPARE(m_traffic->applies, (QList<int>{5, 0}));
        QCOMPARE(started.first().first().value<RuleStatus>().ruleId, QStringLiteral("auto-rollback.error_rate"));
        const QList<DeploymentEvent> ev = events();
        // Journaled before the command: the rollback and the 0 % command, both automatic.
        qsizetype rollback = -1, command = -1;
        for (qsizetype i = 0; i < ev.size(); ++i) {
            if (ev[i].kind == DeploymentEvent::Kind::RollbackStarted)
                rollback = i;
            if (ev[i].kind == DeploymentEvent::Kind::TrafficCommanded && ev[i].payload.value(QStringLiteral("green")).toInt() == 0)
                command = i;
        }
        QVERIFY(rollback >= 0 && command > rollback);
        QVERIFY(ev[command].payload.value(QStringLiteral("automatic")).toBool());
        QCOMPARE(ev[rollback].payload.value(QStringLiteral("ruleId")).toString(), QStringLiteral("auto-rollback.error_rate"));
        QVERIFY(ev[rollback].payload.value(QStringLiteral("reason")).toString().contains(QLatin1String("error_rate 2.5 % > 2 %")));
        completeAndSettle();
        QCOMPARE(m_deployment->state().traffic.stepGreen, 0);
        QVERIFY(m_deployment->state().traffic.rollbackActive);
        QVERIFY(!m_rollout->gate().open);
        QVERIFY(m_rollout->gate().reasons.contains(QStringLiteral("a rollback is running")));
        QVERIFY(!m_rollout->advance().ok());
        QVERIFY(!m_rollout->overrideGate(QStringLiteral("I know better")).ok());
        // Still breaching: no second rollback.
        m_clock->advanceMs(10 * Second);
        m_metrics->store()->append({Metric::ErrorRate, Color::Green}, {m_clock->nowMs(), 3.0});
        QCoreApplication::processEvents();
        QCOMPARE(m_traffic->applies, (QList<int>{5, 0}));
    }

    void noDataFromGreenIsServiceDown()
    {
        toFivePercent();
        // Green stops answering: only blue's samples keep coming.
        for (int i = 0; i < 8 && m_traffic->applies.size() == 1; ++i) { // a minute of silence is down
            m_clock->advanceMs(10 * Second);
            for (int m = 0; m < MetricCount; ++m)
                m_metrics->store()->append({Metric(m), Color::Blue}, {m_clock->nowMs(), healthyValue(Metric(m))});
            QCoreApplication::processEvents();
        }
        QCOMPARE(m_traffic->applies, (QList<int>{5, 0}));
        QCOMPARE(m_deployment->state().traffic.rollbackRuleId, QStringLiteral("auto-rollback.service_down"));
    }

    void aFiringSecurityAlertRollsBack()
    {
        // Before the first step a firing alert closes the gate (nothing to roll back)...
        skipPreShift();
        m_rollout->setSecurityAlert(true, Phrase::verbatim(QStringLiteral("1 alert firing: SecurityIncident (critical)")));
        QVERIFY(!m_rollout->gate().open);
        QVERIFY(m_rollout->gate().reasons.join(u'|').contains(QLatin1String("automatic trigger security_alert")));
        QCoreApplication::processEvents();
        QVERIFY(m_traffic->applies.isEmpty());
        // ...and with green carrying traffic it sends everything back to blue.
        m_rollout->setSecurityAlert(false, Phrase::verbatim(QStringLiteral("no matching alert")));
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle();
        m_rollout->setSecurityAlert(true, Phrase::verbatim(QStringLiteral("1 alert firing: SecurityIncident (critical)")));
        QCoreApplication::processEvents();
        QCOMPARE(m_traffic->applies, (QList<int>{5, 0}));
        QCOMPARE(m_deployment->state().traffic.rollbackRuleId, QStringLiteral("auto-rollback.security_alert"));
    }

    void aFailedRollbackIsSentAgainByItself()
    {
        toFivePercent();
        QVERIFY(m_rollout->rollBack(QStringLiteral("operator")).ok());
        QTRY_COMPARE(m_traffic->applies, (QList<int>{5, 0}));
        completeAndSettle(std::nullopt, false, QStringLiteral("connection refused"));
        // Back towards green is not offered while the rollback has not landed.
        QVERIFY(!m_rollout->stepBack().ok());
        QTRY_COMPARE_WITH_TIMEOUT(m_traffic->applies, (QList<int>{5, 0, 0}), 5000);
        completeAndSettle();
        QCOMPARE(m_rollout->currentPercent(), 0);
        QCOMPARE(m_deployment->state().traffic.lastOk, true);
    }

    void anUnfinishedRollbackResumesWhenTheConsoleComesBack()
    {
        toFivePercent();
        // The console journals the rollback and dies before the command's result.
        QVERIFY(m_deployment->recordRollback(QStringLiteral("automatic trigger x"), QStringLiteral("auto-rollback.error_rate"), true).ok());
        QVERIFY(m_deployment->recordTrafficCommand(0, QStringLiteral("automatic trigger x"), true).ok());
        m_rollout.reset();
        m_traffic = std::make_unique<FakeTrafficController>();
        m_rollout = std::make_unique<Rollout>(m_deployment.get(), m_metrics.get(), m_traffic.get(), RolloutSettings{});
        m_rollout->start();
        QTRY_COMPARE(m_traffic->applies, QList<int>{0});
        QVERIFY(events().last().payload.value(QStringLiteral("reason")).toString().startsWith(QLatin1String("rollback resumed")));
    }

    void aStepForwardIsRetriedOnlyThroughTheGate()
    {
        skipPreShift();
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle(std::nullopt, false, QStringLiteral("No such server."));
        const QString item = TrafficGate::preShiftItemIds(m_deployment->runbook()).first();
        QVERIFY(m_deployment->uncheck(item).ok()); // the gate closes again
        QVERIFY(!m_rollout->retry().ok());
        QVERIFY(m_deployment->skip(item, QStringLiteral("test")).ok());
        const Status retried = m_rollout->retry();
        QVERIFY2(retried.ok(), qPrintable(retried.error()));
        QTRY_COMPARE(m_traffic->applies, (QList<int>{5, 5}));
    }

    void everythingToBlueInterruptsAStepOnItsWay()
    {
        skipPreShift();
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running()); // 5 % is on its way and hangs
        QVERIFY(m_rollout->rollBack(QStringLiteral("operator")).ok());
        QTRY_COMPARE(m_traffic->applies, (QList<int>{5, 0}));
        completeAndSettle();
        QCOMPARE(m_rollout->currentPercent(), 0);
        QVERIFY(!m_rollout->commandInFlight());
    }

    void movingBackIsAlwaysAllowed()
    {
        toFivePercent();
        QVERIFY(!m_rollout->gate().open);
        QVERIFY(m_rollout->stepBack().ok());
        QTRY_COMPARE(m_traffic->applies.last(), 0);
        completeAndSettle();
        QCOMPARE(m_rollout->currentPercent(), 0);
        QVERIFY(!m_rollout->stepBack().ok()); // nothing behind 0 %
    }

    // Back while a step forward is on its way: refused, like an override or a retry, until the
    // command's result says where traffic is; Roll back stays there for "everything to blue now".
    void aStepBackWhileACommandIsInFlightIsRefused()
    {
        toFivePercent();
        run(5 * Minute + 10 * Second);
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningPercent() == 10);
        const ActionAvailability back = m_rollout->availableActions().stepBack;
        QCOMPARE(nameOf(back.block), nameOf(ActionBlock::CommandInFlight));
        QVERIFY2(back.reason.english().contains(QLatin1String("in progress")), qPrintable(back.reason.english()));
        const Status refused = m_rollout->stepBack();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), back.reason.english());
        QVERIFY(m_rollout->availableActions().rollBack.allowed());
        QCoreApplication::processEvents();
        QCOMPARE(m_traffic->applies, (QList<int>{5, 10}));
        QCOMPARE(kinds().count(QStringLiteral("traffic-commanded")), 2);

        completeAndSettle();
        QCOMPARE(m_rollout->currentPercent(), 10);
        const ActionAvailability now = m_rollout->availableActions().stepBack;
        QVERIFY2(now.allowed(), qPrintable(now.reason.english()));
        QCOMPARE(now.targetPercent, std::optional<int>(5));
        QVERIFY(m_rollout->stepBack().ok());
        QTRY_COMPARE(m_traffic->applies, (QList<int>{5, 10, 5}));
    }

    // What the engine says each action may do, and that each action refuses exactly what it
    // says is not allowed, with the same reason, sending nothing.
    void availableActionsSayWhyNot_data()
    {
        QTest::addColumn<Stage>("stage");
        QTest::addColumn<QList<ActionBlock>>("blocks"); // forward, back, override, retry, roll back
        QTest::addColumn<QList<int>>("targets");        // -1: none
        using B = ActionBlock;
        QTest::newRow("before the first step, checklist open")
            << Stage::BeforeFirstStep << QList<B>{B::GateClosed, B::AllOnBlue, B::None, B::NothingToRetry, B::AllOnBlue} << QList<int>{5, -1, 5, -1, -1};
        QTest::newRow("gate open at 0 %") << Stage::GateOpenAtZero << QList<B>{B::None, B::AllOnBlue, B::GateOpen, B::NothingToRetry, B::AllOnBlue}
                                          << QList<int>{5, -1, 5, -1, -1};
        QTest::newRow("hold at 5 %") << Stage::HoldAtFive << QList<B>{B::GateClosed, B::None, B::None, B::NothingToRetry, B::None}
                                     << QList<int>{10, 0, 10, -1, 0};
        QTest::newRow("command in flight")
            << Stage::CommandInFlight << QList<B>{B::CommandInFlight, B::CommandInFlight, B::CommandInFlight, B::CommandInFlight, B::None}
            << QList<int>{-1, -1, -1, -1, 0};
        QTest::newRow("failed command") << Stage::FailedCommand << QList<B>{B::GateClosed, B::AllOnBlue, B::None, B::None, B::None}
                                        << QList<int>{5, -1, 5, 5, 0};
        QTest::newRow("rollback running")
            << Stage::RollbackRunning << QList<B>{B::RollbackRunning, B::RollbackRunning, B::RollbackRunning, B::NothingToRetry, B::AllOnBlue}
            << QList<int>{-1, -1, -1, -1, -1};
        QTest::newRow("read-only") << Stage::ReadOnly << QList<B>{B::CannotDrive, B::CannotDrive, B::CannotDrive, B::CannotDrive, B::CannotDrive}
                                   << QList<int>{-1, -1, -1, -1, -1};
        QTest::newRow("end of the plan") << Stage::EndOfPlan << QList<B>{B::EndOfPlan, B::None, B::EndOfPlan, B::NothingToRetry, B::None}
                                         << QList<int>{-1, 50, -1, -1, 0};
    }
    void availableActionsSayWhyNot()
    {
        QFETCH(Stage, stage);
        QFETCH(QList<ActionBlock>, blocks);
        QFETCH(QList<int>, targets);
        switch (stage) {
        case Stage::BeforeFirstStep: break;
        case Stage::GateOpenAtZero: skipPreShift(); break;
        case Stage::HoldAtFive: toFivePercent(); break;
        case Stage::CommandInFlight:
            toFivePercent();
            run(5 * Minute + 10 * Second);
            QVERIFY(m_rollout->advance().ok());
            QTRY_VERIFY(m_traffic->running());
            break;
        case Stage::FailedCommand:
            skipPreShift();
            QVERIFY(m_rollout->advance().ok());
            QTRY_VERIFY(m_traffic->running());
            completeAndSettle(std::nullopt, false, QStringLiteral("No such server."));
            break;
        case Stage::RollbackRunning:
            toFivePercent();
            QVERIFY(m_rollout->rollBack(QStringLiteral("operator")).ok());
            QTRY_VERIFY(m_traffic->running());
            completeAndSettle();
            break;
        case Stage::ReadOnly:
            toFivePercent();
            m_deployment->setHeldBy(QStringLiteral("bob on host-2 (pid 42)"));
            break;
        case Stage::EndOfPlan: toFullTraffic(); break;
        }
        if (QTest::currentTestFailed())
            return;

        const RolloutActions actions = m_rollout->availableActions();
        const QList<RolloutAction> all{RolloutAction::StepForward, RolloutAction::StepBack, RolloutAction::Override, RolloutAction::Retry, RolloutAction::RollBack};
        for (qsizetype i = 0; i < all.size(); ++i) {
            const ActionAvailability &a = actions.of(all.at(i));
            const QString what = nameOf(all.at(i)) + QStringLiteral(": ") + a.reason.english();
            QVERIFY2(nameOf(a.block) == nameOf(blocks.at(i)), qPrintable(QStringLiteral("%1 (%2, expected %3)").arg(what, nameOf(a.block), nameOf(blocks.at(i)))));
            QVERIFY2(a.allowed() == a.reason.isEmpty(), qPrintable(what));
            QCOMPARE(a.targetPercent.value_or(-1), targets.at(i));
            if (stage == Stage::ReadOnly)
                QVERIFY2(a.reason.english().contains(QLatin1String("bob on host-2")), qPrintable(what));
        }
        // Every refusal is the action's own answer, and nothing is sent or journaled.
        const QList<int> applies = m_traffic->applies;
        const qsizetype journaled = events().size();
        const std::map<RolloutAction, std::function<Status()>> run{
            {RolloutAction::StepForward, [this] { return m_rollout->advance(); }},
            {RolloutAction::StepBack, [this] { return m_rollout->stepBack(); }},
            {RolloutAction::Override, [this] { return m_rollout->overrideGate(QStringLiteral("CAB approved")); }},
            {RolloutAction::Retry, [this] { return m_rollout->retry(); }},
            {RolloutAction::RollBack, [this] { return m_rollout->rollBack(QStringLiteral("operator")); }},
        };
        for (RolloutAction action : all) {
            const ActionAvailability &a = actions.of(action);
            if (a.allowed())
                continue;
            const Status s = run.at(action)();
            QVERIFY2(!s.ok(), qPrintable(nameOf(action)));
            QCOMPARE(s.error(), a.reason.english());
        }
        if (!actions.stepForward.allowed()) // the headless run's advance asks the same question
            QCOMPARE(m_rollout->advanceAutomatically().error(), actions.stepForward.reason.english());
        QCoreApplication::processEvents();
        QCOMPARE(m_traffic->applies, applies);
        QCOMPARE(events().size(), journaled);
    }

    // The rollback procedure's first step sends everything to blue even when nothing is on
    // green, where the Roll back button has nothing to do: starting the procedure is the
    // decision, and the rollback is journaled.
    void theProcedureSendsAllToBlueEvenFromZero()
    {
        QVERIFY(!m_rollout->availableActions().rollBack.allowed());
        QVERIFY(!m_rollout->rollBack(QStringLiteral("operator")).ok());
        QVERIFY(m_rollout->sendAllToBlue(QStringLiteral("procedure step: Stop traffic to green environment")).ok());
        QVERIFY(m_deployment->state().traffic.rollbackActive);
        QTRY_COMPARE(m_traffic->applies, QList<int>{0});
        m_deployment->setHeldBy(QStringLiteral("bob on host-2 (pid 42)"));
        QVERIFY(!m_rollout->sendAllToBlue(QStringLiteral("again")).ok());
    }

    void overrideIsJournaledWithWhatItOverrode()
    {
        toFivePercent();
        QVERIFY(!m_rollout->overrideGate(QStringLiteral("  ")).ok());
        QVERIFY(m_rollout->overrideGate(QStringLiteral("CAB approved, incident INC-42")).ok());
        const QList<DeploymentEvent> ev = events();
        const DeploymentEvent &o = ev[ev.size() - 2];
        QCOMPARE(o.kind, DeploymentEvent::Kind::GateOverridden);
        QCOMPARE(o.payload.value(QStringLiteral("to")).toInt(), 10);
        QCOMPARE(o.operatorName, QStringLiteral("alice"));
        QVERIFY(o.payload.value(QStringLiteral("blockedBy")).toVariant().toStringList().join(u'|').contains(QLatin1String("monitoring hold at 5%")));
        QCOMPARE(m_deployment->state().traffic.overrides.size(), 1);
        QTRY_COMPARE(m_traffic->applies.last(), 10);
    }

    void aFailedCommandIsShownAndCanBeRetried()
    {
        skipPreShift();
        QSignalSpy failed(m_rollout.get(), &Rollout::commandFailed);
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle(std::nullopt, false, QStringLiteral("No such server."));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Phrase>().english(), QStringLiteral("No such server."));
        QCOMPARE(m_rollout->currentPercent(), 0);
        QVERIFY(m_rollout->trafficProblem().value_or(QString()).contains(QLatin1String("failed: No such server.")));
        QVERIFY(!m_rollout->gate().open);
        QVERIFY(m_rollout->retry().ok());
        QTRY_COMPARE(m_traffic->applies, (QList<int>{5, 5}));
        completeAndSettle();
        QCOMPARE(m_rollout->currentPercent(), 5);
        QVERIFY(!m_rollout->trafficProblem());
    }

    void commandedAndObservedNeverSilentlyDiffer()
    {
        toFivePercent();
        m_traffic->read();
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle(3); // someone moved it outside the console
        QCOMPARE(m_rollout->observedPercent(), 3);
        QVERIFY(m_rollout->trafficProblem().value_or(QString()).contains(QLatin1String("commanded 5% green but the target reports 3%")));
        run(6 * Minute);
        QVERIFY(!m_rollout->gate().open);
    }

    // Issue 13: a deployment that starts with green already at 5 % (a weight an interrupted run
    // left) says so, keeps the gate closed, and offers "set green to 0 %", journaled.
    void aLeftoverWeightBeforeTheFirstStepIsShownAndReset()
    {
        skipPreShift();
        QVERIFY(m_rollout->gate().open);
        QVERIFY(!m_rollout->leftoverGreen());
        QVERIFY(!m_rollout->resetLeftoverTraffic().ok()); // nothing to reset
        m_traffic->read();
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle(5); // the load balancer still sends 5 % to green
        QCOMPARE(m_rollout->leftoverGreen(), std::optional<int>(5));
        QVERIFY(!m_rollout->gate().open);
        QVERIFY2(m_rollout->gate().reasons.join(u'|').contains(QLatin1String("green is at 5% before the first step")),
                 qPrintable(m_rollout->gate().reasons.join(u'|')));
        QVERIFY(m_rollout->gate().reasonKeys.contains(QStringLiteral("traffic-problem")));
        QVERIFY(m_traffic->applies.isEmpty());

        QVERIFY(m_rollout->resetLeftoverTraffic().ok());
        const QList<DeploymentEvent> journaled = events();
        const auto reset = std::find_if(journaled.crbegin(), journaled.crend(), [](const DeploymentEvent &e) { return e.kind == DeploymentEvent::Kind::TrafficCommanded; });
        QVERIFY(reset != journaled.crend());
        QCOMPARE(reset->payload.value(QStringLiteral("green")).toInt(), 0);
        QVERIFY(reset->payload.value(QStringLiteral("reason")).toString().contains(QLatin1String("green was at 5% before the first step")));
        QTRY_COMPARE(m_traffic->applies, QList<int>{0});
        completeAndSettle();
        QCOMPARE(m_rollout->observedPercent(), 0);
        QVERIFY(!m_rollout->leftoverGreen());
        QVERIFY2(m_rollout->gate().open, qPrintable(m_rollout->gate().reasons.join(u'|')));
        QVERIFY(!m_deployment->state().traffic.firstShiftMs);
    }

    void aConsoleThatDoesNotHoldTheLockOnlyWatches()
    {
        skipPreShift();
        m_deployment->setHeldBy(QStringLiteral("bob on host-2 (pid 42)"));
        m_rollout->evaluate();
        QVERIFY(!m_rollout->gate().open);
        QVERIFY(m_rollout->gate().reasons.join(u'|').contains(QLatin1String("bob on host-2")));
        QVERIFY(!m_rollout->advance().ok());
        QVERIFY(!m_rollout->rollBack(QString()).ok());
        QVERIFY(!m_rollout->overrideGate(QStringLiteral("x")).ok());
        QVERIFY(m_traffic->applies.isEmpty());
    }

    void triggersStayArmedAfterFullTraffic()
    {
        toFullTraffic();
        QVERIFY(m_rollout->gate().atEnd());
        QVERIFY(m_deployment->state().traffic.reachedFull);
        run(30 * Minute);
        m_clock->advanceMs(10 * Second);
        feed(Metric::DbErrorRate, 0.8); // > 0.5 %: automatic trigger, long after 100 %
        QTRY_COMPARE(m_traffic->applies.last(), 0);
    }

    void reopenedDeploymentKeepsItsTrafficState()
    {
        toFivePercent();
        m_rollout.reset();
        auto reopened = Deployment::open(m_journal.get(), m_clock.get(), m_deployment->id(), QStringLiteral("alice"));
        QVERIFY(reopened.ok());
        const TrafficState &t = reopened.value()->state().traffic;
        QCOMPARE(t.stepGreen, 5);
        QCOMPARE(t.commandedGreen, 5);
        QVERIFY(!t.awaitingResult);
        QCOMPARE(t.observedGreen, 5);
    }
};

QTEST_GUILESS_MAIN(TestRollout)
#include "tst_rollout.moc"
