// Prints how fast a large query_range answer (100,000 points) is read: the scanner that
// PrometheusResponse::parse uses, and QJsonDocument (parseWithJsonDocument) for comparison.
// The target is at most 50 ms per parse in a release build.
#include "metrics/prometheusresponse.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <vector>

namespace {

// A matrix answer like Prometheus writes it: times in seconds with milliseconds where
// they have them, values as decimal strings of varying length, now and then NaN.
QByteArray rangeBody(int seriesCount, int pointsPerSeries)
{
    QByteArray out;
    out.reserve(qsizetype(seriesCount) * pointsPerSeries * 32);
    out += R"({"status":"success","data":{"resultType":"matrix","result":[)";
    quint32 state = 12345;
    for (int s = 0; s < seriesCount; ++s) {
        if (s)
            out += ',';
        out += R"({"metric":{"__name__":"http_request_duration_seconds","color":"green","instance":"10.0.0.)"
            + QByteArray::number(s) + R"(:9100","job":"shop"},"values":[)";
        for (int i = 0; i < pointsPerSeries; ++i) {
            if (i)
                out += ',';
            const qint64 ms = 1'800'000'000'000 + qint64(i) * 2500;
            out += '[' + QByteArray::number(ms / 1000);
            if (ms % 1000)
                out += '.' + QByteArray::number(ms % 1000).rightJustified(3, '0');
            state = state * 1664525u + 1013904223u;
            if (state % 997 == 0)
                out += ",\"NaN\"]";
            else
                out += ",\"" + QByteArray::number(double(state % 100000) / 7919.0, 'g', 1 + int(state % 15)) + "\"]";
        }
        out += "]}";
    }
    out += "]}}";
    return out;
}

qint64 countPoints(const PrometheusQueryResult &r)
{
    qint64 n = 0;
    for (const PrometheusSeries &s : r.series)
        n += qint64(s.samples.size());
    return n;
}

using Parser = Result<PrometheusQueryResult> (*)(const QByteArray &, int, const QString &);

// Median wall time of `runs` parses, in milliseconds; fails the test if a parse fails.
double medianMs(Parser parse, const QByteArray &body, int runs, qint64 expectedPoints)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto result = parse(body, 200, QString());
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (!result.ok() || countPoints(result.value()) != expectedPoints)
            return -1;
        times.push_back(ms);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

class BenchPrometheusResponse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseRange_data()
    {
        QTest::addColumn<int>("seriesCount");
        QTest::addColumn<int>("pointsPerSeries");
        // Prometheus gives at most 11,000 points per series; one long series is the worst case anyway.
        QTest::newRow("1 series x 100,000 points") << 1 << 100'000;
        QTest::newRow("10 series x 10,000 points") << 10 << 10'000;
    }
    void parseRange()
    {
        QFETCH(int, seriesCount);
        QFETCH(int, pointsPerSeries);
        const QByteArray body = rangeBody(seriesCount, pointsPerSeries);
        const qint64 points = qint64(seriesCount) * pointsPerSeries;
        constexpr int Runs = 9;

        const double scanner = medianMs(&PrometheusResponse::parse, body, Runs, points);
        const double document = medianMs(&PrometheusResponse::parseWithJsonDocument, body, Runs, points);
        QVERIFY2(scanner > 0, "the scanner path did not read every point");
        QVERIFY2(document > 0, "the QJsonDocument path did not read every point");
        qInfo("body %.2f MB, %lld points; median of %d parses:", double(body.size()) / 1048576.0, qlonglong(points), Runs);
        qInfo("  PrometheusResponse::parse (scanner):  %7.2f ms per parse, %6.1f M points/s", scanner,
              double(points) / scanner / 1000.0);
        qInfo("  parseWithJsonDocument (QJsonDocument): %7.2f ms per parse, %6.1f M points/s", document,
              double(points) / document / 1000.0);
    }
};

QTEST_GUILESS_MAIN(BenchPrometheusResponse)
#include "bench_prometheusresponse.moc"
