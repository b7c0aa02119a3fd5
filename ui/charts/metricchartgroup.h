#pragma once

#include "timewindow.h"

#include "metrics/metric.h"
#include "runbook/runbook.h"

#include <QList>
#include <QWidget>

#include <optional>

class Clock;
class MetricChart;
class SampleStore;
class QComboBox;

// Charts of several metrics sharing one time-window control, the runbook's rules, the normal
// response time and the commanded traffic share. The live panel and the monitoring view are
// this with different layouts and sizes.
class MetricChartGroup : public QWidget
{
    Q_OBJECT
public:
    void setRules(const QList<Rule> &rules);
    // Response time's "normal", which the x-normal rules multiply; nullopt while unknown.
    void setNormal(std::optional<double> ms);
    // The commanded share of green in percent over time, for the traffic chart.
    void setCommanded(const QList<Sample> &greenPercent);
    void setDeploymentStartMs(qint64 ms);
    void setTimeWindow(TimeWindow window);
    // The metrics the profile has a query for; every other chart says "not monitored".
    void setMonitored(const QList<Metric> &metrics);
    TimeWindow timeWindow() const { return m_window; }

    // The chart of `metric`, or nullptr when this group does not show it.
    MetricChart *chart(Metric metric) const;
    const QList<MetricChart *> &charts() const { return m_charts; }
    // Redraws every chart now (the benchmark and screenshots; live updates coalesce by themselves).
    void refresh();

Q_SIGNALS:
    void timeWindowChanged(TimeWindow window);

protected:
    MetricChartGroup(SampleStore *store, Clock *clock, const QList<Rule> &rules, qint64 deploymentStartMs, const QList<Metric> &metrics, bool compact,
                     QWidget *parent);
    // The shared "Last 5 min / 30 min / 2 h / Whole deployment" control, for the subclass to place.
    QComboBox *timeWindowCombo() const { return m_timeWindowCombo; }

private:
    QList<MetricChart *> m_charts;
    QComboBox *m_timeWindowCombo;
    TimeWindow m_window = TimeWindow::Last30Minutes;
};
