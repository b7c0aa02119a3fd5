#include "trafficplanextractor.h"

#include "keywords.h"
#include "scan.h"

#include <algorithm>
#include <cmath>

namespace {

using namespace Scan;

// Traffic lines are matched by hand, as the parser's hot path; each comment is the expression
// the code matches as.

// \btraffic\b|\bshift(?:ing)?\b|\bcanary\b|\bramp(?:[-\s]?up)?\b|\brollout\b|\bcut-?over\b|\bweights?\b
qsizetype trafficWordAt(QStringView s, qsizetype i)
{
    if (const qsizetype e = wholeWord(s, i, {"traffic", "shifting", "shift", "canary", "rollout", "cut-over", "cutover", "weights", "weight"}); e >= 0)
        return e;
    const qsizetype ramp = literal(s, i, "ramp");
    if (ramp < 0)
        return -1;
    if (ramp < s.size() && (s[ramp] == QLatin1Char('-') || isSpace(s[ramp]))) {
        if (const qsizetype up = wholeWord(s, ramp + 1, {"up"}); up >= 0)
            return up;
    }
    const qsizetype up = wholeWord(s, ramp, {"up"});
    return up >= 0 ? up : boundary(s, ramp);
}

// [<>≥≤]|\b(?:above|below|exceeds?|greater|less|over|under|more\s+than)\b
bool namesComparison(QStringView s)
{
    const auto symbol = [](QChar c) { return c == QLatin1Char('<') || c == QLatin1Char('>') || c == QChar(0x2265) || c == QChar(0x2264); };
    if (std::any_of(s.begin(), s.end(), symbol))
        return true;
    return findAtBoundary(s, 0, [s](qsizetype i) {
               const qsizetype e = wholeWord(s, i, {"above", "below", "exceeds", "exceed", "greater", "less", "over", "under"});
               return e >= 0 ? e : boundary(s, wordsAt(s, i, "more than"));
           })
        .found();
}

// A step names an action or what is moved: "Increase to 10%", "Canary at 5% of requests".
// \b(?:start|begin|increase|raise|shift|move|route|send|ramp|go|set|bump|promote|advance|direct
// |switch|put|expand|scale|traffic|requests|users|weight|canary)\w*\b
bool namesStepVerb(QStringView s)
{
    return findAtBoundary(s, 0, [s](qsizetype i) {
               const qsizetype verb = anyLiteral(s, i, {"start", "begin", "increase", "raise", "shift", "move", "route", "send", "ramp", "go", "set", "bump",
                                                        "promote", "advance", "direct", "switch", "put", "expand", "scale", "traffic", "requests",
                                                        "users", "weight", "canary"});
               if (verb < 0)
                   return qsizetype(-1);
               // \w*\b: the rest of the word ("increases", "shifting"), given back until \b holds.
               qsizetype end = verb;
               while (end < s.size() && isWord(s[end]))
                   ++end;
               for (; end >= verb; --end) {
                   if (isBoundary(s, end))
                       return end;
               }
               return qsizetype(-1);
           })
        .found();
}

// (?<![\d.])(\d{1,3})\s*(?:%|percent\b): the first at or after 'from'; its number in 'value'.
Match findPercent(QStringView s, qsizetype from, QStringView *value)
{
    return find(s, from, [&](qsizetype i) -> qsizetype {
        if (i > 0 && (isDigit(s[i - 1]) || s[i - 1] == QLatin1Char('.')))
            return -1;
        // Fewer than all the digits (up to three) would leave a digit next, which nothing matches.
        qsizetype end = i;
        while (end < s.size() && end - i < 3 && isDigit(s[end]))
            ++end;
        if (end == i)
            return -1;
        const qsizetype sign = spaces(s, end);
        const qsizetype match = sign < s.size() && s[sign] == QLatin1Char('%') ? sign + 1 : wholeWord(s, sign, {"percent"});
        if (match >= 0)
            *value = s.sliced(i, end - i);
        return match;
    });
}

// \d\.\d+\s*%
bool namesDecimalPercent(QStringView s)
{
    return find(s, 0, [s](qsizetype i) -> qsizetype {
               if (i + 2 >= s.size() || !isDigit(s[i]) || s[i + 1] != QLatin1Char('.'))
                   return -1;
               const qsizetype sign = spaces(s, digits(s, i + 2));
               return sign >= 0 && sign < s.size() && s[sign] == QLatin1Char('%') ? sign + 1 : -1;
           })
        .found();
}

struct Amount {
    QStringView text; // as written: "10 min", "1m30s", "ninety seconds"
    double seconds = 0;
};

// A number written as a word, "ten minutes": the end of the word at i and its value, or -1.
qsizetype numberWordAt(QStringView s, qsizetype i, double *value)
{
    static constexpr std::pair<std::string_view, int> words[] = {
        {"forty-five", 45}, {"forty five", 45}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
        {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"fifteen", 15},
        {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"sixty", 60}, {"ninety", 90}};
    if (i < 0 || i >= s.size() || !isLetter(s[i]) || !isBoundary(s, i))
        return -1;
    for (const auto &[word, number] : words) {
        if (const qsizetype end = boundary(s, wordsAt(s, i, word)); end >= 0) {
            *value = number;
            return end;
        }
    }
    return -1;
}

// The units of a hold, in the expression's order: minutes?|mins?|m|hours?|hrs?|h|seconds?|secs?|s
constexpr std::initializer_list<std::string_view> holdUnits{"minutes", "minute", "mins", "min", "m", "hours", "hour", "hrs", "hr",
                                                          "h", "seconds", "second", "secs", "sec", "s"};

// Seconds in one of holdUnits.
int unitSeconds(QStringView unit)
{
    if (unit.isEmpty())
        return 60;
    const char16_t first = patternChar(unit[0]);
    return first == u'h' ? 3600 : first == u's' ? 1 : 60;
}

// The rest of a compound duration after a unit of 'largerUnit' seconds that ends at i: "30s" in
// "1m30s", " 30 s" in "1 min 30 s", "30m" in "1h30m". Only smaller units follow, each a whole
// number. Adds to 'seconds' and returns the end, or -1 when nothing of the kind follows.
qsizetype compoundRestAt(QStringView s, qsizetype i, int largerUnit, double *seconds)
{
    const qsizetype numberStart = spaces(s, i);
    const qsizetype numberEnd = digits(s, numberStart);
    if (numberEnd < 0)
        return -1;
    const qsizetype unit = spaces(s, numberEnd);
    return eitherWord(s, unit, holdUnits, [&](qsizetype unitEnd) -> qsizetype {
        const int size = unitSeconds(s.sliced(unit, unitEnd - unit));
        if (size >= largerUnit)
            return -1;
        double rest = s.sliced(numberStart, numberEnd - numberStart).toDouble() * size;
        qsizetype end = compoundRestAt(s, unitEnd, size, &rest);
        if (end < 0)
            end = boundary(s, unitEnd);
        if (end >= 0)
            *seconds += rest;
        return end;
    });
}

// (\d+(?:\.\d+)?|number word)\s*(units)\b at i, and compound durations: "1m30s", "1 min 30 s".
qsizetype amountAt(QStringView s, qsizetype i, Amount *amount)
{
    double value = 0;
    qsizetype numberEnd = number(s, i);
    if (numberEnd >= 0)
        value = s.sliced(i, numberEnd - i).toDouble();
    else
        numberEnd = numberWordAt(s, i, &value);
    const qsizetype unit = spaces(s, numberEnd);
    const bool wholeNumber = numberEnd >= 0 && digits(s, i) == numberEnd;
    const qsizetype end = eitherWord(s, unit, holdUnits, [&](qsizetype unitEnd) -> qsizetype {
        const int size = unitSeconds(s.sliced(unit, unitEnd - unit));
        double seconds = value * size;
        qsizetype e = wholeNumber ? compoundRestAt(s, unitEnd, size, &seconds) : -1;
        if (e < 0)
            e = boundary(s, unitEnd);
        if (e >= 0)
            *amount = {s.sliced(i, e - i), seconds};
        return e;
    });
    return end;
}

// "Monitor metrics for 5 minutes", "Wait 10 min", "Soak for at least 1 hour":
// \b(?:monitor|hold|wait|observe|watch|soak|bake|pause|keep|let)\w*\b(?:.*?\b(?:for|of)\s+|\s+)(?:at\s+least\s+)?(amount)
qsizetype holdAt(QStringView s, qsizetype i, Amount *amount)
{
    const qsizetype verb = anyLiteral(s, i, {"monitor", "hold", "wait", "observe", "watch", "soak", "bake", "pause", "keep", "let"});
    if (verb < 0)
        return -1;
    const auto amountAfter = [&](qsizetype j) { // (?:at\s+least\s+)?(amount)
        const qsizetype atLeast = amountAt(s, spaces1(s, wordsAt(s, j, "at least")), amount);
        return atLeast >= 0 ? atLeast : amountAt(s, j, amount);
    };
    // ".*?" stops at a line feed, as "." does.
    qsizetype lineEnd = s.indexOf(QLatin1Char('\n'), verb);
    lineEnd = lineEnd < 0 ? s.size() : lineEnd;
    qsizetype wordEnd = verb;
    while (wordEnd < s.size() && isWord(s[wordEnd]))
        ++wordEnd;
    for (qsizetype end = wordEnd; end >= verb; --end) { // \w*\b, given back until \b holds
        if (!isBoundary(s, end))
            continue;
        for (qsizetype p = end; p <= lineEnd; ++p) { // .*?\b(?:for|of)\s+, shortest first
            if (!isBoundary(s, p))
                continue;
            if (const qsizetype after = spaces1(s, anyLiteral(s, p, {"for", "of"})); after >= 0) {
                if (const qsizetype e = amountAfter(after); e >= 0)
                    return e;
            }
        }
        if (const qsizetype e = amountAfter(spaces1(s, end)); e >= 0)
            return e;
    }
    return -1;
}

// "15-minute bake", "10 minutes of monitoring":
// (\d+(?:\.\d+)?)[-\s]*(units)\s+(?:of\s+)?(?:hold|soak|bake|observation|monitoring|wait)\b
qsizetype holdAfterAt(QStringView s, qsizetype i, Amount *amount)
{
    if (!isDigit(s[i]))
        return -1;
    const qsizetype numberEnd = number(s, i);
    const qsizetype unit = dashesOrSpaces(s, numberEnd);
    return eitherWord(s, unit, holdUnits, [&](qsizetype unitEnd) {
        const auto hold = [s](qsizetype j) { return wholeWord(s, j, {"hold", "soak", "bake", "observation", "monitoring", "wait"}); };
        const qsizetype k = spaces1(s, unitEnd);
        const qsizetype of = hold(spaces1(s, literal(s, k, "of")));
        const qsizetype end = of >= 0 ? of : hold(k);
        if (end >= 0)
            *amount = {s.sliced(i, unitEnd - i), s.sliced(i, numberEnd - i).toDouble() * unitSeconds(s.sliced(unit, unitEnd - unit))};
        return end;
    });
}

} // namespace

bool TrafficPlanExtractor::isTrafficHeading(const QString &heading)
{
    static const Keywords anyOf{"traffic", "shift", "canary", "ramp", "rollout", "cut", "weight"};
    if (!anyOf.foundIn(heading))
        return false;
    return findAtBoundary(heading, 0, [&](qsizetype i) { return trafficWordAt(heading, i); }).found();
}

std::optional<int> TrafficPlanExtractor::stepPercent(const QString &text)
{
    static const Keywords percentWord{"percent"};
    if (!text.contains(QLatin1Char('%')) && !percentWord.foundIn(text))
        return std::nullopt;
    if (namesComparison(text) || !namesStepVerb(text))
        return std::nullopt;
    QStringView value;
    const Match first = findPercent(text, 0, &value);
    if (!first.found() || namesDecimalPercent(text))
        return std::nullopt;
    QStringView another;
    if (findPercent(text, first.end, &another).found())
        return std::nullopt; // "move 10% of the 50% ...": not a plain step
    return value.toInt();
}

namespace {

// An amount in whole seconds, as milliseconds, or nullopt and 'error' says why.
std::optional<qint64> wholeSecondsMs(const Amount &m, Phrase *error)
{
    if (!(m.seconds <= 7 * 24 * 3600)) {
        *error = phrase("TrafficPlanExtractor", "monitoring hold \"%1\" is longer than a week").arg(m.text);
        return std::nullopt;
    }
    const double rounded = std::round(m.seconds);
    if (std::abs(m.seconds - rounded) > 1e-6) {
        *error = phrase("TrafficPlanExtractor", "monitoring hold \"%1\" is not a whole number of seconds").arg(m.text);
        return std::nullopt;
    }
    return qint64(rounded) * 1000;
}

} // namespace

std::optional<qint64> TrafficPlanExtractor::holdMs(const QString &text, Phrase *error)
{
    static const Keywords numberWords{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                      "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "sixty", "ninety"};
    if (std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); }) && !numberWords.foundIn(text))
        return std::nullopt;
    Amount m;
    if (!findAtBoundary(text, 0, [&](qsizetype i) { return holdAt(text, i, &m); }).found()
        && !find(text, 0, [&](qsizetype i) { return holdAfterAt(text, i, &m); }).found())
        return std::nullopt;
    return wholeSecondsMs(m, error);
}

std::optional<qint64> TrafficPlanExtractor::durationMs(QStringView cell, QStringView defaultUnit, Phrase *error)
{
    const QStringView text = trimmed(cell);
    Amount m;
    const qsizetype end = amountAt(text, 0, &m);
    if (end >= 0 && spaces(text, end) == text.size())
        return wholeSecondsMs(m, error);
    // A bare number under a header that names the unit: "Hold (min)" with "10".
    if (const qsizetype n = number(text, 0); n >= 0 && n == text.size() && !defaultUnit.isEmpty())
        return wholeSecondsMs({text, text.toDouble() * unitSeconds(defaultUnit)}, error);
    *error = phrase("TrafficPlanExtractor", "hold \"%1\" is not a duration such as \"10 min\", \"10m\", \"1h\", \"90 s\" or \"1m30s\"").arg(text);
    return std::nullopt;
}

qsizetype TrafficPlanExtractor::durationAt(QStringView text, qsizetype i, double *seconds)
{
    Amount m;
    const qsizetype end = amountAt(text, i, &m);
    if (end >= 0)
        *seconds = m.seconds;
    return end;
}

// Messages with several numbers are built with one multi-argument arg(): a long runbook can give
// thousands of them.
void TrafficPlanExtractor::addLine(const QString &text, int line)
{
    const std::optional<int> percent = stepPercent(text);
    if (percent && !appendStep(*percent, line))
        return;
    Phrase error;
    const std::optional<qint64> hold = holdMs(text, &error);
    if (!error.isEmpty()) {
        m_diagnostics.append({line, Diagnostic::Severity::Error, error});
        return;
    }
    if (!hold)
        return;
    if (m_steps.isEmpty()) {
        m_diagnostics.append({line, Diagnostic::Severity::Warning,
                              phrase("TrafficPlanExtractor", "monitoring hold before any traffic step is ignored")});
        return;
    }
    if (m_steps.last().holdMs) {
        m_diagnostics.append({line, Diagnostic::Severity::Error,
                              phrase("TrafficPlanExtractor", "second monitoring hold for the %1% step (first at line %2)").arg(QString::number(m_steps.last().percent)).arg(QString::number(m_lastHoldLine))});
        return;
    }
    m_steps.last().holdMs = *hold;
    m_lastHoldLine = line;
}

bool TrafficPlanExtractor::appendStep(int percent, int line)
{
    if (percent <= 0 || percent > 100) {
        m_diagnostics.append({line, Diagnostic::Severity::Error, phrase("TrafficPlanExtractor", "traffic step of %1% is outside 1-100%").arg(percent)});
        return false;
    }
    if (!m_steps.isEmpty() && percent <= m_steps.last().percent) {
        m_diagnostics.append({line, Diagnostic::Severity::Error,
                              phrase("TrafficPlanExtractor", "traffic step %1% does not increase on the previous step %2% (line %3)").arg(QString::number(percent)).arg(QString::number(m_steps.last().percent)).arg(QString::number(m_steps.last().line))});
        return false;
    }
    m_steps.append({percent, std::nullopt, line});
    return true;
}

void TrafficPlanExtractor::addStep(int percent, std::optional<qint64> holdMs, int line)
{
    if (!appendStep(percent, line))
        return;
    m_steps.last().holdMs = holdMs;
    if (holdMs)
        m_lastHoldLine = line;
}

void TrafficPlanExtractor::finish()
{
    if (m_steps.isEmpty())
        return;
    // The last step is where traffic stays: no hold gates a step after it.
    m_steps.last().holdMs.reset();
    for (qsizetype i = 0; i + 1 < m_steps.size(); ++i) {
        if (!m_steps[i].holdMs) {
            m_diagnostics.append({m_steps[i].line, Diagnostic::Severity::Warning,
                                  phrase("TrafficPlanExtractor", "traffic step %1% has no monitoring hold before the next step").arg(m_steps[i].percent)});
        }
    }
    if (m_steps.last().percent != 100) {
        m_diagnostics.append({m_steps.last().line, Diagnostic::Severity::Warning,
                              phrase("TrafficPlanExtractor", "traffic plan ends at %1%, not 100%").arg(m_steps.last().percent)});
    }
}
