#include "decimator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

bool isGood(const Sample &s)
{
    return std::isfinite(s.value);
}

// Collects gaps, clipped to the window, merging those less than a column apart so their count
// stays bounded by the pixel width whatever the data.
class GapCollector
{
public:
    GapCollector(std::vector<SampleGap> *gaps, qint64 fromMs, qint64 toMs, qint64 mergeMs)
        : m_gaps(gaps)
        , m_fromMs(fromMs)
        , m_toMs(toMs)
        , m_mergeMs(mergeMs)
    {
    }
    void add(qint64 a, qint64 b)
    {
        a = std::max(a, m_fromMs);
        b = std::min(b, m_toMs);
        if (b <= a)
            return;
        if (!m_gaps->empty() && a - m_gaps->back().toMs <= m_mergeMs) {
            m_gaps->back().toMs = std::max(m_gaps->back().toMs, b);
            return;
        }
        m_gaps->push_back({a, b});
    }

private:
    std::vector<SampleGap> *m_gaps;
    qint64 m_fromMs;
    qint64 m_toMs;
    qint64 m_mergeMs;
};

} // namespace

Decimation Decimator::decimate(std::span<const Sample> samples, qint64 fromMs, qint64 toMs, int columns, qint64 maxGapMs)
{
    Decimation out;
    decimate(samples, fromMs, toMs, columns, maxGapMs, &out);
    return out;
}

void Decimator::decimate(std::span<const Sample> samples, qint64 fromMs, qint64 toMs, int columns, qint64 maxGapMs, Decimation *out)
{
    out->points.clear();
    out->gaps.clear();
    if (samples.empty() || columns < 1 || toMs <= fromMs)
        return;

    const auto byTime = [](const Sample &s, qint64 t) { return s.timeMs < t; };
    const auto timeBefore = [](qint64 t, const Sample &s) { return t < s.timeMs; };
    const qsizetype n = qsizetype(samples.size());
    const qsizetype begin = std::lower_bound(samples.begin(), samples.end(), fromMs, byTime) - samples.begin();
    const qsizetype end = std::upper_bound(samples.begin(), samples.end(), toMs, timeBefore) - samples.begin();

    // The nearest good samples outside the window; a non-finite run at an edge is walked over,
    // since it is skipped like any other (and reported as a gap).
    qsizetype before = begin - 1;
    while (before >= 0 && !isGood(samples[before]))
        --before;
    qsizetype after = end;
    while (after < n && !isGood(samples[after]))
        ++after;

    const qint64 span = toMs - fromMs;
    // Integer column arithmetic: exact, and (t - from) * columns stays far below 2^63 for any
    // window a chart shows (a year in ms times 100 000 columns is about 3e15).
    const auto columnOf = [&](qint64 t) { return int(std::min<qint64>(columns - 1, (t - fromMs) * columns / span)); };

    out->points.reserve(std::size_t(std::min<qsizetype>(end - begin, qsizetype(columns) * 2)) + 2);
    if (before >= 0)
        out->points.push_back(samples[before]);

    int column = -1;
    qint64 nextColumnMs = std::numeric_limits<qint64>::min();
    qsizetype lowest = 0, highest = 0;
    const auto flush = [&] {
        if (column < 0)
            return;
        out->points.push_back(samples[std::min(lowest, highest)]);
        if (lowest != highest)
            out->points.push_back(samples[std::max(lowest, highest)]);
    };

    GapCollector gaps(&out->gaps, fromMs, toMs, std::max<qint64>(1, span / columns));
    const qsizetype lo = before >= 0 ? before : begin;
    const qsizetype hi = after < n ? after : end - 1;
    qsizetype previousGood = -1;
    qsizetype firstBad = -1; // start of the current run of non-finite samples
    qsizetype lastBad = -1;
    for (qsizetype i = lo; i <= hi; ++i) {
        const Sample &s = samples[i];
        if (!isGood(s)) {
            if (firstBad < 0)
                firstBad = i;
            lastBad = i;
            continue;
        }
        if (previousGood >= 0) {
            const qint64 pause = s.timeMs - samples[previousGood].timeMs;
            if (firstBad >= 0 || (maxGapMs > 0 && pause > maxGapMs))
                gaps.add(samples[previousGood].timeMs, s.timeMs);
        } else if (firstBad >= 0) {
            gaps.add(samples[firstBad].timeMs, s.timeMs); // the series starts with no value
        }
        previousGood = i;
        firstBad = -1;

        if (i < begin || i >= end)
            continue; // an edge sample: drawn, but not part of any column
        // The column only changes past its end: two divisions per column rather than one (a
        // 64-bit division, tens of cycles) per sample.
        if (s.timeMs >= nextColumnMs) {
            const int c = columnOf(s.timeMs);
            // The first time in column c + 1: (t - from) * columns >= (c + 1) * span.
            nextColumnMs = c + 1 < columns ? fromMs + ((qint64(c) + 1) * span + columns - 1) / columns : std::numeric_limits<qint64>::max();
            if (c != column) {
                flush();
                column = c;
                lowest = highest = i;
                continue;
            }
        }
        // Strict comparisons keep the earliest of equal extremes, so a flat column gives 1 point.
        if (s.value < samples[lowest].value)
            lowest = i;
        if (s.value > samples[highest].value)
            highest = i;
    }
    flush();
    if (firstBad >= 0) // the series ends with no value, up to its last (bad) sample
        gaps.add(previousGood >= 0 ? samples[previousGood].timeMs : samples[firstBad].timeMs, samples[lastBad].timeMs);
    if (after < n)
        out->points.push_back(samples[after]);
}
