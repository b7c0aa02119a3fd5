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

Phrase metricDisplayPhrase(Metric metric)
{
    switch (metric) {
    case Metric::ErrorRate: return phrase("Metric", "Error rate");
    case Metric::ResponseTime: return phrase("Metric", "Response time (p95)");
    case Metric::DbErrorRate: return phrase("Metric", "Database errors");
    case Metric::DbQueryTime: return phrase("Metric", "Database query time");
    case Metric::ResourceUtilization: return phrase("Metric", "CPU / memory");
    case Metric::PageLoadTime: return phrase("Metric", "Page load time");
    case Metric::TrafficShare: return phrase("Metric", "Traffic share");
    }
    return {};
}

QString metricDisplayName(Metric metric)
{
    return metricDisplayPhrase(metric).english();
}

Phrase seriesPhrase(Metric metric, Color color)
{
    return (color == Color::Green ? phrase("Metric", "%1 (green)", "a metric's series") : phrase("Metric", "%1 (blue)", "a metric's series"))
        .arg(metricDisplayPhrase(metric));
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
