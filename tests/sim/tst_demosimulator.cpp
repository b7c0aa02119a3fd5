#include "sim/demosimulator.h"

#include "core/clock.h"

#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(DemoScenario)
Q_DECLARE_METATYPE(DemoSeries)

// What each scenario does to the series at the traffic shares that matter, in clock time.
class TestDemoSimulator : public QObject
{
    Q_OBJECT

    static constexpr qint64 Second = 1000;
    static constexpr qint64 Minute = 60 * Second;

    enum Compare { Below, Above, Between2And3x };

private Q_SLOTS:
    void scenarioNames()
    {
        QCOMPARE(DemoSimulator::scenarioNames(),
                 (QStringList{QStringLiteral("healthy"), QStringLiteral("latency-regression"), QStringLiteral("error-spike"),
                              QStringLiteral("db-errors"), QStringLiteral("green-down"), QStringLiteral("security-alert")}));
        for (const QString &name : DemoSimulator::scenarioNames())
            QCOMPARE(nameOf(*DemoSimulator::scenarioFromName(name)), name);
        QVERIFY(!DemoSimulator::scenarioFromName(u"Healthy"));
        QVERIFY(!DemoSimulator::scenarioFromName(u""));
    }

    // Green's value some time after its weight was set, against a limit.
    void scenarioBoundaries_data()
    {
        QTest::addColumn<DemoScenario>("scenario");
        QTest::addColumn<int>("greenWeight"); // blue gets 100 - green
        QTest::addColumn<qint64>("afterMs");
        QTest::addColumn<DemoSeries>("series");
        QTest::addColumn<int>("compare");
        QTest::addColumn<double>("limit");

        using S = DemoScenario;
        using D = DemoSeries;
        const double p95 = DemoBaseline::ResponseTimeP95;
        QTest::newRow("latency: 20 % stays under 2x normal for long") << S::LatencyRegression << 20 << 30 * Minute << D::ResponseTimeP95 << int(Below) << 2 * p95;
        QTest::newRow("latency: 24 % stays under 2x normal") << S::LatencyRegression << 24 << 10 * Minute << D::ResponseTimeP95 << int(Below) << 2 * p95;
        QTest::newRow("latency: below 25 % is slightly slower") << S::LatencyRegression << 20 << 10 * Minute << D::ResponseTimeP95 << int(Above) << 1.05 * p95;
        QTest::newRow("latency: a minute at 25 % is still under 2x") << S::LatencyRegression << 25 << Minute << D::ResponseTimeP95 << int(Below) << 2 * p95;
        QTest::newRow("latency: two minutes at 25 % is past the decision point") << S::LatencyRegression << 25 << 2 * Minute << D::ResponseTimeP95 << int(Between2And3x) << p95;
        QTest::newRow("latency: three minutes at 25 % is past the trigger") << S::LatencyRegression << 25 << 3 * Minute << D::ResponseTimeP95 << int(Above) << 3 * p95;
        QTest::newRow("latency: stays past the trigger at 50 %") << S::LatencyRegression << 50 << 20 * Minute << D::ResponseTimeP95 << int(Above) << 3 * p95;
        QTest::newRow("latency: page load follows") << S::LatencyRegression << 50 << 20 * Minute << D::PageLoadP95 << int(Above) << 2.0;
        QTest::newRow("latency: errors stay low") << S::LatencyRegression << 50 << 20 * Minute << D::ErrorRatio << int(Below) << 0.001;

        QTest::newRow("errors: 9 % stays under target") << S::ErrorSpike << 9 << 30 * Minute << D::ErrorRatio << int(Below) << 0.001;
        QTest::newRow("errors: half a minute at 10 % passes 1 %") << S::ErrorSpike << 10 << 30 * Second << D::ErrorRatio << int(Above) << 0.01;
        QTest::newRow("errors: half a minute at 10 % is under 2 %") << S::ErrorSpike << 10 << 30 * Second << D::ErrorRatio << int(Below) << 0.02;
        QTest::newRow("errors: two minutes at 10 % reach about 5 %") << S::ErrorSpike << 10 << 2 * Minute << D::ErrorRatio << int(Above) << 0.04;
        QTest::newRow("errors: never far above 5 %") << S::ErrorSpike << 100 << 60 * Minute << D::ErrorRatio << int(Below) << 0.056;
        QTest::newRow("errors: latency unaffected") << S::ErrorSpike << 100 << 60 * Minute << D::ResponseTimeP95 << int(Below) << 0.2;

        QTest::newRow("db: 9 % stays under target") << S::DbErrors << 9 << 30 * Minute << D::DbErrorRatio << int(Below) << 0.001;
        QTest::newRow("db: half a minute at 10 % passes 0.1 %") << S::DbErrors << 10 << 30 * Second << D::DbErrorRatio << int(Above) << 0.001;
        QTest::newRow("db: two minutes at 10 % passes 0.5 %") << S::DbErrors << 10 << 2 * Minute << D::DbErrorRatio << int(Above) << 0.005;
        QTest::newRow("db: about 1 % at most") << S::DbErrors << 100 << 60 * Minute << D::DbErrorRatio << int(Below) << 0.0112;
        QTest::newRow("db: request errors unaffected") << S::DbErrors << 100 << 60 * Minute << D::ErrorRatio << int(Below) << 0.001;

        QTest::newRow("security: numbers stay healthy") << S::SecurityAlert << 100 << 60 * Minute << D::ErrorRatio << int(Below) << 0.001;
        QTest::newRow("healthy: full green stays fast") << S::Healthy << 100 << 60 * Minute << D::ResponseTimeP95 << int(Below) << 0.2;
    }
    void scenarioBoundaries()
    {
        QFETCH(DemoScenario, scenario);
        QFETCH(int, greenWeight);
        QFETCH(qint64, afterMs);
        QFETCH(DemoSeries, series);
        QFETCH(int, compare);
        QFETCH(double, limit);

        ManualClock clock;
        DemoSimulator sim(&clock, scenario);
        clock.advanceMs(5 * Minute);
        QVERIFY(sim.setWeights(100 - greenWeight, greenWeight));
        const qint64 changedAt = clock.nowMs();
        clock.advanceMs(afterMs);
        // Look at a few seconds around the moment so the noise cannot hide a wrong ramp.
        for (qint64 t = changedAt + afterMs - 2 * Second; t <= changedAt + afterMs; t += Second) {
            const std::optional<double> v = sim.value(series, Color::Green, t);
            QVERIFY(v);
            switch (Compare(compare)) {
            case Below: QVERIFY2(*v < limit, qPrintable(QStringLiteral("%1 not below %2").arg(*v).arg(limit))); break;
            case Above: QVERIFY2(*v > limit, qPrintable(QStringLiteral("%1 not above %2").arg(*v).arg(limit))); break;
            case Between2And3x:
                QVERIFY2(*v > 2 * limit && *v < 3 * limit, qPrintable(QStringLiteral("%1 not within 2x..3x %2").arg(*v).arg(limit)));
                break;
            }
        }
    }

    // Every scenario leaves blue alone, and healthy values stay inside the runbook's
    // targets at every second of a long deployment.
    void blueAndHealthyStayInsideTargets_data()
    {
        QTest::addColumn<DemoScenario>("scenario");
        QTest::addColumn<bool>("checkGreen");
        for (int i = 0; i < DemoScenarioCount; ++i)
            QTest::addRow("%s", qPrintable(nameOf(DemoScenario(i)))) << DemoScenario(i) << (DemoScenario(i) == DemoScenario::Healthy || DemoScenario(i) == DemoScenario::SecurityAlert);
    }
    void blueAndHealthyStayInsideTargets()
    {
        QFETCH(DemoScenario, scenario);
        QFETCH(bool, checkGreen);
        ManualClock clock;
        DemoSimulator sim(&clock, scenario);
        const qint64 start = clock.nowMs();
        const int plan[] = {5, 10, 25, 50, 100};
        for (int g : plan) {
            clock.advanceMs(15 * Minute);
            QVERIFY(sim.setWeights(100 - g, g));
        }
        clock.advanceMs(15 * Minute);
        struct Target {
            DemoSeries series;
            double low;
            double high;
        };
        const Target targets[] = {
            {DemoSeries::ErrorRatio, 0.0001, 0.001},   {DemoSeries::ResponseTimeP95, 0.1, 0.2}, {DemoSeries::DbErrorRatio, 0.00005, 0.001},
            {DemoSeries::DbQueryP95, 0.02, 0.1},        {DemoSeries::CpuUsage, 0.3, 0.8},        {DemoSeries::MemoryUsage, 0.4, 0.8},
            {DemoSeries::PageLoadP95, 1.0, 2.0},
        };
        for (qint64 t = start; t <= clock.nowMs(); t += 7 * Second) {
            for (const Target &target : targets) {
                for (Color color : {Color::Blue, Color::Green}) {
                    if (color == Color::Green && !checkGreen)
                        continue;
                    const std::optional<double> v = sim.value(target.series, color, t);
                    QVERIFY(v);
                    QVERIFY2(*v > target.low && *v < target.high,
                             qPrintable(QStringLiteral("%1 %2 = %3 at +%4 s").arg(demoSeriesName(target.series), colorKey(color)).arg(*v).arg((t - start) / 1000)));
                }
            }
        }
    }

    void valuesMoveButAreFixedWithinASecond()
    {
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::Healthy);
        clock.advanceMs(10 * Minute);
        const qint64 t = clock.nowMs() - 5 * Minute;
        const double at = *sim.value(DemoSeries::ResponseTimeP95, Color::Blue, t);
        QCOMPARE(*sim.value(DemoSeries::ResponseTimeP95, Color::Blue, t + 999), at);
        QSet<double> seen;
        for (int s = 0; s < 30; ++s)
            seen.insert(*sim.value(DemoSeries::ResponseTimeP95, Color::Blue, t + s * Second));
        QVERIFY2(seen.size() > 10, "the noise should make the chart move");
        // Blue and green are not the same series with another name.
        QVERIFY(*sim.value(DemoSeries::CpuUsage, Color::Green, t) != *sim.value(DemoSeries::CpuUsage, Color::Blue, t));
    }

    void trafficShareFollowsWeightsWithinTenSeconds()
    {
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::Healthy);
        QCOMPARE(*sim.value(DemoSeries::TrafficShare, Color::Blue, clock.nowMs()), 1.0);
        QCOMPARE(*sim.value(DemoSeries::TrafficShare, Color::Green, clock.nowMs()), 0.0);
        clock.advanceMs(Minute);
        QVERIFY(sim.setWeights(75, 25));
        clock.advanceMs(3 * Second);
        const double during = *sim.value(DemoSeries::TrafficShare, Color::Green, clock.nowMs());
        QVERIFY(during > 0.0 && during < 0.25);
        clock.advanceMs(7 * Second);
        QCOMPARE(*sim.value(DemoSeries::TrafficShare, Color::Green, clock.nowMs()), 0.25);
        QCOMPARE(*sim.value(DemoSeries::TrafficShare, Color::Blue, clock.nowMs()), 0.75);
    }

    void greenDownExportsOnlyUp()
    {
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::GreenDown);
        clock.advanceMs(Minute);
        QVERIFY(sim.setWeights(90, 10));
        clock.advanceMs(Minute);
        const qint64 t = clock.nowMs();
        for (int i = 0; i < DemoSeriesCount; ++i) {
            const DemoSeries s = DemoSeries(i);
            QVERIFY(sim.value(s, Color::Blue, t));
            if (s == DemoSeries::Up || s == DemoSeries::TrafficShare)
                continue;
            QVERIFY2(!sim.value(s, Color::Green, t), qPrintable(demoSeriesName(s)));
        }
        QCOMPARE(*sim.value(DemoSeries::Up, Color::Green, t), 0.0);
        QCOMPARE(*sim.value(DemoSeries::Up, Color::Blue, t), 1.0);
        // The balancer routes around a failed health check.
        QCOMPARE(*sim.value(DemoSeries::TrafficShare, Color::Green, t), 0.0);
        QCOMPARE(*sim.value(DemoSeries::TrafficShare, Color::Blue, t), 1.0);
        QVERIFY(!sim.isUp(Color::Green));
        QVERIFY(sim.isUp(Color::Blue));
    }

    void securityAlert_data()
    {
        QTest::addColumn<DemoScenario>("scenario");
        QTest::addColumn<int>("greenWeight");
        QTest::addColumn<qint64>("afterMs");
        QTest::addColumn<bool>("firing");
        QTest::newRow("59 s at 10 %") << DemoScenario::SecurityAlert << 10 << 59 * Second << false;
        QTest::newRow("a minute at 10 %") << DemoScenario::SecurityAlert << 10 << Minute << true;
        QTest::newRow("an hour at 9 %") << DemoScenario::SecurityAlert << 9 << 60 * Minute << false;
        QTest::newRow("other scenarios never") << DemoScenario::ErrorSpike << 100 << 60 * Minute << false;
    }
    void securityAlert()
    {
        QFETCH(DemoScenario, scenario);
        QFETCH(int, greenWeight);
        QFETCH(qint64, afterMs);
        QFETCH(bool, firing);
        ManualClock clock;
        DemoSimulator sim(&clock, scenario);
        clock.advanceMs(Minute);
        QVERIFY(sim.setWeights(100 - greenWeight, greenWeight));
        const qint64 changedAt = clock.nowMs();
        clock.advanceMs(afterMs);
        const std::optional<qint64> since = sim.securityAlertSince(clock.nowMs());
        QCOMPARE(bool(since), firing);
        if (firing)
            QCOMPARE(*since, changedAt + Minute);
    }

    void securityAlertKeepsFiringAfterRollback()
    {
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::SecurityAlert);
        QVERIFY(sim.setWeights(90, 10));
        clock.advanceMs(2 * Minute);
        QVERIFY(sim.setWeights(100, 0));
        clock.advanceMs(10 * Minute);
        QCOMPARE(sim.securityAlertSince(clock.nowMs()).value_or(-1), sim.startedMs() + Minute);
    }

    void noValuesBeforeTheStartOrFarAhead()
    {
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::Healthy);
        QVERIFY(!sim.value(DemoSeries::Up, Color::Blue, sim.startedMs() - 1));
        QVERIFY(sim.value(DemoSeries::Up, Color::Blue, sim.startedMs()));
        // Like Prometheus's lookback: a little ahead answers with now's value.
        const qint64 now = clock.nowMs();
        QCOMPARE(sim.value(DemoSeries::CpuUsage, Color::Blue, now + DemoSimulator::LookbackMs), sim.value(DemoSeries::CpuUsage, Color::Blue, now));
        QVERIFY(!sim.value(DemoSeries::CpuUsage, Color::Blue, now + DemoSimulator::LookbackMs + 1));
    }

    void pastValuesNeverChange()
    {
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::LatencyRegression);
        QVERIFY(sim.setWeights(50, 50));
        clock.advanceMs(4 * Minute);
        const qint64 t = clock.nowMs();
        const double before = *sim.value(DemoSeries::ResponseTimeP95, Color::Green, t);
        clock.advanceMs(500); // same second: a change now must not rewrite what was served
        QVERIFY(sim.setWeights(100, 0));
        QCOMPARE(*sim.value(DemoSeries::ResponseTimeP95, Color::Green, t), before);
        clock.advanceMs(Minute);
        QVERIFY(*sim.value(DemoSeries::ResponseTimeP95, Color::Green, clock.nowMs()) < 2 * DemoBaseline::ResponseTimeP95);
    }

    void setWeights_data()
    {
        QTest::addColumn<int>("blue");
        QTest::addColumn<int>("green");
        QTest::addColumn<bool>("ok");
        QTest::newRow("even split") << 50 << 50 << true;
        QTest::newRow("both at the maximum") << 256 << 256 << true;
        QTest::newRow("both zero") << 0 << 0 << true;
        QTest::newRow("blue above 256") << 257 << 0 << false;
        QTest::newRow("green negative") << 100 << -1 << false;
    }
    void setWeights()
    {
        QFETCH(int, blue);
        QFETCH(int, green);
        QFETCH(bool, ok);
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::Healthy);
        QCOMPARE(sim.weights(), (TrafficWeights{100, 0}));
        QSignalSpy spy(&sim, &DemoSimulator::weightsChanged);
        const Status s = sim.setWeights(blue, green);
        QCOMPARE(s.ok(), ok);
        if (ok) {
            QCOMPARE(sim.weights(), (TrafficWeights{blue, green}));
            QCOMPARE(spy.size(), 1);
            QCOMPARE(spy.at(0), (QVariantList{blue, green}));
            QVERIFY(sim.setWeights(blue, green)); // the same again records nothing
            QCOMPARE(spy.size(), 1);
            QCOMPARE(sim.history().changes().size(), 2);
        } else {
            QVERIFY(s.error().contains(QStringLiteral("0..256")));
            QCOMPARE(sim.weights(), (TrafficWeights{100, 0}));
            QCOMPARE(spy.size(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoSimulator)
#include "tst_demosimulator.moc"
