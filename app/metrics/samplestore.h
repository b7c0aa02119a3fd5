#pragma once

#include "metric.h"

#include <QHash>
#include <QObject>

#include <optional>
#include <span>
#include <vector>

// Every sample of every series of one deployment, in time order, plus each series'
// last fetch error. Live polls append; backfill and the journal merge history in.
// The raw samples stay for rule evaluation and reports; charts decimate for display.
class SampleStore : public QObject
{
    Q_OBJECT
public:
    explicit SampleStore(QObject *parent = nullptr);

    // A sample older than this (in clock time) is stale; set to two poll intervals.
    void setFreshnessMs(qint64 ms) { m_freshnessMs = ms; }
    qint64 freshnessMs() const { return m_freshnessMs; }

    // Appends a live sample. One not newer than the series' last sample is merged
    // in its place instead (a late answer never reorders the series).
    void append(SeriesKey key, Sample sample);
    // Merges history in time order; a sample at a time already present replaces it.
    void merge(SeriesKey key, std::span<const Sample> samples);
    void clear();

    const std::vector<Sample> &samples(SeriesKey key) const;
    QList<SeriesKey> keys() const { return m_series.keys(); }
    // The newest sample, whatever its value.
    std::optional<Sample> latest(SeriesKey key) const;
    // The newest sample with a finite value (NaN and infinities are data, but not good data).
    std::optional<Sample> lastGood(SeriesKey key) const;
    // True when the newest good sample is at most freshnessMs() old at `nowMs`.
    bool isFresh(SeriesKey key, qint64 nowMs) const;

    // Why the last fetch of the series gave no sample ("No answer from Prometheus at …", "no
    // data: …"; the series itself is not named), empty when it gave one.
    void setError(SeriesKey key, const Phrase &message);
    Phrase error(SeriesKey key) const { return m_errors.value(key); }

    // Bytes held by samples (for the memory benchmark and a status line).
    qsizetype sampleBytes() const;

Q_SIGNALS:
    void samplesChanged(SeriesKey key);
    // Samples at or after `fromMs` were added or replaced (emitted before samplesChanged).
    void samplesInserted(SeriesKey key, qint64 fromMs);
    void errorChanged(SeriesKey key);

private:
    QHash<SeriesKey, std::vector<Sample>> m_series;
    QHash<SeriesKey, Phrase> m_errors;
    qint64 m_freshnessMs = 4000;
};
