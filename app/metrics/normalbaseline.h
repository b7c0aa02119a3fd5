#pragma once

#include "metrics/metricsconfig.h"

#include <optional>

class SampleStore;

// "Normal" response time, the base of rules like "> 2x normal": either given in the
// profile, or the median of blue's p95 over the profile's window ending at the first
// traffic shift (or now, before it). Measured needs the window at least half covered by
// good samples; until then there is no baseline, and rules on it have no data.
struct NormalBaseline {
    static std::optional<double> compute(const SampleStore &store, const NormalResponseTime &config, qint64 windowEndMs, qint64 pollIntervalMs);
};
