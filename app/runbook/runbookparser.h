#pragma once

#include "runbook.h"

// Turns runbook Markdown into a Runbook: sections, groups and items with stable ids and
// source lines, the traffic plan and the threshold rules. Never throws or gives up:
// whatever it cannot understand becomes a Diagnostic with its line.
class RunbookParser
{
public:
    static Runbook parse(const QString &text, const QString &fileName = {});

    // At most this many diagnostics are kept; a last one says how many more were dropped.
    static constexpr int MaxDiagnostics = 200;
};
