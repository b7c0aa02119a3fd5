// Where traffic really is, against where it was commanded (issue 15 §1, traffic): drift is
// journaled, alarmed and corrected during a rollback; a controller that cannot read back is
// never taken as verified; a failed read-back closes the gate; a journal that refuses a
// rollback's records does not make every sample start it again; the measured share counts.
#include "rolloutfixture.h"

#include "rollout/measuredshare.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

class TestRolloutTraffic : public QObject, protected RolloutFixture
{
    Q_OBJECT

    QList<DeploymentEvent> eventsOf(DeploymentEvent::Kind kind) const
    {
        QList<DeploymentEvent> all = events();
        all.removeIf([kind](const DeploymentEvent &e) { return e.kind != kind; });
        return all;
    }
    int commandsTo(int green) const
    {
        int n = 0;
        for (const DeploymentEvent &e : eventsOf(DeploymentEvent::Kind::TrafficCommanded))
            n += e.payload.value(QStringLiteral("green")).toInt() == green ? 1 : 0;
        return n;
    }
    // A read-back turn of the Rollout (every 15 s of deployment time).
    void readBackTurn()
    {
        m_clock->advanceMs(15 * Second);
        feed();
        QTRY_VERIFY(m_traffic->running() && !m_traffic->runningIsApply());
    }
    void setQueryOnly(bool on)
    {
        QSqlQuery q(m_journal->database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA query_only = %1").arg(on ? 1 : 0)));
    }

private Q_SLOTS:
    void init() { setUpRollout(); }
    void cleanup() { tearDownRollout(); }

    void driftDuringARollbackIsJournaledAlarmedAndCorrected()
    {
        toFivePercent();
        QVERIFY(m_rollout->rollBack(QStringLiteral("operator")).ok());
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle(); // 0 % landed
        QCOMPARE(m_rollout->observedPercent(), 0);
        QSignalSpy alarm(m_rollout.get(), &Rollout::driftDetected);
        // An HAProxy reload restores green's weight: the next read-back finds green at 5 %.
        readBackTurn();
        completeAndSettle(5);
        const QList<DeploymentEvent> drift = eventsOf(DeploymentEvent::Kind::TrafficDrift);
        QCOMPARE(drift.size(), 1);
        QCOMPARE(drift.first().payload.value(QStringLiteral("commanded")).toInt(), 0);
        QCOMPARE(drift.first().payload.value(QStringLiteral("observed")).toInt(), 5);
        QCOMPARE(drift.first().payload.value(QStringLiteral("source")).toString(), QStringLiteral("controller"));
        QCOMPARE(alarm.size(), 1);
        QVERIFY(m_rollout->drift().has_value());
        // Corrected: 0 % sent again, journaled first.
        QTRY_COMPARE(m_traffic->applies, (QList<int>{5, 0, 0}));
        QCOMPARE(commandsTo(0), 2);
        QVERIFY(eventsOf(DeploymentEvent::Kind::TrafficCommanded).last().payload.value(QStringLiteral("reason")).toString().contains(QLatin1String("drift")));
        completeAndSettle();
        // The episode ends, once; journaled once more, not per read.
        QVERIFY(!m_rollout->drift());
        readBackTurn();
        completeAndSettle(0);
        const QList<DeploymentEvent> after = eventsOf(DeploymentEvent::Kind::TrafficDrift);
        QCOMPARE(after.size(), 2);
        QVERIFY(after.last().payload.value(QStringLiteral("ended")).toBool());
        QCOMPARE(alarm.size(), 1);
        QVERIFY(!m_deployment->state().traffic.driftObserved);
    }

    void driftOutsideARollbackClosesTheGateOnce()
    {
        toFivePercent();
        QSignalSpy alarm(m_rollout.get(), &Rollout::driftDetected);
        readBackTurn();
        completeAndSettle(0); // green drained by hand
        QCOMPARE(eventsOf(DeploymentEvent::Kind::TrafficDrift).size(), 1);
        QCOMPARE(alarm.size(), 1);
        QVERIFY(m_rollout->gate().reasonKeys.contains(QStringLiteral("traffic-problem")));
        readBackTurn();
        completeAndSettle(0);
        QCOMPARE(eventsOf(DeploymentEvent::Kind::TrafficDrift).size(), 1); // once per episode
        QCOMPARE(m_traffic->applies, QList<int>{5}); // not a rollback: nothing is sent by itself
    }

    void anUnverifiedSplitIsNeverCalledObserved()
    {
        skipPreShift();
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply());
        m_traffic->completeUnverified();
        QCoreApplication::processEvents();
        QCOMPARE(m_rollout->currentPercent(), 5);
        QVERIFY(!m_rollout->observationVerified());
        QCOMPARE(m_rollout->observedPercent(), std::nullopt);
        QCOMPARE(m_deployment->state().traffic.observedGreen, std::nullopt);
        QVERIFY(!m_deployment->state().traffic.lastVerified);
        // The read-back turn cannot read either: still unverified, not "cannot be read".
        readBackTurn();
        m_traffic->completeUnverified();
        QCoreApplication::processEvents();
        QVERIFY(!m_rollout->observationVerified());
        QVERIFY(!m_rollout->gate().reasonKeys.contains(QStringLiteral("traffic-unreadable")));
        run(TrafficGate::holdMsAt(m_deployment->runbook().trafficPlan, 5) + 10 * Second);
        QVERIFY2(m_rollout->gate().open, qPrintable(m_rollout->gate().reasons.join(u'|')));
        QVERIFY2(m_rollout->openReason().contains(QLatin1String("not verified")), qPrintable(m_rollout->openReason()));
        // Reopened: still not verified.
        Rollout again(m_deployment.get(), m_metrics.get(), m_traffic.get(), RolloutSettings{});
        QVERIFY(!again.observationVerified());
        QCOMPARE(again.observedPercent(), std::nullopt);
    }

    void aFailedReadBackClosesTheGate()
    {
        toFivePercent();
        run(TrafficGate::holdMsAt(m_deployment->runbook().trafficPlan, 5) + 10 * Second);
        while (m_traffic->running())
            completeAndSettle(5);
        QVERIFY2(m_rollout->gate().open, qPrintable(m_rollout->gate().reasons.join(u'|')));
        readBackTurn();
        completeAndSettle(std::nullopt, false, QStringLiteral("connection refused"));
        QCOMPARE(m_rollout->observedPercent(), std::nullopt);
        QCOMPARE(m_rollout->readFailure().value_or(Phrase()).english(), QStringLiteral("connection refused"));
        QVERIFY(!m_rollout->gate().open);
        QVERIFY(m_rollout->gate().reasonKeys.contains(QStringLiteral("traffic-unreadable")));
        QVERIFY(m_rollout->gate().reasons.contains(QStringLiteral("traffic cannot be read: connection refused")));
        QVERIFY(!m_rollout->advance().ok());
        // Readable again: the gate's reason goes.
        readBackTurn();
        completeAndSettle(5);
        QVERIFY(!m_rollout->readFailure());
        QVERIFY(!m_rollout->gate().reasonKeys.contains(QStringLiteral("traffic-unreadable")));
    }

    void aReadInterruptedByACommandIsNotAReadFailure()
    {
        toFivePercent();
        readBackTurn();
        QVERIFY(m_rollout->rollBack(QStringLiteral("operator")).ok()); // interrupts the read
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply());
        QVERIFY(!m_rollout->readFailure());
        completeAndSettle();
        QVERIFY(!m_rollout->gate().reasonKeys.contains(QStringLiteral("traffic-unreadable")));
    }

    void aRefusingJournalDoesNotStartTheRollbackAgain()
    {
        toFivePercent();
        QSignalSpy started(m_rollout.get(), &Rollout::rollbackStarted);
        QSignalSpy journalFailed(m_rollout.get(), &Rollout::journalFailed);
        setQueryOnly(true);
        m_clock->advanceMs(10 * Second);
        m_metrics->store()->append({Metric::ErrorRate, Color::Green}, {m_clock->nowMs(), 2.5});
        QCOMPARE(started.size(), 1);
        QVERIFY(!journalFailed.isEmpty());
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle();
        // Every later breaching sample finds the rollback running: no second apply, no second alarm.
        for (int i = 0; i < 5; ++i) {
            m_clock->advanceMs(2 * Second);
            m_metrics->store()->append({Metric::ErrorRate, Color::Green}, {m_clock->nowMs(), 3.0});
            QCoreApplication::processEvents();
        }
        QCOMPARE(started.size(), 1);
        QCOMPARE(m_traffic->applies, (QList<int>{5, 0}));
        QVERIFY(m_rollout->rollbackRunning());
        QCOMPARE(m_rollout->commandedPercent(), 0);
        QVERIFY(m_rollout->gate().reasonKeys.contains(QStringLiteral("rollback")));
        QCOMPARE(eventsOf(DeploymentEvent::Kind::RollbackStarted).size(), 0);
        // The journal takes writes again: the records arrive in order, by themselves.
        setQueryOnly(false);
        QTRY_COMPARE_WITH_TIMEOUT(eventsOf(DeploymentEvent::Kind::RollbackStarted).size(), 1, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(m_deployment->state().traffic.stepGreen, 0, 10'000);
        const TrafficState &t = m_deployment->state().traffic;
        QVERIFY(t.rollbackActive);
        QCOMPARE(t.rollbackRuleId, QStringLiteral("auto-rollback.error_rate"));
        QCOMPARE(t.commandedGreen, 0);
        QCOMPARE(t.lastOk, true);
        QCOMPARE(commandsTo(0), 1);
        QCOMPARE(started.size(), 1);
        QCOMPARE(m_traffic->applies, (QList<int>{5, 0}));
    }

    void aMeasuredShareElsewhereIsDrift()
    {
        toFivePercent();
        for (int step : {10, 25}) {
            run(TrafficGate::holdMsAt(m_deployment->runbook().trafficPlan, m_rollout->currentPercent()) + 10 * Second);
            while (m_traffic->running())
                completeAndSettle(m_rollout->currentPercent());
            QVERIFY2(m_rollout->advance().ok(), qPrintable(m_rollout->gate().reasons.join(u'|')));
            QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply());
            completeAndSettle();
            QCOMPARE(m_rollout->currentPercent(), step);
        }
        // The weights say 25 %, and a few points off is agreement...
        for (int i = 0; i < 10; ++i) {
            m_clock->advanceMs(2 * Second);
            feed(Metric::TrafficShare, 22);
        }
        QVERIFY(eventsOf(DeploymentEvent::Kind::TrafficDrift).isEmpty());
        QVERIFY(m_rollout->measuredGreenShare().has_value());
        QCOMPARE(*m_rollout->measuredGreenShare(), 22.0);
        // ...but green drained: requests stop going there whatever its weight.
        QSignalSpy alarm(m_rollout.get(), &Rollout::driftDetected);
        m_clock->advanceMs(2 * Second);
        feed(Metric::TrafficShare, 0);
        QVERIFY(eventsOf(DeploymentEvent::Kind::TrafficDrift).isEmpty()); // one sample is no drift
        for (int i = 0; i < 6; ++i) {
            m_clock->advanceMs(2 * Second);
            feed(Metric::TrafficShare, 0);
        }
        const QList<DeploymentEvent> drift = eventsOf(DeploymentEvent::Kind::TrafficDrift);
        QCOMPARE(drift.size(), 1);
        QCOMPARE(drift.first().payload.value(QStringLiteral("source")).toString(), QStringLiteral("measured"));
        QCOMPARE(drift.first().payload.value(QStringLiteral("commanded")).toInt(), 25);
        QCOMPARE(drift.first().payload.value(QStringLiteral("observed")).toInt(), 0);
        QCOMPARE(alarm.size(), 1);
        QVERIFY(m_rollout->gate().reasonKeys.contains(QStringLiteral("traffic-problem")));
    }

    void measuredShareRules_data()
    {
        QTest::addColumn<QList<double>>("values"); // one every 2 s, the last at now
        QTest::addColumn<qint64>("settledAgoMs");
        QTest::addColumn<bool>("drift");
        QTest::newRow("agrees") << QList<double>{25, 24, 26, 25, 25, 25} << qint64(60'000) << false;
        QTest::newRow("within tolerance") << QList<double>{21, 21, 21, 21, 21, 21} << qint64(60'000) << false;
        QTest::newRow("off for the whole window") << QList<double>{25, 0, 0, 0, 0, 0, 0} << qint64(60'000) << true;
        QTest::newRow("off, not settled") << QList<double>{0, 0, 0, 0, 0, 0} << qint64(5'000) << false;
        QTest::newRow("back within tolerance at the end") << QList<double>{0, 0, 0, 0, 0, 24} << qint64(60'000) << false;
        QTest::newRow("NaN is not a measurement") << QList<double>{qQNaN(), qQNaN(), qQNaN(), qQNaN(), qQNaN(), 0} << qint64(60'000) << false;
    }
    void measuredShareRules()
    {
        QFETCH(QList<double>, values);
        QFETCH(qint64, settledAgoMs);
        QFETCH(bool, drift);
        const qint64 now = 1'000'000;
        std::vector<Sample> samples;
        for (qsizetype i = 0; i < values.size(); ++i)
            samples.push_back({now - (values.size() - 1 - i) * 2000, values[i]});
        QCOMPARE(MeasuredShare::drift(samples, 25, now - settledAgoMs, now, MeasuredShare::windowFor(2000)).has_value(), drift);
    }
};

QTEST_GUILESS_MAIN(TestRolloutTraffic)
#include "tst_rollouttraffic.moc"
