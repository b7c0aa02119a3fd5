#include "valueaxisscale.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
// Room above the highest line or value for the label that sits over it.
constexpr double Headroom = 1.08;
// A data peak more than this far above the 99th percentile (or the lines) is clipped.
constexpr double OutlierFactor = 1.5;
// A lesser threshold this close above the top is brought into view.
constexpr double NearbyLineFactor = 1.25;
} // namespace

double ValueAxisScale::niceStep(double raw)
{
    if (!(raw > 0) || !std::isfinite(raw))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * magnitude >= raw * (1 - 1e-9))
            return m * magnitude;
    }
    return 10 * magnitude;
}

int ValueAxisScale::decimalsFor(double step)
{
    for (int d = 0; d < 4; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6)
            return d;
    }
    return 4;
}

QString ValueAxisScale::labelFormat() const
{
    return QStringLiteral("%.%1f").arg(decimals);
}

ValueAxisScale ValueAxisScale::fixed(double min, double max, double tickInterval)
{
    ValueAxisScale s;
    s.min = min;
    s.max = max;
    s.tickInterval = tickInterval;
    s.decimals = 0;
    return s;
}

ValueAxisScale ValueAxisScale::fit(std::vector<double> &values, const QList<ThresholdLine> &lines, double fallbackTop, double plotHeightPx, bool compact)
{
    ValueAxisScale s;
    double dataMax = -std::numeric_limits<double>::infinity();
    double dataMin = std::numeric_limits<double>::infinity();
    for (double v : values) {
        dataMax = std::max(dataMax, v);
        dataMin = std::min(dataMin, v);
    }

    double reach = 0; // the lines that decide a rollback are always in view
    for (const ThresholdLine &line : lines) {
        if (line.mustShow)
            reach = std::max(reach, line.value);
    }
    double top = reach;
    if (!values.empty()) {
        const auto nth = values.begin() + std::ptrdiff_t(double(values.size() - 1) * 0.99);
        std::nth_element(values.begin(), nth, values.end());
        const double robust = std::max(reach, *nth);
        if (robust <= 0 || dataMax <= robust * OutlierFactor) {
            top = std::max(top, dataMax);
        } else {
            top = std::max(top, robust);
            s.clippedPeak = dataMax;
        }
    }
    for (const ThresholdLine &line : lines) {
        if (!line.mustShow && line.value > top && line.value <= top * NearbyLineFactor)
            top = line.value;
    }
    if (!(top > 0))
        top = fallbackTop;
    top *= Headroom;
    double bottom = dataMin < 0 && std::isfinite(dataMin) ? dataMin * Headroom : 0;

    const int targetTicks = std::clamp(int(plotHeightPx / (compact ? 28 : 40)), 2, compact ? 4 : 6);
    s.tickInterval = niceStep((top - bottom) / targetTicks);
    bottom = std::floor(bottom / s.tickInterval + 1e-9) * s.tickInterval;
    s.min = bottom;
    s.max = top;
    s.decimals = decimalsFor(s.tickInterval);
    if (s.clippedPeak <= top)
        s.clippedPeak = 0;
    return s;
}
