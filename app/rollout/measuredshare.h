#pragma once

#include "metrics/metric.h"

#include <optional>
#include <vector>

// Green's share of requests as measured (the profile's traffic_share series, e.g. from
// HAProxy's own response counters in Prometheus) against the commanded split. The load
// balancer's configured weights say where traffic should go; this says where it went, so a
// server in maintenance, drained or down (whose weight still reads as set) shows.
namespace MeasuredShare {

// Points of difference still taken as agreement (a rate over a few seconds is never exact).
inline constexpr double TolerancePoints = 5.0;
// How many scrape intervals the difference must last, and how long a new split may take to
// show in the measurement after it landed.
inline constexpr int Intervals = 3;
// A share measured as a rate over a few seconds (`rate(...[10s])`) follows a change that late.
inline constexpr qint64 MinimumWindowMs = 10'000;

// The measured green share, in percent, when it has differed from `commandedGreen` by more than
// the tolerance on every good sample of the last `windowMs` (at least two of them), counted
// only from `settledSinceMs` + `windowMs` on (the measurement needs that long to follow a
// change). nullopt when the samples agree, are too few, or are not settled yet.
std::optional<double> drift(const std::vector<Sample> &greenShare, int commandedGreen, qint64 settledSinceMs, qint64 nowMs, qint64 windowMs);

// The window for a poll interval: Intervals of it, at least MinimumWindowMs.
qint64 windowFor(qint64 pollIntervalMs);

} // namespace MeasuredShare
