// SampleArchive: samples kept in the journal and read back, on a SQLite file and on PostgreSQL
// (../journal/journaltarget.h): a console that joins late draws the whole history from there.
#include "journal/journal.h"
#include "../journal/journaltarget.h"
#include "metrics/samplearchive.h"
#include "metrics/samplerecorder.h"
#include "metrics/samplestore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

class TestSampleArchive : public QObject
{
    Q_OBJECT

private:
    JournalTarget m_target;

private Q_SLOTS:
    void writeAndReadBack()
    {
        Journal journal;
        QVERIFY2(m_target.isValid(), qPrintable(m_target.error()));
        QVERIFY(journal.open(m_target.location(QStringLiteral("a"))).ok());
        SampleArchive archive(&journal);
        const SeriesKey green{Metric::ResponseTime, Color::Green};
        const SeriesKey blue{Metric::TrafficShare, Color::Blue};
        QVERIFY(archive.write(QStringLiteral("d1"), {{green, {2000, 180.5}}, {green, {1000, std::nan("")}}, {blue, {1000, 100}}, {green, {3000, INFINITY}}}).ok());
        QVERIFY(archive.write(QStringLiteral("d2"), {{green, {1000, 1}}}).ok());
        QVERIFY(archive.write(QStringLiteral("d1"), {{green, {2000, 190.0}}}).ok()); // the newer value wins
        const auto read = archive.read(QStringLiteral("d1"));
        QVERIFY2(read.ok(), qPrintable(read.error()));
        QCOMPARE(read.value().size(), 2);
        const auto &g = read.value().value(green);
        QCOMPARE(g.size(), size_t(3));
        QCOMPARE(g[0].timeMs, 1000);
        QVERIFY(std::isnan(g[0].value));
        QCOMPARE(g[1].value, 190.0);
        QVERIFY(std::isinf(g[2].value));
        QCOMPARE(read.value().value(blue).at(0).value, 100.0);
    }

    // The recorder batches: nothing is written per sample, everything by the flush, and a
    // reopened journal gives the same series back (what a reopened deployment redraws).
    void recorderBatchesAndSurvivesReopen()
    {
        QVERIFY2(m_target.isValid(), qPrintable(m_target.error()));
        const QString path = m_target.location(QStringLiteral("b"));
        const SeriesKey errors{Metric::ErrorRate, Color::Green};
        {
            Journal journal;
            QVERIFY(journal.open(path).ok());
            SampleStore store;
            SampleRecorder recorder(&store, &journal, QStringLiteral("dep"));
            recorder.setFlushIntervalMs(60'000);
            for (int i = 0; i < 500; ++i)
                store.append(errors, {i * 1000LL, i * 0.01});
            QVERIFY(SampleArchive(&journal).read(QStringLiteral("dep")).value().isEmpty());
            QVERIFY(recorder.flush().ok());
            QCOMPARE(SampleArchive(&journal).read(QStringLiteral("dep")).value().value(errors).size(), size_t(500));
            // History merged in the middle (a backfill) is written too.
            store.merge(errors, std::vector<Sample>{{500, 7.0}, {1500, 8.0}});
            store.append(errors, {600'000, 1.0});
        } // the recorder flushes when it goes
        Journal journal;
        QVERIFY(journal.open(path).ok());
        const auto series = SampleArchive(&journal).read(QStringLiteral("dep")).value().value(errors);
        QCOMPARE(series.size(), size_t(503));
        QCOMPARE(series[1].timeMs, 500);
        QCOMPARE(series[1].value, 7.0);
        QCOMPARE(series.back().timeMs, 600'000);
    }
};

QTEST_GUILESS_MAIN(TestSampleArchive)
#include "tst_samplearchive.moc"
