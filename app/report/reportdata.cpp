#include "reportdata.h"

#include <algorithm>
#include <cmath>

const std::vector<Sample> &ReportData::series(Metric metric, Color color) const
{
    static const std::vector<Sample> none;
    const auto it = samples.constFind(SeriesKey{metric, color});
    return it == samples.cend() ? none : it.value();
}

std::optional<Sample> ReportData::valueAt(Metric metric, Color color, qint64 atMs) const
{
    const std::vector<Sample> &s = series(metric, color);
    auto it = std::upper_bound(s.cbegin(), s.cend(), atMs, [](qint64 t, const Sample &sample) { return t < sample.timeMs; });
    while (it != s.cbegin()) {
        --it;
        if (std::isfinite(it->value))
            return *it;
    }
    return std::nullopt;
}
