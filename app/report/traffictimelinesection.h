#pragma once

struct ReportData;
struct ReportDocument;
class ReportText;

// Every traffic step with its time, who moved it, the gate's verdict at that moment (the
// reason journaled with the command, an override with its typed reason and what the gate
// said) and what the traffic controller answered.
class TrafficTimelineSection
{
public:
    static void add(ReportDocument &doc, const ReportData &data, const ReportText &text);
};
