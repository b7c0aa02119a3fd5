#pragma once

#include "report/reportdocument.h"

struct ReportData;

// Composes a deployment's report from its data, section by section, as the issue lists them:
// summary (with the phases), traffic timeline, charts, decision record, procedures, checklist,
// status updates. Pure: the same data gives the same document, in any thread.
class ReportBuilder
{
public:
    static ReportDocument build(const ReportData &data);
};
