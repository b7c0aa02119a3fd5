#pragma once

#include "scan.h"

#include <QStringView>

#include <algorithm>
#include <optional>

// How one line of runbook Markdown reads: heading, list item, a numbered group's "**Title**",
// a "**Key**: value" item, a phase's planned window. Views into the text, no allocation: the
// parser asks this of every line. Where a pattern is given, the code matches as that regular
// expression did (see Scan in scan.h), so the parse results stay the same.
namespace MarkdownLines {

struct Heading {
    int level = 0;
    QStringView title; // into the text being parsed
};

// ATX heading: up to three spaces, 1-6 '#', a space, the title, optional closing #s.
inline std::optional<Heading> heading(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line[i] == QLatin1Char(' '))
        ++i;
    int level = 0;
    while (i < line.size() && line[i] == QLatin1Char('#') && level < 7) {
        ++i;
        ++level;
    }
    if (level == 0 || level > 6 || (i < line.size() && line[i] != QLatin1Char(' ') && line[i] != QLatin1Char('\t')))
        return std::nullopt;
    QStringView title = Scan::trimmed(line.sliced(i));
    // closing sequence "## Title ##"
    qsizetype end = title.size();
    while (end > 0 && title[end - 1] == QLatin1Char('#'))
        --end;
    if (end < title.size() && (end == 0 || title[end - 1] == QLatin1Char(' ')))
        title = Scan::trimmed(title.first(end));
    return Heading{level, title};
}

struct WindowText {
    QStringView text; // from the '(' (or the "T+") to the end
    QStringView from; // empty for a length
    QStringView to;   // the length for a length
    QStringView unit; // empty: minutes
    bool length = false; // "(20 minutes)": the phase lasts 'to', from where the previous one ended
};

// The planned window at the end of a phase heading, "(60-90 minutes)", "(T+0 to T+30 min)", as
// \(\s*(?:t\s*\+\s*)?(\d+)\s*(?:-|–|—|to)\s*(?:t\s*\+\s*)?(\d+)\s*(minutes?|mins?|m|hours?|hrs?|h)\s*\)\s*$
// (case-insensitive) reads it.
inline std::optional<WindowText> phaseWindow(QStringView s)
{
    using namespace Scan;
    const auto offset = [s](qsizetype i) { // (?:t\s*\+\s*)?
        const qsizetype plus = spaces(s, literal(s, i, "t"));
        return plus >= 0 && plus < s.size() && s[plus] == QLatin1Char('+') ? spaces(s, plus + 1) : i;
    };
    for (qsizetype open = s.indexOf(QLatin1Char('(')); open >= 0; open = s.indexOf(QLatin1Char('('), open + 1)) {
        const qsizetype from = offset(spaces(s, open + 1));
        const qsizetype fromEnd = digits(s, from);
        const qsizetype dash = spaces(s, fromEnd);
        const bool isDash = dash >= 0 && dash < s.size() && QStringView(u"-–—").contains(s[dash]);
        const qsizetype to = offset(spaces(s, isDash ? dash + 1 : literal(s, dash, "to")));
        const qsizetype toEnd = digits(s, to);
        const qsizetype unit = spaces(s, toEnd);
        qsizetype unitEnd = -1;
        const qsizetype end = eitherWord(s, unit, {"minutes", "minute", "mins", "min", "m", "hours", "hour", "hrs", "hr", "h"}, [&](qsizetype u) {
            const qsizetype close = spaces(s, u);
            unitEnd = u;
            return close < s.size() && s[close] == QLatin1Char(')') && spaces(s, close + 1) == s.size() ? s.size() : -1;
        });
        if (end >= 0)
            return WindowText{s.sliced(open), s.sliced(from, fromEnd - from), s.sliced(to, toEnd - to), s.sliced(unit, unitEnd - unit)};
    }
    return std::nullopt;
}

// The other forms teams write a phase's window in, tried after phaseWindow(): a length in
// parentheses, "(20 minutes)", "(1h)"; and "T+0 to T+20" with or without a unit, in
// parentheses or after a dash: t\s*\+\s*(\d+)\s*(?:-|–|—|to)\s*t\s*\+\s*(\d+)\s*(unit)?\s*\)?\s*$
inline std::optional<WindowText> otherPhaseWindow(QStringView s)
{
    using namespace Scan;
    static constexpr std::initializer_list<std::string_view> units{"minutes", "minute", "mins", "min", "m", "hours", "hour", "hrs", "hr", "h"};
    // What may follow the window: an optional unit (then a ')' if 'closed'), spaces, the end.
    const auto ending = [&](qsizetype i, bool closed, qsizetype *unitStart, qsizetype *unitEnd) {
        const qsizetype u = spaces(s, i);
        const auto closes = [&](qsizetype j) {
            j = spaces(s, j);
            if (closed) {
                if (j >= s.size() || s[j] != QLatin1Char(')'))
                    return qsizetype(-1);
                j = spaces(s, j + 1);
            }
            return j == s.size() ? j : qsizetype(-1);
        };
        *unitStart = *unitEnd = u;
        const qsizetype withUnit = eitherWord(s, u, units, [&](qsizetype e) {
            *unitEnd = e;
            return closes(e);
        });
        if (withUnit >= 0)
            return withUnit;
        *unitEnd = u;
        return closes(u);
    };
    // "(20 minutes)": the unit is needed here, a bare "(2)" is no window.
    for (qsizetype open = s.indexOf(QLatin1Char('(')); open >= 0; open = s.indexOf(QLatin1Char('('), open + 1)) {
        const qsizetype from = spaces(s, open + 1);
        const qsizetype fromEnd = digits(s, from);
        qsizetype unit = -1, unitEnd = -1;
        if (fromEnd >= 0 && ending(fromEnd, true, &unit, &unitEnd) >= 0 && unitEnd > unit)
            return WindowText{s.sliced(open), {}, s.sliced(from, fromEnd - from), s.sliced(unit, unitEnd - unit), true};
    }
    for (qsizetype t = 0; t < s.size(); ++t) {
        if (!sameChar(s[t], 't') || !isBoundary(s, t))
            continue;
        const qsizetype plus = spaces(s, t + 1);
        if (plus >= s.size() || s[plus] != QLatin1Char('+'))
            continue;
        const qsizetype from = spaces(s, plus + 1);
        const qsizetype fromEnd = digits(s, from);
        const qsizetype dash = spaces(s, fromEnd);
        const bool isDash = dash >= 0 && dash < s.size() && QStringView(u"-–—").contains(s[dash]);
        const qsizetype t2 = spaces(s, isDash ? dash + 1 : literal(s, dash, "to"));
        const qsizetype plus2 = spaces(s, literal(s, t2, "t"));
        if (plus2 < 0 || plus2 >= s.size() || s[plus2] != QLatin1Char('+'))
            continue;
        const qsizetype to = spaces(s, plus2 + 1);
        const qsizetype toEnd = digits(s, to);
        if (toEnd < 0)
            continue;
        qsizetype open = t - 1;
        while (open >= 0 && isSpace(s[open]))
            --open;
        const bool closed = open >= 0 && s[open] == QLatin1Char('(');
        qsizetype unit = -1, unitEnd = -1;
        if (ending(toEnd, closed, &unit, &unitEnd) >= 0)
            return WindowText{s.sliced(closed ? open : t), s.sliced(from, fromEnd - from), s.sliced(to, toEnd - to), s.sliced(unit, unitEnd - unit)};
    }
    return std::nullopt;
}

struct ListLine {
    int indent = 0;
    bool numbered = false;
    QStringView content; // into the text being parsed
};

// A bullet or numbered list item; its indentation counts a tab to the next multiple of four.
inline std::optional<ListLine> listLine(QStringView line)
{
    int indent = 0;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        if (line[i] == QLatin1Char(' '))
            ++indent;
        else if (line[i] == QLatin1Char('\t'))
            indent += 4 - indent % 4;
        else
            break;
    }
    if (i >= line.size())
        return std::nullopt;
    bool numbered = false;
    const QChar c = line[i];
    if (c == QLatin1Char('-') || c == QLatin1Char('*') || c == QLatin1Char('+')) {
        ++i;
    } else if (c.isDigit()) {
        qsizetype j = i;
        while (j < line.size() && j - i < 9 && line[j].isDigit())
            ++j;
        if (j >= line.size() || (line[j] != QLatin1Char('.') && line[j] != QLatin1Char(')')))
            return std::nullopt;
        i = j + 1;
        numbered = true;
    } else {
        return std::nullopt;
    }
    if (i < line.size() && line[i] != QLatin1Char(' ') && line[i] != QLatin1Char('\t'))
        return std::nullopt; // "-foo", "**bold**", "1.5"
    const QStringView content = Scan::trimmed(line.sliced(i));
    if (!numbered && content.isEmpty())
        return std::nullopt;
    // A thematic break "* * *" or "- - -" is not a list item.
    if (!numbered && std::all_of(content.begin(), content.end(), [c](QChar x) { return x == c || x == QLatin1Char(' '); }))
        return std::nullopt;
    return ListLine{indent, numbered, content};
}

// A numbered group's title: "**Title**" or "**Title:**" as ^\*\*(.+?):?\*\*\s*:?\s*$ reads it.
// 'content' starts with "**". By hand: an expression costs more than the rest of the line.
inline std::optional<QStringView> groupTitle(QStringView content)
{
    const qsizetype n = content.size();
    // \*\*\s*:?\s*$ at q
    const auto closes = [&](qsizetype q) {
        if (q + 1 >= n || content[q] != QLatin1Char('*') || content[q + 1] != QLatin1Char('*'))
            return false;
        qsizetype r = Scan::spaces(content, q + 2);
        if (r < n && content[r] == QLatin1Char(':'))
            r = Scan::spaces(content, r + 1);
        return r == n;
    };
    for (qsizetype p = 3; p < n; ++p) { // the shortest title first, as (.+?) tries
        if (content[p] == QLatin1Char(':') ? closes(p + 1) : closes(p))
            return content.sliced(2, p - 2);
    }
    return std::nullopt;
}

struct KeyValue {
    QStringView key;
    QStringView value;
};

// "**Key**: value" or "**Key:** value" as ^\*\*([^*]+?)\*\*\s*:\s*(.*)$|^\*\*([^*]+?):\*\*\s*(.*)$
// reads it: the key runs to the first '*' after the opening "**". 'content' starts with "**".
inline std::optional<KeyValue> keyValue(QStringView content)
{
    const qsizetype n = content.size();
    const qsizetype star = content.indexOf(QLatin1Char('*'), 2);
    if (star < 3 || star + 1 >= n || content[star + 1] != QLatin1Char('*'))
        return std::nullopt;
    const qsizetype colon = Scan::spaces(content, star + 2);
    if (colon < n && content[colon] == QLatin1Char(':')) {
        const qsizetype value = Scan::spaces(content, colon + 1);
        return KeyValue{content.sliced(2, star - 2), content.sliced(value)};
    }
    if (star >= 4 && content[star - 1] == QLatin1Char(':'))
        return KeyValue{content.sliced(2, star - 3), content.sliced(Scan::spaces(content, star + 2))};
    return std::nullopt;
}

} // namespace MarkdownLines
