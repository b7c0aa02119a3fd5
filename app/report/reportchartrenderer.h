#pragma once

#include "metrics/metric.h"
#include "report/reportchartspec.h"

#include <QHash>
#include <QImage>

#include <vector>

// Draws a report's charts. The engine never links the widgets, so the window (and the headless
// run, which makes an offscreen QApplication for it) hand in one that renders the window's own
// chart code offscreen. Called on the GUI thread in two halves, each on its own event-loop turn
// (ReportExport), so that neither holds the thread long.
class ReportChartRenderer
{
public:
    virtual ~ReportChartRenderer() = default;
    // Sets the chart for `spec` up over `samples` (every series of the deployment) and lays it out.
    virtual void prepare(const ReportChartSpec &spec, const QHash<SeriesKey, std::vector<Sample>> &samples) = 0;
    // Paints what prepare() set up; a null image when it cannot be drawn.
    virtual QImage draw() = 0;
    // Both at once.
    QImage render(const ReportChartSpec &spec, const QHash<SeriesKey, std::vector<Sample>> &samples)
    {
        prepare(spec, samples);
        return draw();
    }
};
