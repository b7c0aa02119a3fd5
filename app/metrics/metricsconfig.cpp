#include "metricsconfig.h"

QString unitName(ValueUnit unit)
{
    switch (unit) {
    case ValueUnit::Ratio: return QStringLiteral("ratio");
    case ValueUnit::Percent: return QStringLiteral("percent");
    case ValueUnit::Seconds: return QStringLiteral("seconds");
    case ValueUnit::Milliseconds: return QStringLiteral("milliseconds");
    }
    return {};
}

std::optional<ValueUnit> unitFromName(QStringView name)
{
    for (ValueUnit unit : {ValueUnit::Ratio, ValueUnit::Percent, ValueUnit::Seconds, ValueUnit::Milliseconds}) {
        if (name == unitName(unit))
            return unit;
    }
    return std::nullopt;
}

bool unitFits(Metric metric, ValueUnit unit)
{
    const bool isTime = metricUnit(metric) == u"ms";
    return isTime == (unit == ValueUnit::Seconds || unit == ValueUnit::Milliseconds);
}

Phrase fittingUnits(Metric metric)
{
    return metricUnit(metric) == u"ms" ? phrase("MetricsConfig", "seconds or milliseconds") : phrase("MetricsConfig", "ratio or percent");
}

const MetricQuery *MetricsConfig::query(Metric metric) const
{
    for (const MetricQuery &q : queries) {
        if (q.metric == metric)
            return &q;
    }
    return nullptr;
}
