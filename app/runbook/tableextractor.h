#pragma once

#include "ruleextractor.h"
#include "runbook.h"

#include <QList>
#include <QStringView>
#include <QVarLengthArray>

class TrafficPlanExtractor;

// A GFM pipe table as the parser collects it: views into the text being parsed.
struct MarkdownTableRow {
    int line = 0;
    QStringView text; // the line without its indentation
    QVarLengthArray<QStringView, 6> cells; // trimmed, without the outer pipes
};

struct MarkdownTable {
    qsizetype section = -1; // the section it stands in; -1 before the first heading
    bool delimited = false; // a delimiter row (|---|:--:|) follows the header
    QList<MarkdownTableRow> rows; // the header first; the delimiter row is not kept
    int line() const { return rows.isEmpty() ? 0 : rows.constFirst().line; }
};

namespace MarkdownTables {

// The cells of a table line that starts with '|' (after its indentation); "\|" stays in a cell.
QVarLengthArray<QStringView, 6> cells(QStringView line);
// Whether the cells are a delimiter row: each "---", ":--", "--:" or ":-:".
bool isDelimiterRow(const QVarLengthArray<QStringView, 6> &cells);
// "—", "–", "-", "n/a", "none" or nothing: the cell says "none".
bool isNone(QStringView cell);

} // namespace MarkdownTables

// Reads a pipe table: a traffic plan (rows of share and hold, any column order), limits (a
// row per signal, a column per tier) or targets (a row per signal, one target column). Any
// other table is left alone, unless it looks like one of these and cannot be read: then a
// diagnostic says why, at the line.
class TableExtractor
{
public:
    enum class Kind { Other, TrafficPlan, Limits };
    struct Result {
        Kind kind = Kind::Other;
        QList<Rule> rules; // ids not yet assigned
        QList<Diagnostic> diagnostics;
    };

    // 'headingTier' is the rule list the table stands under, if any; 'trafficHeading' whether it
    // stands under a traffic-shift heading. Plan rows go to 'plan' (a fresh one per table).
    static Result read(const MarkdownTable &table, RuleExtractor::HeadingTier headingTier, bool trafficHeading, TrafficPlanExtractor *plan);
};
