#include "metrics/samplestore.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

namespace {
const SeriesKey Errors{Metric::ErrorRate, Color::Green};
std::vector<qint64> times(const std::vector<Sample> &samples)
{
    std::vector<qint64> t;
    for (const Sample &s : samples)
        t.push_back(s.timeMs);
    return t;
}
}

class TestSampleStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendKeepsTimeOrder()
    {
        SampleStore store;
        QSignalSpy inserted(&store, &SampleStore::samplesInserted);
        store.append(Errors, {1000, 0.1});
        store.append(Errors, {3000, 0.3});
        store.append(Errors, {2000, 0.2}); // a late answer is merged, not appended
        store.append(Errors, {3000, 0.35}); // same time: replaces
        QCOMPARE(times(store.samples(Errors)), (std::vector<qint64>{1000, 2000, 3000}));
        QCOMPARE(store.samples(Errors).back().value, 0.35);
        QCOMPARE(inserted.count(), 4);
        QCOMPARE(inserted.at(2).at(1).toLongLong(), 2000);
    }

    void mergeInterleavesAndDeduplicates()
    {
        SampleStore store;
        store.merge(Errors, std::vector<Sample>{{1000, 1}, {3000, 3}, {5000, 5}});
        store.merge(Errors, std::vector<Sample>{{4000, 4}, {2000, 2}, {3000, 33}, {6000, 6}, {6000, 66}});
        QCOMPARE(times(store.samples(Errors)), (std::vector<qint64>{1000, 2000, 3000, 4000, 5000, 6000}));
        QCOMPARE(store.samples(Errors)[2].value, 33.0);
        QCOMPARE(store.samples(Errors)[5].value, 66.0);
    }

    void freshnessAndGoodValues()
    {
        SampleStore store;
        store.setFreshnessMs(4000);
        QVERIFY(!store.isFresh(Errors, 0)); // no data is never fresh
        store.append(Errors, {10'000, 0.2});
        QVERIFY(store.isFresh(Errors, 14'000));
        QVERIFY(!store.isFresh(Errors, 14'001));
        store.append(Errors, {12'000, std::nan("")});
        QVERIFY(!store.isFresh(Errors, 12'000)); // the newest answer is NaN: not good
        QCOMPARE(store.lastGood(Errors)->timeMs, 10'000);
        QVERIFY(std::isnan(store.latest(Errors)->value));
        store.append(Errors, {13'000, INFINITY});
        QCOMPARE(store.lastGood(Errors)->timeMs, 10'000);
    }

    void errorsAreSignalledOnChange()
    {
        SampleStore store;
        QSignalSpy changed(&store, &SampleStore::errorChanged);
        store.setError(Errors, Phrase::verbatim(QStringLiteral("down")));
        store.setError(Errors, Phrase::verbatim(QStringLiteral("down")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.error(Errors).english(), QStringLiteral("down"));
        store.setError(Errors, {});
        QCOMPARE(changed.count(), 2);
        QVERIFY(store.error(Errors).english().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSampleStore)
#include "tst_samplestore.moc"
