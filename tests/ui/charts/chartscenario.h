#pragma once

// Realistic data for chart tests and screenshots: a blue/green deployment polled every second,
// green added at 30 minutes, traffic shifted at 60 (5 %, 10 %, 25 %, ...), and a latency
// regression on green once it takes 25 %.

#include "metrics/metric.h"
#include "metrics/samplestore.h"

#include <QList>
#include <QRandomGenerator>

#include <cmath>
#include <limits>
#include <vector>

namespace ChartScenario {

constexpr qint64 Minute = 60'000;
constexpr double NormalMs = 180; // blue's p95 before the shift

// Commanded share of green: 5 % at 60 min, 10 % at 65, 25 % at 75, 50 % at 90, 100 % at 110.
inline QList<Sample> commanded(qint64 startMs)
{
    return {{startMs, 0}, {startMs + 60 * Minute, 5}, {startMs + 65 * Minute, 10}, {startMs + 75 * Minute, 25}, {startMs + 90 * Minute, 50}, {startMs + 110 * Minute, 100}};
}

inline double commandedAt(const QList<Sample> &plan, qint64 t)
{
    double v = 0;
    for (const Sample &s : plan) {
        if (s.timeMs <= t)
            v = s.value;
    }
    return v;
}

// Fills `store` from `startMs` to `nowMs`, one sample a second per series; merged in bulk so a
// test does not pay for one signal per sample.
inline void fillLatencyRegression(SampleStore *store, qint64 startMs, qint64 nowMs, quint32 seed = 7)
{
    QRandomGenerator rng(seed);
    const auto noise = [&rng](double amplitude) { return (rng.generateDouble() * 2 - 1) * amplitude; };
    const QList<Sample> plan = commanded(startMs);
    const qint64 greenUp = startMs + 30 * Minute;
    const qint64 regression = startMs + 75 * Minute;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<Sample> series[MetricCount][2];
    double lagged = 0; // observed share trails the commanded one
    for (qint64 t = startMs; t <= nowMs; t += 1000) {
        const double green = commandedAt(plan, t);
        lagged += (green - lagged) * 0.08;
        const bool greenAlive = t >= greenUp;
        const bool greenServes = green > 0;
        // How far the regression has developed: it builds up over three minutes after 25 %.
        const double bad = t < regression ? 0 : std::min(1.0, double(t - regression) / (3 * Minute));
        const auto add = [&](Metric m, Color c, double v) { series[int(m)][int(c)].push_back({t, v}); };

        add(Metric::TrafficShare, Color::Blue, std::clamp(100 - lagged + noise(0.4), 0.0, 100.0));
        add(Metric::ErrorRate, Color::Blue, std::max(0.0, 0.05 + noise(0.025)));
        add(Metric::ResponseTime, Color::Blue, NormalMs + noise(18) + (rng.bounded(400) == 0 ? 120 : 0));
        add(Metric::DbErrorRate, Color::Blue, std::max(0.0, 0.01 + noise(0.008)));
        add(Metric::DbQueryTime, Color::Blue, 34 + noise(5));
        add(Metric::ResourceUtilization, Color::Blue, 58 - lagged * 0.25 + noise(3));
        add(Metric::PageLoadTime, Color::Blue, 1200 + noise(120));
        if (!greenAlive)
            continue;
        add(Metric::TrafficShare, Color::Green, std::clamp(lagged + noise(0.4), 0.0, 100.0));
        // Rates over zero requests are 0/0: NaN until green serves traffic.
        add(Metric::ErrorRate, Color::Green, greenServes ? std::max(0.0, 0.06 + bad * 0.55 + noise(0.03 + bad * 0.15)) : nan);
        add(Metric::ResponseTime, Color::Green, greenServes ? NormalMs + 10 + bad * 250 + noise(18 + bad * 40) : nan);
        add(Metric::DbErrorRate, Color::Green, greenServes ? std::max(0.0, 0.012 + bad * 0.03 + noise(0.008)) : nan);
        add(Metric::DbQueryTime, Color::Green, greenServes ? 36 + bad * 30 + noise(6) : nan);
        add(Metric::ResourceUtilization, Color::Green, 22 + lagged * 0.5 + bad * 15 + noise(3));
        add(Metric::PageLoadTime, Color::Green, greenServes ? 1250 + bad * 500 + noise(140) : nan);
    }
    for (int m = 0; m < MetricCount; ++m) {
        for (int c = 0; c < 2; ++c)
            store->merge({Metric(m), Color(c)}, series[m][c]);
    }
}

} // namespace ChartScenario
