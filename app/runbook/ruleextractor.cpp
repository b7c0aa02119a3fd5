#include "ruleextractor.h"

#include "keywords.h"
#include "scan.h"
#include "trafficplanextractor.h"

#include <QStringBuilder>
#include <QVarLengthArray>

#include <algorithm>

namespace {

using namespace Scan;

// Metric names, matched by hand: a rule line is read for each of them, and expressions cost
// thousands of instructions a call. Each matcher is tried where \b holds and returns the end
// of its match or -1; its comment is the expression it matches as.

// \b(?:database|db|sql)\s+(?:error|failure)s?(?:\s+rates?)?\b
qsizetype dbErrorRate(QStringView s, qsizetype i)
{
    return eitherWord(s, i, {"database", "db", "sql"}, [s](qsizetype j) {
        return eitherWord(s, spaces1(s, j), {"errors", "error", "failures", "failure"}, [s](qsizetype k) {
            const qsizetype rate = wholeWord(s, spaces1(s, k), {"rates", "rate"});
            return rate >= 0 ? rate : boundary(s, k);
        });
    });
}

// \b(?:database|db)\s+(?:performance|latency|query\s+times?|queries)\b|\bquery\s+(?:times?|latency|durations?)\b
qsizetype dbQueryTime(QStringView s, qsizetype i)
{
    const qsizetype db = eitherWord(s, i, {"database", "db"}, [s](qsizetype j) {
        const qsizetype k = spaces1(s, j);
        if (const qsizetype e = wholeWord(s, k, {"performance", "latency"}); e >= 0)
            return e;
        if (const qsizetype e = wholeWord(s, spaces1(s, literal(s, k, "query")), {"times", "time"}); e >= 0)
            return e;
        return wholeWord(s, k, {"queries"});
    });
    return db >= 0 ? db : wholeWord(s, spaces1(s, literal(s, i, "query")), {"times", "time", "latency", "durations", "duration"});
}

// \bpage[-\s]+loads?(?:\s+times?)?\b|\buser\s+experience\b
qsizetype pageLoadTime(QStringView s, qsizetype i)
{
    const qsizetype load = eitherWord(s, dashesOrSpaces(s, literal(s, i, "page"), 1), {"loads", "load"}, [s](qsizetype j) {
        const qsizetype time = wholeWord(s, spaces1(s, j), {"times", "time"});
        return time >= 0 ? time : boundary(s, j);
    });
    return load >= 0 ? load : wholeWord(s, spaces1(s, literal(s, i, "user")), {"experience"});
}

// \bresources?\s+(?:utili[sz]ation|usage|use)\b
// |\bcpu(?:\s*(?:/|and|or|,)\s*memory)?(?:\s+(?:usage|use|utili[sz]ation))?\b
// |\bmemory(?:\s+(?:usage|use|utili[sz]ation))?\b
qsizetype resourceUtilization(QStringView s, qsizetype i)
{
    const auto usage = [s](qsizetype j) { return wholeWord(s, spaces1(s, j), {"usage", "use", "utilisation", "utilization"}); };
    // What follows "cpu" or "memory": the usage words if they are there, else nothing.
    const auto withUsage = [&](qsizetype j) {
        const qsizetype e = usage(j);
        return e >= 0 ? e : boundary(s, j);
    };
    const qsizetype resource = eitherWord(s, i, {"resources", "resource"}, [s](qsizetype j) {
        return wholeWord(s, spaces1(s, j), {"utilisation", "utilization", "usage", "use"});
    });
    if (resource >= 0)
        return resource;
    if (const qsizetype cpu = literal(s, i, "cpu"); cpu >= 0) {
        const qsizetype memory = literal(s, spaces(s, anyLiteral(s, spaces(s, cpu), {"/", "and", "or", ","})), "memory");
        const qsizetype cpuMemory = memory >= 0 ? withUsage(memory) : -1;
        return cpuMemory >= 0 ? cpuMemory : withUsage(cpu);
    }
    const qsizetype memory = literal(s, i, "memory");
    return memory >= 0 ? withUsage(memory) : -1;
}

// \b(?:response|request)\s+times?\b|\blatency\b
qsizetype responseTime(QStringView s, qsizetype i)
{
    const qsizetype time = eitherWord(s, i, {"response", "request"}, [s](qsizetype j) { return wholeWord(s, spaces1(s, j), {"times", "time"}); });
    return time >= 0 ? time : wholeWord(s, i, {"latency"});
}

// \berror[-\s]+(?:rates?|ratios?)\b|\berrors?\b|\b5xx(?:\s+rates?)?\b|\bfailure[-\s]+rates?\b
qsizetype errorRate(QStringView s, qsizetype i)
{
    const qsizetype rate = wholeWord(s, dashesOrSpaces(s, literal(s, i, "error"), 1), {"rates", "rate", "ratios", "ratio"});
    if (rate >= 0)
        return rate;
    if (const qsizetype failure = wholeWord(s, dashesOrSpaces(s, literal(s, i, "failure"), 1), {"rates", "rate"}); failure >= 0)
        return failure;
    if (const qsizetype five = wholeWord(s, spaces1(s, literal(s, i, "5xx")), {"rates", "rate"}); five >= 0)
        return five;
    return wholeWord(s, i, {"errors", "error", "5xx"});
}

// \b(?:critical\s+)?services?\s+(?:is\s+|are\s+|goes\s+)?(?:down|unavailable|unreachable)\b
// |\bhealth[-\s]*checks?\s+(?:are\s+)?fail(?:ing|s|ed)?\b
qsizetype serviceDown(QStringView s, qsizetype i)
{
    const auto down = [s](qsizetype j) {
        const auto state = [s](qsizetype k) { return wholeWord(s, k, {"down", "unavailable", "unreachable"}); };
        const qsizetype verb = eitherWord(s, j, {"is", "are", "goes"}, [&](qsizetype k) { return state(spaces1(s, k)); });
        return verb >= 0 ? verb : state(j);
    };
    const auto service = [&](qsizetype j) {
        return eitherWord(s, j, {"services", "service"}, [&](qsizetype k) { return down(spaces1(s, k)); });
    };
    if (const qsizetype critical = service(spaces1(s, literal(s, i, "critical"))); critical >= 0)
        return critical;
    if (const qsizetype e = service(i); e >= 0)
        return e;
    return eitherWord(s, dashesOrSpaces(s, literal(s, i, "health")), {"checks", "check"}, [s](qsizetype j) {
        const auto fail = [s](qsizetype k) { return wholeWord(s, k, {"failing", "fails", "failed", "fail"}); };
        const qsizetype k = spaces1(s, j);
        const qsizetype are = fail(spaces1(s, literal(s, k, "are")));
        return are >= 0 ? are : fail(k);
    });
}

// \bsecurity\s+(?:alert|incident|event)s?\b
qsizetype securityAlert(QStringView s, qsizetype i)
{
    return wholeWord(s, spaces1(s, literal(s, i, "security")), {"alerts", "alert", "incidents", "incident", "events", "event"});
}

// Rule-list headings, matched by hand as well: every heading of a runbook is classified.

// \b(?:automatic|automated|auto)[-\s]?rollback\b|\brollback\s+triggers?\b|\babort\s+(?:criteria|triggers?|conditions?)\b
qsizetype autoRollbackAt(QStringView s, qsizetype i)
{
    const qsizetype automatic = eitherWord(s, i, {"automatic", "automated", "auto"}, [s](qsizetype j) {
        if (j < s.size() && (s[j] == QLatin1Char('-') || isSpace(s[j]))) {
            if (const qsizetype e = wholeWord(s, j + 1, {"rollback"}); e >= 0)
                return e;
        }
        return wholeWord(s, j, {"rollback"});
    });
    if (automatic >= 0)
        return automatic;
    if (const qsizetype e = wholeWord(s, spaces1(s, literal(s, i, "rollback")), {"triggers", "trigger"}); e >= 0)
        return e;
    return wholeWord(s, spaces1(s, literal(s, i, "abort")), {"criteria", "triggers", "trigger", "conditions", "condition"});
}

// \bdecision\s+points?\b|\bconsider\s+rollback\b|\brollback\s+(?:criteria|conditions?|considerations?)\b
qsizetype decisionAt(QStringView s, qsizetype i)
{
    if (const qsizetype e = wholeWord(s, spaces1(s, literal(s, i, "decision")), {"points", "point"}); e >= 0)
        return e;
    if (const qsizetype e = wholeWord(s, spaces1(s, literal(s, i, "consider")), {"rollback"}); e >= 0)
        return e;
    return wholeWord(s, spaces1(s, literal(s, i, "rollback")), {"criteria", "conditions", "condition", "considerations", "consideration"});
}

// \balert(?:ing|s)?\s+(?:thresholds?|levels?|rules?)\b
qsizetype alertingAt(QStringView s, qsizetype i)
{
    return eitherWord(s, i, {"alerting", "alerts", "alert"}, [s](qsizetype j) {
        return wholeWord(s, spaces1(s, j), {"thresholds", "threshold", "levels", "level", "rules", "rule"});
    });
}

// \bkey\s+metrics\b|\bmetric\s+targets?\b|\bslos?\b|\bservice\s+level\s+objectives?\b|\bhealthy\s+(?:ranges?|thresholds?)\b
qsizetype targetAt(QStringView s, qsizetype i)
{
    if (const qsizetype e = wholeWord(s, spaces1(s, literal(s, i, "key")), {"metrics"}); e >= 0)
        return e;
    if (const qsizetype e = wholeWord(s, spaces1(s, literal(s, i, "metric")), {"targets", "target"}); e >= 0)
        return e;
    if (const qsizetype e = wholeWord(s, i, {"slos", "slo"}); e >= 0)
        return e;
    if (const qsizetype e = wholeWord(s, wordsAt(s, i, "service level "), {"objectives", "objective"}); e >= 0)
        return e;
    return wholeWord(s, spaces1(s, literal(s, i, "healthy")), {"ranges", "range", "thresholds", "threshold"});
}

// ^\s*(?:w1|w2|...)\s*$: the heading is one of the words.
bool isOnly(QStringView s, std::initializer_list<std::string_view> words)
{
    return eitherWord(s, spaces(s, 0), words, [s](qsizetype j) { return spaces(s, j) == s.size() ? j : -1; }) >= 0;
}

struct MetricPattern {
    RuleMetric metric;
    qsizetype (*at)(QStringView, qsizetype);
    std::vector<std::string_view> keywords; // every name it matches holds one of them, in ASCII
};

// Tried in this order; a match is removed from the clause before the next pattern, so
// "database errors" is db_error_rate and never also error_rate.
const QList<MetricPattern> &metricPatterns()
{
    static const QList<MetricPattern> patterns{
        {RuleMetric::DbErrorRate, dbErrorRate, {"database", "db", "sql"}},
        {RuleMetric::DbQueryTime, dbQueryTime, {"database", "db", "query"}},
        {RuleMetric::PageLoadTime, pageLoadTime, {"page", "user"}},
        {RuleMetric::ResourceUtilization, resourceUtilization, {"resource", "cpu", "memory"}},
        {RuleMetric::ResponseTime, responseTime, {"time", "latency"}},
        {RuleMetric::ErrorRate, errorRate, {"error", "5xx", "failure"}},
        {RuleMetric::ServiceDown, serviceDown, {"service", "health"}},
        {RuleMetric::SecurityAlert, securityAlert, {"security"}},
    };
    return patterns;
}

// The keyword test of every metric pattern, in one pass over the clause: bit i set if the
// clause holds a keyword of metricPatterns()[i]. A cheap test first; it reads ASCII case only,
// as it did before the expressions, so that "ſql" stays unknown.
quint32 metricKeywordsIn(QStringView clause)
{
    static const Keywords keywords = [] {
        std::vector<Keywords::Word> words;
        for (qsizetype i = 0; i < metricPatterns().size(); ++i) {
            for (const std::string_view w : metricPatterns()[i].keywords)
                words.push_back({w, 1u << i});
        }
        return Keywords(std::move(words));
    }();
    return keywords.groupsIn(clause);
}

bool isEventMetric(RuleMetric metric)
{
    return metric == RuleMetric::ServiceDown || metric == RuleMetric::SecurityAlert;
}

// "p95", "p99.9" or "95th percentile": the first match of
// \bp(\d{2}(?:\.\d+)?)\b|\b(\d{2})(?:th)?\s+percentile\b
std::optional<int> percentileOf(QStringView s)
{
    const auto twoDigits = [s](qsizetype i) { return i + 1 < s.size() && isDigit(s[i]) && isDigit(s[i + 1]); };
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (!(isDigit(s[i]) || sameChar(s[i], 'p')) || !isBoundary(s, i))
            continue;
        if (sameChar(s[i], 'p') && twoDigits(i + 1)) {
            const qsizetype fraction = i + 3 < s.size() && s[i + 3] == QLatin1Char('.') ? digits(s, i + 4) : -1;
            if (fraction >= 0 && isBoundary(s, fraction))
                return int(s.sliced(i + 1, fraction - i - 1).toDouble());
            if (isBoundary(s, i + 3))
                return int(s.sliced(i + 1, 2).toDouble());
        }
        if (twoDigits(i)) {
            const qsizetype th = literal(s, i + 2, "th");
            if (wholeWord(s, spaces1(s, th), {"percentile"}) >= 0 || wholeWord(s, spaces1(s, i + 2), {"percentile"}) >= 0)
                return int(s.sliced(i, 2).toDouble());
        }
    }
    return std::nullopt;
}

struct Threshold {
    qsizetype start = -1;
    qsizetype end = -1;
    QStringView comparison; // "> ", "is above", "less than"
    QStringView amount;
    QStringView unit; // empty if none
    bool found() const { return start >= 0; }
};

// The comparisons at i in the expression's order, each followed by 'then' (a number):
// >=|<=|≥|≤|=>|=<|>|<|\b(?:is\s+)?(?:above|below|over|under|exceeds?|exceeding|greater\s+than
// |more\s+than|higher\s+than|less\s+than|lower\s+than|at\s+least|at\s+most)\b
template <typename Then>
qsizetype comparison(QStringView s, qsizetype i, Then then)
{
    const char16_t c = s[i].unicode();
    if (c == u'>' || c == u'<' || c == u'=' || c == u'≥' || c == u'≤') {
        static constexpr QStringView symbols[] = {u">=", u"<=", u"≥", u"≤", u"=>", u"=<", u">", u"<"};
        for (const QStringView symbol : symbols) {
            if (symbol.front() == c && (symbol.size() == 1 || (i + 1 < s.size() && s[i + 1] == symbol[1]))) {
                if (const qsizetype end = then(i + symbol.size()); end >= 0)
                    return end;
            }
        }
        return -1;
    }
    if (!isLetter(s[i]) || !isBoundary(s, i))
        return -1;
    static constexpr std::string_view words[] = {"above", "below", "over", "under", "exceeds", "exceed", "exceeding", "greater than",
                                                 "more than", "higher than", "less than", "lower than", "at least", "at most"};
    for (const qsizetype from : {spaces1(s, literal(s, i, "is")), i}) {
        if (from < 0 || from >= s.size())
            continue;
        const char16_t first = patternChar(s[from]);
        for (const std::string_view w : words) {
            if (char16_t(w[0]) != first)
                continue;
            if (const qsizetype j = boundary(s, wordsAt(s, from, w)); j >= 0) {
                if (const qsizetype end = then(j); end >= 0)
                    return end;
            }
        }
    }
    return -1;
}

// The first threshold at or after 'from': a comparison, a number and perhaps a unit.
// (comparison)\s*(\d+(?:\.\d+)?)\s*(%|percent\b|ms\b|millis(?:econds?)?\b|s\b|secs?\b|seconds?\b|x\b|×|times\b)?
Threshold findThreshold(QStringView s, qsizetype from)
{
    Threshold t;
    for (qsizetype i = from; i < s.size(); ++i) {
        const qsizetype end = comparison(s, i, [&](qsizetype j) {
            const qsizetype amount = spaces(s, j);
            const qsizetype amountEnd = number(s, amount);
            if (amountEnd < 0)
                return qsizetype(-1);
            const qsizetype unit = spaces(s, amountEnd);
            qsizetype unitEnd = -1;
            if (unit < s.size() && (s[unit] == QLatin1Char('%') || s[unit] == QChar(0x00D7)))
                unitEnd = unit + 1;
            else if (const qsizetype perCent = wholeWord(s, spaces1(s, literal(s, unit, "per")), {"cent"}); perCent >= 0)
                unitEnd = perCent; // "2 per cent"
            else
                unitEnd = wholeWord(s, unit, {"percent", "ms", "milliseconds", "millisecond", "millis", "s", "secs", "sec", "seconds", "second", "x", "times"});
            t.comparison = s.sliced(i, j - i);
            t.amount = s.sliced(amount, amountEnd - amount);
            t.unit = unitEnd >= 0 ? s.sliced(unit, unitEnd - unit) : QStringView();
            return unitEnd >= 0 ? unitEnd : unit;
        });
        if (end >= 0) {
            t.start = i;
            t.end = end;
            return t;
        }
    }
    return {};
}

// \b(?:normal|baseline|usual|pre-?deploy(?:ment)?|before\s+the\s+(?:shift|deploy(?:ment)?|rollout))\b at or after 'from'
bool namesBaseline(QStringView s, qsizetype from)
{
    return findAtBoundary(s, from, [s](qsizetype i) {
               if (const qsizetype e = wholeWord(s, i, {"normal", "baseline", "usual", "pre-deployment", "pre-deploy", "predeployment", "predeploy"}); e >= 0)
                   return e;
               return wholeWord(s, spaces1(s, wordsAt(s, i, "before the")), {"shift", "deployment", "deploy", "rollout"});
           })
        .found();
}

// Clauses without a number or comparison are thresholds only if they name an event:
// \bdown\b|\bunavailable\b|\bsecurity\b|\bfail
bool namesEvent(QStringView s)
{
    return findAtBoundary(s, 0, [s](qsizetype i) {
               const qsizetype e = wholeWord(s, i, {"down", "unavailable", "security"});
               return e >= 0 ? e : literal(s, i, "fail");
           })
        .found();
}

// Where a clause separator starting at i ends, or -1: [,;]\s+|\s+(?:and|or)\s+(?=[a-z])
qsizetype clauseSeparator(QStringView s, qsizetype i)
{
    if (s[i] == QLatin1Char(',') || s[i] == QLatin1Char(';'))
        return spaces1(s, i + 1);
    if (!isSpace(s[i]))
        return -1;
    const qsizetype next = spaces1(s, anyLiteral(s, spaces1(s, i), {"and", "or"}));
    return next >= 0 && next < s.size() && isLetter(s[next]) ? next : -1;
}

// The clauses of a rule line: QString::split() at clause separators, without the empty parts.
QVarLengthArray<QStringView, 4> splitClauses(QStringView body)
{
    QVarLengthArray<QStringView, 4> clauses;
    qsizetype start = 0;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const qsizetype end = clauseSeparator(body, i);
        if (end < 0)
            continue;
        if (i > start)
            clauses.append(body.sliced(start, i - start));
        start = end;
        i = end - 1;
    }
    if (start < body.size())
        clauses.append(body.sliced(start));
    return clauses;
}

// A comparison or unit as written, read as the code before read it after toLower(): ASCII
// letters in either case. Such text matched case-insensitively, so it is ASCII but for "ſ",
// which toLower() keeps, and which so never reads as "s".
bool readsAt(QStringView text, qsizetype i, std::string_view lower)
{
    if (qsizetype(lower.size()) > text.size() - i)
        return false;
    for (qsizetype k = 0; k < qsizetype(lower.size()); ++k) {
        if (text[i + k].unicode() >= 0x80 || patternChar(text[i + k]) != char16_t(lower[k]))
            return false;
    }
    return true;
}

bool is(QStringView text, std::string_view lower)
{
    return text.size() == qsizetype(lower.size()) && readsAt(text, 0, lower);
}

bool startsAs(QStringView text, std::string_view lower)
{
    return readsAt(text, 0, lower);
}

bool has(QStringView text, std::string_view lower)
{
    for (qsizetype i = 0; i + qsizetype(lower.size()) <= text.size(); ++i) {
        if (readsAt(text, i, lower))
            return true;
    }
    return false;
}

} // namespace

RuleExtractor::HeadingTier RuleExtractor::tierForHeading(const QString &heading)
{
    // Most headings name no rule list: skip the matching unless a keyword is there.
    static const Keywords anyOf{"rollback", "abort", "decision", "alert", "metric", "slo", "objective", "target", "healthy"};
    if (!anyOf.foundIn(heading))
        return HeadingTier::None;
    // One pass over the words for all four lists; the first in this order wins.
    bool autoRollback = false;
    bool decision = false;
    bool alerting = isOnly(heading, {"alerting", "alerts", "alert"});
    bool target = isOnly(heading, {"targets", "target"});
    for (qsizetype i = 0; i < heading.size() && !autoRollback; ++i) {
        if (!isBoundary(heading, i))
            continue;
        autoRollback = autoRollbackAt(heading, i) >= 0;
        decision = decision || decisionAt(heading, i) >= 0;
        alerting = alerting || alertingAt(heading, i) >= 0;
        target = target || targetAt(heading, i) >= 0;
    }
    if (autoRollback)
        return HeadingTier::AutoRollback;
    if (decision)
        return HeadingTier::DecisionPoint;
    if (alerting)
        return HeadingTier::Alerting;
    if (target)
        return HeadingTier::Target;
    return HeadingTier::None;
}

std::optional<RuleTier> RuleExtractor::alertLevel(const QString &word)
{
    const QStringView w = QStringView(word).trimmed();
    const auto is = [w](const char *name) { return w.compare(QLatin1StringView(name), Qt::CaseInsensitive) == 0; };
    if (w.size() > 13)
        return std::nullopt;
    if (is("critical") || is("page") || is("p1"))
        return RuleTier::AlertCritical;
    if (is("warning") || is("warn"))
        return RuleTier::AlertWarning;
    if (is("info") || is("informational") || is("information"))
        return RuleTier::AlertInfo;
    return std::nullopt;
}

QList<Rule> RuleExtractor::parseClause(RuleTier tier, QStringView clause, Phrase *error)
{
    // Each metric name found is blanked out before the next is looked for. On the stack: a
    // clause is short.
    QVarLengthArray<QChar, 128> blanked(clause.begin(), clause.end());
    const QStringView rest(blanked.data(), blanked.size());
    QVarLengthArray<RuleMetric, 4> metrics;
    const quint32 candidates = metricKeywordsIn(clause);
    const QList<MetricPattern> &patterns = metricPatterns();
    for (qsizetype i = 0; i < patterns.size(); ++i) {
        if (!(candidates & (1u << i)))
            continue;
        const MetricPattern &p = patterns[i];
        const Match m = findAtBoundary(rest, 0, [&](qsizetype i) { return p.at(rest, i); });
        if (!m.found())
            continue;
        if (!metrics.contains(p.metric))
            metrics.append(p.metric);
        std::fill(blanked.begin() + m.start, blanked.begin() + m.end, QLatin1Char(' '));
    }
    const std::optional<int> pct = percentileOf(clause);
    if (metrics.isEmpty() && pct)
        metrics.append(RuleMetric::ResponseTime); // "p95 > 800ms"

    if (metrics.isEmpty()) {
        *error = phrase("RuleExtractor", "no known metric in \"%1\" (known: error rate, response time, database errors, "
                                "database query time, resource utilisation, page load time, service down, security alert)").arg(clause.trimmed());
        return {};
    }

    const Threshold t = findThreshold(rest, 0);
    if (metrics.size() == 1 && isEventMetric(metrics.first())) {
        Rule r;
        r.tier = tier;
        r.metric = metrics.first();
        r.op = RuleOp::Firing;
        return {r};
    }
    if (!t.found()) {
        *error = phrase("RuleExtractor", "no threshold (a comparison such as \"> 1%\") in \"%1\"").arg(clause.trimmed());
        return {};
    }
    if (findThreshold(rest, t.end).found()) {
        *error = phrase("RuleExtractor", "more than one threshold in \"%1\"; write one rule per line or clause").arg(clause.trimmed());
        return {};
    }

    const QStringView cmp = t.comparison;
    RuleOp op;
    if (is(cmp, ">") || has(cmp, "above") || has(cmp, "over") || has(cmp, "exceed") || has(cmp, "greater") || has(cmp, "more")
        || has(cmp, "higher")) {
        op = RuleOp::Greater;
    } else if (is(cmp, "<") || has(cmp, "below") || has(cmp, "under") || has(cmp, "less") || has(cmp, "lower")) {
        op = RuleOp::Less;
    } else {
        *error = phrase("RuleExtractor", "\"%1\" is not a strict comparison; rules compare strictly, write > or <").arg(t.comparison.trimmed());
        return {};
    }

    const QStringView unitText = t.unit;
    RuleUnit unit = RuleUnit::None;
    if (is(unitText, "%") || is(unitText, "percent") || startsAs(unitText, "per"))
        unit = RuleUnit::Percent;
    else if (is(unitText, "ms") || startsAs(unitText, "milli"))
        unit = RuleUnit::Milliseconds;
    else if (is(unitText, "s") || startsAs(unitText, "sec"))
        unit = RuleUnit::Seconds;
    else if (is(unitText, "x") || unitText == u"×" || is(unitText, "times")) {
        if (!namesBaseline(rest, t.end)) {
            *error = phrase("RuleExtractor", "\"%1\" is a multiple of what? Write \"%1 normal\" or \"%1 baseline\"").arg(t.amount.toString() + t.unit.toString());
            return {};
        }
        unit = RuleUnit::TimesNormal;
    }

    QList<Rule> rules;
    rules.reserve(metrics.size());
    for (RuleMetric metric : metrics) {
        if (isEventMetric(metric))
            continue;
        Rule r;
        r.tier = tier;
        r.metric = metric;
        r.op = op;
        r.value = t.amount.toDouble();
        r.unit = unit;
        if (metric == RuleMetric::ResponseTime || metric == RuleMetric::PageLoadTime || metric == RuleMetric::DbQueryTime)
            r.percentile = pct;
        rules.append(r);
    }
    if (rules.size() > 1) {
        *error = phrase("RuleExtractor", "\"%1\" names several metrics for one threshold; write one clause per metric").arg(clause.trimmed());
        return {};
    }
    return rules;
}

RuleExtractor::Result RuleExtractor::extract(RuleTier tier, const QString &text, const QString &key, const QString &value, int line)
{
    Result result;
    QString body = text;
    if (!key.isEmpty()) {
        // "**Critical**: ..." carries the level in its key; "**Error Rates**: < 0.1%" the metric.
        body = alertLevel(key) ? value : QString(key % u": " % value);
    }

    static const Keywords joiners{" and ", " or "};
    const bool severalClauses = body.contains(QLatin1Char(',')) || body.contains(QLatin1Char(';')) || joiners.foundIn(body);
    const QVarLengthArray<QStringView, 4> clauses = severalClauses ? splitClauses(body) : QVarLengthArray<QStringView, 4>{body};
    for (const QStringView clause : clauses) {
        const bool hasNumber = std::any_of(clause.cbegin(), clause.cend(), [](QChar c) {
            return c.isDigit() || c == QLatin1Char('<') || c == QLatin1Char('>') || c == QChar(0x2265) || c == QChar(0x2264);
        });
        if (!hasNumber && !namesEvent(clause))
            continue; // "consider rollback", "notify the team": words, not thresholds
        // "**Error Rates**: < 0.1%, < 1 per minute" style continuations are not guessed at.
        const Result one = extractClause(tier, clause, text, line);
        result.rules.append(one.rules);
        result.diagnostics.append(one.diagnostics);
    }
    if (result.rules.isEmpty() && result.diagnostics.isEmpty()) {
        result.diagnostics.append({line, Diagnostic::Severity::Error,
                                   phrase("RuleExtractor", "no threshold rule understood in \"%1\"").arg(text)});
    }
    return result;
}

namespace {

// How long a breach must last, written in the clause: "error rate above 2 % for 5 minutes".
// \b(?:(?:for|during|lasting|sustained(?:\s+for)?)(?:\s+the\s+(?:last|past))?|(?:over|in|within)\s+the\s+(?:last|past))
// \s+(?:at\s+least\s+)?(duration)
Match sustainedFor(QStringView s)
{
    static const Keywords words{"for", "during", "lasting", "sustained", "last", "past"};
    if (!words.foundIn(s))
        return {};
    return findAtBoundary(s, 0, [s](qsizetype i) -> qsizetype {
        const auto theLast = [s](qsizetype k) { return wholeWord(s, spaces1(s, literal(s, spaces1(s, k), "the")), {"last", "past"}); };
        qsizetype j = wholeWord(s, i, {"for", "during", "lasting", "sustained"});
        if (j >= 0) {
            if (const qsizetype f = wholeWord(s, spaces1(s, j), {"for"}); f >= 0)
                j = f; // "sustained for"
            if (const qsizetype last = theLast(j); last >= 0)
                j = last; // "for the last"
        } else {
            j = theLast(wholeWord(s, i, {"over", "in", "within"})); // "over the last"
        }
        if (j < 0)
            return -1;
        j = spaces1(s, j);
        if (const qsizetype least = spaces1(s, wordsAt(s, j, "at least")); least >= 0)
            j = least;
        double seconds = 0;
        return TrafficPlanExtractor::durationAt(s, j, &seconds);
    });
}

} // namespace

RuleExtractor::Result RuleExtractor::extractClause(RuleTier tier, QStringView clause, const QString &text, int line)
{
    Result result;
    Phrase error;
    QList<Rule> rules = parseClause(tier, clause, &error);
    if (rules.isEmpty()) {
        result.diagnostics.append({line, Diagnostic::Severity::Error, error});
        return result;
    }
    for (Rule &r : rules) {
        if (r.value && r.unit == RuleUnit::None) {
            // "error rate > 1": percent, or a count? Not guessed at.
            result.diagnostics.append({line, Diagnostic::Severity::Error,
                                       phrase("RuleExtractor", "limit without a unit in \"%1\"; write %, ms, s or \"x normal\"").arg(clause.trimmed())});
            continue;
        }
        r.line = line;
        r.text = text;
        result.rules.append(std::move(r));
    }
    // A runbook rule has no duration of its own: the profile's rules.for says how long a breach
    // must last. Dropping the words silently would make the rule trip sooner than written.
    if (const Match held = sustainedFor(clause); held.found() && !result.rules.isEmpty()) {
        const Rule &r = result.rules.first();
        result.diagnostics.append({line, Diagnostic::Severity::Warning,
                                   phrase("RuleExtractor", "\"%1\" in \"%2\" is not read: a rule counts a breach from its first sample; set how long it "
                                                  "must last in the profile's rules.for for the rule (id %3.%4, see --parse-runbook)").arg(clause.sliced(held.start, held.end - held.start)).arg(clause.trimmed()).arg(nameOf(r.tier)).arg(nameOf(r.metric))});
    }
    return result;
}

std::optional<RuleTier> RuleExtractor::proseTrigger(QStringView text)
{
    static const Keywords rollbackWords{"roll", "revert", "abort"};
    if (!rollbackWords.foundIn(text))
        return std::nullopt;
    // \b(?:roll(?:[-\s]*back|s\s+back|ing\s+back)|rollback|revert|abort)\w*
    const bool rollsBack = findAtBoundary(text, 0, [text](qsizetype i) {
                               if (const qsizetype e = anyLiteral(text, i, {"rollback", "revert", "abort"}); e >= 0)
                                   return e;
                               const qsizetype roll = anyLiteral(text, i, {"rolling", "rolls", "roll"});
                               return wholeWord(text, dashesOrSpaces(text, roll), {"back"});
                           }).found();
    if (!rollsBack)
        return std::nullopt;
    // A condition: \b(?:if|when|whenever|once|should)\b|\bas\s+soon\s+as\b
    const bool conditional = findAtBoundary(text, 0, [text](qsizetype i) {
                                 const qsizetype e = wholeWord(text, i, {"if", "when", "whenever", "once", "should"});
                                 return e >= 0 ? e : boundary(text, wordsAt(text, i, "as soon as"));
                             }).found();
    if (!conditional)
        return std::nullopt;
    const bool hasNumber = std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit() || c == QLatin1Char('<') || c == QLatin1Char('>'); });
    if (!hasNumber && !namesEvent(text))
        return std::nullopt; // "Consider rollback if severe": no limit in it
    const bool considered = findAtBoundary(text, 0, [text](qsizetype i) { return wholeWord(text, i, {"consider", "considering", "may", "might", "decide"}); }).found();
    return considered ? RuleTier::DecisionPoint : RuleTier::AutoRollback;
}
