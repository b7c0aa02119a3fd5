#pragma once

#include "metrics/metric.h"

#include <optional>

struct ReportData;
struct ReportDocument;
struct Rule;
class ReportText;

// The decision record: every gate closure and opening, decision-point breach, automatic
// trigger, override and rollback, in order, each with the runbook's own rule text and line,
// the query that was evaluated, blue's and green's values, the threshold in force (what
// "3x normal" was in ms) and how long the breach lasted against the rule's `for`.
class DecisionRecordSection
{
public:
    static void add(ReportDocument &doc, const ReportData &data, const ReportText &text);

    // When a breach of `rule` beginning at `sinceMs` ended: the first good sample of green that
    // no longer breaches `threshold`, or traffic leaving green, whichever came first; nullopt
    // while it lasted to the end of the data. `how` says which.
    static std::optional<qint64> breachEnd(const ReportData &data, const Rule &rule, double threshold, qint64 sinceMs, QString *how);
};
