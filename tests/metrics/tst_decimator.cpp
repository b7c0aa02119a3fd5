#include "metrics/decimator.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

std::vector<Sample> series(std::initializer_list<std::pair<qint64, double>> points)
{
    std::vector<Sample> out;
    for (auto [t, v] : points)
        out.push_back({t, v});
    return out;
}

bool contains(const std::vector<Sample> &points, const Sample &s)
{
    return std::find(points.begin(), points.end(), s) != points.end();
}

// The property every decimation must have, checked against a brute-force pass over the input.
void checkDecimation(const std::vector<Sample> &input, qint64 fromMs, qint64 toMs, int columns, const Decimation &d)
{
    QVERIFY2(d.points.size() <= std::size_t(2 * columns + 2), qPrintable(QStringLiteral("%1 points for %2 columns").arg(d.points.size()).arg(columns)));
    QVERIFY(std::is_sorted(d.points.begin(), d.points.end(), [](const Sample &a, const Sample &b) { return a.timeMs < b.timeMs; }));
    for (std::size_t i = 1; i < d.points.size(); ++i)
        QVERIFY2(d.points[i - 1].timeMs != d.points[i].timeMs, "a sample appears twice");
    for (const Sample &p : d.points) {
        QVERIFY(std::isfinite(p.value));
        QVERIFY2(contains(input, p), "an output point that is not an input sample");
    }

    // Per column: the smallest and the largest finite sample (the earliest of equals) survive.
    const qint64 span = toMs - fromMs;
    std::vector<const Sample *> lowest(std::size_t(columns), nullptr), highest(std::size_t(columns), nullptr);
    int inside = 0;
    for (const Sample &s : input) {
        if (s.timeMs < fromMs || s.timeMs > toMs || !std::isfinite(s.value))
            continue;
        ++inside;
        const auto c = std::size_t(std::min<qint64>(columns - 1, (s.timeMs - fromMs) * columns / span));
        if (!lowest[c] || s.value < lowest[c]->value)
            lowest[c] = &s;
        if (!highest[c] || s.value > highest[c]->value)
            highest[c] = &s;
    }
    for (int c = 0; c < columns; ++c) {
        if (!lowest[std::size_t(c)])
            continue;
        QVERIFY2(contains(d.points, *lowest[std::size_t(c)]), qPrintable(QStringLiteral("column %1 lost its minimum").arg(c)));
        QVERIFY2(contains(d.points, *highest[std::size_t(c)]), qPrintable(QStringLiteral("column %1 lost its maximum").arg(c)));
    }

    // The edges: the nearest good sample on each side outside the window.
    const Sample *before = nullptr;
    const Sample *after = nullptr;
    for (const Sample &s : input) {
        if (!std::isfinite(s.value))
            continue;
        if (s.timeMs < fromMs)
            before = &s;
        else if (s.timeMs > toMs && !after)
            after = &s;
    }
    const std::size_t expectedEdges = (before ? 1 : 0) + (after ? 1 : 0);
    QVERIFY(d.points.size() >= expectedEdges + (inside > 0 ? 1 : 0));
    if (before)
        QCOMPARE(d.points.front(), *before);
    if (after)
        QCOMPARE(d.points.back(), *after);

    QVERIFY(d.gaps.size() <= std::size_t(columns + 1));
    for (const SampleGap &g : d.gaps) {
        QVERIFY(g.fromMs >= fromMs && g.toMs <= toMs && g.fromMs < g.toMs);
    }
}

} // namespace

class TestDecimator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void randomData_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("badPerMille");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("dense, 9000 samples in 800 columns") << 9000 << 800 << 0 << 1u;
        QTest::newRow("sparse, 50 samples in 800 columns") << 50 << 800 << 0 << 2u;
        QTest::newRow("one column") << 500 << 1 << 0 << 3u;
        QTest::newRow("odd column count") << 3333 << 7 << 0 << 4u;
        QTest::newRow("with NaN and infinities") << 5000 << 300 << 50 << 5u;
        QTest::newRow("mostly NaN") << 2000 << 100 << 900 << 6u;
    }
    void randomData()
    {
        QFETCH(int, count);
        QFETCH(int, columns);
        QFETCH(int, badPerMille);
        QFETCH(quint32, seed);
        QRandomGenerator rng(seed);
        for (int round = 0; round < 20; ++round) {
            std::vector<Sample> input;
            qint64 t = 1'000'000;
            for (int i = 0; i < count; ++i) {
                t += 1 + rng.bounded(2000);
                double v = rng.generateDouble() * 100.0;
                if (rng.bounded(100) == 0)
                    v *= 50; // spikes, the samples decimation must keep
                if (rng.bounded(1000) < badPerMille)
                    v = rng.bounded(3) == 0 ? Inf : (rng.bounded(2) ? NaN : -Inf);
                if (rng.bounded(10) == 0)
                    v = std::round(v); // equal values, so ties are exercised
                input.push_back({t, v});
            }
            // Windows inside, across either end and covering everything.
            const qint64 first = input.front().timeMs, last = input.back().timeMs, len = last - first;
            const qint64 from = first - len / 10 + qint64(rng.bounded(quint32(len / 2 + 1)));
            const qint64 to = from + 1 + qint64(rng.bounded(quint32(len + 1)));
            const Decimation d = Decimator::decimate(input, from, to, columns);
            checkDecimation(input, from, to, columns, d);
            if (QTest::currentTestFailed()) {
                qWarning("round %d, window [%lld, %lld]", round, qlonglong(from), qlonglong(to));
                return;
            }
        }
    }

    void emptyInput()
    {
        const Decimation d = Decimator::decimate({}, 0, 1000, 100);
        QVERIFY(d.points.empty());
        QVERIFY(d.gaps.empty());
    }

    void noColumnsOrEmptyWindow()
    {
        const auto input = series({{10, 1}, {20, 2}});
        QVERIFY(Decimator::decimate(input, 0, 100, 0).points.empty());
        QVERIFY(Decimator::decimate(input, 50, 50, 10).points.empty());
        QVERIFY(Decimator::decimate(input, 60, 50, 10).points.empty());
    }

    void oneSample()
    {
        const auto input = series({{500, 7}});
        QCOMPARE(Decimator::decimate(input, 0, 1000, 100).points, input);
        // Outside the window it is still returned, as the edge the line runs towards.
        QCOMPARE(Decimator::decimate(input, 600, 1000, 100).points, input);
        QCOMPARE(Decimator::decimate(input, 0, 400, 100).points, input);
    }

    void allInOneColumn()
    {
        // 1000 ms in 10 columns: column 0 is [0, 100). Min 1 and max 9, in time order.
        const auto input = series({{0, 5}, {10, 3}, {20, 1}, {30, 6}, {40, 9}, {50, 2}, {60, 4}});
        const Decimation d = Decimator::decimate(input, 0, 1000, 10);
        QCOMPARE(d.points, series({{20, 1}, {40, 9}}));
        // The maximum first when it came first.
        QCOMPARE(Decimator::decimate(series({{0, 5}, {10, 9}, {20, 1}, {30, 6}}), 0, 1000, 10).points, series({{10, 9}, {20, 1}}));
        checkDecimation(input, 0, 1000, 10, d);
    }

    void flatColumnGivesOnePoint()
    {
        const auto input = series({{0, 3}, {10, 3}, {20, 3}, {30, 3}});
        QCOMPARE(Decimator::decimate(input, 0, 1000, 10).points, series({{0, 3}}));
    }

    void fewSamplesAreKeptAsTheyAre()
    {
        const auto input = series({{0, 1}, {150, 2}, {350, 3}, {999, 4}, {1000, 5}});
        // 1000 lands in the last column with 999 rather than one past the end; both are kept as
        // that column's min and max.
        QCOMPARE(Decimator::decimate(input, 0, 1000, 10).points, input);
    }

    void edgesOutsideTheWindow()
    {
        const auto input = series({{0, 1}, {100, 2}, {200, 3}, {300, 4}, {400, 5}});
        // The window [150, 250] holds 200; 100 and 300 are the edges.
        QCOMPARE(Decimator::decimate(input, 150, 250, 4).points, series({{100, 2}, {200, 3}, {300, 4}}));
        // A window between two samples gives just the two edges: the line crosses it.
        QCOMPARE(Decimator::decimate(input, 210, 290, 4).points, series({{200, 3}, {300, 4}}));
    }

    void windowOutsideTheData()
    {
        const auto input = series({{1000, 1}, {2000, 2}, {3000, 3}});
        // After the data: only the last sample, the line's left end.
        Decimation d = Decimator::decimate(input, 5000, 9000, 100);
        QCOMPARE(d.points, series({{3000, 3}}));
        QVERIFY(d.gaps.empty());
        // Before the data: only the first sample.
        d = Decimator::decimate(input, 0, 500, 100);
        QCOMPARE(d.points, series({{1000, 1}}));
    }

    void nonFiniteSamplesAreSkippedAndReportedAsGaps()
    {
        const auto input = series({{0, 1}, {100, NaN}, {200, Inf}, {300, 4}, {400, 5}});
        const Decimation d = Decimator::decimate(input, 0, 1000, 100);
        QCOMPARE(d.points, series({{0, 1}, {300, 4}, {400, 5}}));
        // The bridge from the last good sample to the next good one.
        QCOMPARE(d.gaps, (std::vector<SampleGap>{{0, 300}}));
    }

    void nonFiniteEdgesAreWalkedOver()
    {
        const auto input = series({{0, 1}, {100, NaN}, {500, 5}, {900, NaN}, {1000, 10}});
        const Decimation d = Decimator::decimate(input, 200, 800, 10);
        QCOMPARE(d.points, series({{0, 1}, {500, 5}, {1000, 10}}));
        // Both gaps clipped to the window; they touch at 500, so they are one shaded stretch.
        QCOMPARE(d.gaps, (std::vector<SampleGap>{{200, 800}}));
    }

    void leadingAndTrailingNonFinite()
    {
        const auto input = series({{0, NaN}, {100, NaN}, {200, 2}, {300, 3}, {400, NaN}});
        const Decimation d = Decimator::decimate(input, 0, 1000, 100);
        QCOMPARE(d.points, series({{200, 2}, {300, 3}}));
        QCOMPARE(d.gaps, (std::vector<SampleGap>{{0, 200}, {300, 400}}));
    }

    void allNonFinite()
    {
        const auto input = series({{0, NaN}, {100, NaN}, {200, -Inf}});
        const Decimation d = Decimator::decimate(input, 0, 1000, 100);
        QVERIFY(d.points.empty());
        QCOMPARE(d.gaps, (std::vector<SampleGap>{{0, 200}}));
    }

    void pausesLongerThanMaxGap()
    {
        const auto input = series({{0, 1}, {1000, 2}, {2000, 3}, {9000, 4}, {10000, 5}});
        QVERIFY(Decimator::decimate(input, 0, 10000, 100).gaps.empty());
        const Decimation d = Decimator::decimate(input, 0, 10000, 100, 2000);
        QCOMPARE(d.gaps, (std::vector<SampleGap>{{2000, 9000}}));
        QCOMPARE(d.points.size(), input.size());
    }

    void gapsCloserThanAColumnAreMerged()
    {
        // Columns are 100 ms wide: NaN every other sample makes many gaps, merged into one.
        std::vector<Sample> input;
        for (qint64 t = 0; t <= 1000; t += 10)
            input.push_back({t, (t / 10) % 2 ? NaN : double(t)});
        const Decimation d = Decimator::decimate(input, 0, 1000, 10);
        QCOMPARE(d.gaps, (std::vector<SampleGap>{{0, 1000}}));
        checkDecimation(input, 0, 1000, 10, d);
    }

    void reusesTheOutputBuffers()
    {
        const auto input = series({{0, 1}, {500, NaN}, {1000, 2}});
        Decimation d;
        Decimator::decimate(input, 0, 1000, 10, 0, &d);
        QCOMPARE(d.points.size(), 2u);
        QCOMPARE(d.gaps.size(), 1u);
        Decimator::decimate({}, 0, 1000, 10, 0, &d);
        QVERIFY(d.points.empty());
        QVERIFY(d.gaps.empty());
    }
};

QTEST_GUILESS_MAIN(TestDecimator)
#include "tst_decimator.moc"
