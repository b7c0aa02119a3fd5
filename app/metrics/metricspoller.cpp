#include "metricspoller.h"

#include "core/clock.h"
#include "core/logging.h"
#include "core/polltimer.h"
#include "prometheusclient.h"
#include "prometheusqueryresult.h"
#include "samplestore.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace {

constexpr qint64 NoTick = std::numeric_limits<qint64>::min(); // a retry, not part of a tick
constexpr int MaxConcurrentBackfillRequests = 2;                // history must not crowd out live polls
const QString ColorPlaceholder = QStringLiteral("${color}");

double unitFactor(ValueUnit unit)
{
    switch (unit) {
    case ValueUnit::Ratio: return 100.0;
    case ValueUnit::Percent: return 1.0;
    case ValueUnit::Seconds: return 1000.0;
    case ValueUnit::Milliseconds: return 1.0;
    }
    return 1.0;
}

QString labelsText(const QMap<QString, QString> &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts << QStringLiteral("%1=\"%2\"").arg(it.key(), it.value());
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

Phrase severalSeriesMessage(const QList<PrometheusSeries> &series)
{
    QStringList shown;
    for (qsizetype i = 0; i < series.size() && i < 2; ++i)
        shown << labelsText(series.at(i).labels);
    if (series.size() > 2)
        shown << QStringLiteral("\u2026");
    return phrase("MetricsPoller", "the query returned %1 series (%2) where one was expected; aggregate it to one series per "
                                   "colour, e.g. sum by (color) (...) or max by (color) (...)")
        .arg(series.size())
        .arg(shown.join(QStringLiteral(", ")));
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

struct MetricsPoller::Series {
    SeriesKey key;
    QString expression; // ${color} replaced
    double factor = 1.0; // to the runbook's unit
    // Its request in flight and its backoff; its regular turns are the poller's common tick.
    PollTimer *poll = nullptr;
    QString lastWarnings;
    bool sampleTimeRefused = false; // timestamp() of its expression failed: its own time is not asked again
};

struct MetricsPoller::Reading {
    std::optional<double> value;
    std::optional<qint64> timeMs; // the sample's time as Prometheus returned it
    Phrase error;
    bool noData = false;
};

MetricsPoller::MetricsPoller(SampleStore *store, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_client(new PrometheusClient(this))
    , m_tick(new PollTimer(clock, this))
{
    connect(m_tick, &PollTimer::due, this, &MetricsPoller::onTick);
}

MetricsPoller::~MetricsPoller()
{
    stop();
    cancelBackfill();
}

Status MetricsPoller::setConfig(const MetricsConfig &config)
{
    QList<Phrase> problems;
    if (const Status base = PrometheusClient::checkBaseUrl(config.baseUrl); !base)
        problems << base.errorPhrase();
    if (config.pollIntervalMs <= 0)
        problems << phrase("MetricsPoller", "the poll interval must be more than 0 ms (it is %1)").arg(config.pollIntervalMs);
    if (config.timeoutMs <= 0)
        problems << phrase("MetricsPoller", "the request timeout must be more than 0 ms (it is %1)").arg(config.timeoutMs);
    if (config.queries.isEmpty())
        problems << phrase("MetricsPoller", "there are no metric queries");
    QList<Metric> seen;
    for (const MetricQuery &q : config.queries) {
        const QString key = metricKey(q.metric);
        if (seen.contains(q.metric))
            problems << phrase("MetricsPoller", "%1 has two queries; keep one").arg(key);
        seen << q.metric;
        if (q.expression.trimmed().isEmpty())
            problems << phrase("MetricsPoller", "the query for %1 is empty").arg(key);
        else if (!q.expression.contains(ColorPlaceholder))
            problems << phrase("MetricsPoller", "the query for %1 has no ${color}, so blue and green would get the same series").arg(key);
        if (!unitFits(q.metric, q.unit))
            problems << phrase("MetricsPoller", "%1 is kept in %2, so its unit must be %3, not %4")
                            .arg(key)
                            .arg(metricUnit(q.metric) == u"ms" ? QStringLiteral("milliseconds") : QStringLiteral("percent"))
                            .arg(fittingUnits(q.metric))
                            .arg(unitName(q.unit));
    }
    if (!problems.isEmpty())
        return Status::failure(phrase("MetricsPoller", "Metrics configuration: %1").arg(Phrase::list(problems, QStringLiteral("; "))));

    const bool wasRunning = m_running;
    stop();
    cancelBackfill();
    clearSeries();
    m_config = config;
    m_configured = true;
    m_stats = {};
    m_client->setBaseUrl(config.baseUrl);
    m_client->setTimeoutMs(config.timeoutMs);
    m_client->setAuthorization(config.authorization);
    m_store->setFreshnessMs(2 * config.pollIntervalMs);
    configure(m_tick);
    for (const MetricQuery &q : config.queries) {
        for (Color color : {Color::Blue, Color::Green}) {
            auto series = std::make_unique<Series>();
            series->key = SeriesKey{q.metric, color};
            series->expression = QString(q.expression).replace(ColorPlaceholder, colorKey(color));
            series->factor = unitFactor(q.unit);
            series->poll = new PollTimer(m_clock, this);
            configure(series->poll);
            Series *s = series.get();
            // Never started: its due() is a retry after a failure.
            connect(series->poll, &PollTimer::due, this, [this, s] {
                if (m_running)
                    send(*s, m_clock->nowMs(), NoTick);
            });
            m_series.push_back(std::move(series));
        }
    }
    Q_EMIT statsChanged();
    if (wasRunning)
        return start();
    return {};
}

void MetricsPoller::clearSeries()
{
    for (auto &series : m_series)
        delete series->poll; // cancels its request
    m_series.clear();
}

void MetricsPoller::configure(PollTimer *poll) const
{
    poll->setInterval(m_config.pollIntervalMs);
    poll->setBackoff(m_maxBackoffMs);
    poll->setRandomSource(m_random);
}

void MetricsPoller::setRandomSource(std::function<double()> uniform01)
{
    m_random = std::move(uniform01);
    configure(m_tick);
    for (auto &series : m_series)
        configure(series->poll);
}

void MetricsPoller::setMaxBackoffMs(qint64 ms)
{
    m_maxBackoffMs = ms;
    setRandomSource(m_random);
}

qint64 MetricsPoller::backoffDelayMs(int consecutiveFailures) const
{
    // The common tick has the series' interval, backoff and random source.
    return m_tick->backoffDelayMs(consecutiveFailures);
}

Status MetricsPoller::start()
{
    if (!m_configured)
        return Status::failure(phrase("MetricsPoller", "Metrics polling cannot start: there is no metrics configuration"));
    if (m_running)
        return {};
    m_running = true;
    m_tick->start(PollTimer::FirstTurn::Now);
    return {};
}

void MetricsPoller::stop()
{
    m_running = false;
    m_tick->stop();
    for (auto &series : m_series)
        series->poll->stop(); // cancels its request, forgets its failures
    m_tickOutstanding.clear();
}

void MetricsPoller::onTick()
{
    if (!m_running)
        return;
    const qint64 now = m_clock->nowMs();
    QList<Series *> due;
    bool skipped = false;
    for (auto &series : m_series) {
        switch (series->poll->state()) {
        case PollTimer::State::BackingOff: continue; // on its own timer
        case PollTimer::State::InFlight:
            // The server is slower than the poll interval: never pile up requests.
            ++m_stats.skippedTicks;
            skipped = true;
            continue;
        case PollTimer::State::Idle: due << series.get(); break;
        }
    }
    if (due.isEmpty()) {
        if (skipped)
            Q_EMIT statsChanged();
        Q_EMIT pollFinished(now);
        return;
    }
    m_tickOutstanding[now] += int(due.size());
    for (Series *series : std::as_const(due))
        send(*series, now, now);
    Q_EMIT statsChanged();
}

void MetricsPoller::send(Series &series, qint64 timeMs, qint64 tickMs)
{
    PrometheusReply *reply = m_client->query(series.expression, timeMs);
    series.poll->requestStarted(reply);
    ++m_stats.requests;
    Series *s = &series;
    connect(reply, &PrometheusReply::finished, this, [this, s, reply, timeMs, tickMs] { onAnswer(*s, reply, timeMs, tickMs); });
}

MetricsPoller::Reading MetricsPoller::readInstant(const Series &, const PrometheusQueryResult &result) const
{
    Reading reading;
    switch (result.resultType) {
    case PrometheusResultType::Vector:
        if (result.series.size() > 1)
            reading.error = severalSeriesMessage(result.series);
        else if (result.series.isEmpty() || result.series.first().samples.empty())
            reading.noData = true;
        else {
            reading.value = result.series.first().samples.front().value;
            reading.timeMs = result.series.first().samples.front().timeMs;
        }
        break;
    case PrometheusResultType::Scalar:
        if (result.series.isEmpty() || result.series.first().samples.empty()) {
            reading.noData = true;
        } else {
            reading.value = result.series.first().samples.front().value;
            reading.timeMs = result.series.first().samples.front().timeMs;
        }
        break;
    case PrometheusResultType::Matrix:
        reading.error = phrase("MetricsPoller", "the query returned a range vector (matrix) where one value was expected; use an "
                                                "instant expression, e.g. rate(x[5m]) rather than x[5m]");
        break;
    case PrometheusResultType::String:
        reading.error = phrase("MetricsPoller", "the query returned a string (\"%1\") where a number was expected")
                            .arg(result.stringValue.left(60));
        break;
    }
    return reading;
}

void MetricsPoller::onAnswer(Series &series, PrometheusReply *reply, qint64 timeMs, qint64 tickMs)
{
    const bool wasFailing = series.poll->consecutiveFailures() > 0 || !m_store->error(series.key).isEmpty();
    Reading reading;
    if (!reply->ok()) {
        reading.error = reply->errorPhrase();
    } else {
        const PrometheusQueryResult &result = reply->result();
        const QString warnings = QStringList(result.warnings + result.infos).join(QStringLiteral("; "));
        if (warnings != series.lastWarnings && !warnings.isEmpty())
            qCWarning(lcEngine).noquote() << seriesName(series).english() << "- Prometheus warns:" << warnings;
        series.lastWarnings = warnings;
        reading = readInstant(series, result);
    }
    // A failure backs off; an answer (a value or no data) rejoins the common tick.
    series.poll->requestFinished(reply, reading.error.isEmpty());
    if (!reading.error.isEmpty()) {
        ++m_stats.failures;
        noSample(series, reading.error);
    } else if (reading.noData) {
        // The server is fine, so no backoff; no sample, so the series goes stale.
        ++m_stats.noData;
        // No series at all is what Prometheus answers for a rate over no requests: green at 0 %
        // has had none yet. Said as such, not as a broken query.
        const Phrase text = series.key.color == Color::Green
            ? phrase("MetricsPoller", "no traffic: the query returned no series for green, as expected while green has had no "
                                      "requests; once green has traffic, check that its ${color} selector matches green's labels")
            : phrase("MetricsPoller", "no data: the query returned an empty result; check that its ${color} selector matches the "
                                      "blue deployment's labels, or the service may have no traffic yet");
        noSample(series, text);
    } else {
        // NaN and infinities are kept: the store counts them as not good data. The sample is
        // as old as Prometheus says it is: an answer stamped earlier than the time asked for
        // makes it older (and stale sooner); a later stamp is never taken to make it fresher.
        const qint64 sampleTimeMs = reading.timeMs && *reading.timeMs < timeMs ? *reading.timeMs : timeMs;
        const double value = *reading.value * series.factor;
        if (m_config.maxSampleAgeMs > 0 && !series.sampleTimeRefused) {
            askSampleTime(series, value, sampleTimeMs, timeMs, tickMs, wasFailing);
            Q_EMIT statsChanged();
            return; // the tick is answered with the sample's time
        }
        storeValue(series, Sample{sampleTimeMs, value}, wasFailing);
    }
    if (tickMs != NoTick)
        tickAnswered(tickMs);
    Q_EMIT statsChanged();
}

void MetricsPoller::noSample(const Series &series, const Phrase &reason)
{
    // The store keeps the reason (the chart it belongs to names the series); the signal says
    // which series too.
    m_store->setError(series.key, reason);
    Q_EMIT seriesError(series.key, phrase("MetricsPoller", "%1: %2").arg(seriesName(series)).arg(reason).english());
}

void MetricsPoller::storeValue(Series &series, Sample sample, bool wasFailing)
{
    m_store->append(series.key, sample);
    if (wasFailing) {
        m_store->setError(series.key, {});
        Q_EMIT seriesRecovered(series.key);
    }
}

void MetricsPoller::askSampleTime(Series &series, double value, qint64 sampleTimeMs, qint64 timeMs, qint64 tickMs, bool wasFailing)
{
    PrometheusReply *reply = m_client->query(QStringLiteral("timestamp(") + series.expression + u')', timeMs);
    series.poll->requestStarted(reply); // the series stays in flight: the next tick does not ask again meanwhile
    ++m_stats.requests;
    Series *s = &series;
    connect(reply, &PrometheusReply::finished, this, [this, s, reply, value, sampleTimeMs, timeMs, tickMs, wasFailing] {
        onSampleTime(*s, reply, value, sampleTimeMs, timeMs, tickMs, wasFailing);
    });
}

void MetricsPoller::onSampleTime(Series &series, PrometheusReply *reply, double value, qint64 sampleTimeMs, qint64 timeMs, qint64 tickMs, bool wasFailing)
{
    series.poll->requestFinished(reply, true); // the value came: no backoff for its time
    qint64 at = sampleTimeMs;
    if (!reply->ok()) {
        // A scalar expression, or a source without timestamp(): its samples keep the answer's time.
        series.sampleTimeRefused = true;
        qCWarning(lcEngine).noquote() << seriesName(series).english() << "- the sample's own time cannot be asked (timestamp() of the query failed), so its age is not checked:"
                                      << reply->error();
    } else {
        const PrometheusQueryResult &result = reply->result();
        if (result.resultType == PrometheusResultType::Vector && result.series.size() == 1 && !result.series.first().samples.empty()) {
            const double seconds = result.series.first().samples.front().value;
            if (std::isfinite(seconds)) {
                const qint64 ownMs = qint64(std::llround(seconds * 1000.0));
                // Older than allowed: stored at its own time, so it reads as stale with its real age.
                if (timeMs - ownMs > m_config.maxSampleAgeMs)
                    at = std::min(at, ownMs);
            }
        }
    }
    storeValue(series, Sample{at, value}, wasFailing);
    if (tickMs != NoTick)
        tickAnswered(tickMs);
    Q_EMIT statsChanged();
}

void MetricsPoller::tickAnswered(qint64 tickMs)
{
    const auto it = m_tickOutstanding.find(tickMs);
    if (it == m_tickOutstanding.end())
        return;
    if (--it.value() > 0)
        return;
    m_tickOutstanding.erase(it);
    Q_EMIT pollFinished(tickMs);
}

Phrase MetricsPoller::seriesName(const Series &series) const
{
    return seriesPhrase(series.key.metric, series.key.color);
}

const MetricsPoller::Series *MetricsPoller::find(SeriesKey key) const
{
    for (const auto &series : m_series) {
        if (series->key == key)
            return series.get();
    }
    return nullptr;
}

int MetricsPoller::consecutiveFailures(SeriesKey key) const
{
    const Series *series = find(key);
    return series ? series->poll->consecutiveFailures() : 0;
}

qint64 MetricsPoller::nextRetryMs(SeriesKey key) const
{
    const Series *series = find(key);
    return series ? series->poll->nextRetryMs() : 0;
}

Status MetricsPoller::backfill(qint64 fromMs, qint64 toMs)
{
    if (!m_configured)
        return Status::failure(phrase("MetricsPoller", "Metrics history cannot be fetched: there is no metrics configuration"));
    if (toMs < fromMs)
        return Status::failure(phrase("MetricsPoller", "Metrics history: the range ends (%1) before it starts (%2)").arg(timeText(toMs)).arg(timeText(fromMs)));
    cancelBackfill();
    const qint64 step = m_config.pollIntervalMs;
    const qint64 chunkSpan = (MaxPointsPerRangeQuery - 1) * step; // start and end both count
    for (int i = 0; i < int(m_series.size()); ++i) {
        for (qint64 start = fromMs; start <= toMs;) {
            const qint64 end = std::min(start + chunkSpan, toMs);
            m_backfillQueue.push_back(RangeChunk{i, start, end});
            if (end == toMs)
                break;
            start = end + step; // the next point on the same grid: no gap, no overlap
        }
    }
    m_backfillTotal = int(m_backfillQueue.size());
    Q_EMIT backfillProgress(0, m_backfillTotal);
    sendNextChunks();
    return {};
}

void MetricsPoller::cancelBackfill()
{
    for (const QPointer<PrometheusReply> &reply : std::as_const(m_backfillRunning))
        delete reply.data();
    m_backfillRunning.clear();
    m_backfillQueue.clear();
    m_backfillNext = 0;
    m_backfillTotal = m_backfillDone = m_backfillFailed = 0;
}

void MetricsPoller::sendNextChunks()
{
    while (m_backfillRunning.size() < MaxConcurrentBackfillRequests && m_backfillNext < m_backfillQueue.size()) {
        const RangeChunk chunk = m_backfillQueue[m_backfillNext++];
        const Series &series = *m_series[size_t(chunk.series)];
        PrometheusReply *reply = m_client->queryRange(series.expression, chunk.startMs, chunk.endMs, m_config.pollIntervalMs);
        m_backfillRunning << reply;
        ++m_stats.backfillRequests;
        connect(reply, &PrometheusReply::finished, this, [this, chunk, reply] { onChunkAnswer(chunk, reply); });
    }
}

void MetricsPoller::onChunkAnswer(RangeChunk chunk, PrometheusReply *reply)
{
    reply->deleteLater();
    m_backfillRunning.removeAll(reply);
    ++m_backfillDone;
    const Series &series = *m_series[size_t(chunk.series)];
    Phrase error;
    if (!reply->ok()) {
        error = reply->errorPhrase();
    } else {
        const PrometheusQueryResult &result = reply->result();
        if (result.resultType != PrometheusResultType::Matrix) {
            error = phrase("MetricsPoller", "a range query returned a %1, not a matrix").arg(prometheusResultTypeName(result.resultType));
        } else if (result.series.size() > 1) {
            error = severalSeriesMessage(result.series);
        } else if (result.series.size() == 1) {
            std::vector<Sample> samples = result.series.first().samples;
            for (Sample &s : samples)
                s.value *= series.factor;
            m_store->merge(series.key, samples);
        } // no series: no data in that span, which is not an error
    }
    if (!error.isEmpty()) {
        ++m_backfillFailed;
        Q_EMIT backfillError(series.key, phrase("MetricsPoller", "%1: history from %2 to %3: %4")
                                             .arg(seriesName(series))
                                             .arg(timeText(chunk.startMs))
                                             .arg(timeText(chunk.endMs))
                                             .arg(error)
                                             .english());
    }
    Q_EMIT backfillProgress(m_backfillDone, m_backfillTotal);
    Q_EMIT statsChanged();
    sendNextChunks();
    if (!isBackfilling()) {
        const int failed = m_backfillFailed;
        m_backfillQueue.clear();
        m_backfillNext = 0;
        Q_EMIT backfillFinished(failed);
    }
}
