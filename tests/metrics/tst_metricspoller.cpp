// MetricsPoller against a fake Prometheus, on a ManualClock: what it asks when, how it
// converts and stores values, and how it behaves when the server misbehaves.
#include "core/clock.h"
#include "fakeprometheus.h"
#include "metrics/metricspoller.h"
#include "metrics/samplestore.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <cmath>
#include <limits>

namespace {

using Answer = FakePrometheus::Answer;

constexpr qint64 T0 = 1'800'000'000'000;
constexpr int WaitMs = 10000;
const SeriesKey BlueErrors{Metric::ErrorRate, Color::Blue};
const SeriesKey GreenErrors{Metric::ErrorRate, Color::Green};

MetricsConfig configFor(const QUrl &base, QList<MetricQuery> queries = {}, qint64 intervalMs = 2000)
{
    MetricsConfig config;
    config.baseUrl = base;
    config.pollIntervalMs = intervalMs;
    config.timeoutMs = 5000;
    config.queries = queries.isEmpty()
        ? QList<MetricQuery>{{Metric::ErrorRate, QStringLiteral(R"(err{color="${color}"})"), ValueUnit::Percent}}
        : queries;
    return config;
}

Answer answerWith(int status, const QByteArray &body)
{
    Answer a;
    a.status = status;
    a.body = body;
    return a;
}

Answer held()
{
    Answer a;
    a.hold = true;
    return a;
}

// The poller, its store and clock, and a fake server, wired for one test.
struct Rig {
    ManualClock clock{T0};
    SampleStore store;
    FakePrometheus server;
    MetricsPoller poller{&store, &clock};

    bool setUp(QList<MetricQuery> queries = {}, qint64 intervalMs = 2000)
    {
        if (!server.listenLocal())
            return false;
        poller.setRandomSource([] { return 0.5; }); // no jitter: exact retry times
        const Status s = poller.setConfig(configFor(server.url(QStringLiteral("/prom")), queries, intervalMs));
        if (!s)
            qWarning("%s", qPrintable(s.error()));
        return s.ok();
    }
    int queries() const { return server.requestCount(QStringLiteral("/prom/api/v1/query")); }
    // Moves the clock and lets the event loop deliver what that sends.
    void advance(qint64 ms)
    {
        clock.advanceMs(ms);
        QTest::qWait(30);
    }
};

} // namespace

class TestMetricsPoller : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejectsBadConfigs_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<qint64>("interval");
        QTest::addColumn<int>("metric");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("unit");
        QTest::addColumn<QString>("mention");
        const QString ok = QStringLiteral(R"(x{color="${color}"})");
        const int errorRate = int(Metric::ErrorRate);
        const int responseTime = int(Metric::ResponseTime);
        QTest::newRow("no base URL") << QString() << qint64(2000) << errorRate << ok << int(ValueUnit::Ratio) << "No metrics base URL";
        QTest::newRow("ftp base URL") << "ftp://prom" << qint64(2000) << errorRate << ok << int(ValueUnit::Ratio) << "http:// or https://";
        QTest::newRow("zero interval") << "http://prom" << qint64(0) << errorRate << ok << int(ValueUnit::Ratio) << "poll interval";
        QTest::newRow("empty expression") << "http://prom" << qint64(2000) << errorRate << QString() << int(ValueUnit::Ratio) << "is empty";
        QTest::newRow("no ${color}") << "http://prom" << qint64(2000) << errorRate << "sum(x)" << int(ValueUnit::Ratio)
                                     << "error_rate has no ${color}";
        QTest::newRow("rate in seconds") << "http://prom" << qint64(2000) << errorRate << ok << int(ValueUnit::Seconds)
                                         << "error_rate is kept in percent, so its unit must be ratio or percent, not seconds";
        QTest::newRow("time as a ratio") << "http://prom" << qint64(2000) << responseTime << ok << int(ValueUnit::Ratio)
                                         << "response_time is kept in milliseconds";
    }
    void rejectsBadConfigs()
    {
        QFETCH(QString, base);
        QFETCH(qint64, interval);
        QFETCH(int, metric);
        QFETCH(QString, expression);
        QFETCH(int, unit);
        QFETCH(QString, mention);
        ManualClock clock;
        SampleStore store;
        MetricsPoller poller(&store, &clock);
        const Status s = poller.setConfig(configFor(QUrl(base), {{Metric(metric), expression, ValueUnit(unit)}}, interval));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(mention), qPrintable(s.error()));
        QVERIFY(!poller.start().ok());
    }

    void rejectsDuplicateMetrics()
    {
        ManualClock clock;
        SampleStore store;
        MetricsPoller poller(&store, &clock);
        const MetricQuery q{Metric::ErrorRate, QStringLiteral("x{c=\"${color}\"}"), ValueUnit::Ratio};
        const Status s = poller.setConfig(configFor(QUrl(QStringLiteral("http://prom")), {q, q}));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(QLatin1String("error_rate has two queries")), qPrintable(s.error()));
    }

    void convertsToRunbookUnits_data()
    {
        QTest::addColumn<int>("metric");
        QTest::addColumn<int>("unit");
        QTest::addColumn<QByteArray>("body"); // %T = the time asked
        QTest::addColumn<double>("stored");
        const double NaN = std::numeric_limits<double>::quiet_NaN();
        const double Inf = std::numeric_limits<double>::infinity();
        const QByteArray t = "1800000000";
        QTest::newRow("error rate ratio -> percent") << int(Metric::ErrorRate) << int(ValueUnit::Ratio)
                                                     << FakePrometheus::vectorBody(1800000000, {"0.05"}) << 5.0;
        QTest::newRow("error rate percent") << int(Metric::ErrorRate) << int(ValueUnit::Percent)
                                            << FakePrometheus::vectorBody(1800000000, {"5"}) << 5.0;
        QTest::newRow("response time seconds -> ms") << int(Metric::ResponseTime) << int(ValueUnit::Seconds)
                                                     << FakePrometheus::vectorBody(1800000000, {"0.25"}) << 250.0;
        QTest::newRow("response time ms") << int(Metric::ResponseTime) << int(ValueUnit::Milliseconds)
                                          << FakePrometheus::vectorBody(1800000000, {"250"}) << 250.0;
        QTest::newRow("traffic share ratio -> percent") << int(Metric::TrafficShare) << int(ValueUnit::Ratio)
                                                        << FakePrometheus::vectorBody(1800000000, {"0.1"}) << 10.0;
        QTest::newRow("scalar answer") << int(Metric::ResourceUtilization) << int(ValueUnit::Ratio)
                                       << FakePrometheus::scalarBody(1800000000, "0.5") << 50.0;
        QTest::newRow("NaN kept") << int(Metric::ErrorRate) << int(ValueUnit::Ratio)
                                  << FakePrometheus::vectorBody(1800000000, {"NaN"}) << NaN;
        QTest::newRow("+Inf kept") << int(Metric::DbQueryTime) << int(ValueUnit::Seconds)
                                   << FakePrometheus::vectorBody(1800000000, {"+Inf"}) << Inf;
        QTest::newRow("-Inf kept") << int(Metric::PageLoadTime) << int(ValueUnit::Milliseconds)
                                   << FakePrometheus::vectorBody(1800000000, {"-Inf"}) << -Inf;
    }
    void convertsToRunbookUnits()
    {
        QFETCH(int, metric);
        QFETCH(int, unit);
        QFETCH(QByteArray, body);
        QFETCH(double, stored);
        Rig rig;
        rig.server.setHandler([&](const FakePrometheus::Request &) { return answerWith(200, body); });
        QVERIFY(rig.setUp({{Metric(metric), QStringLiteral(R"(m{color="${color}"})"), ValueUnit(unit)}}));
        QSignalSpy finished(&rig.poller, &MetricsPoller::pollFinished);
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
        QCOMPARE(finished.first().first().toLongLong(), T0);

        QStringList asked;
        for (const auto &r : rig.server.requests()) {
            asked << r.form.value(QStringLiteral("query"));
            QCOMPARE(r.form.value(QStringLiteral("time")), QStringLiteral("1800000000")); // the clock's time
        }
        asked.sort();
        QCOMPARE(asked, (QStringList{QStringLiteral(R"(m{color="blue"})"), QStringLiteral(R"(m{color="green"})")}));
        for (Color color : {Color::Blue, Color::Green}) {
            const SeriesKey key{Metric(metric), color};
            const auto &samples = rig.store.samples(key);
            QCOMPARE(samples.size(), size_t(1));
            QCOMPARE(samples.front().timeMs, T0); // the time asked for
            const double v = samples.front().value;
            QVERIFY2((std::isnan(v) && std::isnan(stored)) || std::abs(v - stored) < 1e-9 || v == stored,
                     qPrintable(QString::number(v)));
            QCOMPARE(rig.store.isFresh(key, T0), std::isfinite(stored)); // non-finite is not good data
            QCOMPARE(rig.store.error(key).english(), QString());
        }
        QCOMPARE(rig.store.freshnessMs(), qint64(4000)); // two poll intervals
    }

    void pollsEveryIntervalOfClockTime()
    {
        Rig rig;
        QVERIFY(rig.setUp());
        QSignalSpy finished(&rig.poller, &MetricsPoller::pollFinished);
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
        QCOMPARE(rig.queries(), 2);
        rig.advance(1999);
        QCOMPARE(rig.queries(), 2);
        rig.advance(1);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, WaitMs);
        QCOMPARE(finished.at(1).first().toLongLong(), T0 + 2000);
        QCOMPARE(rig.queries(), 4);
        const auto &samples = rig.store.samples(GreenErrors);
        QCOMPARE(samples.size(), size_t(2));
        QCOMPARE(samples[1].timeMs, T0 + 2000);
        QCOMPARE(rig.poller.stats().requests, qint64(4));
        rig.poller.stop();
        rig.advance(10000);
        QCOMPARE(rig.queries(), 4);
    }

    // A server slower than the poll interval: one request per series at a time, the rest skipped and counted.
    void neverPilesUpRequestsOnASlowServer()
    {
        Rig rig;
        rig.server.setHandler([](const FakePrometheus::Request &) { return held(); });
        QVERIFY(rig.setUp());
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(rig.server.heldCount(), 2, WaitMs);
        for (int i = 0; i < 3; ++i)
            rig.advance(2000);
        QTest::qWait(100); // time for any extra request to arrive
        QCOMPARE(rig.queries(), 2);
        QCOMPARE(rig.poller.stats().skippedTicks, qint64(6));
        QCOMPARE(rig.poller.stats().requests, qint64(2));

        // The late answers land at the time they were asked for.
        rig.server.setHandler(&FakePrometheus::defaultAnswer);
        rig.server.releaseHeld(answerWith(200, FakePrometheus::vectorBody(1800000000, {"3"})));
        QTRY_COMPARE_WITH_TIMEOUT(rig.store.samples(BlueErrors).size(), size_t(1), WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.store.samples(GreenErrors).size(), size_t(1), WaitMs);
        QCOMPARE(rig.store.samples(BlueErrors).front().timeMs, T0);
        QCOMPARE(rig.store.samples(BlueErrors).front().value, 3.0);
        rig.advance(2000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.queries(), 4, WaitMs);
    }

    void reportsEmptyVectorAsNoData()
    {
        Rig rig;
        rig.server.setHandler([](const FakePrometheus::Request &) { return answerWith(200, FakePrometheus::vectorBody(0, {})); });
        QVERIFY(rig.setUp());
        QSignalSpy errors(&rig.poller, &MetricsPoller::seriesError);
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 2, WaitMs);
        QVERIFY(rig.store.samples(GreenErrors).empty());
        QVERIFY(!rig.store.isFresh(GreenErrors, T0));
        // No series for green is what a rate over no requests gives at 0 %: "no traffic", not a
        // broken query (issue 13); for blue it is no data.
        const QString error = rig.store.error(GreenErrors).english();
        QVERIFY2(error.startsWith(QLatin1String("no traffic: the query returned no series for green")), qPrintable(error));
        QVERIFY2(rig.store.error(BlueErrors).english().startsWith(QLatin1String("no data")), qPrintable(rig.store.error(BlueErrors).english()));
        // The signal names the series.
        QStringList said;
        for (const QList<QVariant> &e : std::as_const(errors))
            said << e.at(1).toString();
        QVERIFY2(said.contains(QStringLiteral("Error rate (green): ") + error), qPrintable(said.join(u'|')));
        QCOMPARE(rig.poller.stats().noData, qint64(2));
        QCOMPARE(rig.poller.stats().failures, qint64(0));
        // The server is fine: no backoff, the next tick asks again.
        QCOMPARE(rig.poller.consecutiveFailures(GreenErrors), 0);
        rig.advance(2000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.queries(), 4, WaitMs);
    }

    // Issue 13: the sample is as old as Prometheus says. An answer stamped a minute before the
    // time asked for is stored at that time, so it is stale; one stamped later than asked is
    // stored at the time asked (never made fresher).
    void usesTheSampleTimePrometheusReturns()
    {
        Rig rig;
        rig.server.setHandler([](const FakePrometheus::Request &r) {
            const bool green = r.form.value(QStringLiteral("query")).contains(QLatin1String("green"));
            const double asked = r.form.value(QStringLiteral("time")).toDouble();
            return answerWith(200, FakePrometheus::vectorBody(green ? asked - 60 : asked + 5, {"0.5"}));
        });
        QVERIFY(rig.setUp());
        QSignalSpy finished(&rig.poller, &MetricsPoller::pollFinished);
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
        QCOMPARE(rig.store.samples(GreenErrors).size(), size_t(1));
        QCOMPARE(rig.store.samples(GreenErrors).front().timeMs, T0 - 60'000);
        QVERIFY(!rig.store.isFresh(GreenErrors, T0));
        QCOMPARE(rig.store.samples(BlueErrors).front().timeMs, T0);
        QVERIFY(rig.store.isFresh(BlueErrors, T0));
    }

    // Issue 13 / 15: an instant query finds a sample up to 5 minutes old and answers with the
    // time asked for, so a recording rule that stopped looks fresh. With maxSampleAgeMs the
    // poller asks for the sample's own time (timestamp() of the same expression): one older
    // than allowed is stored at its own time and reads as stale.
    void aStoppedRecordingRuleLooksStale()
    {
        Rig rig;
        rig.server.setHandler([](const FakePrometheus::Request &r) {
            const QString query = r.form.value(QStringLiteral("query"));
            const double asked = r.form.value(QStringLiteral("time")).toDouble();
            if (query.startsWith(QLatin1String("timestamp("))) {
                // Green's rule last ran 90 s ago; blue's a second ago.
                const double own = query.contains(QLatin1String("green")) ? asked - 90 : asked - 1;
                return answerWith(200, FakePrometheus::vectorBody(asked, {QByteArray::number(own, 'f', 3)}));
            }
            return answerWith(200, FakePrometheus::vectorBody(asked, {"0.5"}));
        });
        QVERIFY(rig.server.listenLocal());
        rig.poller.setRandomSource([] { return 0.5; });
        MetricsConfig config = configFor(rig.server.url(QStringLiteral("/prom")));
        config.maxSampleAgeMs = 30'000;
        QVERIFY(rig.poller.setConfig(config).ok());
        QSignalSpy finished(&rig.poller, &MetricsPoller::pollFinished);
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
        QCOMPARE(rig.queries(), 4); // a value and its time, per series
        QCOMPARE(rig.store.samples(GreenErrors).size(), size_t(1));
        QCOMPARE(rig.store.samples(GreenErrors).front().timeMs, T0 - 90'000);
        QCOMPARE(rig.store.samples(GreenErrors).front().value, 0.5);
        QVERIFY(!rig.store.isFresh(GreenErrors, T0));
        QCOMPARE(rig.store.samples(BlueErrors).front().timeMs, T0); // within the allowed age
        QVERIFY(rig.store.isFresh(BlueErrors, T0));
        QCOMPARE(rig.poller.stats().requests, qint64(4));
    }

    // A source that cannot answer timestamp() (a scalar expression, a simulator) keeps the
    // answer's time, and is not asked again.
    void aRefusedSampleTimeIsNotAskedAgain()
    {
        Rig rig;
        rig.server.setHandler([](const FakePrometheus::Request &r) {
            if (r.form.value(QStringLiteral("query")).startsWith(QLatin1String("timestamp(")))
                return answerWith(400, FakePrometheus::errorBody("bad_data", "unknown function timestamp"));
            return answerWith(200, FakePrometheus::vectorBody(r.form.value(QStringLiteral("time")).toDouble(), {"0.5"}));
        });
        QVERIFY(rig.server.listenLocal());
        rig.poller.setRandomSource([] { return 0.5; });
        MetricsConfig config = configFor(rig.server.url(QStringLiteral("/prom")));
        config.maxSampleAgeMs = 30'000;
        QVERIFY(rig.poller.setConfig(config).ok());
        QSignalSpy finished(&rig.poller, &MetricsPoller::pollFinished);
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
        QCOMPARE(rig.queries(), 4);
        QCOMPARE(rig.store.samples(GreenErrors).front().timeMs, T0);
        QVERIFY(rig.store.isFresh(GreenErrors, T0));
        QCOMPARE(rig.store.error(GreenErrors).english(), QString());
        QCOMPARE(rig.poller.consecutiveFailures(GreenErrors), 0);
        rig.advance(2000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, WaitMs);
        QCOMPARE(rig.queries(), 6); // values only from now on
    }

    void refusesAnswersThatAreNotOneValue_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("several series") << 200 << FakePrometheus::vectorBody(1800000000, {"1", "2", "3"})
                                        << QStringList{"the query returned 3 series", "sum by (color)",
                                                       "{job=\"shop\",pod=\"p0\"}"};
        QTest::newRow("matrix") << 200 << FakePrometheus::matrixBody(1800000000, 1, 3)
                                << QStringList{"range vector (matrix)", "rate(x[5m])"};
        QTest::newRow("string")
            << 200 << QByteArray(R"({"status":"success","data":{"resultType":"string","result":[1800000000,"hi"]}})")
            << QStringList{"returned a string (\"hi\")"};
        QTest::newRow("status error") << 200 << FakePrometheus::errorBody("execution", "boom")
                                      << QStringList{"execution", "boom"};
        QTest::newRow("400") << 400 << FakePrometheus::errorBody("bad_data", "parse error")
                             << QStringList{"bad_data", "parse error", "HTTP 400"};
        QTest::newRow("422") << 422 << FakePrometheus::errorBody("execution", "too many samples")
                             << QStringList{"too many samples", "HTTP 422"};
        QTest::newRow("503") << 503 << QByteArray() << QStringList{"HTTP 503"};
        QTest::newRow("not JSON") << 200 << QByteArray("<html>") << QStringList{"not JSON", "\u00ab<html>\u00bb"};
    }
    void refusesAnswersThatAreNotOneValue()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QStringList, mentions);
        Rig rig;
        rig.server.setHandler([&](const FakePrometheus::Request &) { return answerWith(status, body); });
        QVERIFY(rig.setUp());
        QSignalSpy errors(&rig.poller, &MetricsPoller::seriesError);
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 2, WaitMs);
        QVERIFY(rig.store.samples(BlueErrors).empty()); // the value is not taken
        const QString error = rig.store.error(BlueErrors).english();
        for (const QString &m : mentions)
            QVERIFY2(error.contains(m), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(m, error)));
        QCOMPARE(rig.poller.stats().failures, qint64(2));
        QCOMPARE(rig.poller.consecutiveFailures(BlueErrors), 1);
    }

    void backoffGrowsWithJitter_data()
    {
        QTest::addColumn<int>("failures");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("delay");
        QTest::newRow("first failure: one interval") << 1 << 0.5 << qint64(2000);
        QTest::newRow("second: doubled") << 2 << 0.5 << qint64(4000);
        QTest::newRow("fourth") << 4 << 0.5 << qint64(16000);
        QTest::newRow("fifth: capped at 30 s") << 5 << 0.5 << qint64(30000);
        QTest::newRow("many: still capped") << 40 << 0.5 << qint64(30000);
        QTest::newRow("jitter low: -20 %") << 1 << 0.0 << qint64(1600);
        QTest::newRow("jitter high: +20 %") << 2 << 1.0 << qint64(4800);
        QTest::newRow("jitter on the cap") << 9 << 0.75 << qint64(33000);
    }
    void backoffGrowsWithJitter()
    {
        QFETCH(int, failures);
        QFETCH(double, random);
        QFETCH(qint64, delay);
        ManualClock clock;
        SampleStore store;
        MetricsPoller poller(&store, &clock);
        QVERIFY(poller.setConfig(configFor(QUrl(QStringLiteral("http://prom")))).ok());
        poller.setRandomSource([random] { return random; });
        QCOMPARE(poller.backoffDelayMs(failures), delay);
    }

    void backsOffThenRecovers()
    {
        Rig rig;
        int failuresLeft = 4; // two failed rounds for both colours
        rig.server.setHandler([&](const FakePrometheus::Request &r) {
            if (failuresLeft > 0) {
                --failuresLeft;
                return answerWith(503, FakePrometheus::errorBody("unavailable", "not ready"));
            }
            return FakePrometheus::defaultAnswer(r);
        });
        QVERIFY(rig.setUp());
        QSignalSpy recovered(&rig.poller, &MetricsPoller::seriesRecovered);
        QSignalSpy errorChanges(&rig.store, &SampleStore::errorChanged);
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(rig.poller.consecutiveFailures(GreenErrors), 1, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.poller.consecutiveFailures(BlueErrors), 1, WaitMs);
        QVERIFY(rig.store.error(GreenErrors).english().contains(QLatin1String("not ready")));
        QCOMPARE(rig.poller.nextRetryMs(GreenErrors), T0 + 2000);

        rig.advance(2000); // first retry (one interval): fails again
        QTRY_COMPARE_WITH_TIMEOUT(rig.poller.consecutiveFailures(GreenErrors), 2, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.poller.consecutiveFailures(BlueErrors), 2, WaitMs);
        QCOMPARE(rig.queries(), 4);
        QCOMPARE(rig.poller.nextRetryMs(GreenErrors), T0 + 2000 + 4000);

        rig.advance(2000); // the common tick passes the backing-off series by
        QCOMPARE(rig.queries(), 4);
        QCOMPARE(rig.poller.stats().skippedTicks, qint64(0));

        rig.advance(2000); // second retry, after two intervals: succeeds
        QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 2, WaitMs);
        QCOMPARE(rig.queries(), 6);
        QCOMPARE(rig.store.error(GreenErrors).english(), QString());
        QCOMPARE(rig.store.error(BlueErrors).english(), QString());
        QCOMPARE(rig.poller.consecutiveFailures(GreenErrors), 0);
        QCOMPARE(rig.poller.nextRetryMs(GreenErrors), qint64(0));
        QCOMPARE(rig.store.samples(GreenErrors).size(), size_t(1));
        QCOMPARE(rig.store.samples(GreenErrors).front().timeMs, T0 + 6000);
        QCOMPARE(rig.poller.stats().failures, qint64(4));

        rig.advance(2000); // back on the common tick
        QTRY_COMPARE_WITH_TIMEOUT(rig.queries(), 8, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.store.samples(GreenErrors).size(), size_t(2), WaitMs);
        QVERIFY(errorChanges.count() >= 4); // set, (same text: no change), cleared, per colour
    }

    void reportsTimeoutsAndBacksOff()
    {
        Rig rig;
        rig.server.setHandler([](const FakePrometheus::Request &) { return held(); });
        QVERIFY(rig.setUp());
        MetricsConfig config = rig.poller.config();
        config.timeoutMs = 200;
        QVERIFY(rig.poller.setConfig(config).ok());
        rig.poller.setRandomSource([] { return 0.5; });
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(rig.poller.consecutiveFailures(BlueErrors), 1, WaitMs);
        const QString error = rig.store.error(BlueErrors).english();
        QVERIFY2(error.contains(QLatin1String("No answer from Prometheus at http://127.0.0.1:")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("within 200 ms")), qPrintable(error));
        QVERIFY(rig.poller.nextRetryMs(BlueErrors) > 0);
    }

    void reportsConnectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        ManualClock clock{T0};
        SampleStore store;
        MetricsPoller poller(&store, &clock);
        QVERIFY(poller.setConfig(configFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)))).ok());
        QSignalSpy errors(&poller, &MetricsPoller::seriesError);
        QVERIFY(poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 2, WaitMs);
        const QString error = store.error(GreenErrors).english();
        QVERIFY2(error.startsWith(QLatin1String("Could not connect to Prometheus at http://127.0.0.1:")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("connection refused")), qPrintable(error));
        QCOMPARE(errors.first().first().value<SeriesKey>().metric, Metric::ErrorRate);
    }

    // 25,000 steps of history: three range queries per series (11,000 + 11,000 + 3,000 points),
    // merged without gaps or duplicates.
    void backfillsInChunksOfPrometheusLimit()
    {
        Rig rig;
        QVERIFY(rig.setUp({}, 1000));
        QSignalSpy progress(&rig.poller, &MetricsPoller::backfillProgress);
        QSignalSpy finished(&rig.poller, &MetricsPoller::backfillFinished);
        const qint64 points = 25'000;
        const qint64 from = T0 - (points - 1) * 1000;
        QVERIFY(rig.poller.backfill(from, T0).ok());
        QVERIFY(rig.poller.isBackfilling());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.first().first().toInt(), 0);
        QCOMPARE(progress.last().at(0).toInt(), 6);
        QCOMPARE(progress.last().at(1).toInt(), 6);
        QVERIFY(!rig.poller.isBackfilling());

        const auto ranges = rig.server.requests();
        QCOMPARE(ranges.size(), 6);
        QList<qint64> sizes;
        for (const auto &r : ranges) {
            QCOMPARE(r.path, QStringLiteral("/prom/api/v1/query_range"));
            QCOMPARE(r.form.value(QStringLiteral("step")), QStringLiteral("1"));
            const double start = r.form.value(QStringLiteral("start")).toDouble();
            const double end = r.form.value(QStringLiteral("end")).toDouble();
            const qint64 n = qint64(std::llround(end - start)) + 1;
            QVERIFY(n <= MetricsPoller::MaxPointsPerRangeQuery);
            sizes << n;
        }
        std::sort(sizes.begin(), sizes.end());
        QCOMPARE(sizes, (QList<qint64>{3000, 3000, 11000, 11000, 11000, 11000}));

        for (SeriesKey key : {BlueErrors, GreenErrors}) {
            const auto &samples = rig.store.samples(key);
            QCOMPARE(qint64(samples.size()), points);
            for (qint64 i = 0; i < points; ++i) {
                if (samples[size_t(i)].timeMs != from + i * 1000)
                    QFAIL(qPrintable(QStringLiteral("gap or duplicate at %1").arg(i)));
            }
            // The fake's value is the time in seconds (unit percent: unchanged).
            QCOMPARE(samples.back().value, double(T0) / 1000.0);
        }
    }

    // History must not crowd out live polls: two range requests at a time, the rest queued.
    void backfillSendsTwoRequestsAtATime()
    {
        Rig rig;
        rig.server.setHandler([](const FakePrometheus::Request &) { return held(); });
        QVERIFY(rig.setUp({}, 1000));
        QSignalSpy finished(&rig.poller, &MetricsPoller::backfillFinished);
        QSignalSpy progress(&rig.poller, &MetricsPoller::backfillProgress);
        QVERIFY(rig.poller.backfill(T0 - 30'000 * 1000, T0).ok()); // 3 chunks per series, 6 in all
        QCOMPARE(progress.first().at(1).toInt(), 6);
        QTRY_COMPARE_WITH_TIMEOUT(rig.server.heldCount(), 2, WaitMs);
        QTest::qWait(100);
        QCOMPARE(rig.server.requestCount(), 2);
        const QByteArray empty = R"({"status":"success","data":{"resultType":"matrix","result":[]}})";
        rig.server.releaseHeld(answerWith(200, empty)); // no data in a span is not an error
        QTRY_COMPARE_WITH_TIMEOUT(rig.server.heldCount(), 2, WaitMs);
        QCOMPARE(rig.server.requestCount(), 4);
        rig.server.setHandler([&](const FakePrometheus::Request &) { return answerWith(200, empty); });
        rig.server.releaseHeld(answerWith(200, empty));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WaitMs);
        QCOMPARE(finished.first().first().toInt(), 0);
        QCOMPARE(rig.server.requestCount(), 6);
        QCOMPARE(rig.poller.stats().backfillRequests, qint64(6));

        // Cancelling drops what is queued and running, without a finished signal.
        rig.server.setHandler([](const FakePrometheus::Request &) { return held(); });
        QVERIFY(rig.poller.backfill(T0 - 30'000 * 1000, T0).ok());
        QTRY_COMPARE_WITH_TIMEOUT(rig.server.heldCount(), 2, WaitMs);
        rig.poller.cancelBackfill();
        QVERIFY(!rig.poller.isBackfilling());
        rig.server.releaseHeld(answerWith(200, empty));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(rig.server.requestCount(), 8);
    }

    void reconfiguringWhileRunningRestarts()
    {
        Rig rig;
        QVERIFY(rig.setUp());
        QVERIFY(rig.poller.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(rig.queries(), 2, WaitMs);
        MetricsConfig config = rig.poller.config();
        config.queries = {{Metric::ResponseTime, QStringLiteral(R"(p95{color="${color}"})"), ValueUnit::Seconds}};
        QVERIFY(rig.poller.setConfig(config).ok());
        QVERIFY(rig.poller.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(rig.queries(), 4, WaitMs); // the new query, at once
        QCOMPARE(rig.server.requests().last().form.value(QStringLiteral("query")).left(4), QStringLiteral("p95{"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.store.samples(SeriesKey{Metric::ResponseTime, Color::Blue}).size(), size_t(1), WaitMs);
        QCOMPARE(rig.store.samples(SeriesKey{Metric::ResponseTime, Color::Blue}).front().value, 1000.0); // 1 s -> ms
    }

    void backfillErrorsAreReportedNotFatal()
    {
        Rig rig;
        int calls = 0;
        rig.server.setHandler([&](const FakePrometheus::Request &r) {
            if (++calls == 2)
                return answerWith(422, FakePrometheus::errorBody("execution", "query processing would load too many samples"));
            return FakePrometheus::defaultAnswer(r);
        });
        QVERIFY(rig.setUp({}, 1000));
        QSignalSpy errors(&rig.poller, &MetricsPoller::backfillError);
        QSignalSpy finished(&rig.poller, &MetricsPoller::backfillFinished);
        QVERIFY(rig.poller.backfill(T0 - 20'000 * 1000, T0).ok()); // 20,001 points: two chunks per series
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.first().first().toInt(), 1);
        QCOMPARE(errors.count(), 1);
        const QString message = errors.first().at(1).toString();
        QVERIFY2(message.contains(QLatin1String("history from")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("too many samples")), qPrintable(message));
        const qint64 merged = qint64(rig.store.samples(BlueErrors).size() + rig.store.samples(GreenErrors).size());
        QVERIFY(merged > 20'001 && merged < 2 * 20'001); // one chunk missing, the rest merged
        // Backfill does not touch the live error state.
        QCOMPARE(rig.store.error(BlueErrors).english(), QString());
        QCOMPARE(rig.store.error(GreenErrors).english(), QString());
    }
};

QTEST_GUILESS_MAIN(TestMetricsPoller)
#include "tst_metricspoller.moc"
