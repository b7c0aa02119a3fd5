#pragma once

#include "report/reportchartspec.h"

#include <QList>

struct ReportData;
struct ReportDocument;
class ReportText;

// A chart per metric over the whole deployment: what each is to show (ReportChartSpec, drawn
// by the window's chart code through a ReportChartRenderer) and where it stands in the report.
class ChartsSection
{
public:
    static void add(ReportDocument &doc, const ReportData &data, const ReportText &text);
    // The charts of the metrics the deployment has samples of, with their markers.
    static QList<ReportChartSpec> specs(const ReportData &data);
    static QList<ChartMarker> markers(const ReportData &data);
};
