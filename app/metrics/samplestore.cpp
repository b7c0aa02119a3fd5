#include "samplestore.h"

#include <algorithm>
#include <cmath>

namespace {
const std::vector<Sample> &emptySeries()
{
    static const std::vector<Sample> empty;
    return empty;
}
}

SampleStore::SampleStore(QObject *parent)
    : QObject(parent)
{
}

void SampleStore::append(SeriesKey key, Sample sample)
{
    auto &series = m_series[key];
    if (series.empty() || series.back().timeMs < sample.timeMs) {
        series.push_back(sample);
        Q_EMIT samplesInserted(key, sample.timeMs);
        Q_EMIT samplesChanged(key);
        return;
    }
    merge(key, std::span<const Sample>(&sample, 1));
}

void SampleStore::merge(SeriesKey key, std::span<const Sample> samples)
{
    if (samples.empty())
        return;
    auto &series = m_series[key];
    std::vector<Sample> incoming(samples.begin(), samples.end());
    std::stable_sort(incoming.begin(), incoming.end(), [](const Sample &a, const Sample &b) { return a.timeMs < b.timeMs; });
    std::vector<Sample> merged;
    merged.reserve(series.size() + incoming.size());
    auto a = series.cbegin();
    auto b = incoming.cbegin();
    while (a != series.cend() || b != incoming.cend()) {
        const Sample *next;
        if (b == incoming.cend() || (a != series.cend() && a->timeMs < b->timeMs)) {
            next = &*a++;
        } else {
            if (a != series.cend() && a->timeMs == b->timeMs)
                ++a; // the incoming sample replaces the stored one
            next = &*b++;
        }
        if (!merged.empty() && merged.back().timeMs == next->timeMs)
            merged.back() = *next;
        else
            merged.push_back(*next);
    }
    series = std::move(merged);
    Q_EMIT samplesInserted(key, incoming.front().timeMs);
    Q_EMIT samplesChanged(key);
}

void SampleStore::clear()
{
    const auto keys = m_series.keys();
    m_series.clear();
    m_errors.clear();
    for (SeriesKey key : keys)
        Q_EMIT samplesChanged(key);
}

const std::vector<Sample> &SampleStore::samples(SeriesKey key) const
{
    const auto it = m_series.constFind(key);
    return it == m_series.cend() ? emptySeries() : *it;
}

std::optional<Sample> SampleStore::latest(SeriesKey key) const
{
    const auto &series = samples(key);
    if (series.empty())
        return std::nullopt;
    return series.back();
}

std::optional<Sample> SampleStore::lastGood(SeriesKey key) const
{
    const auto &series = samples(key);
    for (auto it = series.crbegin(); it != series.crend(); ++it) {
        if (std::isfinite(it->value))
            return *it;
    }
    return std::nullopt;
}

bool SampleStore::isFresh(SeriesKey key, qint64 nowMs) const
{
    const auto &series = samples(key);
    if (series.empty())
        return false;
    const Sample &last = series.back();
    // The newest sample must itself be good: a NaN answer after good ones is not green.
    return std::isfinite(last.value) && nowMs - last.timeMs <= m_freshnessMs;
}

void SampleStore::setError(SeriesKey key, const Phrase &message)
{
    const auto it = m_errors.constFind(key);
    const Phrase old = it == m_errors.cend() ? Phrase() : *it;
    if (old == message)
        return;
    if (message.isEmpty())
        m_errors.remove(key);
    else
        m_errors.insert(key, message);
    Q_EMIT errorChanged(key);
}

qsizetype SampleStore::sampleBytes() const
{
    qsizetype bytes = 0;
    for (const auto &series : m_series)
        bytes += qsizetype(series.capacity() * sizeof(Sample));
    return bytes;
}
