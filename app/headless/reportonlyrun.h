#pragma once

#include "cli/commandline.h"

class QTextStream;
class ReportChartRenderer;

// `stonecaster-console --report-only --deployment ID [--journal PATH] [--profile FILE] --report FILE`:
// writes the report of a recorded deployment from the journal (its events, runbook and samples)
// without running anything. --profile names the queries the report shows as evaluated for
// breaches journaled without them. `charts` draws the charts (main() makes an offscreen
// QApplication for it). Exit 0 when written, 1 when the journal or the file fails.
int runReportOnly(const CommandLine &commandLine, QTextStream &out, QTextStream &err, ReportChartRenderer *charts);
