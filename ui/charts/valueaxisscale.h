#pragma once

#include "thresholdlines.h"

#include <QList>
#include <QString>

#include <vector>

// The value axis of a metric's chart: its range, its tick step and how many decimals the tick
// labels need. Pure arithmetic (no widget, no chart), tested on its own (tst_valueaxisscale).
//
// The range goes from zero (these metrics are rates or durations; a zero base keeps ratios
// honest; negative data extends it below) up to whichever is higher of the lines that decide a
// rollback and the data. The data counts by its 99th percentile when its peak is far above it:
// one timed-out request at 30 s must not flatten a 200 ms line and its 400 ms rollback threshold
// into the bottom pixel. A value above the top is drawn clipped at the edge and reported in
// clippedPeak. Lesser thresholds just above the data are included (they cost little height),
// far ones are not. Ticks are on round values anchored at zero, but the top stays where the
// data and lines need it: rounding it up to the next tick can waste half a small chart.
struct ValueAxisScale {
    double min = 0;
    double max = 1;
    double tickInterval = 1;
    int decimals = 0;       // of the tick labels, enough for the tick interval
    double clippedPeak = 0; // the largest value above max; 0 when nothing is cut off

    // `values`: the samples drawn in the window (reordered: the percentile is found in place).
    // `fallbackTop`: the top with neither data nor lines (100 for milliseconds, 1 for percent).
    // `plotHeightPx` and `compact` decide how many ticks fit.
    static ValueAxisScale fit(std::vector<double> &values, const QList<ThresholdLine> &lines, double fallbackTop, double plotHeightPx, bool compact);
    // A fixed range with a fixed step, whole numbers (the traffic share's 0 to 100 %).
    static ValueAxisScale fixed(double min, double max, double tickInterval);

    // A tick step of 1, 2, 2.5 or 5 times a power of ten, at least `raw` (1 for no usable raw).
    static double niceStep(double raw);
    // The fewest decimals (up to 4) that show `step` and its multiples exactly.
    static int decimalsFor(double step);
    // printf-style, as QValueAxis::setLabelFormat() takes it: "%.1f".
    QString labelFormat() const;

    friend bool operator==(const ValueAxisScale &, const ValueAxisScale &) = default;
};
