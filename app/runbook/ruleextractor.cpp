#include "ruleextractor.h"

#include "keywords.h"

#include <QRegularExpression>

#include <algorithm>

namespace {

using Opt = QRegularExpression::PatternOption;
constexpr auto CI = Opt::CaseInsensitiveOption;

struct MetricPattern {
    RuleMetric metric;
    QRegularExpression pattern;
    std::vector<std::string_view> anyOf; // lower-case words one of which the pattern needs: a cheap test before the expression
};

// Tried in this order; a match is removed from the clause before the next pattern, so
// "database errors" is db_error_rate and never also error_rate.
const QList<MetricPattern> &metricPatterns()
{
    static const QList<MetricPattern> patterns{
        {RuleMetric::DbErrorRate, QRegularExpression(QStringLiteral(R"(\b(?:database|db|sql)\s+(?:error|failure)s?(?:\s+rates?)?\b)"), CI), {"database", "db", "sql"}},
        {RuleMetric::DbQueryTime, QRegularExpression(QStringLiteral(R"(\b(?:database|db)\s+(?:performance|latency|query\s+times?|queries)\b|\bquery\s+(?:times?|latency|durations?)\b)"), CI), {"database", "db", "query"}},
        {RuleMetric::PageLoadTime, QRegularExpression(QStringLiteral(R"(\bpage[-\s]+loads?(?:\s+times?)?\b|\buser\s+experience\b)"), CI), {"page", "user"}},
        {RuleMetric::ResourceUtilization, QRegularExpression(QStringLiteral(R"(\bresources?\s+(?:utili[sz]ation|usage|use)\b|\bcpu(?:\s*(?:/|and|or|,)\s*memory)?(?:\s+(?:usage|use|utili[sz]ation))?\b|\bmemory(?:\s+(?:usage|use|utili[sz]ation))?\b)"), CI), {"resource", "cpu", "memory"}},
        {RuleMetric::ResponseTime, QRegularExpression(QStringLiteral(R"(\b(?:response|request)\s+times?\b|\blatency\b)"), CI), {"time", "latency"}},
        {RuleMetric::ErrorRate, QRegularExpression(QStringLiteral(R"(\berror[-\s]+rates?\b|\berrors?\b|\b5xx\b)"), CI), {"error", "5xx"}},
        {RuleMetric::ServiceDown, QRegularExpression(QStringLiteral(R"(\b(?:critical\s+)?services?\s+(?:is\s+|are\s+|goes\s+)?(?:down|unavailable|unreachable)\b|\bhealth[-\s]*checks?\s+(?:are\s+)?fail(?:ing|s|ed)?\b)"), CI), {"service", "health"}},
        {RuleMetric::SecurityAlert, QRegularExpression(QStringLiteral(R"(\bsecurity\s+(?:alert|incident|event)s?\b)"), CI), {"security"}},
    };
    return patterns;
}

bool isEventMetric(RuleMetric metric)
{
    return metric == RuleMetric::ServiceDown || metric == RuleMetric::SecurityAlert;
}

} // namespace

RuleExtractor::HeadingTier RuleExtractor::tierForHeading(const QString &heading)
{
    static const QRegularExpression autoRollback(QStringLiteral(R"(\b(?:automatic|automated|auto)[-\s]?rollback\b|\brollback\s+triggers?\b|\babort\s+(?:criteria|triggers?|conditions?)\b)"), CI);
    static const QRegularExpression decision(QStringLiteral(R"(\bdecision\s+points?\b|\bconsider\s+rollback\b|\brollback\s+(?:criteria|conditions?|considerations?)\b)"), CI);
    static const QRegularExpression alerting(QStringLiteral(R"(\balert(?:ing|s)?\s+(?:thresholds?|levels?|rules?)\b|^\s*alert(?:ing|s)?\s*$)"), CI);
    static const QRegularExpression target(QStringLiteral(R"(\bkey\s+metrics\b|\bmetric\s+targets?\b|\bslos?\b|\bservice\s+level\s+objectives?\b|\bhealthy\s+(?:ranges?|thresholds?)\b|^\s*targets?\s*$)"), CI);
    // Most headings name no rule list: skip the expressions unless a keyword is there.
    if (!containsAnyKeyword(heading, {"rollback", "abort", "decision", "alert", "metric", "slo", "objective", "target", "healthy"}))
        return HeadingTier::None;
    if (autoRollback.match(heading).hasMatch())
        return HeadingTier::AutoRollback;
    if (decision.match(heading).hasMatch())
        return HeadingTier::DecisionPoint;
    if (alerting.match(heading).hasMatch())
        return HeadingTier::Alerting;
    if (target.match(heading).hasMatch())
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

QList<Rule> RuleExtractor::parseClause(RuleTier tier, const QString &clause, QString *error)
{
    static const QRegularExpression threshold(QStringLiteral(
        R"((>=|<=|≥|≤|=>|=<|>|<|\b(?:is\s+)?(?:above|below|over|under|exceeds?|exceeding|greater\s+than|more\s+than|higher\s+than|less\s+than|lower\s+than|at\s+least|at\s+most)\b)\s*)"
        R"((\d+(?:\.\d+)?)\s*(%|percent\b|ms\b|millis(?:econds?)?\b|s\b|secs?\b|seconds?\b|x\b|×|times\b)?)"), CI);
    static const QRegularExpression normalWord(QStringLiteral(R"(\b(?:normal|baseline|usual)\b)"), CI);
    static const QRegularExpression percentile(QStringLiteral(R"(\bp(\d{2}(?:\.\d+)?)\b|\b(\d{2})(?:th)?\s+percentile\b)"), CI);

    QString rest = clause;
    QList<RuleMetric> metrics;
    for (const MetricPattern &p : metricPatterns()) {
        if (!containsAnyKeyword(clause, p.anyOf))
            continue;
        const QRegularExpressionMatch m = p.pattern.match(rest);
        if (!m.hasMatch())
            continue;
        if (!metrics.contains(p.metric))
            metrics.append(p.metric);
        rest.replace(m.capturedStart(), m.capturedLength(), QString(m.capturedLength(), QLatin1Char(' ')));
    }
    // "p95" or "95th percentile": look for the letter p before a digit, or the word, first.
    bool mayHavePercentile = containsAnyKeyword(clause, {"percentile"});
    for (qsizetype i = 0; !mayHavePercentile && i + 1 < clause.size(); ++i)
        mayHavePercentile = (clause[i] == QLatin1Char('p') || clause[i] == QLatin1Char('P')) && clause[i + 1].isDigit();
    const QRegularExpressionMatch pm = mayHavePercentile ? percentile.match(clause) : QRegularExpressionMatch();
    std::optional<int> pct;
    if (pm.hasMatch())
        pct = int((pm.captured(1).isEmpty() ? pm.captured(2) : pm.captured(1)).toDouble());
    if (metrics.isEmpty() && pct)
        metrics.append(RuleMetric::ResponseTime); // "p95 > 800ms"

    if (metrics.isEmpty()) {
        *error = QStringLiteral("no known metric in \"%1\" (known: error rate, response time, database errors, "
                                "database query time, resource utilisation, page load time, service down, security alert)")
                     .arg(clause.trimmed());
        return {};
    }

    const QRegularExpressionMatch t = threshold.match(rest);
    if (metrics.size() == 1 && isEventMetric(metrics.first())) {
        Rule r;
        r.tier = tier;
        r.metric = metrics.first();
        r.op = RuleOp::Firing;
        return {r};
    }
    if (!t.hasMatch()) {
        *error = QStringLiteral("no threshold (a comparison such as \"> 1%\") in \"%1\"").arg(clause.trimmed());
        return {};
    }
    const QStringView afterThreshold = QStringView(rest).mid(t.capturedEnd());
    const bool mayHaveAnother = std::any_of(afterThreshold.begin(), afterThreshold.end(), [](QChar c) { return c.isDigit(); });
    if (mayHaveAnother && threshold.match(rest, t.capturedEnd()).hasMatch()) {
        *error = QStringLiteral("more than one threshold in \"%1\"; write one rule per line or clause").arg(clause.trimmed());
        return {};
    }

    const QString cmp = t.captured(1).simplified().toLower();
    RuleOp op;
    if (cmp == QLatin1String(">") || cmp.contains(QLatin1String("above")) || cmp.contains(QLatin1String("over"))
        || cmp.contains(QLatin1String("exceed")) || cmp.contains(QLatin1String("greater")) || cmp.contains(QLatin1String("more"))
        || cmp.contains(QLatin1String("higher"))) {
        op = RuleOp::Greater;
    } else if (cmp == QLatin1String("<") || cmp.contains(QLatin1String("below")) || cmp.contains(QLatin1String("under"))
               || cmp.contains(QLatin1String("less")) || cmp.contains(QLatin1String("lower"))) {
        op = RuleOp::Less;
    } else {
        *error = QStringLiteral("\"%1\" is not a strict comparison; rules compare strictly, write > or <").arg(t.captured(1).trimmed());
        return {};
    }

    const QString unitText = t.captured(3).toLower();
    RuleUnit unit = RuleUnit::None;
    if (unitText == QLatin1String("%") || unitText == QLatin1String("percent"))
        unit = RuleUnit::Percent;
    else if (unitText == QLatin1String("ms") || unitText.startsWith(QLatin1String("milli")))
        unit = RuleUnit::Milliseconds;
    else if (unitText == QLatin1String("s") || unitText.startsWith(QLatin1String("sec")))
        unit = RuleUnit::Seconds;
    else if (unitText == QLatin1String("x") || unitText == QStringLiteral("×") || unitText == QLatin1String("times")) {
        if (!normalWord.match(rest, t.capturedEnd()).hasMatch()) {
            *error = QStringLiteral("\"%1\" is a multiple of what? Write \"%1 normal\" or \"%1 baseline\"")
                         .arg(t.captured(2) + t.captured(3));
            return {};
        }
        unit = RuleUnit::TimesNormal;
    }

    QList<Rule> rules;
    for (RuleMetric metric : metrics) {
        if (isEventMetric(metric))
            continue;
        Rule r;
        r.tier = tier;
        r.metric = metric;
        r.op = op;
        r.value = t.captured(2).toDouble();
        r.unit = unit;
        if (metric == RuleMetric::ResponseTime || metric == RuleMetric::PageLoadTime || metric == RuleMetric::DbQueryTime)
            r.percentile = pct;
        rules.append(r);
    }
    if (rules.size() > 1) {
        *error = QStringLiteral("\"%1\" names several metrics for one threshold; write one clause per metric").arg(clause.trimmed());
        return {};
    }
    return rules;
}

RuleExtractor::Result RuleExtractor::extract(RuleTier tier, const QString &text, const QString &key, const QString &value, int line)
{
    static const QRegularExpression clauseSplit(QStringLiteral(R"([,;]\s+|\s+(?:and|or)\s+(?=[a-z]))"), CI);
    // Clauses without a number or comparison are thresholds only if they name an event.
    static const QRegularExpression namesEvent(QStringLiteral(R"(\bdown\b|\bunavailable\b|\bsecurity\b|\bfail)"), CI);

    Result result;
    QString body = text;
    if (!key.isEmpty()) {
        // "**Critical**: ..." carries the level in its key; "**Error Rates**: < 0.1%" the metric.
        body = alertLevel(key) ? value : key + QStringLiteral(": ") + value;
    }

    const bool severalClauses = body.contains(QLatin1Char(',')) || body.contains(QLatin1Char(';')) || containsAnyKeyword(body, {" and ", " or "});
    const QStringList clauses = severalClauses ? body.split(clauseSplit, Qt::SkipEmptyParts) : QStringList{body};
    for (const QString &clause : clauses) {
        const bool hasNumber = std::any_of(clause.cbegin(), clause.cend(), [](QChar c) {
            return c.isDigit() || c == QLatin1Char('<') || c == QLatin1Char('>') || c == QChar(0x2265) || c == QChar(0x2264);
        });
        if (!hasNumber && !namesEvent.match(clause).hasMatch())
            continue; // "consider rollback", "notify the team": words, not thresholds
        QString error;
        QList<Rule> rules = parseClause(tier, clause, &error);
        if (rules.isEmpty()) {
            // "**Error Rates**: < 0.1%, < 1 per minute" style continuations are not guessed at.
            result.diagnostics.append({line, Diagnostic::Severity::Error, error});
            continue;
        }
        for (Rule &r : rules) {
            r.line = line;
            r.text = text;
            result.rules.append(r);
        }
    }
    if (result.rules.isEmpty() && result.diagnostics.isEmpty()) {
        result.diagnostics.append({line, Diagnostic::Severity::Error,
                                   QStringLiteral("no threshold rule understood in \"%1\"").arg(text)});
    }
    return result;
}
