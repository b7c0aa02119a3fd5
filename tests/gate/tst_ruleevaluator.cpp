#include "gate/ruleevaluator.h"
#include "metrics/samplestore.h"
#include "runbook/runbookloader.h"

#include <QTest>

#include <cmath>
#include <limits>

Q_DECLARE_METATYPE(Rule)

namespace {
constexpr qint64 Now = 1'000'000'000;
constexpr double NormalMs = 500.0;

const Runbook &reference()
{
    static const Runbook r = RunbookLoader::load(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
    return r;
}

const Rule &referenceRule(const QString &id)
{
    for (const Rule &r : reference().rules) {
        if (r.id == id)
            return r;
    }
    qFatal("no rule %s in the reference runbook", qPrintable(id));
}

// Well inside every threshold of the reference runbook, so only the series under test decides.
double healthyValue(Metric m)
{
    switch (m) {
    case Metric::ErrorRate: return 0.01;
    case Metric::ResponseTime: return 120;
    case Metric::DbErrorRate: return 0.01;
    case Metric::DbQueryTime: return 20;
    case Metric::ResourceUtilization: return 35;
    case Metric::PageLoadTime: return 800;
    case Metric::TrafficShare: return 10;
    }
    return 0;
}

// Green and blue healthy, one second old at `now`.
void fillHealthy(SampleStore &store, qint64 now = Now)
{
    for (int i = 0; i < MetricCount; ++i) {
        for (Color c : {Color::Blue, Color::Green})
            store.append({Metric(i), c}, {now - 1000, healthyValue(Metric(i))});
    }
}

void setGreen(SampleStore &store, Metric m, double value, qint64 at = Now - 500)
{
    store.append({m, Color::Green}, {at, value});
}

EvaluationInput activeInput(const SampleStore *store, qint64 now = Now)
{
    EvaluationInput in;
    in.samples = store;
    in.nowMs = now;
    in.normalMs = NormalMs;
    in.greenActive = true;
    in.greenHealthy = true;
    in.securityAlertFiring = false;
    return in;
}

// The threshold in store units, worked out here independently of the evaluator.
double expectedThreshold(const Rule &r)
{
    switch (r.unit) {
    case RuleUnit::Seconds: return *r.value * 1000.0;
    case RuleUnit::TimesNormal: return *r.value * NormalMs;
    default: return *r.value;
    }
}

Rule makeRule(QString id, RuleTier tier, RuleMetric metric, RuleOp op, double value, RuleUnit unit, std::optional<int> percentile = {})
{
    Rule r;
    r.id = std::move(id);
    r.tier = tier;
    r.metric = metric;
    r.op = op;
    r.value = value;
    r.unit = unit;
    r.percentile = percentile;
    return r;
}

QString stateName(int state)
{
    return nameOf(RuleState(state));
}
}

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
        // 0 no sample at all, 1 too old, 2 NaN after good samples, 3 infinite, 4 no store
        for (const char *id : {"decision-point.error_rate", "auto-rollback.error_rate", "target.error_rate"}) {
            QTest::addRow("%s, no sample from green", id) << QString::fromLatin1(id) << 0;
            QTest::addRow("%s, older than freshness", id) << QString::fromLatin1(id) << 1;
            QTest::addRow("%s, NaN after good", id) << QString::fromLatin1(id) << 2;
            QTest::addRow("%s, infinite", id) << QString::fromLatin1(id) << 3;
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
        case 3: setGreen(store, Metric::ErrorRate, std::numeric_limits<double>::infinity(), Now - 1000); break;
        case 4: break;
        }
        RuleEvaluator evaluator({referenceRule(ruleId)});
        const RuleEvaluation e = evaluator.evaluate(activeInput(situation == 4 ? nullptr : &store));
        const RuleStatus &s = e.statuses().constFirst();
        QCOMPARE(nameOf(s.state), nameOf(RuleState::NoData));
        QVERIFY(!s.value);
        QVERIFY(!s.reason.isEmpty());
        if (s.tier == RuleTier::DecisionPoint)
            QVERIFY(!e.decisionPointsAllOk());
        QVERIFY(e.triggeredAutoRollbacks().isEmpty());
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
        QVERIFY2(s->reason.contains(QStringLiteral("normal")), qPrintable(s->reason));
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
        QVERIFY2(s.reason.contains(reasonPart), qPrintable(s.reason));
    }

    void p95IsTheStoredPercentile()
    {
        const Rule rule = makeRule("alert-critical.response_time", RuleTier::AlertCritical, RuleMetric::ResponseTime, RuleOp::Greater, 1.2, RuleUnit::Seconds, 95);
        SampleStore store;
        fillHealthy(store);
        setGreen(store, Metric::ResponseTime, 1300);
        QCOMPARE(nameOf(RuleEvaluator::judge(rule, activeInput(&store)).state), nameOf(RuleState::Breached));
    }

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
        QTest::addColumn<int>("data");   // 0 all green series fresh, 1 all stale, 2 only traffic share fresh, 3 one metric fresh, 4 no store
        QTest::addColumn<int>("expected");
        QTest::newRow("passing, fresh") << 1 << 0 << int(RuleState::Ok);
        QTest::newRow("unknown, fresh") << -1 << 0 << int(RuleState::Ok);
        QTest::newRow("failing, fresh") << 0 << 0 << int(RuleState::Breached);
        QTest::newRow("passing, all stale") << 1 << 1 << int(RuleState::Breached);
        QTest::newRow("unknown, all stale") << -1 << 1 << int(RuleState::Breached);
        QTest::newRow("passing, only traffic share fresh") << 1 << 2 << int(RuleState::Breached);
        QTest::newRow("passing, one metric fresh") << 1 << 3 << int(RuleState::Ok);
        QTest::newRow("passing, no store") << 1 << 4 << int(RuleState::Breached);
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

    // Green's series appear a poll after its first traffic: no data from it is "down" only once
    // it has been active for a freshness period; failing health checks count at once.
    void serviceDownWaitsForGreensFirstSamples()
    {
        SampleStore store;
        store.setFreshnessMs(4000);
        const Rule rule = referenceRule(QStringLiteral("auto-rollback.service_down"));
        RuleEvaluator evaluator({rule});
        EvaluationInput in = activeInput(&store);
        in.greenHealthy.reset();
        in.greenActiveSinceMs = Now - 3999;
        QCOMPARE(nameOf(evaluator.evaluate(in).statuses().constFirst().state), nameOf(RuleState::NoData));
        in.greenActiveSinceMs = Now - 4000;
        QCOMPARE(nameOf(evaluator.evaluate(in).statuses().constFirst().state), nameOf(RuleState::Breached));
        in.greenActiveSinceMs = Now;
        in.greenHealthy = false;
        QCOMPARE(nameOf(evaluator.evaluate(in).statuses().constFirst().state), nameOf(RuleState::Breached));
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

QTEST_GUILESS_MAIN(TestRuleEvaluator)
#include "tst_ruleevaluator.moc"
