// Memory over a simulated 24 h at 1 s polling: 14 series (7 metrics, blue and green), each
// tick answered by a real Prometheus vector body, parsed, converted, stored, and written to
// the journal in batches, as the live path does (without the network). Prints the resident
// memory growth per simulated hour; the goal is at most 50 MB over 24 h.
#include "journal/journal.h"
#include "metrics/prometheusresponse.h"
#include "metrics/samplerecorder.h"
#include "metrics/samplestore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>

namespace {
qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}
}

class BenchMetricsMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void day()
    {
        QTemporaryDir dir;
        Journal journal;
        QVERIFY(journal.open(dir.filePath(QStringLiteral("bench.sqlite"))).ok());
        SampleStore store;
        SampleRecorder recorder(&store, &journal, QStringLiteral("bench"));
        recorder.setFlushIntervalMs(3'600'000); // flushed by hand below, every simulated minute

        constexpr qint64 T0 = 1'800'000'000'000;
        constexpr int Hours = 24;
        const qint64 before = residentKb();
        qint64 samples = 0;
        std::printf("machine: %d cores\n", QThread::idealThreadCount());
        std::printf("%6s %12s %12s %14s\n", "hour", "samples", "RSS MB", "growth MB");
        for (int hour = 1; hour <= Hours; ++hour) {
            for (int second = 0; second < 3600; ++second) {
                const qint64 t = T0 + ((hour - 1) * 3600LL + second) * 1000;
                for (int m = 0; m < MetricCount; ++m) {
                    for (Color c : {Color::Blue, Color::Green}) {
                        const double ratio = 0.001 + 0.0001 * std::sin(double(t) / 7e4 + m);
                        const QByteArray body = QStringLiteral(R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"m","color":"%1"},"value":[%2,"%3"]}]}})")
                                                    .arg(colorKey(c))
                                                    .arg(double(t) / 1000.0, 0, 'f', 3)
                                                    .arg(ratio, 0, 'g', 17)
                                                    .toUtf8();
                        const auto parsed = PrometheusResponse::parse(body, 200);
                        if (!parsed.ok() || parsed.value().series.isEmpty())
                            QFAIL(qPrintable(parsed.ok() ? QStringLiteral("no series") : parsed.error()));
                        store.append({Metric(m), c}, {t, parsed.value().series.first().samples.front().value * 100.0});
                        ++samples;
                    }
                }
                if (second % 60 == 59)
                    QVERIFY(recorder.flush().ok());
            }
            const qint64 now = residentKb();
            std::printf("%6d %12lld %12.1f %14.1f\n", hour, samples, double(now) / 1024.0, double(now - before) / 1024.0);
            std::fflush(stdout);
        }
        const qint64 after = residentKb();
        std::printf("24 h at 1 s: %lld samples in %d series; store holds %.1f MB of samples; RSS growth %.1f MB (goal: at most 50 MB)\n",
                    samples, MetricCount * 2, double(store.sampleBytes()) / 1048576.0, double(after - before) / 1024.0);
        QCOMPARE(store.samples({Metric::ErrorRate, Color::Green}).size(), size_t(Hours * 3600));
    }
};

QTEST_GUILESS_MAIN(BenchMetricsMemory)
#include "bench_metricsmemory.moc"
