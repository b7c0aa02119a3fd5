#pragma once

struct ReportData;
struct ReportDocument;
class ReportText;

// The complete checklist, tab by tab as the window shows it: every item's state, who and when,
// notes, skips with their reasons, and the evidence of executable items.
class ChecklistSection
{
public:
    static void add(ReportDocument &doc, const ReportData &data, const ReportText &text);
};
