#pragma once

#include "core/polltimer.h"
#include "core/result.h"
#include "metric.h"
#include "metricsconfig.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

class Clock;
class PrometheusClient;
class PrometheusReply;
class SampleStore;
struct PrometheusQueryResult;

// Counters for a status line; they only grow until setConfig().
struct MetricsPollerStats {
    qint64 requests = 0;     // instant queries sent (retries included)
    qint64 failures = 0;     // answers that were errors (network, HTTP, Prometheus, shape)
    qint64 noData = 0;       // answers with an empty result
    qint64 skippedTicks = 0; // a series' turn skipped because its previous request was still running
    qint64 backfillRequests = 0;
};

// Polls every configured query for blue and green every poll interval (clock time, on one
// common PollTimer tick, so that one round's samples share their time) and appends the
// values, converted to the runbook's units, to the SampleStore at the time asked for. Per
// series (a PollTimer of its own for the request and the backoff):
// - at most one request in flight: a turn that finds one running is skipped and counted;
// - a failure sets the store's error for the series and backs off (exponential from the
//   poll interval to maxBackoffMs, +-20 % jitter) on its own timer; a success clears
//   the error and the series rejoins the common tick;
// - an empty answer is "no data": no sample (so the series goes stale), an error text,
//   but no backoff, since the server is fine;
// - several series, a matrix or a string where one value was expected is an error (the
//   value is not taken); a scalar is a value; NaN and infinities are stored as they are.
// backfill() fetches history with range queries, split to Prometheus's 11,000-point limit,
// at most two at a time, merged into the store.
class MetricsPoller : public QObject
{
    Q_OBJECT
public:
    // Prometheus refuses range queries of more points than this per series.
    static constexpr qint64 MaxPointsPerRangeQuery = 11'000;
    static constexpr qint64 DefaultMaxBackoffMs = PollTimer::DefaultMaxBackoffMs;

    MetricsPoller(SampleStore *store, Clock *clock, QObject *parent = nullptr);
    ~MetricsPoller() override;

    // Checks and takes a configuration, or says what is wrong and keeps the old one. Cancels
    // the running requests and backfill, restarts polling if it was running, and sets the
    // store's freshness to two poll intervals.
    Status setConfig(const MetricsConfig &config);
    const MetricsConfig &config() const { return m_config; }
    // For extra CA certificates and tests; owned by the poller.
    PrometheusClient *client() const { return m_client; }

    // A source of uniform numbers in [0, 1) for the backoff jitter (tests make it fixed).
    void setRandomSource(std::function<double()> uniform01);
    void setMaxBackoffMs(qint64 ms);
    // The wait before the next try after `consecutiveFailures` failures in a row, with
    // jitter drawn from the random source.
    qint64 backoffDelayMs(int consecutiveFailures) const;

    // Polls at once, then every poll interval. Fails when there is no valid configuration.
    Status start();
    // Cancels the running requests and the timers (backfill goes on).
    void stop();
    bool isRunning() const { return m_running; }

    // Fetches [fromMs, toMs] for every series, merging it into the store. Replaces a
    // running backfill. Errors are reported per request (backfillError) and never stop it.
    Status backfill(qint64 fromMs, qint64 toMs);
    void cancelBackfill();
    bool isBackfilling() const { return m_backfillNext < m_backfillQueue.size() || !m_backfillRunning.isEmpty(); }

    MetricsPollerStats stats() const { return m_stats; }
    // The series' failures in a row (0 when the last answer was good or no data).
    int consecutiveFailures(SeriesKey key) const;
    // Clock time of the series' next try while it backs off, 0 otherwise.
    qint64 nextRetryMs(SeriesKey key) const;

Q_SIGNALS:
    // Every request sent at the tick of `timeMs` has been answered (or there were none).
    void pollFinished(qint64 timeMs);
    // A fetch of the series failed or had no data: "Error rate (green): " and the store's error
    // (which is the reason alone: the chart or status that shows it names the series).
    void seriesError(SeriesKey key, const QString &message);
    // The series answered with a value after an error.
    void seriesRecovered(SeriesKey key);
    void statsChanged();
    void backfillProgress(int done, int total);
    void backfillError(SeriesKey key, const QString &message);
    void backfillFinished(int failedRequests);

private:
    struct Series;
    struct RangeChunk {
        int series = 0; // index into m_series
        qint64 startMs = 0;
        qint64 endMs = 0;
    };

    void onTick();
    void send(Series &series, qint64 timeMs, qint64 tickMs);
    void onAnswer(Series &series, PrometheusReply *reply, qint64 timeMs, qint64 tickMs);
    // MetricsConfig::maxSampleAgeMs: the sample's own time, then the value is stored.
    void askSampleTime(Series &series, double value, qint64 sampleTimeMs, qint64 timeMs, qint64 tickMs, bool wasFailing);
    void onSampleTime(Series &series, PrometheusReply *reply, double value, qint64 sampleTimeMs, qint64 timeMs, qint64 tickMs, bool wasFailing);
    void storeValue(Series &series, Sample sample, bool wasFailing);
    // The value of an instant answer, or a message; nullopt value with empty message = no data.
    struct Reading;
    Reading readInstant(const Series &series, const PrometheusQueryResult &result) const;
    void configure(PollTimer *poll) const;
    void tickAnswered(qint64 tickMs);
    void sendNextChunks();
    void onChunkAnswer(RangeChunk chunk, PrometheusReply *reply);
    Phrase seriesName(const Series &series) const;
    // A fetch gave no sample: `reason` into the store, and seriesError().
    void noSample(const Series &series, const Phrase &reason);
    const Series *find(SeriesKey key) const;
    void clearSeries();

    SampleStore *m_store;
    Clock *m_clock;
    PrometheusClient *m_client;
    PollTimer *m_tick;
    MetricsConfig m_config;
    bool m_configured = false;
    bool m_running = false;
    std::vector<std::unique_ptr<Series>> m_series;
    QHash<qint64, int> m_tickOutstanding; // tick time -> requests of that tick not yet answered
    std::function<double()> m_random;
    qint64 m_maxBackoffMs = DefaultMaxBackoffMs;
    MetricsPollerStats m_stats;

    std::vector<RangeChunk> m_backfillQueue;
    size_t m_backfillNext = 0; // index of the next chunk to send
    QList<QPointer<PrometheusReply>> m_backfillRunning;
    int m_backfillTotal = 0;
    int m_backfillDone = 0;
    int m_backfillFailed = 0;
};
