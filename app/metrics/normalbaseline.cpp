#include "normalbaseline.h"

#include "metrics/samplestore.h"

#include <algorithm>
#include <cmath>
#include <vector>

std::optional<double> NormalBaseline::compute(const SampleStore &store, const NormalResponseTime &config, qint64 windowEndMs, qint64 pollIntervalMs)
{
    if (config.source == NormalResponseTime::Source::Fixed)
        return config.fixedMs;
    const auto &series = store.samples({Metric::ResponseTime, Color::Blue});
    const qint64 from = windowEndMs - config.windowMs;
    auto first = std::lower_bound(series.cbegin(), series.cend(), from, [](const Sample &s, qint64 t) { return s.timeMs < t; });
    std::vector<double> values;
    for (; first != series.cend() && first->timeMs <= windowEndMs; ++first) {
        if (std::isfinite(first->value) && first->value > 0)
            values.push_back(first->value);
    }
    const qint64 expected = std::max<qint64>(1, config.windowMs / std::max<qint64>(1, pollIntervalMs));
    if (values.empty() || qint64(values.size()) * 2 < expected)
        return std::nullopt;
    const auto middle = values.begin() + values.size() / 2;
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1)
        return *middle;
    const double upper = *middle;
    const double lower = *std::max_element(values.begin(), middle);
    return (lower + upper) / 2;
}
