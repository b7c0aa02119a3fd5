#pragma once

struct ReportDocument;
class ReportText;
struct ReportData;

// The report's first section: service, version, operators, outcome, start, end and total time,
// and the time spent in each phase against its planned window (over-runs marked).
class SummarySection
{
public:
    static void add(ReportDocument &doc, const ReportData &data, const ReportText &text);
};
