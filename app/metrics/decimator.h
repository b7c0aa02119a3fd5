#pragma once

#include "metric.h"

#include <span>
#include <vector>

// A time range without good data, in the series' clock milliseconds.
struct SampleGap {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    friend bool operator==(const SampleGap &, const SampleGap &) = default;
};

// What a chart draws of one series in one time window.
struct Decimation {
    // Finite samples in time order: per pixel column its smallest and its largest sample, in the
    // order they were taken (one when they coincide), plus the nearest finite sample outside each
    // end of the window so the line reaches the plot edges. At most 2 x columns + 2.
    std::vector<Sample> points;
    // Where the line in `points` bridges a stretch without good data: a run of NaN or infinite
    // samples, or (with maxGapMs) a pause between samples longer than that. Clipped to the
    // window; gaps closer together than one column are merged, so there are at most columns + 1.
    std::vector<SampleGap> gaps;
};

// Reduces a series to what a chart `columns` pixels wide can show without losing a spike:
// min/max per pixel column, so a peak of one sample is still drawn at full height however many
// samples share its column. The column's first and last samples (the "M4" reduction) are left
// out on purpose: inside one pixel column the stroke from min to max covers them, they would only
// tilt the joins to the neighbouring columns by less than a pixel, and they would double the
// points Qt Charts lays out and strokes on every refresh (measured in bench_charts).
//
// Non-finite samples are skipped, not drawn as breaks: Qt Charts' line series cannot lift the
// pen (a NaN point is dropped with a warning, which joins its neighbours anyway), and one series
// per segment would be unbounded in count. Instead the stretch is reported in `gaps`, so the
// chart can shade it and nobody reads the bridging line as measured data.
class Decimator
{
public:
    // `samples` sorted by time (as SampleStore keeps them); window [fromMs, toMs] inclusive.
    // O(n) in the samples inside the window (plus any non-finite run at its edges), with binary
    // searches for the window bounds. Returns nothing for an empty window or no columns.
    static Decimation decimate(std::span<const Sample> samples, qint64 fromMs, qint64 toMs, int columns, qint64 maxGapMs = 0);

    // Same, into `out`, reusing its buffers (the refresh path calls this several times a second).
    static void decimate(std::span<const Sample> samples, qint64 fromMs, qint64 toMs, int columns, qint64 maxGapMs, Decimation *out);
};
