#include "sim/traffichistory.h"

#include <QTest>

// The weight history behind every simulated series: the lagging observed share and
// how long green has held a share.
class TestTrafficHistory : public QObject
{
    Q_OBJECT

    static constexpr qint64 T0 = 1'800'000'000'000;
    static constexpr qint64 Second = 1000;

private Q_SLOTS:
    void observedShare_data()
    {
        QTest::addColumn<qint64>("afterMs"); // after the change to 50/50 at T0 + 10 s
        QTest::addColumn<double>("green");
        QTest::addColumn<double>("blue");
        QTest::newRow("before the change") << -Second << 0.0 << 1.0;
        QTest::newRow("at the change") << qint64(0) << 0.0 << 1.0;
        QTest::newRow("halfway through the lag") << TrafficHistory::ConvergenceMs / 2 << 0.25 << 0.75;
        QTest::newRow("converged") << TrafficHistory::ConvergenceMs << 0.5 << 0.5;
        QTest::newRow("stays converged") << 60 * Second << 0.5 << 0.5;
    }
    void observedShare()
    {
        QFETCH(qint64, afterMs);
        QFETCH(double, green);
        QFETCH(double, blue);
        TrafficHistory h(T0);
        h.record(T0 + 10 * Second, {50, 50});
        QCOMPARE(h.observedShare(Color::Green, T0 + 10 * Second + afterMs), green);
        QCOMPARE(h.observedShare(Color::Blue, T0 + 10 * Second + afterMs), blue);
    }

    void observedShareFollowsFromWhereItWas()
    {
        // A second change before the first converged starts from the share reached so far.
        TrafficHistory h(T0);
        h.record(T0, {0, 100});
        h.record(T0 + TrafficHistory::ConvergenceMs / 2, {100, 0}); // green had reached 0.5
        QCOMPARE(h.observedShare(Color::Green, T0 + TrafficHistory::ConvergenceMs / 2), 0.5);
        QCOMPARE(h.observedShare(Color::Green, T0 + TrafficHistory::ConvergenceMs), 0.25);
        QCOMPARE(h.observedShare(Color::Green, T0 + 2 * TrafficHistory::ConvergenceMs), 0.0);
        QCOMPARE(h.weightsAt(T0 + 1), (TrafficWeights{0, 100}));
        QCOMPARE(h.current(), (TrafficWeights{100, 0}));
    }

    void zeroWeightsGiveNoShare()
    {
        TrafficHistory h(T0, {0, 0});
        QCOMPARE(h.observedShare(Color::Blue, T0), 0.0);
        QCOMPARE(h.observedShare(Color::Green, T0), 0.0);
        QCOMPARE(TrafficHistory::commandedGreenShare({0, 0}), 0.0);
    }

    void greenDownIsRoutedAround()
    {
        TrafficHistory h(T0, {50, 50});
        QCOMPARE(h.observedShare(Color::Green, T0 + Second, false), 0.0);
        QCOMPARE(h.observedShare(Color::Blue, T0 + Second, false), 1.0);
    }

    void historyOnlyGrowsForward()
    {
        TrafficHistory h(T0);
        h.record(T0 + 10 * Second, {90, 10});
        h.record(T0 + 5 * Second, {80, 20}); // a clock that went back
        QCOMPARE(h.changes().size(), 3);
        QCOMPARE(h.changes().last().atMs, T0 + 10 * Second);
    }

    void shareHeldSince_data()
    {
        QTest::addColumn<QList<int>>("greenWeights"); // blue is 100 - green; one change a minute from T0 + 1 min
        QTest::addColumn<double>("share");
        QTest::addColumn<qint64>("atMs");
        QTest::addColumn<qint64>("expectedSince"); // -1: none
        const qint64 m = 60 * Second;
        QTest::newRow("never reached") << QList<int>{5} << 0.10 << T0 + 10 * m << qint64(-1);
        QTest::newRow("exactly the threshold") << QList<int>{10} << 0.10 << T0 + 10 * m << T0 + m;
        QTest::newRow("rising keeps the first crossing") << QList<int>{10, 25, 50} << 0.10 << T0 + 10 * m << T0 + m;
        QTest::newRow("higher threshold crossed later") << QList<int>{10, 25, 50} << 0.25 << T0 + 10 * m << T0 + 2 * m;
        QTest::newRow("dropping below resets") << QList<int>{25, 5, 25} << 0.10 << T0 + 10 * m << T0 + 3 * m;
        QTest::newRow("below now") << QList<int>{25, 0} << 0.10 << T0 + 10 * m << qint64(-1);
        QTest::newRow("not yet at atMs") << QList<int>{25} << 0.10 << T0 + m - 1 << qint64(-1);
    }
    void shareHeldSince()
    {
        QFETCH(QList<int>, greenWeights);
        QFETCH(double, share);
        QFETCH(qint64, atMs);
        QFETCH(qint64, expectedSince);
        TrafficHistory h(T0);
        for (int i = 0; i < greenWeights.size(); ++i)
            h.record(T0 + (i + 1) * 60 * Second, {100 - greenWeights[i], greenWeights[i]});
        const std::optional<qint64> since = h.greenShareAtLeastSince(share, atMs);
        QCOMPARE(since.value_or(-1), expectedSince);
    }

    void sustainedShare_data()
    {
        QTest::addColumn<QList<int>>("greenWeights"); // one change every 30 s from T0 + 30 s
        QTest::addColumn<qint64>("atMs");
        QTest::addColumn<qint64>("expected"); // -1: none
        const qint64 s30 = 30 * Second;
        QTest::newRow("held a minute") << QList<int>{10} << T0 + 10 * s30 << T0 + 3 * s30;
        QTest::newRow("not a minute yet") << QList<int>{10} << T0 + 3 * s30 - 1 << qint64(-1);
        QTest::newRow("rising without a break counts") << QList<int>{10, 50} << T0 + 10 * s30 << T0 + 3 * s30;
        QTest::newRow("broken run restarts") << QList<int>{10, 0, 10} << T0 + 10 * s30 << T0 + 5 * s30;
        QTest::newRow("stays true after going back") << QList<int>{10, 10, 10, 0} << T0 + 10 * s30 << T0 + 3 * s30;
        QTest::newRow("below the share never") << QList<int>{9} << T0 + 10 * s30 << qint64(-1);
    }
    void sustainedShare()
    {
        QFETCH(QList<int>, greenWeights);
        QFETCH(qint64, atMs);
        QFETCH(qint64, expected);
        TrafficHistory h(T0);
        for (int i = 0; i < greenWeights.size(); ++i)
            h.record(T0 + (i + 1) * 30 * Second, {100 - greenWeights[i], greenWeights[i]});
        QCOMPARE(h.firstSustainedGreenShare(0.10, 60 * Second, atMs).value_or(-1), expected);
    }
};

QTEST_GUILESS_MAIN(TestTrafficHistory)
#include "tst_traffichistory.moc"
