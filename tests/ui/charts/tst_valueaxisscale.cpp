// ValueAxisScale: the value axis's range, ticks and clipped peak, as pure arithmetic.
#include "charts/valueaxisscale.h"

#include <QTest>

#include <cmath>
#include <vector>

namespace {

ThresholdLine line(double value, bool mustShow)
{
    ThresholdLine l;
    l.value = value;
    l.mustShow = mustShow;
    return l;
}

} // namespace

class TestValueAxisScale : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void niceStep_data()
    {
        QTest::addColumn<double>("raw");
        QTest::addColumn<double>("step");
        QTest::newRow("one") << 1.0 << 1.0;
        QTest::newRow("just over one") << 1.2 << 2.0;
        QTest::newRow("just over two") << 2.1 << 2.5;
        QTest::newRow("three") << 3.0 << 5.0;
        QTest::newRow("seven") << 7.0 << 10.0;
        QTest::newRow("hundreds") << 150.0 << 200.0;
        QTest::newRow("thousandths") << 0.0042 << 0.005;
        QTest::newRow("zero") << 0.0 << 1.0;
        QTest::newRow("negative") << -3.0 << 1.0;
        QTest::newRow("infinite") << qInf() << 1.0;
        QTest::newRow("not a number") << qQNaN() << 1.0;
    }
    void niceStep()
    {
        QFETCH(double, raw);
        QFETCH(double, step);
        QCOMPARE(ValueAxisScale::niceStep(raw), step);
    }

    void decimalsFor_data()
    {
        QTest::addColumn<double>("step");
        QTest::addColumn<int>("decimals");
        QTest::newRow("whole") << 25.0 << 0;
        QTest::newRow("half") << 0.5 << 1;
        QTest::newRow("two and a half") << 2.5 << 1;
        QTest::newRow("quarter") << 0.25 << 2;
        QTest::newRow("thousandths") << 0.005 << 3;
        QTest::newRow("finer than shown") << 0.00001 << 4;
    }
    void decimalsFor()
    {
        QFETCH(double, step);
        QFETCH(int, decimals);
        QCOMPARE(ValueAxisScale::decimalsFor(step), decimals);
    }

    void fit_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<QList<ThresholdLine>>("lines");
        QTest::addColumn<double>("fallbackTop");
        QTest::addColumn<double>("plotHeight");
        QTest::addColumn<bool>("compact");
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("tick");
        QTest::addColumn<double>("clippedPeak");

        QTest::newRow("nothing at all, milliseconds") << QList<double>{} << QList<ThresholdLine>{} << 100.0 << 200.0 << false << 0.0 << 108.0 << 25.0 << 0.0;
        QTest::newRow("nothing at all, percent, compact") << QList<double>{} << QList<ThresholdLine>{} << 1.0 << 100.0 << true << 0.0 << 1.08 << 0.5 << 0.0;
        QTest::newRow("the rollback line without data") << QList<double>{} << QList<ThresholdLine>{line(600, true), line(2000, false)} << 100.0 << 200.0
                                                         << false << 0.0 << 648.0 << 200.0 << 0.0;
        QTest::newRow("a peak within half again of the line is shown")
            << QList<double>{100, 300, 500} << QList<ThresholdLine>{line(400, true)} << 100.0 << 200.0 << false << 0.0 << 540.0 << 200.0 << 0.0;
        QList<double> withOutlier;
        for (int i = 0; i < 1000; ++i)
            withOutlier << 200 + i % 71;
        withOutlier << 30'000;
        QTest::newRow("one timed-out request is clipped")
            << withOutlier << QList<ThresholdLine>{line(600, true)} << 100.0 << 200.0 << false << 0.0 << 648.0 << 200.0 << 30'000.0;
        QList<double> ninetyToHundred;
        for (int v = 90; v <= 100; ++v)
            ninetyToHundred << v;
        QTest::newRow("a lesser line just above the data is included")
            << ninetyToHundred << QList<ThresholdLine>{line(200, false), line(120, false)} << 100.0 << 200.0 << false << 0.0 << 129.6 << 50.0 << 0.0;
        QTest::newRow("negative data reaches below zero, on a tick")
            << QList<double>{-5, 0, 10} << QList<ThresholdLine>{} << 1.0 << 200.0 << false << -10.0 << 10.8 << 5.0 << 0.0;
        QTest::newRow("a small plot gets fewer ticks")
            << QList<double>{} << QList<ThresholdLine>{line(600, true)} << 100.0 << 60.0 << true << 0.0 << 648.0 << 500.0 << 0.0;
    }
    void fit()
    {
        QFETCH(QList<double>, values);
        QFETCH(QList<ThresholdLine>, lines);
        QFETCH(double, fallbackTop);
        QFETCH(double, plotHeight);
        QFETCH(bool, compact);
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(double, tick);
        QFETCH(double, clippedPeak);
        std::vector<double> v(values.cbegin(), values.cend());
        const ValueAxisScale s = ValueAxisScale::fit(v, lines, fallbackTop, plotHeight, compact);
        QCOMPARE(s.min, min);
        QVERIFY2(std::abs(s.max - max) < 1e-9, qPrintable(QStringLiteral("%1, expected %2").arg(s.max).arg(max)));
        QCOMPARE(s.tickInterval, tick);
        QCOMPARE(s.clippedPeak, clippedPeak);
        QCOMPARE(s.decimals, ValueAxisScale::decimalsFor(s.tickInterval));
        QCOMPARE(s.labelFormat(), QStringLiteral("%.%1f").arg(s.decimals));
        // Every value not clipped is in view.
        for (double x : values) {
            if (x != s.clippedPeak)
                QVERIFY2(x >= s.min && x <= s.max, qPrintable(QString::number(x)));
        }
    }

    void fixedRange()
    {
        const ValueAxisScale s = ValueAxisScale::fixed(0, 100, 25);
        QCOMPARE(s.min, 0.0);
        QCOMPARE(s.max, 100.0);
        QCOMPARE(s.tickInterval, 25.0);
        QCOMPARE(s.labelFormat(), QStringLiteral("%.0f"));
        QCOMPARE(s.clippedPeak, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestValueAxisScale)
#include "tst_valueaxisscale.moc"
