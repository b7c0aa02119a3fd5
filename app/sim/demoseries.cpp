#include "demoseries.h"

QString demoSeriesName(DemoSeries series)
{
    switch (series) {
    case DemoSeries::ErrorRatio: return QStringLiteral("stonecaster_demo_error_ratio");
    case DemoSeries::ResponseTimeP95: return QStringLiteral("stonecaster_demo_response_time_p95_seconds");
    case DemoSeries::DbErrorRatio: return QStringLiteral("stonecaster_demo_db_error_ratio");
    case DemoSeries::DbQueryP95: return QStringLiteral("stonecaster_demo_db_query_p95_seconds");
    case DemoSeries::CpuUsage: return QStringLiteral("stonecaster_demo_cpu_usage_ratio");
    case DemoSeries::MemoryUsage: return QStringLiteral("stonecaster_demo_memory_usage_ratio");
    case DemoSeries::PageLoadP95: return QStringLiteral("stonecaster_demo_page_load_p95_seconds");
    case DemoSeries::TrafficShare: return QStringLiteral("stonecaster_demo_traffic_share_ratio");
    case DemoSeries::Up: return QStringLiteral("stonecaster_demo_up");
    }
    return {};
}

std::optional<DemoSeries> demoSeriesFromName(QStringView name)
{
    for (int i = 0; i < DemoSeriesCount; ++i) {
        if (demoSeriesName(DemoSeries(i)) == name)
            return DemoSeries(i);
    }
    return std::nullopt;
}

QString demoSeriesHelp(DemoSeries series)
{
    switch (series) {
    case DemoSeries::ErrorRatio: return QStringLiteral("Share of requests answered with an error (0..1).");
    case DemoSeries::ResponseTimeP95: return QStringLiteral("95th percentile of response time in seconds.");
    case DemoSeries::DbErrorRatio: return QStringLiteral("Share of database queries that failed (0..1).");
    case DemoSeries::DbQueryP95: return QStringLiteral("95th percentile of database query time in seconds.");
    case DemoSeries::CpuUsage: return QStringLiteral("CPU in use (0..1).");
    case DemoSeries::MemoryUsage: return QStringLiteral("Memory in use (0..1).");
    case DemoSeries::PageLoadP95: return QStringLiteral("95th percentile of page load time in seconds.");
    case DemoSeries::TrafficShare: return QStringLiteral("Observed share of requests routed to the environment (0..1).");
    case DemoSeries::Up: return QStringLiteral("1 when the environment answers its health check, 0 when it is down.");
    }
    return {};
}
