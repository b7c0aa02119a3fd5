// RuleEvaluator over time and as a whole: `for` durations, states held, green without traffic, service down, security alerts, what the gate is told, the texts, and evaluation as a pure function of its inputs.
#include "ruleevaluatortestdata.h"

class TestRuleEvaluation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forDuration()
    {
        const QString id = QStringLiteral("auto-rollback.error_rate");
        RuleEvaluator evaluator(reference().rules, {{id, 30'000}});
        QCOMPARE(evaluator.forMs(id), 30'000);
        QCOMPARE(evaluator.forMs(QStringLiteral("decision-point.error_rate")), 0);
        SampleStore store;
        const auto at = [&](qint64 t, double errorRate) {
            fillHealthy(store, t);
            setGreen(store, Metric::ErrorRate, errorRate, t - 100);
            return evaluator.evaluate(activeInput(&store, t));
        };
        const qint64 t0 = Now;

        RuleEvaluation e = at(t0, 0.01);
        QCOMPARE(nameOf(e.status(id)->state), nameOf(RuleState::Ok));

        e = at(t0 + 1000, 2.5); // breach begins
        QCOMPARE(nameOf(e.status(id)->state), nameOf(RuleState::Pending));
        QCOMPARE(e.status(id)->sinceMs, t0 + 1000);
        QCOMPARE(e.status(id)->heldMs, 0);
        QCOMPARE(e.status(id)->forMs, 30'000);
        QVERIFY(e.triggeredAutoRollbacks().isEmpty());
        // A rule without `for` breaches at once on the same sample (decision point > 1 %).
        QCOMPARE(nameOf(e.status(QStringLiteral("decision-point.error_rate"))->state), nameOf(RuleState::Breached));

        e = at(t0 + 30'999, 2.5);
        QCOMPARE(nameOf(e.status(id)->state), nameOf(RuleState::Pending));
        QCOMPARE(e.status(id)->heldMs, 29'999);

        e = at(t0 + 31'000, 2.5); // held for exactly `for`
        QCOMPARE(nameOf(e.status(id)->state), nameOf(RuleState::Breached));
        QCOMPARE(e.status(id)->sinceMs, t0 + 1000);
        QCOMPARE(e.status(id)->heldMs, 30'000);
        QCOMPARE(e.triggeredAutoRollbacks().size(), 1);
        QCOMPARE(e.triggeredAutoRollbacks().first().ruleId, id);

        e = at(t0 + 40'000, 0.5); // recovery resets
        QCOMPARE(nameOf(e.status(id)->state), nameOf(RuleState::Ok));
        QCOMPARE(e.status(id)->sinceMs, t0 + 40'000);

        e = at(t0 + 41'000, 0.5);
        QCOMPARE(e.status(id)->heldMs, 1000);

        e = at(t0 + 42'000, 3.0); // a new breach starts from zero
        QCOMPARE(nameOf(e.status(id)->state), nameOf(RuleState::Pending));
        QCOMPARE(e.status(id)->sinceMs, t0 + 42'000);

        // A gap in the data also resets the `for` clock.
        e = evaluator.evaluate(activeInput(&store, t0 + 60'000)); // everything 18 s old
        QCOMPARE(nameOf(e.status(id)->state), nameOf(RuleState::NoData));
        e = at(t0 + 80'000, 3.0);
        QCOMPARE(nameOf(e.status(id)->state), nameOf(RuleState::Pending));
        QCOMPARE(e.status(id)->sinceMs, t0 + 80'000);

        evaluator.reset();
        e = at(t0 + 81'000, 3.0);
        QCOMPARE(e.status(id)->sinceMs, t0 + 81'000);
    }

    void stateSinceAndHeld()
    {
        const QString id = QStringLiteral("decision-point.error_rate");
        RuleEvaluator evaluator({referenceRule(id)});
        SampleStore store;
        fillHealthy(store, Now);
        RuleEvaluation e = evaluator.evaluate(activeInput(&store, Now));
        QCOMPARE(e.status(id)->sinceMs, Now);
        fillHealthy(store, Now + 2000);
        e = evaluator.evaluate(activeInput(&store, Now + 2000));
        QCOMPARE(nameOf(e.status(id)->state), nameOf(RuleState::Ok));
        QCOMPARE(e.status(id)->sinceMs, Now);
        QCOMPARE(e.status(id)->heldMs, 2000);
        QCOMPARE(e.atMs(), Now + 2000);
        // A clock that went back never gives a negative time held.
        e = evaluator.evaluate(activeInput(&store, Now - 1000));
        QCOMPARE(e.status(id)->heldMs, 0);
    }

    void greenInactive()
    {
        SampleStore store;
        fillHealthy(store);
        // Every green series far beyond its thresholds: without green traffic none of it counts.
        for (int i = 0; i < MetricCount; ++i)
            setGreen(store, Metric(i), 1e6);
        EvaluationInput in = activeInput(&store);
        in.greenActive = false;
        in.greenHealthy = false;
        in.normalMs.reset();
        RuleEvaluator evaluator(reference().rules);
        RuleEvaluation e = evaluator.evaluate(in);
        for (const RuleStatus &s : e.statuses()) {
            if (s.metric == RuleMetric::SecurityAlert)
                QCOMPARE(nameOf(s.state), nameOf(RuleState::Ok));
            else
                QCOMPARE(nameOf(s.state), nameOf(RuleState::Inactive));
        }
        QVERIFY(e.decisionPointsAllOk());
        QVERIFY(e.triggeredAutoRollbacks().isEmpty());
        QVERIFY(e.breached().isEmpty());

        // A firing security alert is not about green's metrics: reported whatever the traffic.
        in.securityAlertFiring = true;
        e = evaluator.evaluate(in);
        QCOMPARE(e.triggeredAutoRollbacks().size(), 1);
        QCOMPARE(e.triggeredAutoRollbacks().first().metric, RuleMetric::SecurityAlert);
    }

    void serviceDown_data()
    {
        QTest::addColumn<int>("health"); // -1 unknown, 0 failing, 1 passing
        QTest::addColumn<int>("data");   // 0 all series fresh, 1 all stale, 2 only traffic share fresh, 3 one metric fresh, 4 no store, 5 only blue fresh
        QTest::addColumn<int>("expected");
        QTest::newRow("passing, fresh") << 1 << 0 << int(RuleState::Ok);
        QTest::newRow("unknown, fresh") << -1 << 0 << int(RuleState::Ok);
        QTest::newRow("failing, fresh") << 0 << 0 << int(RuleState::Breached);
        // Blue silent too: the metrics source is down, which says nothing of green.
        QTest::newRow("passing, all stale") << 1 << 1 << int(RuleState::NoData);
        QTest::newRow("unknown, all stale") << -1 << 1 << int(RuleState::NoData);
        QTest::newRow("failing, all stale") << 0 << 1 << int(RuleState::Breached);
        QTest::newRow("passing, only traffic share fresh") << 1 << 2 << int(RuleState::NoData);
        QTest::newRow("passing, one metric fresh") << 1 << 3 << int(RuleState::Ok);
        QTest::newRow("passing, no store") << 1 << 4 << int(RuleState::NoData);
        // Blue reports, green does not: green is down.
        QTest::newRow("passing, green stale, blue fresh") << 1 << 5 << int(RuleState::Breached);
        QTest::newRow("unknown, green stale, blue fresh") << -1 << 5 << int(RuleState::Breached);
    }
    void serviceDown()
    {
        QFETCH(int, health);
        QFETCH(int, data);
        QFETCH(int, expected);
        SampleStore store;
        fillHealthy(store, data == 0 ? Now : Now - 60'000);
        if (data == 2)
            setGreen(store, Metric::TrafficShare, 10);
        if (data == 3)
            setGreen(store, Metric::DbQueryTime, 20);
        if (data == 5) {
            for (int i = 0; i < MetricCount; ++i)
                store.append({Metric(i), Color::Blue}, {Now - 500, healthyValue(Metric(i))});
        }
        EvaluationInput in = activeInput(data == 4 ? nullptr : &store);
        in.greenHealthy = health < 0 ? std::nullopt : std::optional<bool>(health == 1);
        const Rule rule = referenceRule(QStringLiteral("auto-rollback.service_down"));
        QCOMPARE(rule.op, RuleOp::Firing);
        RuleEvaluator evaluator({rule});
        const RuleEvaluation e = evaluator.evaluate(in);
        const RuleStatus &s = e.statuses().constFirst();
        QCOMPARE(nameOf(s.state), stateName(expected));
        QVERIFY(!s.reason.isEmpty());
        QCOMPARE(e.triggeredAutoRollbacks().size(), expected == int(RuleState::Breached) ? 1 : 0);
        if (s.state == RuleState::Breached)
            QVERIFY2(s.comparisonText().startsWith(QStringLiteral("firing: ")), qPrintable(s.comparisonText()));
    }

    // Green's series appear a poll (and a rate window) after its first traffic: silence from it
    // before its first sample since then is "down" only after a minute (a slow or time-scaled
    // machine is not a dead green: under ASan, at 200x, the 4 s freshness was 20 ms of real
    // time and the trigger rolled a healthy demo back); once it has reported, silence is down
    // after a minute too; failing health checks count at once.
    void serviceDownWaitsForGreensFirstSamples()
    {
        SampleStore store;
        store.setFreshnessMs(4000);
        for (int i = 0; i < MetricCount; ++i) // blue reports throughout: the metrics source works
            store.append({Metric(i), Color::Blue}, {Now - 500, healthyValue(Metric(i))});
        const Rule rule = referenceRule(QStringLiteral("auto-rollback.service_down"));
        RuleEvaluator evaluator({rule});
        EvaluationInput in = activeInput(&store);
        in.greenHealthy.reset();
        const auto judged = [&] { return evaluator.evaluate(in).statuses().constFirst(); };
        in.greenActiveSinceMs = Now - 4000;
        QCOMPARE(nameOf(judged().state), nameOf(RuleState::NoData));
        in.greenActiveSinceMs = Now - 59'999;
        QCOMPARE(nameOf(judged().state), nameOf(RuleState::NoData));
        QCOMPARE(judged().reason.english(), QStringLiteral("waiting for green's first samples since it got traffic"));
        in.greenActiveSinceMs = Now - 60'000;
        QCOMPARE(nameOf(judged().state), nameOf(RuleState::Breached));
        QCOMPARE(judged().reason.english(), QStringLiteral("no data from green in the 60 s since it got traffic"));

        // A sample from before green got traffic is no sign of life since.
        setGreen(store, Metric::ErrorRate, 0.1, Now - 10'000);
        in.greenActiveSinceMs = Now - 9000;
        QCOMPARE(nameOf(judged().state), nameOf(RuleState::NoData));
        // Green reported since, then fell silent for longer than a sample stays fresh: the gate
        // has no data, and only a minute of silence is down (one late poll is not a dead green:
        // on a loaded machine at 200x, 4 s of freshness was 20 ms and a healthy demo rolled back).
        in.greenActiveSinceMs = Now - 11'000;
        QCOMPARE(nameOf(judged().state), nameOf(RuleState::NoData));
        QCOMPARE(judged().reason.english(), QStringLiteral("no fresh data from green (down after 60 s of silence)"));
        const auto blueReportsAt = [&](qint64 t) {
            for (int i = 0; i < MetricCount; ++i)
                store.append({Metric(i), Color::Blue}, {t - 500, healthyValue(Metric(i))});
        };
        in.nowMs = Now + 60'000 - 10'000 - 1; // 59.999 s after green's latest sample
        blueReportsAt(in.nowMs);
        QCOMPARE(nameOf(judged().state), nameOf(RuleState::NoData));
        in.nowMs = Now + 60'000 - 10'000;
        QCOMPARE(nameOf(judged().state), nameOf(RuleState::Breached));
        QCOMPARE(judged().reason.english(), QStringLiteral("no data from green for 60 s"));
        in.nowMs = Now;
        // Still reporting: fine.
        setGreen(store, Metric::ErrorRate, 0.1, Now - 4000);
        QCOMPARE(nameOf(judged().state), nameOf(RuleState::Ok));

        in.greenActiveSinceMs = Now;
        in.greenHealthy = false;
        QCOMPARE(nameOf(judged().state), nameOf(RuleState::Breached));
    }

    void securityAlert_data()
    {
        QTest::addColumn<int>("flag"); // -1 unknown
        QTest::addColumn<int>("expected");
        QTest::newRow("firing") << 1 << int(RuleState::Breached);
        QTest::newRow("not firing") << 0 << int(RuleState::Ok);
        QTest::newRow("unknown") << -1 << int(RuleState::NoData);
    }
    void securityAlert()
    {
        QFETCH(int, flag);
        QFETCH(int, expected);
        SampleStore store;
        fillHealthy(store);
        EvaluationInput in = activeInput(&store);
        in.securityAlertFiring = flag < 0 ? std::nullopt : std::optional<bool>(flag == 1);
        const RuleStatus s = RuleEvaluator::judge(referenceRule(QStringLiteral("auto-rollback.security_alert")), in);
        QCOMPARE(nameOf(s.state), stateName(expected));
    }

    void healthyDeploymentIsAllOk()
    {
        SampleStore store;
        fillHealthy(store);
        RuleEvaluator evaluator(reference().rules);
        const RuleEvaluation e = evaluator.evaluate(activeInput(&store));
        QCOMPARE(e.statuses().size(), 20);
        for (const RuleStatus &s : e.statuses())
            QVERIFY2(s.state == RuleState::Ok, qPrintable(s.ruleId + QLatin1Char(' ') + s.describe()));
        QVERIFY(e.decisionPointsAllOk());
        QVERIFY(e.decisionPointsNotOk().isEmpty());
        QCOMPARE(e.gatingStatuses().size(), 9);
        QVERIFY(!e.status(QStringLiteral("no-such-rule")));
    }

    void alertTiersNeverGate()
    {
        SampleStore store;
        fillHealthy(store);
        setGreen(store, Metric::ResponseTime, 900); // above the 500 ms info level, below 2x normal
        RuleEvaluator evaluator(reference().rules);
        const RuleEvaluation e = evaluator.evaluate(activeInput(&store));
        QCOMPARE(nameOf(e.status(QStringLiteral("alert-info.response_time"))->state), nameOf(RuleState::Breached));
        QCOMPARE(nameOf(e.status(QStringLiteral("target.response_time"))->state), nameOf(RuleState::Breached));
        QVERIFY(!e.status(QStringLiteral("alert-info.response_time"))->isGating());
        QVERIFY(e.decisionPointsAllOk());
        QVERIFY(e.triggeredAutoRollbacks().isEmpty());
        QCOMPARE(e.breached().size(), 2);
    }

    void decisionPointBreachClosesGate()
    {
        SampleStore store;
        fillHealthy(store);
        setGreen(store, Metric::ErrorRate, 1.5); // > 1 % decision point, not > 2 % trigger
        RuleEvaluator evaluator(reference().rules);
        const RuleEvaluation e = evaluator.evaluate(activeInput(&store));
        QVERIFY(!e.decisionPointsAllOk());
        QCOMPARE(e.decisionPointsNotOk().size(), 1);
        QCOMPARE(e.decisionPointsNotOk().first().ruleId, QStringLiteral("decision-point.error_rate"));
        QVERIFY(e.triggeredAutoRollbacks().isEmpty());
    }

    void texts_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<double>("errorRate");
        QTest::addColumn<QString>("comparison");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("trigger breach") << "auto-rollback.error_rate" << 2.4 << "2.4 % > 2 %" << "error_rate 2.4 % > 2 % (green)";
        QTest::newRow("trigger ok") << "auto-rollback.error_rate" << 0.4 << "0.4 % not > 2 %" << "error_rate 0.4 % not > 2 % (green)";
        QTest::newRow("target failing") << "target.error_rate" << 0.15 << "0.15 % not < 0.1 %" << "error_rate 0.15 % not < 0.1 % (green)";
        QTest::newRow("target holding") << "target.error_rate" << 0.05 << "0.05 % < 0.1 %" << "error_rate 0.05 % < 0.1 % (green)";
        QTest::newRow("binary noise hidden") << "auto-rollback.error_rate" << 0.1 + 0.2 + 2.0 << "2.3 % > 2 %" << "error_rate 2.3 % > 2 % (green)";
    }
    void texts()
    {
        QFETCH(QString, ruleId);
        QFETCH(double, errorRate);
        SampleStore store;
        fillHealthy(store);
        setGreen(store, Metric::ErrorRate, errorRate);
        const RuleStatus s = RuleEvaluator::judge(referenceRule(ruleId), activeInput(&store));
        QTEST(s.comparisonText(), "comparison");
        QTEST(s.describe(), "sentence");
    }

    void noDataText()
    {
        SampleStore store;
        setGreen(store, Metric::ErrorRate, 3.0, Now - 12'000);
        const RuleStatus s = RuleEvaluator::judge(referenceRule(QStringLiteral("auto-rollback.error_rate")), activeInput(&store));
        QCOMPARE(s.describe(), QStringLiteral("error_rate: no data: green's latest sample is 12 s old (fresh means at most 4 s)"));
    }

    // Same rules, same `for` durations, same sequence of inputs: same evaluations, whoever asks.
    void evaluationIsAFunctionOfItsInputs()
    {
        const QHash<QString, qint64> forMs{{QStringLiteral("auto-rollback.error_rate"), 5000}};
        RuleEvaluator a(reference().rules, forMs);
        RuleEvaluator b(reference().rules, forMs);
        SampleStore store;
        QList<RuleEvaluation> first;
        for (int step = 0; step < 12; ++step) {
            const qint64 t = Now + step * 2000;
            fillHealthy(store, t);
            setGreen(store, Metric::ErrorRate, step < 3 ? 0.05 : 0.5 * step, t - 10);
            setGreen(store, Metric::ResponseTime, 100.0 * step, t - 10);
            EvaluationInput in = activeInput(&store, t);
            in.greenActive = step > 0;
            in.greenHealthy = step == 7 ? std::optional<bool>(false) : std::optional<bool>(true);
            in.securityAlertFiring = step == 9 ? std::nullopt : std::optional<bool>(step == 10);
            if (step == 5)
                in.normalMs.reset();
            const RuleEvaluation ea = a.evaluate(in);
            QCOMPARE(ea.statuses().size(), 20);
            QVERIFY(ea == b.evaluate(in));
            // Asking again at the same instant changes nothing.
            QVERIFY(ea == a.evaluate(in));
            QVERIFY(ea == b.evaluate(in));
            first.append(ea);
            // The instantaneous verdict is pure too.
            for (const Rule &r : reference().rules)
                QVERIFY(RuleEvaluator::judge(r, in) == RuleEvaluator::judge(r, in));
        }
        // A reset evaluator replaying the same inputs gives the same sequence.
        a.reset();
        SampleStore replay;
        for (int step = 0; step < 12; ++step) {
            const qint64 t = Now + step * 2000;
            fillHealthy(replay, t);
            setGreen(replay, Metric::ErrorRate, step < 3 ? 0.05 : 0.5 * step, t - 10);
            setGreen(replay, Metric::ResponseTime, 100.0 * step, t - 10);
            EvaluationInput in = activeInput(&replay, t);
            in.greenActive = step > 0;
            in.greenHealthy = step == 7 ? std::optional<bool>(false) : std::optional<bool>(true);
            in.securityAlertFiring = step == 9 ? std::nullopt : std::optional<bool>(step == 10);
            if (step == 5)
                in.normalMs.reset();
            QVERIFY2(a.evaluate(in) == first.at(step), qPrintable(QString::number(step)));
        }
        // And the sequence did go through the interesting states.
        QCOMPARE(nameOf(first.at(0).status(QStringLiteral("decision-point.error_rate"))->state), nameOf(RuleState::Inactive));
        QCOMPARE(nameOf(first.at(5).status(QStringLiteral("auto-rollback.response_time"))->state), nameOf(RuleState::NoData));
        QCOMPARE(nameOf(first.at(5).status(QStringLiteral("auto-rollback.error_rate"))->state), nameOf(RuleState::Pending));
        QCOMPARE(nameOf(first.at(9).status(QStringLiteral("auto-rollback.security_alert"))->state), nameOf(RuleState::NoData));
        QCOMPARE(nameOf(first.at(10).status(QStringLiteral("auto-rollback.security_alert"))->state), nameOf(RuleState::Breached));
        QCOMPARE(nameOf(first.at(7).status(QStringLiteral("auto-rollback.service_down"))->state), nameOf(RuleState::Breached));
    }
};

QTEST_GUILESS_MAIN(TestRuleEvaluation)
#include "tst_ruleevaluation.moc"
