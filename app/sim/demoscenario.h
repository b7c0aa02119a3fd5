#pragma once

#include "demoseries.h"
#include "metrics/metric.h"

#include <QStringList>

#include <optional>

// What goes wrong (or not) in the demo environment once green takes traffic.
enum class DemoScenario {
    Healthy,
    LatencyRegression, // green p95 ramps to 3.5x normal once it has 25 % of traffic
    ErrorSpike,        // green errors climb to 5 % once it has 10 %
    DbErrors,          // green database errors climb to 1 % once it has 10 %
    GreenDown,         // green exports nothing and fails its health check
    SecurityAlert,     // healthy numbers, but a security alert fires after a minute at 10 %
};
inline constexpr int DemoScenarioCount = 6;

// "healthy", "latency-regression", ... (the --scenario names).
QString nameOf(DemoScenario scenario);
std::optional<DemoScenario> demoScenarioFromName(QStringView name);
QStringList demoScenarioNames();
// One line for --help and the scenario menu.
QString demoScenarioDescription(DemoScenario scenario);

// Normal values, inside every target of the reference runbook ("Monitoring Thresholds":
// errors < 0.1 %, p95 < 500 ms, queries < 100 ms, CPU/memory < 80 %, page load < 2 s).
namespace DemoBaseline {
inline constexpr double ErrorRatio = 0.0005;
inline constexpr double ResponseTimeP95 = 0.180;
inline constexpr double DbErrorRatio = 0.0002;
inline constexpr double DbQueryP95 = 0.040;
inline constexpr double CpuUsage = 0.45;
inline constexpr double MemoryUsage = 0.55;
inline constexpr double PageLoadP95 = 1.4;
double of(DemoSeries series); // 1 for Up, 0 for TrafficShare
} // namespace DemoBaseline

// The scenarios' shape, named so tests and the report can refer to them.
namespace DemoEffect {
inline constexpr double LatencyShare = 0.25;      // green share from which latency regresses
inline constexpr double LatencyBeforeFactor = 1.1; // green p95 / normal below that share
inline constexpr double LatencyFactor = 3.5;      // ... and once the ramp is complete
inline constexpr qint64 LatencyRampMs = 180'000;
inline constexpr double ErrorShare = 0.10;        // green share from which errors start
inline constexpr double ErrorSpikeRatio = 0.05;
inline constexpr double DbErrorRatio = 0.01;
inline constexpr qint64 ErrorRampMs = 120'000;
inline constexpr double AlertShare = 0.10;
inline constexpr qint64 AlertAfterMs = 60'000;   // green at AlertShare this long fires the alert
} // namespace DemoEffect

// What the value model knows about traffic at one moment.
struct DemoExposure {
    qint64 timeMs = 0;                         // whole seconds, so every reader sees the same value
    double blueShare = 0;                      // observed
    double greenShare = 0;
    std::optional<qint64> greenErrorShareSince;   // green's commanded share >= ErrorShare since
    std::optional<qint64> greenLatencyShareSince; // ... >= LatencyShare since
};

// Whether green answers at all under the scenario.
bool demoScenarioGreenUp(DemoScenario scenario);

// The value of one series, or nullopt when the series is absent: a down environment
// exports nothing but its `up` (0); its traffic share is the balancer's view and stays. Deterministic: small noise is a hash of the series and
// the second, so charts move while every reader of the same moment agrees.
std::optional<double> demoScenarioValue(DemoScenario scenario, DemoSeries series, Color color, const DemoExposure &exposure);
