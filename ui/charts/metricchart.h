#pragma once

#include "thresholdlines.h"
#include "thresholdoverlay.h"
#include "timewindow.h"
#include "valueaxisscale.h"

#include "metrics/decimator.h"
#include "metrics/metric.h"

#include <QElapsedTimer>
#include <QList>
#include <QPointF>
#include <QWidget>

#include <array>
#include <optional>
#include <vector>

class ChartHeader;
class Clock;
class ClockTimer;
class DecimatedSeriesItem;
class SampleStore;
class TimeAxisItem;
class QLabel;
class QTimer;
QT_FORWARD_DECLARE_CLASS(QAreaSeries)
QT_FORWARD_DECLARE_CLASS(QCategoryAxis)
QT_FORWARD_DECLARE_CLASS(QChart)
QT_FORWARD_DECLARE_CLASS(QChartView)
QT_FORWARD_DECLARE_CLASS(QLineSeries)
QT_FORWARD_DECLARE_CLASS(QValueAxis)

// One live chart of a metric: blue and green from the SampleStore over a time window, decimated
// to the plot's pixel columns, the runbook's thresholds for that metric (ThresholdOverlay), and
// a header with the current values, a STALE badge and the last fetch error (ChartHeader). The
// value axis is ValueAxisScale's, the time axis TimeAxisItem's. The traffic share has a chart
// of its own, TrafficChart; create() makes the right one for a metric.
//
// Qt Charts stays inside ui/charts (it is deprecated from Qt 6.10): nothing in this interface
// names a Qt Charts type, so a move to Qt Graphs is local to this folder.
class MetricChart : public QWidget
{
    Q_OBJECT
public:
    MetricChart(Metric metric, SampleStore *store, Clock *clock, QWidget *parent = nullptr);
    ~MetricChart() override;
    // A TrafficChart for Metric::TrafficShare, a MetricChart otherwise.
    static MetricChart *create(Metric metric, SampleStore *store, Clock *clock, QWidget *parent = nullptr);

    Metric chartMetric() const { return m_metric; } // not metric(): QPaintDevice::metric() is virtual

    // Keeps the rules on this chart's metric; one line per rule with a numeric threshold.
    void setRules(const QList<Rule> &rules);
    // Response time's "normal", which x-normal rules multiply; nullopt while unknown.
    void setNormal(std::optional<double> ms);
    std::optional<double> normal() const { return m_normalMs; }
    // Where "whole deployment" starts; until set, at the oldest sample.
    void setDeploymentStartMs(qint64 ms);
    void setTimeWindow(TimeWindow window);
    TimeWindow timeWindow() const { return m_window; }
    // Small fonts, fewer ticks and no axis title: for the live panel beside the checklists.
    void setCompact(bool compact);
    bool isCompact() const { return m_compact; }
    // False when the profile has no query for the metric: the chart says "not monitored" and
    // draws nothing (a blank plot would read as "no data yet"). Set once, when the profile is known.
    void setMonitored(bool monitored);
    bool isMonitored() const { return m_monitored; }

    // What is drawn, for the window's status line and for tests.
    const QList<ThresholdLine> &thresholdLines() const { return m_thresholds.lines; }
    const QStringList &thresholdNotes() const { return m_thresholds.notes; }
    // The threshold labels, in the chart's coordinates (as plotArea()).
    QList<ThresholdOverlay::Label> thresholdLabels() const { return m_overlay ? m_overlay->labels() : QList<ThresholdOverlay::Label>{}; }
    QRectF plotArea() const;
    qint64 windowFromMs() const { return m_fromMs; }
    qint64 windowToMs() const { return m_toMs; }
    double valueAxisMin() const { return m_scale.min; }
    double valueAxisMax() const { return m_scale.max; }
    // The text of the last hover tooltip ("Green · 14:32:05 · 412 ms").
    QString hoverText() const { return m_hoverText; }
    int refreshCount() const { return m_refreshCount; }

    // At most this many refreshes a second, however fast samples arrive.
    static constexpr int MinRefreshIntervalMs = 250;

public Q_SLOTS:
    // Redraws now: decimates both series to the plot's pixel width, moves the window, rescales.
    void refresh();
    // Redraws soon, coalescing: any number of calls within MinRefreshIntervalMs give one refresh.
    void scheduleRefresh();

Q_SIGNALS:
    void refreshed();

protected:
    enum class Overlay { Thresholds, None };
    MetricChart(Metric metric, SampleStore *store, Clock *clock, Overlay overlay, QWidget *parent);

    // What a chart of another kind changes: the value axis (default: fitted to the data and the
    // thresholds), what it draws over the data once the window and axes are set (default: the
    // threshold lines), the notes under the header, and its colours.
    virtual ValueAxisScale fitValueAxis();
    virtual void updateOverlay();
    virtual QStringList notes() const;
    virtual void applyPalette();

    QChart *chart() const { return m_chart; }
    ChartHeader *header() const { return m_header; }
    SampleStore *store() const { return m_store; }
    // A line series on both axes, above the ones added before it.
    QLineSeries *addLineSeries(const QString &objectName);

    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildThresholds();
    void updateWindow();
    void updateTimeAxis();
    void updateTimeAxisItem(); // positions only: after a refresh or a change of the plot area
    void setValueTicks(double interval, const QString &labelFormat);
    void updateSeries();
    void updateSeriesMapping();
    void layoutThresholdLabels();
    void updateHeader();
    void applyFonts();
    int plotColumns() const;
    void onDataHovered(Color color, const QPointF &point, bool state);
    void showToolTip(const QString &text);

    Metric m_metric;
    SampleStore *m_store;
    Clock *m_clock;
    ClockTimer *m_tick;
    QTimer *m_refreshTimer;
    QElapsedTimer m_sinceRefresh;
    bool m_compact = false;
    bool m_monitored = true;
    QLabel *m_notMonitored = nullptr;
    TimeWindow m_window = TimeWindow::Last30Minutes;
    qint64 m_deploymentStartMs = 0;
    std::optional<double> m_normalMs;
    QList<Rule> m_rules;
    ThresholdLines m_thresholds;

    ChartHeader *m_header;
    QChartView *m_view;
    QChart *m_chart;
    QCategoryAxis *m_timeAxis; // maps time to x; its labels, ticks and grid are ours (m_timeAxisItem)
    TimeAxisItem *m_timeAxisItem;
    QValueAxis *m_valueAxis;
    std::array<DecimatedSeriesItem *, 2> m_series{}; // blue, green: drawn by our own item, not a QLineSeries
    std::array<QAreaSeries *, 2> m_gapAreas{};   // stretches without good data, shaded
    std::array<QLineSeries *, 2> m_gapUppers{};
    ThresholdOverlay *m_overlay = nullptr; // none on the traffic chart

    // Prepared per refresh and handed to replace(): never point by point.
    std::array<Decimation, 2> m_decimated;
    QList<QPointF> m_points;
    std::vector<double> m_values;
    QList<qint64> m_ticks; // round times labelled on the time axis

    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    ValueAxisScale m_scale;
    QString m_hoverText;
    int m_refreshCount = 0;
    int m_columns = 0; // pixel columns of the last refresh
    std::array<bool, 2> m_dense{}; // more than a point every 4 pixel columns: drawn with the 1 px pen
    bool m_dirty = true;
};
