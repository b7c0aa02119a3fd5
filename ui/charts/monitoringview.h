#pragma once

#include "metricchartgroup.h"

// The larger view for on-call: every metric, page load time included, in a grid of larger
// charts with one shared time-window control; traffic spans the top row as the context for
// the rest.
class MonitoringView : public MetricChartGroup
{
    Q_OBJECT
public:
    MonitoringView(SampleStore *store, Clock *clock, const QList<Rule> &rules, qint64 deploymentStartMs, QWidget *parent = nullptr);
};
