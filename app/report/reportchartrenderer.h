#pragma once

#include "metrics/metric.h"
#include "report/reportchartspec.h"

#include <QHash>
#include <QImage>

#include <vector>

// Draws a report's charts. The engine never links the widgets, so the window (and the headless
// run, which makes an offscreen QApplication for it) hand in one that renders the window's own
// chart code offscreen. Called on the GUI thread, one chart per event-loop turn.
class ReportChartRenderer
{
public:
    virtual ~ReportChartRenderer() = default;
    // The chart for `spec` over `samples` (every series of the deployment), or a null image
    // when it cannot be drawn.
    virtual QImage render(const ReportChartSpec &spec, const QHash<SeriesKey, std::vector<Sample>> &samples) = 0;
};
