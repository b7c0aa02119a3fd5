// RuleEvaluator, one rule at a time: thresholds resolved and compared, units converted, stale or missing data and a missing baseline as no data.
#include "ruleevaluatortestdata.h"

using namespace Qt::StringLiterals;

class TestRuleEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void referenceRunbookHasTwentyRules()
    {
        const Runbook &r = reference();
        QVERIFY(!r.hasErrors());
        QCOMPARE(r.rules.size(), 20);
        QHash<RuleTier, int> perTier;
        for (const Rule &rule : r.rules)
            ++perTier[rule.tier];
        QCOMPARE(perTier.value(RuleTier::Target), 5);
        QCOMPARE(perTier.value(RuleTier::AlertInfo) + perTier.value(RuleTier::AlertWarning) + perTier.value(RuleTier::AlertCritical), 6);
        QCOMPARE(perTier.value(RuleTier::DecisionPoint), 4);
        QCOMPARE(perTier.value(RuleTier::AutoRollback), 5);
        QCOMPARE(RuleEvaluator::gatingRules(r.rules).size(), 9);
    }

    // The resolved thresholds, written out by hand from the runbook text.
    void resolvedThresholds_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<QString>("unit");
        QTest::newRow("target error rate < 0.1 %") << "target.error_rate" << 0.1 << "%";
        QTest::newRow("target response time < 500 ms") << "target.response_time" << 500.0 << "ms";
        QTest::newRow("target page load < 2 s") << "target.page_load_time" << 2000.0 << "ms";
        QTest::newRow("critical response time > 2 s") << "alert-critical.response_time" << 2000.0 << "ms";
        QTest::newRow("warning response time > 1 s") << "alert-warning.response_time" << 1000.0 << "ms";
        QTest::newRow("decision point response time > 2x normal") << "decision-point.response_time" << 2 * NormalMs << "ms";
        QTest::newRow("decision point db errors > 0.1 %") << "decision-point.db_error_rate" << 0.1 << "%";
        QTest::newRow("trigger error rate > 2 %") << "auto-rollback.error_rate" << 2.0 << "%";
        QTest::newRow("trigger response time > 3x normal") << "auto-rollback.response_time" << 3 * NormalMs << "ms";
        QTest::newRow("trigger db errors > 0.5 %") << "auto-rollback.db_error_rate" << 0.5 << "%";
    }
    void resolvedThresholds()
    {
        QFETCH(QString, ruleId);
        QFETCH(double, threshold);
        SampleStore store;
        fillHealthy(store);
        const RuleStatus s = RuleEvaluator::judge(referenceRule(ruleId), activeInput(&store));
        QVERIFY(s.threshold);
        QCOMPARE(*s.threshold, threshold);
        QTEST(s.unit, "unit");
    }

    // Every numeric rule of the reference runbook at, just below and just above its threshold.
    void atBelowAboveEachThreshold_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("expected");
        int numeric = 0;
        for (const Rule &r : reference().rules) {
            if (r.op == RuleOp::Firing)
                continue;
            ++numeric;
            const double t = expectedThreshold(r);
            const double step = std::max(std::abs(t) * 1e-6, 1e-9);
            // Breach tiers write the breach condition and compare strictly; targets write the
            // healthy condition, which fails at the threshold itself.
            const bool greater = r.op == RuleOp::Greater;
            const bool target = r.tier == RuleTier::Target;
            const auto state = [&](bool relation) { return int((target ? !relation : relation) ? RuleState::Breached : RuleState::Ok); };
            const QByteArray id = r.id.toUtf8();
            QTest::addRow("%s at threshold", id.constData()) << r.id << t << state(false);
            QTest::addRow("%s just below", id.constData()) << r.id << t - step << state(!greater);
            QTest::addRow("%s just above", id.constData()) << r.id << t + step << state(greater);
        }
        QCOMPARE(numeric, 18); // 5 targets, 6 alert levels, 4 decision points, 3 numeric triggers
    }
    void atBelowAboveEachThreshold()
    {
        QFETCH(QString, ruleId);
        QFETCH(double, value);
        QFETCH(int, expected);
        const Rule &rule = referenceRule(ruleId);
        SampleStore store;
        fillHealthy(store);
        setGreen(store, *metricForRule(rule.metric), value);
        RuleEvaluator evaluator({rule});
        const RuleStatus s = evaluator.evaluate(activeInput(&store)).statuses().constFirst();
        QCOMPARE(nameOf(s.state), stateName(expected));
        QCOMPARE(s.value.value(), value);
        QCOMPARE(s.tier, rule.tier);
        // Blue's value never matters: the new version is what is judged.
        SampleStore blueBad;
        fillHealthy(blueBad);
        setGreen(blueBad, *metricForRule(rule.metric), value);
        blueBad.append({*metricForRule(rule.metric), Color::Blue}, {Now - 500, 1e9});
        QCOMPARE(nameOf(RuleEvaluator::judge(rule, activeInput(&blueBad)).state), stateName(expected));
    }

    // The operators the reference runbook does not use in a tier: "<" as a breach, ">" as a target.
    void otherOperators_data()
    {
        QTest::addColumn<Rule>("rule");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("expected");
        const Rule lessBreach = makeRule("decision-point.resource_utilization", RuleTier::DecisionPoint, RuleMetric::ResourceUtilization, RuleOp::Less, 5, RuleUnit::Percent);
        const Rule greaterTarget = makeRule("target.resource_utilization", RuleTier::Target, RuleMetric::ResourceUtilization, RuleOp::Greater, 5, RuleUnit::Percent);
        QTest::newRow("breach < 5 %, at") << lessBreach << 5.0 << int(RuleState::Ok);
        QTest::newRow("breach < 5 %, below") << lessBreach << 4.999 << int(RuleState::Breached);
        QTest::newRow("breach < 5 %, above") << lessBreach << 5.001 << int(RuleState::Ok);
        QTest::newRow("target > 5 %, at") << greaterTarget << 5.0 << int(RuleState::Breached);
        QTest::newRow("target > 5 %, below") << greaterTarget << 4.999 << int(RuleState::Breached);
        QTest::newRow("target > 5 %, above") << greaterTarget << 5.001 << int(RuleState::Ok);
    }
    void otherOperators()
    {
        QFETCH(Rule, rule);
        QFETCH(double, value);
        QFETCH(int, expected);
        SampleStore store;
        fillHealthy(store);
        setGreen(store, Metric::ResourceUtilization, value);
        QCOMPARE(nameOf(RuleEvaluator::judge(rule, activeInput(&store)).state), stateName(expected));
    }

    void staleOrMissingDataIsNoData_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<int>("situation");
        // 0 no sample at all, 1 too old, 2 NaN after good samples, 4 no store (an infinite
        // value is a value: infinityIsAValue)
        for (const char *id : {"decision-point.error_rate", "auto-rollback.error_rate", "target.error_rate"}) {
            QTest::addRow("%s, no sample from green", id) << QString::fromLatin1(id) << 0;
            QTest::addRow("%s, older than freshness", id) << QString::fromLatin1(id) << 1;
            QTest::addRow("%s, NaN after good", id) << QString::fromLatin1(id) << 2;
            QTest::addRow("%s, no store", id) << QString::fromLatin1(id) << 4;
        }
    }
    void staleOrMissingDataIsNoData()
    {
        QFETCH(QString, ruleId);
        QFETCH(int, situation);
        SampleStore store;
        store.setFreshnessMs(4000);
        // A breaching value in the past: stale data must neither breach nor pass.
        switch (situation) {
        case 0: break;
        case 1: setGreen(store, Metric::ErrorRate, 5.0, Now - 4001); break;
        case 2:
            setGreen(store, Metric::ErrorRate, 0.01, Now - 2000);
            setGreen(store, Metric::ErrorRate, qQNaN(), Now - 1000);
            break;
        case 4: break;
        }
        RuleEvaluator evaluator({referenceRule(ruleId)});
        const RuleEvaluation e = evaluator.evaluate(activeInput(situation == 4 ? nullptr : &store));
        const RuleStatus &s = e.statuses().constFirst();
        QCOMPARE(nameOf(s.state), nameOf(RuleState::NoData));
        QVERIFY(!s.value);
        QVERIFY(!s.reason.isEmpty());
        // Issue 13: NaN is 0/0, and the reason says so.
        if (situation == 2)
            QVERIFY2(s.comparisonText().startsWith(QLatin1String("no data: 0/0")), qPrintable(s.comparisonText()));
        if (s.tier == RuleTier::DecisionPoint)
            QVERIFY(!e.decisionPointsAllOk());
        QVERIFY(e.triggeredAutoRollbacks().isEmpty());
    }

    // errors / successes with no success at all is +Inf: worse than any threshold, so it
    // breaches (it used to read as no data, and the automatic trigger never fired). -Inf
    // breaches "<" rules. NaN (0/0: nothing measured) stays no data.
    void infinityIsAValue_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("state");
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("auto-rollback > 2 %, +inf") << u"auto-rollback.error_rate"_s << inf << int(RuleState::Breached);
        QTest::newRow("decision point > 1 %, +inf") << u"decision-point.error_rate"_s << inf << int(RuleState::Breached);
        QTest::newRow("target < 0.1 %, +inf") << u"target.error_rate"_s << inf << int(RuleState::Breached);
        QTest::newRow("auto-rollback > 2 %, -inf") << u"auto-rollback.error_rate"_s << -inf << int(RuleState::Ok);
        QTest::newRow("target < 0.1 %, -inf") << u"target.error_rate"_s << -inf << int(RuleState::Ok);
    }
    void infinityIsAValue()
    {
        QFETCH(QString, ruleId);
        QFETCH(double, value);
        QFETCH(int, state);
        SampleStore store;
        store.setFreshnessMs(4000);
        setGreen(store, Metric::ErrorRate, value, Now - 1000);
        RuleEvaluator evaluator({referenceRule(ruleId)});
        const RuleEvaluation e = evaluator.evaluate(activeInput(&store));
        const RuleStatus &s = e.statuses().constFirst();
        QCOMPARE(stateName(int(s.state)), stateName(state));
        QVERIFY(s.value && *s.value == value);
        QCOMPARE(e.triggeredAutoRollbacks().size(), (s.tier == RuleTier::AutoRollback && state == int(RuleState::Breached)) ? 1 : 0);
    }

    void freshnessEdgeIsFresh()
    {
        SampleStore store;
        store.setFreshnessMs(4000);
        setGreen(store, Metric::ErrorRate, 2.5, Now - 4000);
        const RuleStatus s = RuleEvaluator::judge(referenceRule(QStringLiteral("auto-rollback.error_rate")), activeInput(&store));
        QCOMPARE(nameOf(s.state), nameOf(RuleState::Breached));
        QVERIFY(s.reason.isEmpty());
    }

    void noBaselineIsNoData_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<double>("value");
        QTest::newRow("decision point 2x normal, slow") << "decision-point.response_time" << 5000.0;
        QTest::newRow("decision point 2x normal, fast") << "decision-point.response_time" << 1.0;
        QTest::newRow("trigger 3x normal, slow") << "auto-rollback.response_time" << 5000.0;
        QTest::newRow("trigger 3x normal, fast") << "auto-rollback.response_time" << 1.0;
    }
    void noBaselineIsNoData()
    {
        QFETCH(QString, ruleId);
        QFETCH(double, value);
        SampleStore store;
        fillHealthy(store);
        setGreen(store, Metric::ResponseTime, value);
        EvaluationInput in = activeInput(&store);
        in.normalMs.reset();
        RuleEvaluator evaluator(reference().rules);
        const RuleEvaluation e = evaluator.evaluate(in);
        const RuleStatus *s = e.status(ruleId);
        QVERIFY(s);
        QCOMPARE(nameOf(s->state), nameOf(RuleState::NoData));
        QVERIFY2(s->reason.english().contains(QStringLiteral("normal")), qPrintable(s->reason.english()));
        QVERIFY(!s->threshold);
        QVERIFY(!e.decisionPointsAllOk());
        // Absolute response time rules still work without a baseline.
        QVERIFY(e.status(QStringLiteral("alert-critical.response_time"))->state != RuleState::NoData);
    }

    void xNormalConversion_data()
    {
        QTest::addColumn<double>("normal");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("text");
        QTest::newRow("400 ms normal, at 1200") << 400.0 << 1200.0 << int(RuleState::Ok) << "response_time 1200 ms not > 1200 ms (3x normal) (green)";
        QTest::newRow("400 ms normal, above") << 400.0 << 1250.0 << int(RuleState::Breached) << "response_time 1250 ms > 1200 ms (3x normal) (green)";
        QTest::newRow("fractional normal") << 123.4 << 370.3 << int(RuleState::Breached) << "response_time 370.3 ms > 370.2 ms (3x normal) (green)";
    }
    void xNormalConversion()
    {
        QFETCH(double, normal);
        QFETCH(double, value);
        QFETCH(int, expected);
        SampleStore store;
        fillHealthy(store);
        setGreen(store, Metric::ResponseTime, value);
        EvaluationInput in = activeInput(&store);
        in.normalMs = normal;
        const RuleStatus s = RuleEvaluator::judge(referenceRule(QStringLiteral("auto-rollback.response_time")), in);
        QCOMPARE(nameOf(s.state), stateName(expected));
        QCOMPARE(*s.threshold, 3 * normal);
        QTEST(s.describe(), "text");
    }

    void secondsConversion_data()
    {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("expected");
        QTest::newRow("1.2 s, 1200 ms is not above") << 1.2 << 1200.0 << int(RuleState::Ok);
        QTest::newRow("1.2 s, 1201 ms is above") << 1.2 << 1201.0 << int(RuleState::Breached);
        QTest::newRow("0.25 s, 249 ms") << 0.25 << 249.0 << int(RuleState::Ok);
        QTest::newRow("3 s, 3000.001 ms") << 3.0 << 3000.001 << int(RuleState::Breached);
    }
    void secondsConversion()
    {
        QFETCH(double, seconds);
        QFETCH(double, value);
        QFETCH(int, expected);
        const Rule rule = makeRule(QStringLiteral("alert-warning.page_load_time"), RuleTier::AlertWarning, RuleMetric::PageLoadTime, RuleOp::Greater, seconds, RuleUnit::Seconds);
        SampleStore store;
        fillHealthy(store);
        setGreen(store, Metric::PageLoadTime, value);
        const RuleStatus s = RuleEvaluator::judge(rule, activeInput(&store));
        QCOMPARE(nameOf(s.state), stateName(expected));
        QCOMPARE(*s.threshold, seconds * 1000.0);
        QCOMPARE(s.unit, QStringLiteral("ms"));
    }

    void notComparableIsNoData_data()
    {
        QTest::addColumn<Rule>("rule");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("p99 has no series") << makeRule("alert-critical.response_time", RuleTier::AlertCritical, RuleMetric::ResponseTime, RuleOp::Greater, 1.2, RuleUnit::Seconds, 99) << "p99";
        QTest::newRow("percent on a time") << makeRule("decision-point.response_time", RuleTier::DecisionPoint, RuleMetric::ResponseTime, RuleOp::Greater, 5, RuleUnit::Percent) << "percentage";
        QTest::newRow("time on a percentage") << makeRule("decision-point.error_rate", RuleTier::DecisionPoint, RuleMetric::ErrorRate, RuleOp::Greater, 5, RuleUnit::Milliseconds) << "time threshold";
        QTest::newRow("x normal on error rate") << makeRule("decision-point.error_rate", RuleTier::DecisionPoint, RuleMetric::ErrorRate, RuleOp::Greater, 2, RuleUnit::TimesNormal) << "no normal baseline";
    }
    void notComparableIsNoData()
    {
        QFETCH(Rule, rule);
        SampleStore store;
        fillHealthy(store);
        const RuleStatus s = RuleEvaluator::judge(rule, activeInput(&store));
        QCOMPARE(nameOf(s.state), nameOf(RuleState::NoData));
        QFETCH(QString, reasonPart);
        QVERIFY2(s.reason.english().contains(reasonPart), qPrintable(s.reason.english()));
    }

    void p95IsTheStoredPercentile()
    {
        const Rule rule = makeRule("alert-critical.response_time", RuleTier::AlertCritical, RuleMetric::ResponseTime, RuleOp::Greater, 1.2, RuleUnit::Seconds, 95);
        SampleStore store;
        fillHealthy(store);
        setGreen(store, Metric::ResponseTime, 1300);
        QCOMPARE(nameOf(RuleEvaluator::judge(rule, activeInput(&store)).state), nameOf(RuleState::Breached));
    }

};

QTEST_GUILESS_MAIN(TestRuleEvaluator)
#include "tst_ruleevaluator.moc"
