#include "metricsconfig.h"

const MetricQuery *MetricsConfig::query(Metric metric) const
{
    for (const MetricQuery &q : queries) {
        if (q.metric == metric)
            return &q;
    }
    return nullptr;
}
