#include "metricchartgroup.h"

#include "metricchart.h"
#include "trafficchart.h"

#include <QComboBox>

MetricChartGroup::MetricChartGroup(SampleStore *store, Clock *clock, const QList<Rule> &rules, qint64 deploymentStartMs, const QList<Metric> &metrics,
                                   bool compact, QWidget *parent)
    : QWidget(parent)
    , m_timeWindowCombo(new QComboBox(this))
{
    m_timeWindowCombo->setObjectName(QStringLiteral("timeWindowCombo"));
    m_timeWindowCombo->setToolTip(tr("How much history the charts show"));
    for (int i = 0; i < TimeWindowCount; ++i)
        m_timeWindowCombo->addItem(timeWindowName(TimeWindow(i)), i);
    m_timeWindowCombo->setCurrentIndex(int(m_window));
    connect(m_timeWindowCombo, &QComboBox::activated, this, [this](int index) { setTimeWindow(TimeWindow(m_timeWindowCombo->itemData(index).toInt())); });

    for (Metric metric : metrics) {
        MetricChart *chart = MetricChart::create(metric, store, clock, this);
        chart->setCompact(compact);
        chart->setRules(rules);
        chart->setDeploymentStartMs(deploymentStartMs);
        m_charts << chart;
    }
}

void MetricChartGroup::setRules(const QList<Rule> &rules)
{
    for (MetricChart *chart : std::as_const(m_charts))
        chart->setRules(rules);
}

void MetricChartGroup::setNormal(std::optional<double> ms)
{
    if (MetricChart *c = chart(Metric::ResponseTime))
        c->setNormal(ms);
}

void MetricChartGroup::setCommanded(const QList<Sample> &greenPercent)
{
    if (auto *c = qobject_cast<TrafficChart *>(chart(Metric::TrafficShare)))
        c->setCommanded(greenPercent);
}

void MetricChartGroup::setDeploymentStartMs(qint64 ms)
{
    for (MetricChart *chart : std::as_const(m_charts))
        chart->setDeploymentStartMs(ms);
}

void MetricChartGroup::setTimeWindow(TimeWindow window)
{
    m_timeWindowCombo->setCurrentIndex(m_timeWindowCombo->findData(int(window)));
    if (window == m_window)
        return;
    m_window = window;
    for (MetricChart *chart : std::as_const(m_charts))
        chart->setTimeWindow(window);
    Q_EMIT timeWindowChanged(window);
}

void MetricChartGroup::setMonitored(const QList<Metric> &metrics)
{
    for (MetricChart *chart : std::as_const(m_charts))
        chart->setMonitored(metrics.contains(chart->chartMetric()));
}

MetricChart *MetricChartGroup::chart(Metric metric) const
{
    for (MetricChart *chart : m_charts) {
        if (chart->chartMetric() == metric)
            return chart;
    }
    return nullptr;
}

void MetricChartGroup::refresh()
{
    for (MetricChart *chart : std::as_const(m_charts))
        chart->refresh();
}
