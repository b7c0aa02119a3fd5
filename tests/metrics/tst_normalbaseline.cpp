#include "metrics/normalbaseline.h"
#include "metrics/samplestore.h"

#include <QTest>

#include <cmath>

class TestNormalBaseline : public QObject
{
    Q_OBJECT

private:
    static constexpr SeriesKey BlueP95{Metric::ResponseTime, Color::Blue};
    static NormalResponseTime measured(qint64 windowMs)
    {
        NormalResponseTime n;
        n.source = NormalResponseTime::Source::Measured;
        n.windowMs = windowMs;
        return n;
    }

private Q_SLOTS:
    void fixedIsGiven()
    {
        SampleStore store;
        NormalResponseTime n;
        n.source = NormalResponseTime::Source::Fixed;
        n.fixedMs = 180;
        QCOMPARE(NormalBaseline::compute(store, n, 0, 2000), 180.0);
    }

    void medianOfBlueOverTheWindow()
    {
        SampleStore store;
        // 5 minutes of blue at 2 s, values 100..249 with one outlier spike; only the last
        // 5 minutes before the shift count.
        for (int i = 0; i < 300; ++i)
            store.append(BlueP95, {i * 2000LL, i < 150 ? 9999.0 : 100.0 + (i - 150)});
        store.append({Metric::ResponseTime, Color::Green}, {590'000, 5000}); // green never counts
        const auto normal = NormalBaseline::compute(store, measured(300'000), 598'000, 2000);
        QVERIFY(normal);
        QCOMPARE(*normal, 175.0); // [298 s, 598 s] holds i = 149..299: one 9999 spike and 100..249
    }

    void notEnoughDataIsNoBaseline()
    {
        SampleStore store;
        for (int i = 0; i < 10; ++i)
            store.append(BlueP95, {i * 2000LL, 180});
        QVERIFY(!NormalBaseline::compute(store, measured(300'000), 20'000, 2000)); // 10 of 150 expected
        QVERIFY(!NormalBaseline::compute(SampleStore(), measured(300'000), 20'000, 2000));
    }

    void badValuesAreIgnored()
    {
        SampleStore store;
        // One good sample in three: a third of the window is covered, not enough.
        for (int i = 0; i < 150; ++i)
            store.append(BlueP95, {i * 2000LL, i % 3 ? std::nan("") : 200.0});
        QVERIFY(!NormalBaseline::compute(store, measured(300'000), 300'000, 2000));
        // Half covered is enough, and the NaNs do not drag the median.
        for (int i = 0; i < 150; i += 3)
            store.append(BlueP95, {i * 2000LL + 1000, 220.0});
        QCOMPARE(*NormalBaseline::compute(store, measured(300'000), 300'000, 2000), 210.0);
    }
};

QTEST_GUILESS_MAIN(TestNormalBaseline)
#include "tst_normalbaseline.moc"
