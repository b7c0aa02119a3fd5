#include "gate/ruleevaluator.h"
#include "gate/trafficgate.h"
#include "metrics/samplestore.h"
#include "runbook/runbookloader.h"
#include "runbook/runbookparser.h"

#include <QTest>

namespace {
constexpr qint64 Now = 1'000'000'000;
constexpr qint64 Minute = 60'000;

const Runbook &reference()
{
    static const Runbook r = RunbookLoader::load(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
    return r;
}

// Everything fine at `percent`, the hold of that step elapsed by `heldMs`.
GateInput fine(int percent, qint64 heldMs)
{
    GateInput in;
    in.plan = reference().trafficPlan;
    in.positions = TrafficGate::positions(in.plan);
    in.currentPercent = percent;
    in.nowMs = Now;
    in.holdSinceMs = Now - heldMs;
    in.greenHealthy = true;
    in.evaluation = RuleEvaluation({}, Now);
    return in;
}

// An evaluation with one gating rule in `state`.
RuleEvaluation evaluationWith(const QString &ruleId, RuleState state)
{
    RuleStatus s;
    for (const Rule &r : reference().rules) {
        if (r.id == ruleId) {
            s.ruleId = r.id;
            s.tier = r.tier;
            s.metric = r.metric;
            s.op = r.op;
        }
    }
    s.state = state;
    s.value = 1.5;
    s.threshold = 1;
    s.unit = QStringLiteral("%");
    return RuleEvaluation({s}, Now);
}

bool mentions(const GateDecision &d, const QString &fragment)
{
    for (const QString &r : d.reasons) {
        if (r.contains(fragment))
            return true;
    }
    return false;
}
} // namespace

class TestTrafficGate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void positionsOfTheReferencePlan()
    {
        QCOMPARE(TrafficGate::positions(reference().trafficPlan), (QList<int>{0, 5, 10, 25, 50, 100}));
        QCOMPARE(TrafficGate::holdMsAt(reference().trafficPlan, 0), 0);
        QCOMPARE(TrafficGate::holdMsAt(reference().trafficPlan, 5), 5 * Minute);
        QCOMPARE(TrafficGate::holdMsAt(reference().trafficPlan, 10), 10 * Minute);
        QCOMPARE(TrafficGate::holdMsAt(reference().trafficPlan, 25), 15 * Minute);
        QCOMPARE(TrafficGate::holdMsAt(reference().trafficPlan, 50), 20 * Minute);
        QCOMPARE(TrafficGate::holdMsAt(reference().trafficPlan, 100), 0);
    }

    void preShiftItemsAreThoseBeforeTheTrafficShift()
    {
        const QStringList ids = TrafficGate::preShiftItemIds(reference());
        // Pre-Deployment Checklist (4 groups of 5-6) and Phases 1 and 2 (12 and 14 items).
        QCOMPARE(ids.size(), 6 + 5 + 5 + 5 + 12 + 14);
        QCOMPARE(reference().item(ids.first())->text, QStringLiteral("All code changes reviewed and approved"));
        QCOMPARE(reference().item(ids.last())->text, QStringLiteral("Test external integrations"));
        for (const QString &id : ids)
            QVERIFY2(!reference().item(id)->text.contains(QLatin1String("traffic to green")), qPrintable(id));
    }

    void noPlanNoPreShiftItems()
    {
        Runbook rb = reference();
        rb.trafficPlan.clear();
        QVERIFY(TrafficGate::preShiftItemIds(rb).isEmpty());
    }

    void opensWhenEverythingHolds_data()
    {
        QTest::addColumn<int>("percent");
        QTest::addColumn<int>("next");
        QTest::addColumn<qint64>("held");
        QTest::newRow("0 -> 5") << 0 << 5 << qint64(0);
        QTest::newRow("5 -> 10 after 5 min") << 5 << 10 << 5 * Minute;
        QTest::newRow("10 -> 25 after 10 min") << 10 << 25 << 10 * Minute;
        QTest::newRow("25 -> 50 after 15 min") << 25 << 50 << 15 * Minute;
        QTest::newRow("50 -> 100 after 20 min") << 50 << 100 << 20 * Minute;
    }
    void opensWhenEverythingHolds()
    {
        QFETCH(int, percent);
        QFETCH(int, next);
        QFETCH(qint64, held);
        const GateDecision d = TrafficGate::decide(fine(percent, held));
        QVERIFY2(d.open, qPrintable(d.reasons.join(u'|')));
        QCOMPARE(d.nextPercent, next);
        QCOMPARE(d.holdRemainingMs, 0);
        QVERIFY(d.reasons.isEmpty());
    }

    void holdCountsDownToTheMillisecond()
    {
        GateDecision d = TrafficGate::decide(fine(5, 5 * Minute - 1));
        QVERIFY(!d.open);
        QCOMPARE(d.holdMs, 5 * Minute);
        QCOMPARE(d.holdRemainingMs, 1);
        QVERIFY(mentions(d, QStringLiteral("monitoring hold at 5%: 0:01 of 5:00 left")));
        d = TrafficGate::decide(fine(25, 3 * Minute));
        QCOMPARE(d.holdRemainingMs, 12 * Minute);
        QVERIFY(mentions(d, QStringLiteral("12:00 of 15:00 left")));
    }

    // A hold written in seconds is held to the second: "Hold 90 s" is 1:30, not a diagnostic.
    void holdInSecondsIsHeldToTheSecond()
    {
        const Runbook r = RunbookParser::parse(QStringLiteral("# Seconds\n\n## Phase 1: Shift (0-10 min)\n\n### Traffic shift\n"
                                                              "- [ ] Start with 10% traffic to green\n- [ ] Hold 90 s\n"
                                                              "- [ ] Increase to 50% traffic\n- [ ] Wait 1m30s\n- [ ] Increase to 100% traffic\n"));
        QVERIFY(!r.hasErrors());
        QCOMPARE(r.trafficPlan.size(), 3);
        QCOMPARE(r.trafficPlan[0].holdMs, std::optional<qint64>(90'000));
        QCOMPARE(r.trafficPlan[1].holdMs, std::optional<qint64>(90'000));
        QCOMPARE(TrafficGate::holdMsAt(r.trafficPlan, 10), 90'000);
        GateInput in = fine(10, 90'000 - 1);
        in.plan = r.trafficPlan;
        in.positions = TrafficGate::positions(in.plan);
        GateDecision d = TrafficGate::decide(in);
        QVERIFY(!d.open);
        QCOMPARE(d.holdMs, 90'000);
        QCOMPARE(d.holdRemainingMs, 1);
        QVERIFY(mentions(d, QStringLiteral("0:01 of 1:30 left")));
        in.holdSinceMs = Now - 90'000;
        d = TrafficGate::decide(in);
        QVERIFY2(d.open, qPrintable(d.reasons.join(u'|')));
        QCOMPARE(d.nextPercent, 50);
        QCOMPARE(TrafficGate::openReason(in, d).english(), QStringLiteral("hold of 1:30 at 10% passed, all decision points green"));
    }

    void stepsAreNeverSkipped()
    {
        const GateDecision d = TrafficGate::decide(fine(10, 10 * Minute));
        QCOMPARE(d.nextPercent, 25);
        QCOMPARE(d.previousPercent, 5);
        QCOMPARE(d.currentIndex, 2);
    }

    void offThePlanMovesToTheNextStep()
    {
        // Read back at 7 % (changed outside the console): forward is 10, back is 5.
        GateInput in = fine(7, 60 * Minute);
        const GateDecision d = TrafficGate::decide(in);
        QCOMPARE(d.nextPercent, 10);
        QCOMPARE(d.previousPercent, 5);
        QCOMPARE(d.currentIndex, 1);
    }

    void atTheEndNothingToOpen()
    {
        const GateDecision d = TrafficGate::decide(fine(100, 0));
        QVERIFY(d.atEnd());
        QVERIFY(!d.open);
        QVERIFY(d.reasons.isEmpty());
        QCOMPARE(d.previousPercent, 50);
    }

    void eachConditionCloses_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("read-only") << 0 << QStringLiteral("another console");
        QTest::newRow("rollback") << 1 << QStringLiteral("a rollback is running");
        QTest::newRow("in flight") << 2 << QStringLiteral("in progress");
        QTest::newRow("traffic problem") << 3 << QStringLiteral("target reports 3%");
        QTest::newRow("decision point breached") << 4 << QStringLiteral("decision point error_rate");
        QTest::newRow("decision point pending") << 5 << QStringLiteral("decision point error_rate");
        QTest::newRow("decision point no data") << 6 << QStringLiteral("decision point error_rate");
        QTest::newRow("trigger pending") << 7 << QStringLiteral("automatic trigger error_rate");
        QTest::newRow("security unknown, configured") << 8 << QStringLiteral("security alerts");
        // An automatic trigger that cannot be judged could not fire: with no decision point on
        // its metric, nothing else would close the gate.
        QTest::newRow("trigger without data, no decision point on it") << 9 << QStringLiteral("automatic trigger service_down cannot be judged");
        QTest::newRow("numeric trigger without data") << 10 << QStringLiteral("automatic trigger error_rate cannot be judged");
    }
    void eachConditionCloses()
    {
        QFETCH(int, which);
        QFETCH(QString, fragment);
        GateInput in = fine(10, 10 * Minute);
        switch (which) {
        case 0: in.readOnlyReason = Phrase::verbatim(QStringLiteral("another console drives this deployment: bob")); break;
        case 1: in.rollbackActive = true; break;
        case 2: in.commandInFlight = true; break;
        case 3: in.trafficProblem = Phrase::verbatim(QStringLiteral("commanded 10% green but the target reports 3%")); break;
        case 4: in.evaluation = evaluationWith(QStringLiteral("decision-point.error_rate"), RuleState::Breached); break;
        case 5: in.evaluation = evaluationWith(QStringLiteral("decision-point.error_rate"), RuleState::Pending); break;
        case 6: in.evaluation = evaluationWith(QStringLiteral("decision-point.error_rate"), RuleState::NoData); break;
        case 7: in.evaluation = evaluationWith(QStringLiteral("auto-rollback.error_rate"), RuleState::Pending); break;
        case 8:
            in.alertsConfigured = true;
            in.evaluation = evaluationWith(QStringLiteral("auto-rollback.security_alert"), RuleState::NoData);
            break;
        case 9: in.evaluation = evaluationWith(QStringLiteral("auto-rollback.service_down"), RuleState::NoData); break;
        case 10: in.evaluation = evaluationWith(QStringLiteral("auto-rollback.error_rate"), RuleState::NoData); break;
        }
        const GateDecision d = TrafficGate::decide(in);
        QVERIFY(!d.open);
        QVERIFY2(mentions(d, fragment), qPrintable(d.reasons.join(u'|')));
    }

    // A trigger without data whose metric a decision point without data already names is said
    // once, by the decision point.
    void aTriggerWithoutDataIsNamedOnce()
    {
        GateInput in = fine(10, 10 * Minute);
        QList<RuleStatus> both = evaluationWith(QStringLiteral("decision-point.error_rate"), RuleState::NoData).statuses();
        both += evaluationWith(QStringLiteral("auto-rollback.error_rate"), RuleState::NoData).statuses();
        in.evaluation = RuleEvaluation(both, Now);
        const GateDecision d = TrafficGate::decide(in);
        QVERIFY(!d.open);
        QCOMPARE(d.reasons.size(), 1);
        QVERIFY2(mentions(d, QStringLiteral("decision point error_rate")), qPrintable(d.reasons.join(u'|')));
    }

    void inactiveDecisionPointsDoNotBlockTheFirstStep()
    {
        GateInput in = fine(0, 0);
        in.evaluation = evaluationWith(QStringLiteral("decision-point.error_rate"), RuleState::Inactive);
        QVERIFY(TrafficGate::decide(in).open);
    }

    void unconfiguredAlertsDoNotBlock()
    {
        GateInput in = fine(10, 10 * Minute);
        in.evaluation = evaluationWith(QStringLiteral("auto-rollback.security_alert"), RuleState::NoData);
        QVERIFY(TrafficGate::decide(in).open);
    }

    void firstStepNeedsChecklistHealthAndBaseline()
    {
        GateInput in = fine(0, 0);
        in.openPreShiftItems = QStringList{QStringLiteral("Unit tests passing"), QStringLiteral("Data backup completed")};
        GateDecision d = TrafficGate::decide(in);
        QVERIFY(!d.open);
        QVERIFY(mentions(d, QStringLiteral("2 checklist items before the traffic shift are still open (first: \"Unit tests passing\")")));

        in.openPreShiftItems.clear();
        in.greenHealthy.reset();
        d = TrafficGate::decide(in);
        QVERIFY(!d.open);
        QVERIFY(mentions(d, QStringLiteral("health checks have not answered")));

        in.greenHealthy = false;
        in.greenHealthMessage = Phrase::verbatim(QStringLiteral("503 Service Unavailable"));
        d = TrafficGate::decide(in);
        QVERIFY(mentions(d, QStringLiteral("health checks fail: 503")));

        in.greenHealthy = true;
        in.baselineMissing = Phrase::verbatim(QStringLiteral("normal response time is not known yet"));
        d = TrafficGate::decide(in);
        QVERIFY(!d.open);
        QCOMPARE(d.reasons, QStringList{QStringLiteral("normal response time is not known yet")});
    }

    void healthIsOnlyAskedBeforeTheFirstStep()
    {
        GateInput in = fine(5, 5 * Minute);
        in.greenHealthy = false; // later on, a failing green is the service_down trigger's business
        QVERIFY(TrafficGate::decide(in).open);
    }

    void everyReasonIsListed()
    {
        GateInput in = fine(5, 2 * Minute);
        in.rollbackActive = true;
        in.evaluation = evaluationWith(QStringLiteral("decision-point.error_rate"), RuleState::Breached);
        const GateDecision d = TrafficGate::decide(in);
        QCOMPARE(d.reasons.size(), 3);
    }

    void openReasonSaysWhy()
    {
        GateInput in = fine(5, 5 * Minute);
        QCOMPARE(TrafficGate::openReason(in, TrafficGate::decide(in)).english(), QStringLiteral("hold of 5 min at 5% passed, all decision points green"));
        in = fine(0, 0);
        QCOMPARE(TrafficGate::openReason(in, TrafficGate::decide(in)).english(), QStringLiteral("pre-shift checklist done, green healthy"));
    }

    void durations()
    {
        QCOMPARE(formatDuration(0), QStringLiteral("0:00"));
        QCOMPARE(formatDuration(1), QStringLiteral("0:01"));
        QCOMPARE(formatDuration(65'000), QStringLiteral("1:05"));
        QCOMPARE(formatDuration(3'723'000), QStringLiteral("1:02:03"));
    }
};

QTEST_GUILESS_MAIN(TestTrafficGate)
#include "tst_trafficgate.moc"
