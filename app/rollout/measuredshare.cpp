#include "measuredshare.h"

#include <algorithm>
#include <cmath>

namespace MeasuredShare {

std::optional<double> drift(const std::vector<Sample> &greenShare, int commandedGreen, qint64 settledSinceMs, qint64 nowMs, qint64 windowMs)
{
    const qint64 from = nowMs - windowMs;
    if (from < settledSinceMs)
        return std::nullopt; // the measurement may still be following the last change
    int counted = 0;
    std::optional<double> latest;
    for (auto it = greenShare.crbegin(); it != greenShare.crend() && it->timeMs >= from; ++it) {
        if (!std::isfinite(it->value))
            continue;
        if (it->timeMs > nowMs)
            continue;
        if (std::abs(it->value - commandedGreen) <= TolerancePoints)
            return std::nullopt;
        if (!latest)
            latest = it->value;
        ++counted;
    }
    if (counted < 2)
        return std::nullopt;
    return latest;
}

qint64 windowFor(qint64 pollIntervalMs)
{
    return std::max<qint64>(MinimumWindowMs, Intervals * pollIntervalMs);
}

} // namespace MeasuredShare
