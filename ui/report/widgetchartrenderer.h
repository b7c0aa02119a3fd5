#pragma once

#include "report/reportchartrenderer.h"

#include "core/clock.h"
#include "metrics/samplestore.h"

#include <QPalette>
#include <QWidget>

#include <memory>

class MetricChart;

// Draws a report's charts with the window's own chart code: a MetricChart (TrafficChart for the
// traffic share) made for one chart, over a SampleStore holding that metric's two series and a
// ManualClock standing at the report's end, laid out at the spec's size without being shown,
// rendered into an image at twice its size for print, in the light palette whatever the window
// uses; the markers (steps, breaches, the rollback) are drawn over its plot area. GUI thread only.
class WidgetChartRenderer : public ReportChartRenderer
{
public:
    WidgetChartRenderer();
    ~WidgetChartRenderer() override;
    void prepare(const ReportChartSpec &spec, const QHash<SeriesKey, std::vector<Sample>> &samples) override;
    QImage draw() override;

    static constexpr qreal PixelRatio = 2;
    static constexpr int MarkerLane = 28; // logical pixels above the chart for the markers' labels

private:
    QPalette m_palette;
    // Charts are laid out inside this one hidden top-level, made once: a top-level of their own
    // each would be a platform window each (and the offscreen platform warns for every one).
    std::unique_ptr<QWidget> m_container;
    // The chart prepare() set up, over its own store and a clock standing at the report's end.
    ReportChartSpec m_spec;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SampleStore> m_store;
    std::unique_ptr<MetricChart> m_chart;
};
