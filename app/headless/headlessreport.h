#pragma once

#include "core/result.h"

#include <memory>

class ReportChartRenderer;
struct ReportData;

// Writes a report and waits for it (the export's own event loop: charts drawn on this thread,
// the document written in a worker), for the headless modes. Ok, or why not.
Status writeReportAndWait(std::shared_ptr<const ReportData> data, const QString &path, ReportChartRenderer *charts);
