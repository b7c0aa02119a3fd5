#include "metric.h"

QString metricKey(Metric metric)
{
    switch (metric) {
    case Metric::ErrorRate: return QStringLiteral("error_rate");
    case Metric::ResponseTime: return QStringLiteral("response_time");
    case Metric::DbErrorRate: return QStringLiteral("db_error_rate");
    case Metric::DbQueryTime: return QStringLiteral("db_query_time");
    case Metric::ResourceUtilization: return QStringLiteral("resource_utilization");
    case Metric::PageLoadTime: return QStringLiteral("page_load_time");
    case Metric::TrafficShare: return QStringLiteral("traffic_share");
    }
    return {};
}

std::optional<Metric> metricFromKey(QStringView key)
{
    for (int i = 0; i < MetricCount; ++i) {
        if (metricKey(Metric(i)) == key)
            return Metric(i);
    }
    return std::nullopt;
}

QString metricDisplayName(Metric metric)
{
    switch (metric) {
    case Metric::ErrorRate: return QStringLiteral("Error rate");
    case Metric::ResponseTime: return QStringLiteral("Response time (p95)");
    case Metric::DbErrorRate: return QStringLiteral("Database errors");
    case Metric::DbQueryTime: return QStringLiteral("Database query time");
    case Metric::ResourceUtilization: return QStringLiteral("CPU / memory");
    case Metric::PageLoadTime: return QStringLiteral("Page load time");
    case Metric::TrafficShare: return QStringLiteral("Traffic share");
    }
    return {};
}

QString metricUnit(Metric metric)
{
    switch (metric) {
    case Metric::ResponseTime:
    case Metric::DbQueryTime:
    case Metric::PageLoadTime:
        return QStringLiteral("ms");
    default:
        return QStringLiteral("%");
    }
}

QString colorKey(Color color)
{
    return color == Color::Blue ? QStringLiteral("blue") : QStringLiteral("green");
}

std::optional<Metric> metricForRule(RuleMetric metric)
{
    switch (metric) {
    case RuleMetric::ErrorRate: return Metric::ErrorRate;
    case RuleMetric::ResponseTime: return Metric::ResponseTime;
    case RuleMetric::DbErrorRate: return Metric::DbErrorRate;
    case RuleMetric::DbQueryTime: return Metric::DbQueryTime;
    case RuleMetric::ResourceUtilization: return Metric::ResourceUtilization;
    case RuleMetric::PageLoadTime: return Metric::PageLoadTime;
    case RuleMetric::ServiceDown:
    case RuleMetric::SecurityAlert:
        return std::nullopt;
    }
    return std::nullopt;
}
