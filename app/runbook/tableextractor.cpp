#include "tableextractor.h"

#include "scan.h"
#include "trafficplanextractor.h"

#include <QStringBuilder>

#include <cmath>

using namespace Scan;

namespace MarkdownTables {

QVarLengthArray<QStringView, 6> cells(QStringView line)
{
    QVarLengthArray<QStringView, 6> out;
    QStringView s = trimmed(line);
    if (s.startsWith(QLatin1Char('|')))
        s = s.sliced(1);
    if (s.endsWith(QLatin1Char('|')) && !s.endsWith(u"\\|"))
        s.chop(1);
    qsizetype start = 0;
    for (qsizetype i = 0; i <= s.size(); ++i) {
        if (i < s.size() && (s[i] != QLatin1Char('|') || (i > 0 && s[i - 1] == QLatin1Char('\\'))))
            continue;
        out.append(trimmed(s.sliced(start, i - start)));
        start = i + 1;
    }
    return out;
}

bool isDelimiterRow(const QVarLengthArray<QStringView, 6> &cells)
{
    if (cells.isEmpty())
        return false;
    for (const QStringView c : cells) {
        QStringView d = c;
        if (d.startsWith(QLatin1Char(':')))
            d = d.sliced(1);
        if (d.endsWith(QLatin1Char(':')))
            d.chop(1);
        if (d.isEmpty() || std::any_of(d.begin(), d.end(), [](QChar x) { return x != QLatin1Char('-'); }))
            return false;
    }
    return true;
}

bool isNone(QStringView cell)
{
    const QStringView c = trimmed(cell);
    return c.isEmpty() || c == u"-" || c == u"—" || c == u"–" || c == u"--" || c.compare(u"n/a", Qt::CaseInsensitive) == 0
        || c.compare(u"na", Qt::CaseInsensitive) == 0 || c.compare(u"none", Qt::CaseInsensitive) == 0;
}

} // namespace MarkdownTables

namespace {

// Whether one of 'words' (lower-case; a space matches \s+) stands in 'text' as whole words.
bool mentions(QStringView text, std::initializer_list<std::string_view> words)
{
    return findAtBoundary(text, 0, [&](qsizetype i) {
               for (const std::string_view w : words) {
                   if (const qsizetype e = boundary(text, wordsAt(text, i, w)); e >= 0)
                       return e;
               }
               return qsizetype(-1);
           })
        .found();
}

enum class Column { Other, Step, Share, Hold, Signal };

Column planColumn(QStringView header)
{
    if (mentions(header, {"hold", "holds", "wait", "soak", "observe", "observe for", "bake", "monitor", "monitoring", "pause", "duration", "dwell"}))
        return Column::Hold;
    if (header == u"%" || mentions(header, {"share", "weight", "weights", "percent", "percentage", "traffic", "split", "green"}))
        return Column::Share;
    if (header == u"#" || mentions(header, {"step", "steps", "stage", "order"}))
        return Column::Step;
    return Column::Other;
}

bool isSignalHeader(QStringView header)
{
    return mentions(header, {"signal", "signals", "metric", "metrics", "limit", "limits", "check", "indicator", "measure", "sli", "kpi",
                             "condition", "trigger", "triggers", "what"});
}

// The tier a limits table's column stands for, or nullopt.
std::optional<RuleTier> columnTier(QStringView header, RuleExtractor::HeadingTier headingTier)
{
    using HT = RuleExtractor::HeadingTier;
    if (headingTier == HT::Alerting) {
        if (mentions(header, {"critical", "page"}))
            return RuleTier::AlertCritical;
        if (mentions(header, {"warning", "warn"}))
            return RuleTier::AlertWarning;
        if (mentions(header, {"info", "informational"}))
            return RuleTier::AlertInfo;
    }
    if (mentions(header, {"abort", "automatic", "automatically", "auto", "auto-rollback", "immediate", "immediately", "hard"}))
        return RuleTier::AutoRollback;
    if (mentions(header, {"consider", "decision", "warn", "warning", "manual", "soft"}))
        return RuleTier::DecisionPoint;
    if (mentions(header, {"critical", "page"}))
        return RuleTier::AlertCritical;
    if (mentions(header, {"info", "informational"}))
        return RuleTier::AlertInfo;
    if (mentions(header, {"target", "targets", "slo", "objective", "healthy", "normal", "expected", "goal"}))
        return RuleTier::Target;
    switch (headingTier) { // "| Signal | Threshold |" under "## Abort criteria"
    case HT::AutoRollback: return RuleTier::AutoRollback;
    case HT::DecisionPoint: return RuleTier::DecisionPoint;
    case HT::Target: return RuleTier::Target;
    case HT::Alerting:
    case HT::None: break;
    }
    return std::nullopt;
}

// The unit a header names in parentheses or after "in": "Error rate (%)", "Hold (min)",
// "Latency in ms". Empty if none.
QStringView headerUnit(QStringView header)
{
    for (qsizetype open = header.indexOf(QLatin1Char('(')); open >= 0; open = header.indexOf(QLatin1Char('('), open + 1)) {
        const qsizetype close = header.indexOf(QLatin1Char(')'), open);
        if (close < 0)
            break;
        const QStringView unit = trimmed(header.sliced(open + 1, close - open - 1));
        if (!unit.isEmpty() && unit.size() <= 12 && std::none_of(unit.begin(), unit.end(), [](QChar c) { return c.isDigit(); }))
            return unit;
    }
    const qsizetype in = header.lastIndexOf(u" in ", -1, Qt::CaseInsensitive);
    if (in >= 0) {
        const QStringView unit = trimmed(header.sliced(in + 4));
        if (!unit.isEmpty() && unit.size() <= 12 && !unit.contains(QLatin1Char(' ')))
            return unit;
    }
    return {};
}

// The cell starts with a comparison of its own: "> 2%", "above 800 ms", "< 0.1%".
bool startsWithComparison(QStringView cell)
{
    if (cell.isEmpty())
        return false;
    const QChar c = cell.front();
    if (c == QLatin1Char('>') || c == QLatin1Char('<') || c == QLatin1Char('=') || c == QChar(0x2265) || c == QChar(0x2264))
        return true;
    return wholeWord(cell, 0, {"above", "below", "over", "under", "exceeds", "exceed", "exceeding", "greater", "more", "higher", "less", "lower", "at", "is"}) >= 0;
}

// The cell is only a number: it takes the unit its header names.
bool isBareNumber(QStringView cell)
{
    qsizetype i = 0;
    if (startsWithComparison(cell)) {
        while (i < cell.size() && !isDigit(cell[i]))
            ++i;
    }
    return number(cell, i) == cell.size();
}

bool saysFires(QStringView cell)
{
    return cell == u"✓" || cell == u"✔" || cell.compare(u"x", Qt::CaseInsensitive) == 0
        || wholeWord(cell, 0, {"yes", "any", "always", "fires", "firing", "fired", "triggered", "trigger", "on", "down", "true"}) >= 0;
}

Diagnostic error(int line, const Phrase &message)
{
    return {line, Diagnostic::Severity::Error, message};
}

void readPlan(const MarkdownTable &table, qsizetype shareColumn, qsizetype holdColumn, TrafficPlanExtractor *plan, TableExtractor::Result &result)
{
    const QStringView holdUnit = holdColumn >= 0 ? headerUnit(table.rows[0].cells[holdColumn]) : QStringView();
    for (qsizetype r = 1; r < table.rows.size(); ++r) {
        const MarkdownTableRow &row = table.rows[r];
        const QStringView share = row.cells[shareColumn];
        if (MarkdownTables::isNone(share)) {
            result.diagnostics.append(error(row.line, phrase("TableExtractor", "traffic-plan row has no share")));
            continue;
        }
        // \d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)?
        const qsizetype numberEnd = number(share, 0);
        qsizetype end = spaces(share, numberEnd);
        if (numberEnd >= 0 && end < share.size()) {
            if (share[end] == QLatin1Char('%'))
                end = end + 1;
            else if (const qsizetype word = wholeWord(share, end, {"percent"}); word >= 0)
                end = word;
            else
                end = wholeWord(share, spaces1(share, literal(share, end, "per")), {"cent"});
        }
        if (numberEnd < 0 || end < 0 || spaces(share, end) != share.size()) {
            result.diagnostics.append(error(row.line, phrase("TableExtractor", "traffic share \"%1\" is not a percentage such as \"25%\"").arg(share)));
            continue;
        }
        const double percent = share.first(numberEnd).toDouble();
        if (percent != std::floor(percent)) {
            result.diagnostics.append(error(row.line, phrase("TableExtractor", "traffic share \"%1\" is not a whole percent").arg(share)));
            continue;
        }
        std::optional<qint64> hold;
        if (holdColumn >= 0 && !MarkdownTables::isNone(row.cells[holdColumn])) {
            Phrase message;
            hold = TrafficPlanExtractor::durationMs(row.cells[holdColumn], holdUnit, &message);
            if (!hold)
                result.diagnostics.append(error(row.line, message));
        }
        plan->addStep(percent > 1000 ? 1001 : int(percent), hold, row.line);
    }
}

void readLimits(const MarkdownTable &table, qsizetype signalColumn, const QList<std::optional<RuleTier>> &tiers, TableExtractor::Result &result)
{
    const MarkdownTableRow &header = table.rows[0];
    for (qsizetype r = 1; r < table.rows.size(); ++r) {
        const MarkdownTableRow &row = table.rows[r];
        const QStringView signal = row.cells[signalColumn];
        if (MarkdownTables::isNone(signal)) {
            result.diagnostics.append(error(row.line, phrase("TableExtractor", "limits row has no signal in its \"%1\" column").arg(header.cells[signalColumn])));
            continue;
        }
        const QString text = row.text.toString().simplified(); // "| 5xx rate | > 1% | > 2% |"
        // Is the signal an event ("Critical service down")? Then a cell says whether it fires.
        Phrase ignored;
        const QList<Rule> event = RuleExtractor::parseClause(RuleTier::AutoRollback, signal, &ignored);
        const bool isEvent = event.size() == 1 && event.first().op == RuleOp::Firing;
        for (qsizetype c = 0; c < row.cells.size(); ++c) {
            if (c == signalColumn || !tiers[c])
                continue;
            const QStringView cell = row.cells[c];
            if (MarkdownTables::isNone(cell))
                continue;
            const RuleTier tier = *tiers[c];
            if (isEvent) {
                if (!saysFires(cell)) {
                    result.diagnostics.append(error(row.line, phrase("TableExtractor", "\"%1\" is an event: its \"%2\" cell says whether it fires or not (yes, —), not \"%3\"").arg(signal).arg(header.cells[c]).arg(cell)));
                    continue;
                }
                Rule rule = event.first();
                rule.tier = tier;
                rule.line = row.line;
                rule.text = text;
                result.rules.append(rule);
                continue;
            }
            // "1" under "Error rate (%)": the unit from the signal's or the column's header.
            QString value = cell.toString();
            if (isBareNumber(cell)) {
                QStringView unit = headerUnit(signal);
                if (unit.isEmpty())
                    unit = headerUnit(header.cells[c]);
                if (unit.isEmpty())
                    unit = headerUnit(header.cells[signalColumn]);
                if (!unit.isEmpty())
                    value = value % u' ' % unit;
            }
            // A limit without its own comparison is crossed upwards; a target is kept below.
            const QString clause = startsWithComparison(cell) ? QString(signal % u' ' % value)
                                                               : QString(signal % (tier == RuleTier::Target ? u" < " : u" > ") % value);
            RuleExtractor::Result one = RuleExtractor::extractClause(tier, clause, text, row.line);
            result.rules.append(one.rules);
            result.diagnostics.append(one.diagnostics);
        }
    }
}

} // namespace

TableExtractor::Result TableExtractor::read(const MarkdownTable &table, RuleExtractor::HeadingTier headingTier, bool trafficHeading, TrafficPlanExtractor *plan)
{
    Result result;
    if (table.rows.isEmpty())
        return result;
    const MarkdownTableRow &header = table.rows[0];
    qsizetype shareColumn = -1, holdColumn = -1, stepColumn = -1, signalColumn = -1;
    QList<std::optional<RuleTier>> tiers(header.cells.size());
    bool anyTier = false;
    for (qsizetype c = 0; c < header.cells.size(); ++c) {
        const QStringView h = header.cells[c];
        switch (planColumn(h)) {
        case Column::Share: if (shareColumn < 0) shareColumn = c; break;
        case Column::Hold: if (holdColumn < 0) holdColumn = c; break;
        case Column::Step: if (stepColumn < 0) stepColumn = c; break;
        case Column::Signal:
        case Column::Other: break;
        }
        if (signalColumn < 0 && isSignalHeader(h) && !columnTier(h, RuleExtractor::HeadingTier::None)) {
            signalColumn = c;
            continue;
        }
        tiers[c] = columnTier(h, headingTier);
    }
    const bool plansTraffic = shareColumn >= 0 && (holdColumn >= 0 || stepColumn >= 0);
    const bool planWithoutShare = shareColumn < 0 && holdColumn >= 0 && (stepColumn >= 0 || trafficHeading);
    if (!plansTraffic && !planWithoutShare) {
        // Limits: the signal in the first column unless a header names it; the others by tier.
        if (signalColumn < 0 && header.cells.size() > 1 && !columnTier(header.cells[0], RuleExtractor::HeadingTier::None))
            signalColumn = 0;
        if (signalColumn >= 0)
            tiers[signalColumn].reset();
        anyTier = std::any_of(tiers.cbegin(), tiers.cend(), [](const auto &t) { return t.has_value(); });
    }
    // A limits table needs explicit tier columns unless a rule heading gives the tier.
    const bool namesTier = std::any_of(header.cells.begin(), header.cells.end(),
                                       [](QStringView h) { return columnTier(h, RuleExtractor::HeadingTier::None).has_value(); });
    const bool looksLikeLimits = !plansTraffic && !planWithoutShare && (anyTier || namesTier)
        && (headingTier != RuleExtractor::HeadingTier::None || namesTier);
    const bool limits = looksLikeLimits && signalColumn >= 0;
    const bool limitsWithoutSignal = looksLikeLimits && signalColumn < 0;

    if (!plansTraffic && !planWithoutShare && !limits && !limitsWithoutSignal) {
        if (!table.delimited && headingTier != RuleExtractor::HeadingTier::None)
            result.diagnostics.append(error(table.line(), phrase("TableExtractor", "table under a rule heading has no delimiter row (|---|---|) under its header; it is not read")));
        return result;
    }
    if (!table.delimited) {
        result.diagnostics.append(error(table.line(), phrase("TableExtractor", "table has no delimiter row (|---|---|) under its header; it is not read")));
        return result;
    }
    if (planWithoutShare) {
        result.diagnostics.append(error(table.line(), phrase("TableExtractor", "traffic-plan table has no share column (a header such as \"Share\", \"Weight\", \"Percentage\" or \"Traffic\"); it is not read")));
        return result;
    }
    if (limitsWithoutSignal) {
        result.diagnostics.append(error(table.line(), phrase("TableExtractor", "limits table has no column naming the signal (a header such as \"Signal\" or \"Metric\" first); it is not read")));
        return result;
    }
    // Every row has the header's cells: a ragged row is not guessed at.
    MarkdownTable even;
    even.rows.append(header);
    for (qsizetype r = 1; r < table.rows.size(); ++r) {
        const MarkdownTableRow &row = table.rows[r];
        if (row.cells.size() != header.cells.size()) {
            result.diagnostics.append(error(row.line, phrase("TableExtractor", "table row has %1 cells, its header (line %2) has %3; the row is not read").arg(QString::number(row.cells.size())).arg(QString::number(header.line)).arg(QString::number(header.cells.size()))));
            continue;
        }
        even.rows.append(row);
    }
    if (plansTraffic) {
        result.kind = Kind::TrafficPlan;
        readPlan(even, shareColumn, holdColumn, plan, result);
    } else {
        result.kind = Kind::Limits;
        readLimits(even, signalColumn, tiers, result);
    }
    return result;
}
