#include "demoquery.h"

#include "demosimulator.h"

#include <QMap>

#include <algorithm>

namespace {

constexpr auto Hint = "the demo simulator answers only a series selector such as name{color=\"green\"}, "
                      "or max/min/sum/avg/count by (labels) (selector)";

bool isNameStart(QChar c, bool metric)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || c == QLatin1Char('_') || (metric && c == QLatin1Char(':'));
}

bool isNameChar(QChar c, bool metric)
{
    return isNameStart(c, metric) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

QString labelValue(const QList<std::pair<QString, QString>> &labels, const QString &name)
{
    for (const auto &[n, v] : labels) {
        if (n == name)
            return v;
    }
    return {}; // Prometheus: a missing label has the empty value
}

} // namespace

// A cursor over the query text; errors carry Prometheus's "line:column: parse error:" prefix.
class DemoQueryParser
{
public:
    explicit DemoQueryParser(QStringView text) : m_text(text) {}

    Result<DemoQuery> parse()
    {
        DemoQuery q;
        skipSpace();
        if (atEnd())
            return fail(QStringLiteral("no expression found in input"));
        const qsizetype identStart = m_pos;
        const QString ident = name(true);
        const std::optional<DemoQuery::Aggregation> agg = aggregationFor(ident);
        skipSpace();
        if (agg && !atEnd() && (peek() == QLatin1Char('(') || lookingAtKeyword(QStringLiteral("by")))) {
            q.m_aggregation = *agg;
            if (lookingAtKeyword(QStringLiteral("by")) && !grouping(q))
                return failure();
            if (!expect(QLatin1Char('(')) || !selector(q, {}) || !expect(QLatin1Char(')')))
                return failure();
            skipSpace();
            if (lookingAtKeyword(QStringLiteral("by"))) {
                if (!q.m_by.isEmpty())
                    return fail(QStringLiteral("grouping given twice"));
                if (!grouping(q))
                    return failure();
            } else if (lookingAtKeyword(QStringLiteral("without"))) {
                return fail(QStringLiteral("'without' is not supported; %1").arg(QLatin1StringView(Hint)));
            }
        } else {
            m_pos = identStart;
            if (!selector(q, name(true)))
                return failure();
        }
        skipSpace();
        if (!atEnd())
            return fail(QStringLiteral("unexpected \"%1\"; %2").arg(m_text.mid(m_pos, 1)).arg(QLatin1StringView(Hint)));
        return q;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return m_text.at(m_pos); }
    void skipSpace()
    {
        while (!atEnd() && peek().isSpace())
            ++m_pos;
    }

    Result<DemoQuery> fail(const QString &message)
    {
        setError(message);
        return failure();
    }
    Result<DemoQuery> failure() const { return Result<DemoQuery>::failure(m_error); }
    bool setError(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("1:%1: parse error: %2").arg(m_pos + 1).arg(message);
        return false;
    }

    QString name(bool metric)
    {
        const qsizetype start = m_pos;
        if (!atEnd() && isNameStart(peek(), metric)) {
            ++m_pos;
            while (!atEnd() && isNameChar(peek(), metric))
                ++m_pos;
        }
        return m_text.sliced(start, m_pos - start).toString();
    }

    bool lookingAtKeyword(const QString &keyword) const
    {
        const qsizetype end = m_pos + keyword.size();
        return end <= m_text.size() && m_text.sliced(m_pos, keyword.size()).compare(keyword, Qt::CaseInsensitive) == 0
            && (end == m_text.size() || !isNameChar(m_text.at(end), true));
    }

    static std::optional<DemoQuery::Aggregation> aggregationFor(const QString &ident)
    {
        using A = DemoQuery::Aggregation;
        static const QList<std::pair<QString, A>> ops{{QStringLiteral("max"), A::Max}, {QStringLiteral("min"), A::Min},
                                                      {QStringLiteral("sum"), A::Sum}, {QStringLiteral("avg"), A::Avg},
                                                      {QStringLiteral("count"), A::Count}};
        for (const auto &[word, op] : ops) {
            if (ident.compare(word, Qt::CaseInsensitive) == 0)
                return op;
        }
        return std::nullopt;
    }

    bool expect(QChar c)
    {
        skipSpace();
        if (atEnd())
            return setError(QStringLiteral("unexpected end of input, expected \"%1\"").arg(c));
        if (peek() != c)
            return setError(QStringLiteral("unexpected \"%1\", expected \"%2\"; %3").arg(peek()).arg(c).arg(QLatin1StringView(Hint)));
        ++m_pos;
        return true;
    }

    // by (label, label, ...)
    bool grouping(DemoQuery &q)
    {
        m_pos += 2;
        if (!expect(QLatin1Char('(')))
            return false;
        skipSpace();
        while (!atEnd() && peek() != QLatin1Char(')')) {
            const QString label = name(false);
            if (label.isEmpty())
                return setError(QStringLiteral("expected a label name in the grouping"));
            q.m_by.append(label);
            skipSpace();
            if (!atEnd() && peek() == QLatin1Char(','))
                ++m_pos;
            skipSpace();
        }
        return expect(QLatin1Char(')'));
    }

    // [metric name] [{matchers}], where the name, if any, has already been read.
    bool selector(DemoQuery &q, const QString &metricName)
    {
        skipSpace();
        if (!metricName.isEmpty())
            q.m_matchers.append({QStringLiteral("__name__"), DemoQuery::Matcher::Op::Equal, metricName, {}});
        else if (!atEnd() && isNameStart(peek(), true))
            return selector(q, name(true));
        skipSpace();
        if (!atEnd() && peek() == QLatin1Char('{')) {
            ++m_pos;
            if (!matchers(q, !metricName.isEmpty()))
                return false;
        } else if (metricName.isEmpty()) {
            return setError(atEnd() ? QStringLiteral("unexpected end of input; %1").arg(QLatin1StringView(Hint))
                                    : QStringLiteral("unexpected \"%1\"; %2").arg(peek()).arg(QLatin1StringView(Hint)));
        }
        skipSpace();
        if (!atEnd() && (peek() == QLatin1Char('[') || peek() == QLatin1Char('@') || lookingAtKeyword(QStringLiteral("offset"))))
            return setError(QStringLiteral("ranges, offsets and @ are not supported; %1").arg(QLatin1StringView(Hint)));
        const bool anyNonEmpty = std::any_of(q.m_matchers.cbegin(), q.m_matchers.cend(), [](const DemoQuery::Matcher &m) { return !m.matches(QString()); });
        if (!anyNonEmpty)
            return setError(QStringLiteral("vector selector must contain at least one non-empty matcher"));
        return true;
    }

    bool matchers(DemoQuery &q, bool nameGiven)
    {
        using Op = DemoQuery::Matcher::Op;
        for (;;) {
            skipSpace();
            if (atEnd())
                return setError(QStringLiteral("unexpected end of input inside braces"));
            if (peek() == QLatin1Char('}')) {
                ++m_pos;
                return true;
            }
            const QString label = name(false);
            if (label.isEmpty())
                return setError(QStringLiteral("unexpected \"%1\" inside braces, expected a label name").arg(peek()));
            skipSpace();
            Op op;
            const QStringView rest = m_text.sliced(m_pos);
            if (rest.startsWith(u"=~")) {
                op = Op::Match;
                m_pos += 2;
            } else if (rest.startsWith(u"!~")) {
                op = Op::NotMatch;
                m_pos += 2;
            } else if (rest.startsWith(u"!=")) {
                op = Op::NotEqual;
                m_pos += 2;
            } else if (rest.startsWith(u"=")) {
                op = Op::Equal;
                m_pos += 1;
            } else {
                return setError(QStringLiteral("expected a label matching operator (=, !=, =~, !~) after \"%1\"").arg(label));
            }
            skipSpace();
            const std::optional<QString> value = string();
            if (!value)
                return false;
            DemoQuery::Matcher m{label, op, *value, {}};
            if (op == Op::Match || op == Op::NotMatch) {
                m.regex = QRegularExpression(QRegularExpression::anchoredPattern(*value));
                if (!m.regex.isValid())
                    return setError(QStringLiteral("invalid regular expression \"%1\": %2").arg(*value, m.regex.errorString()));
            }
            if (label == QLatin1String("__name__") && nameGiven)
                return setError(QStringLiteral("metric name must not be set twice: \"%1\"").arg(*value));
            q.m_matchers.append(m);
            skipSpace();
            if (!atEnd() && peek() == QLatin1Char(','))
                ++m_pos;
            else if (!atEnd() && peek() != QLatin1Char('}'))
                return setError(QStringLiteral("unexpected \"%1\" in label matching, expected \",\" or \"}\"").arg(peek()));
        }
    }

    // "..." or '...' with backslash escapes, or `raw`.
    std::optional<QString> string()
    {
        if (atEnd()) {
            setError(QStringLiteral("unexpected end of input, expected a string"));
            return std::nullopt;
        }
        const QChar quote = peek();
        if (quote != QLatin1Char('"') && quote != QLatin1Char('\'') && quote != QLatin1Char('`')) {
            setError(QStringLiteral("unexpected \"%1\", expected a quoted string").arg(quote));
            return std::nullopt;
        }
        ++m_pos;
        QString out;
        while (!atEnd() && peek() != quote) {
            QChar c = peek();
            ++m_pos;
            if (c == QLatin1Char('\\') && quote != QLatin1Char('`') && !atEnd()) {
                c = peek();
                ++m_pos;
                if (c == QLatin1Char('n'))
                    c = QLatin1Char('\n');
                else if (c == QLatin1Char('t'))
                    c = QLatin1Char('\t');
                else if (c != QLatin1Char('\\') && c != QLatin1Char('"') && c != QLatin1Char('\'')) {
                    // Keep unknown escapes for the regex engine (\d, \.): RE2 and PCRE agree on those.
                    out += QLatin1Char('\\');
                }
            }
            out += c;
        }
        if (atEnd()) {
            setError(QStringLiteral("unterminated quoted string"));
            return std::nullopt;
        }
        ++m_pos;
        return out;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

bool DemoQuery::Matcher::matches(const QString &labelValue) const
{
    switch (op) {
    case Op::Equal: return labelValue == value;
    case Op::NotEqual: return labelValue != value;
    case Op::Match: return regex.match(labelValue).hasMatch();
    case Op::NotMatch: return !regex.match(labelValue).hasMatch();
    }
    return false;
}

Result<DemoQuery> DemoQuery::parse(QStringView text)
{
    return DemoQueryParser(text).parse();
}

bool DemoQuery::selects(const QList<std::pair<QString, QString>> &labels) const
{
    return std::all_of(m_matchers.cbegin(), m_matchers.cend(),
                       [&labels](const Matcher &m) { return m.matches(labelValue(labels, m.label)); });
}

QList<DemoQuerySample> DemoQuery::evaluate(const DemoSimulator &simulator, qint64 atMs) const
{
    QList<DemoQuerySample> selected;
    for (int s = 0; s < DemoSeriesCount; ++s) {
        for (Color color : {Color::Blue, Color::Green}) {
            QList<std::pair<QString, QString>> labels{{QStringLiteral("__name__"), demoSeriesName(DemoSeries(s))},
                                                      {QStringLiteral("color"), colorKey(color)}};
            if (!selects(labels))
                continue;
            if (const std::optional<double> v = simulator.value(DemoSeries(s), color, atMs))
                selected.append({std::move(labels), *v});
        }
    }
    if (m_aggregation == Aggregation::None)
        return selected;

    struct Group {
        double value = 0;
        int count = 0;
    };
    // QMap keeps the groups in label order, so answers are stable.
    QMap<QList<std::pair<QString, QString>>, Group> groups;
    for (const DemoQuerySample &sample : std::as_const(selected)) {
        QList<std::pair<QString, QString>> key;
        for (const auto &[name, value] : sample.labels) {
            if (m_by.contains(name) && !value.isEmpty())
                key.append({name, value});
        }
        Group &g = groups[key];
        const double v = sample.value;
        switch (m_aggregation) {
        case Aggregation::Max: g.value = g.count == 0 ? v : std::max(g.value, v); break;
        case Aggregation::Min: g.value = g.count == 0 ? v : std::min(g.value, v); break;
        case Aggregation::Sum:
        case Aggregation::Avg: g.value += v; break;
        case Aggregation::Count:
        case Aggregation::None: break;
        }
        ++g.count;
    }
    QList<DemoQuerySample> result;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        double v = it->value;
        if (m_aggregation == Aggregation::Avg)
            v /= it->count;
        else if (m_aggregation == Aggregation::Count)
            v = it->count;
        result.append({it.key(), v});
    }
    return result;
}
