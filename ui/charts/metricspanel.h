#pragma once

#include "metricchartgroup.h"

class QLabel;

// The compact live panel beside the checklists: traffic, error rate, p95 response time,
// database errors, database query time and resource use, small, in one column.
class MetricsPanel : public MetricChartGroup
{
    Q_OBJECT
public:
    MetricsPanel(SampleStore *store, Clock *clock, const QList<Rule> &rules, qint64 deploymentStartMs, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateKey();

    QLabel *m_key;
};
