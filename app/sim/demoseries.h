#pragma once

#include <QString>

#include <optional>

// The gauges the demo environment exports, each with a label color="blue"|"green".
// Ratios are 0..1 and times are seconds, as Prometheus conventions want; the console
// converts to the runbook's units.
enum class DemoSeries {
    ErrorRatio,
    ResponseTimeP95,
    DbErrorRatio,
    DbQueryP95,
    CpuUsage,
    MemoryUsage,
    PageLoadP95,
    TrafficShare,
    Up,
};
inline constexpr int DemoSeriesCount = 9;

// "stonecaster_demo_error_ratio", ...
QString demoSeriesName(DemoSeries series);
std::optional<DemoSeries> demoSeriesFromName(QStringView name);
// The # HELP text of the exposition format.
QString demoSeriesHelp(DemoSeries series);
