#include "faketrafficcontroller.h"

#include "runbook/runbookloader.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "rollout/rollout.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;

double healthyValue(Metric m)
{
    switch (m) {
    case Metric::ErrorRate: return 0.05;
    case Metric::ResponseTime: return 180;
    case Metric::DbErrorRate: return 0.01;
    case Metric::DbQueryTime: return 20;
    case Metric::ResourceUtilization: return 40;
    case Metric::PageLoadTime: return 900;
    case Metric::TrafficShare: return 5;
    }
    return 0;
}
} // namespace

class TestRollout : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<Deployment> m_deployment;
    std::unique_ptr<MetricsSession> m_metrics;
    std::unique_ptr<FakeTrafficController> m_traffic;
    std::unique_ptr<Rollout> m_rollout;
    int m_journals = 0;

    // Every series of both colours, healthy, at the clock's now.
    void feed(Metric override = Metric::TrafficShare, double value = 0)
    {
        const qint64 now = m_clock->nowMs();
        for (int i = 0; i < MetricCount; ++i) {
            const Metric m = Metric(i);
            for (Color c : {Color::Blue, Color::Green}) {
                const double v = (c == Color::Green && m == override && m != Metric::TrafficShare) ? value : healthyValue(m);
                m_metrics->store()->append({m, c}, {now, v});
            }
        }
    }
    // Moves the clock in steps of 10 s, feeding healthy samples at each.
    void run(qint64 ms)
    {
        for (qint64 t = 0; t < ms; t += 10 * Second) {
            m_clock->advanceMs(std::min<qint64>(10 * Second, ms - t));
            feed();
        }
    }
    // The journal without the gate's changes (tst_rolloutgatejournal checks those), which follow
    // the commands and breaches that cause them.
    QList<DeploymentEvent> events() const
    {
        QList<DeploymentEvent> all = m_journal->events(m_deployment->id()).value();
        all.removeIf([](const DeploymentEvent &e) { return e.kind == DeploymentEvent::Kind::GateChanged; });
        return all;
    }
    QStringList kinds() const
    {
        QStringList k;
        for (const DeploymentEvent &e : events())
            k << e.kindName;
        return k;
    }
    void skipPreShift()
    {
        for (const QString &id : TrafficGate::preShiftItemIds(m_deployment->runbook()))
            QVERIFY(m_deployment->skip(id, QStringLiteral("test")).ok());
    }
    // Completes the running operation and lets a queued one start.
    void completeAndSettle(std::optional<int> observed = std::nullopt, bool ok = true, const QString &message = {})
    {
        QVERIFY(m_traffic->running());
        m_traffic->complete(observed, ok, message);
        QCoreApplication::processEvents();
    }
    // Gate open at 0 %, then one step to 5 % applied.
    void toFivePercent()
    {
        skipPreShift();
        QVERIFY2(m_rollout->gate().open, qPrintable(m_rollout->gate().reasons.join(u'|')));
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply());
        completeAndSettle();
        QCOMPARE(m_rollout->currentPercent(), 5);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_clock = std::make_unique<ManualClock>();
        m_journal = std::make_unique<Journal>();
        QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_journals))).ok());
        auto started = Deployment::start(m_journal.get(), m_clock.get(),
                                         {QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice"), QStringLiteral("runbook.md"), RunbookLoader::bundledText()});
        QVERIFY2(started.ok(), qPrintable(started.error()));
        m_deployment = started.take();
        m_metrics = std::make_unique<MetricsSession>(m_clock.get());
        m_metrics->store()->setFreshnessMs(30 * Second);
        // "Normal" is blue's p95 over the 10 minutes before the first shift: give it history
        // at the default poll interval (2 s).
        m_clock->advanceMs(-11 * Minute);
        for (int i = 0; i < 330; ++i) {
            feed();
            m_clock->advanceMs(2 * Second);
        }
        feed();
        m_traffic = std::make_unique<FakeTrafficController>();
        m_rollout = std::make_unique<Rollout>(m_deployment.get(), m_metrics.get(), m_traffic.get(), RolloutSettings{});
        m_rollout->start();
        QTRY_COMPARE(m_traffic->reads, 1);
        completeAndSettle(0); // the read-back at start: all on blue
        m_rollout->setGreenHealth(true, QStringLiteral("200 OK"));
    }
    void cleanup()
    {
        m_rollout.reset();
        m_traffic.reset();
        m_metrics.reset();
        m_deployment.reset();
        m_journal.reset();
        m_clock.reset();
    }

    void firstStepWaitsForTheChecklistAndHealth()
    {
        QVERIFY(!m_rollout->gate().open);
        QVERIFY(m_rollout->gate().reasons.join(u'|').contains(QLatin1String("checklist items before the traffic shift are still open")));
        QVERIFY(!m_rollout->advance().ok());
        QVERIFY(m_traffic->applies.isEmpty());

        m_rollout->setGreenHealth(false, QStringLiteral("503 Service Unavailable"));
        skipPreShift();
        QVERIFY(!m_rollout->gate().open);
        QCOMPARE(m_rollout->gate().reasons, QStringList{QStringLiteral("green's health checks fail: 503 Service Unavailable")});
        m_rollout->setGreenHealth(true, QStringLiteral("200 OK"));
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
        for (int i = 0; i < 6 && m_traffic->applies.size() == 1; ++i) {
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
        m_rollout->setSecurityAlert(true, QStringLiteral("1 alert firing: SecurityIncident (critical)"));
        QVERIFY(!m_rollout->gate().open);
        QVERIFY(m_rollout->gate().reasons.join(u'|').contains(QLatin1String("automatic trigger security_alert")));
        QCoreApplication::processEvents();
        QVERIFY(m_traffic->applies.isEmpty());
        // ...and with green carrying traffic it sends everything back to blue.
        m_rollout->setSecurityAlert(false, QStringLiteral("no matching alert"));
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle();
        m_rollout->setSecurityAlert(true, QStringLiteral("1 alert firing: SecurityIncident (critical)"));
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
        QCOMPARE(failed.first().first().toString(), QStringLiteral("No such server."));
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
        toFivePercent();
        for (int step : {10, 25, 50, 100}) {
            run(TrafficGate::holdMsAt(m_deployment->runbook().trafficPlan, m_rollout->currentPercent()) + 10 * Second);
            QVERIFY2(m_rollout->advance().ok(), qPrintable(m_rollout->gate().reasons.join(u'|')));
            QTRY_VERIFY(m_traffic->running());
            completeAndSettle();
            QCOMPARE(m_rollout->currentPercent(), step);
        }
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
