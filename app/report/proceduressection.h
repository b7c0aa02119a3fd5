#pragma once

struct ReportData;
struct ReportDocument;
class ReportText;

// The rollback and emergency procedures that ran: each step's state, who did or confirmed it,
// its result, exit status and output tail; the ones that did not run, named.
class ProceduresSection
{
public:
    static void add(ReportDocument &doc, const ReportData &data, const ReportText &text);
};
