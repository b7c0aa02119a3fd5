#include "prometheusjsonscanner.h"

#include <QUtf8StringView>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <cmath>
#include <limits>
#include <utility>

namespace {

constexpr qint64 MaxSeconds = 9'000'000'000'000; // far beyond any real time, far within qint64 milliseconds
constexpr int MaxDepth = 64; // deeper nesting than any Prometheus answer: let QJsonDocument judge

// A position in the body. Every read returns false on anything unexpected; the caller
// then gives up on the whole body (Unreadable).
class Cursor
{
public:
    explicit Cursor(QByteArrayView body) : m_p(body.data()), m_end(body.data() + body.size()) {}

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }
    bool consume(char c)
    {
        skipSpace();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool peek(char c)
    {
        skipSpace();
        return m_p < m_end && *m_p == c;
    }

    // The raw bytes between the quotes; `escaped` tells whether they need decoding.
    bool readRawString(QByteArrayView &raw, bool &escaped)
    {
        if (!consume('"'))
            return false;
        const char *start = m_p;
        escaped = false;
        bool ascii = true;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                raw = QByteArrayView(start, m_p - start);
                ++m_p;
                // JSON is UTF-8: a string that is not (in a label or a skipped key alike) makes
                // the body unreadable here, as it is for QJsonDocument, which then says so.
                return ascii || QUtf8StringView(raw).isValidUtf8();
            }
            ascii = ascii && static_cast<unsigned char>(c) < 0x80;
            if (c == '\\') {
                // Checked here so that a skipped string is as valid as a decoded one.
                escaped = true;
                if (m_end - m_p < 2)
                    return false;
                const char e = m_p[1];
                if (e == 'u') {
                    if (m_end - m_p < 6)
                        return false;
                    for (int k = 2; k < 6; ++k) {
                        if (hexValue(m_p[k]) < 0)
                            return false;
                    }
                    m_p += 6;
                    continue;
                }
                if (!std::strchr("\"\\/bfnrt", e) || e == '\0')
                    return false;
                m_p += 2;
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return false; // raw control characters are not allowed in JSON strings
            ++m_p;
        }
        return false;
    }

    bool readString(QString &out)
    {
        QByteArrayView raw;
        bool escaped = false;
        if (!readRawString(raw, escaped))
            return false;
        if (!escaped) {
            out = QString::fromUtf8(raw);
            return true;
        }
        return decodeEscaped(raw, out);
    }

    // An object, `{}` or `{member, member...}`, where member() reads one `"key": value`.
    template<typename Member>
    bool readObject(Member member)
    {
        if (!consume('{'))
            return false;
        if (consume('}'))
            return true;
        do {
            if (!member())
                return false;
        } while (consume(','));
        return consume('}');
    }

    // An array, `[]` or `[element, element...]`, where element() reads one value.
    template<typename Element>
    bool readArray(Element element)
    {
        if (!consume('['))
            return false;
        if (consume(']'))
            return true;
        do {
            if (!element())
                return false;
        } while (consume(','));
        return consume(']');
    }

    // A key of the envelope or of a series object; keys never need escapes there.
    bool readKey(QByteArrayView &key)
    {
        bool escaped = false;
        if (!readRawString(key, escaped) || escaped)
            return false;
        return consume(':');
    }

    // JSON's number grammar exactly: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    bool readNumberToken(QByteArrayView &token)
    {
        skipSpace();
        const char *start = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p < m_end && *m_p == '0')
            ++m_p;
        else if (!digits())
            return false;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digits())
                return false;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digits())
                return false;
        }
        token = QByteArrayView(start, m_p - start);
        return true;
    }

    bool skipValue(int depth = 0)
    {
        if (depth > MaxDepth)
            return false;
        skipSpace();
        if (m_p == m_end)
            return false;
        switch (*m_p) {
        case '"': {
            QByteArrayView raw;
            bool escaped;
            return readRawString(raw, escaped);
        }
        case '{':
            return readObject([&] {
                QByteArrayView key;
                bool escaped;
                return readRawString(key, escaped) && consume(':') && skipValue(depth + 1);
            });
        case '[': return readArray([&] { return skipValue(depth + 1); });
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: {
            QByteArrayView token;
            return readNumberToken(token);
        }
        }
    }

    bool readStringArray(QStringList &out)
    {
        if (consume('n'))
            return literalRest("ull");
        return readArray([&] {
            QString s;
            if (!readString(s))
                return false;
            out.append(s);
            return true;
        });
    }

    // [<unix seconds>, "<value>"]; the value stays raw (a number or a string's text).
    bool readPair(qint64 &timeMs, QByteArrayView &value, bool &valueEscaped)
    {
        QByteArrayView time;
        if (!consume('[') || !readNumberToken(time) || !consume(','))
            return false;
        const auto ms = PrometheusJsonScanner::parseTimeMs(time);
        if (!ms)
            return false;
        timeMs = *ms;
        valueEscaped = false;
        if (peek('"')) {
            if (!readRawString(value, valueEscaped))
                return false;
        } else if (!readNumberToken(value)) {
            return false;
        }
        return consume(']');
    }

    bool readSample(Sample &sample)
    {
        QByteArrayView value;
        bool escaped;
        if (!readPair(sample.timeMs, value, escaped) || escaped)
            return false;
        const auto v = PrometheusJsonScanner::parseValue(value);
        if (!v)
            return false;
        sample.value = *v;
        return true;
    }

    bool readLabels(QMap<QString, QString> &labels)
    {
        return readObject([&] {
            QString name;
            QString value;
            // A name given twice: which one counts is QJsonDocument's call (the fallback path).
            if (!readString(name) || !consume(':') || !readString(value) || labels.contains(name))
                return false;
            labels.insert(name, value);
            return true;
        });
    }

private:
    bool digits()
    {
        const char *start = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        return m_p > start;
    }

    bool literal(const char *word)
    {
        const qsizetype n = qsizetype(std::strlen(word));
        if (m_end - m_p < n || std::memcmp(m_p, word, size_t(n)) != 0)
            return false;
        m_p += n;
        return true;
    }
    bool literalRest(const char *rest) { return literal(rest); }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    static bool decodeEscaped(QByteArrayView raw, QString &out)
    {
        out.clear();
        out.reserve(raw.size());
        qsizetype runStart = 0;
        qsizetype i = 0;
        while (i < raw.size()) {
            if (raw[i] != '\\') {
                ++i;
                continue;
            }
            out.append(QString::fromUtf8(raw.sliced(runStart, i - runStart)));
            if (i + 1 >= raw.size())
                return false;
            const char e = raw[i + 1];
            i += 2;
            switch (e) {
            case '"': out.append(QLatin1Char('"')); break;
            case '\\': out.append(QLatin1Char('\\')); break;
            case '/': out.append(QLatin1Char('/')); break;
            case 'b': out.append(QLatin1Char('\b')); break;
            case 'f': out.append(QLatin1Char('\f')); break;
            case 'n': out.append(QLatin1Char('\n')); break;
            case 'r': out.append(QLatin1Char('\r')); break;
            case 't': out.append(QLatin1Char('\t')); break;
            case 'u': {
                if (i + 4 > raw.size())
                    return false;
                int code = 0;
                for (int k = 0; k < 4; ++k) {
                    const int h = hexValue(raw[i + k]);
                    if (h < 0)
                        return false;
                    code = code * 16 + h;
                }
                i += 4;
                out.append(QChar(char16_t(code))); // surrogate halves pair up in the QString
                break;
            }
            default:
                return false;
            }
            runStart = i;
        }
        out.append(QString::fromUtf8(raw.sliced(runStart)));
        return true;
    }

    const char *m_p;
    const char *m_end;
};

// What one element of "result" held, before resultType (which may come later) is known.
struct ScannedSeries {
    PrometheusSeries series;
    bool hasValue = false;  // "value": a vector element
    bool hasValues = false; // "values": a matrix element
};

// A key the scanner reads that comes twice in one object makes it give up: QJsonDocument (the
// fallback path) decides which one counts, so both paths always agree.
bool readSeriesObject(Cursor &c, ScannedSeries &out)
{
    bool metricSeen = false;
    return c.readObject([&] {
        QByteArrayView key;
        if (!c.readKey(key))
            return false;
        if (key == "metric") {
            if (std::exchange(metricSeen, true))
                return false;
            return c.readLabels(out.series.labels);
        }
        if ((key == "value" && out.hasValue) || (key == "values" && out.hasValues))
            return false;
        if (key == "value") {
            Sample s;
            if (!c.readSample(s))
                return false;
            out.series.samples.push_back(s);
            out.hasValue = true;
            return true;
        }
        if (key == "values") {
            out.hasValues = true;
            return c.readArray([&] {
                Sample s;
                if (!c.readSample(s))
                    return false;
                out.series.samples.push_back(s);
                return true;
            });
        }
        if (key == "histogram" || key == "histograms")
            return false; // native histograms: the QJsonDocument path explains
        return c.skipValue();
    });
}

struct ScannedData {
    QByteArrayView resultType;
    bool hasResult = false;
    QList<ScannedSeries> series; // vector or matrix
    bool isPair = false;         // scalar or string
    qint64 pairTimeMs = 0;
    QByteArrayView pairValue;
    bool pairEscaped = false;
};

// A vector's or matrix's list of series (readData has taken the [time, value] pairs).
bool readResult(Cursor &c, ScannedData &data)
{
    data.hasResult = true;
    return c.readArray([&] {
        ScannedSeries s;
        if (!readSeriesObject(c, s))
            return false;
        data.series.append(std::move(s));
        return true;
    });
}

bool readData(Cursor &c, ScannedData &data)
{
    return c.readObject([&] {
        QByteArrayView key;
        if (!c.readKey(key))
            return false;
        if (key == "resultType") {
            bool escaped;
            return data.resultType.isNull() && c.readRawString(data.resultType, escaped) && !escaped && !data.resultType.isNull();
        }
        if (key != "result")
            return c.skipValue();
        if (data.hasResult)
            return false; // twice
        if (c.peek('[')) {
            // A pair starts with a number, a series list with '{' or is empty.
            Cursor probe = c;
            probe.consume('[');
            if (!probe.peek('{') && !probe.peek(']')) {
                data.hasResult = true;
                data.isPair = true;
                return c.readPair(data.pairTimeMs, data.pairValue, data.pairEscaped);
            }
        }
        return readResult(c, data);
    });
}

} // namespace

PrometheusJsonScanner::Outcome PrometheusJsonScanner::scan(QByteArrayView body, PrometheusQueryResult &out)
{
    Cursor c(body);
    bool statusSeen = false;
    bool success = false;
    bool dataSeen = false;
    bool warningsSeen = false;
    bool infosSeen = false;
    ScannedData data;
    const bool read = c.readObject([&] {
        QByteArrayView key;
        if (!c.readKey(key))
            return false;
        if (key == "status") {
            QByteArrayView status;
            bool escaped;
            if (std::exchange(statusSeen, true))
                return false; // twice
            if (!c.readRawString(status, escaped))
                return false;
            success = status == "success";
            return true;
        }
        if (key == "data") {
            if (std::exchange(dataSeen, true))
                return false; // twice
            return readData(c, data);
        }
        if (key == "warnings")
            return !std::exchange(warningsSeen, true) && c.readStringArray(out.warnings);
        if (key == "infos")
            return !std::exchange(infosSeen, true) && c.readStringArray(out.infos);
        return c.skipValue();
    });
    if (!read || !c.atEnd() || !statusSeen)
        return Outcome::Unreadable;
    if (!success)
        return Outcome::NotSuccess;
    if (!dataSeen || !data.hasResult)
        return Outcome::Unreadable;

    if (data.resultType == "vector" || data.resultType == "matrix") {
        const bool vector = data.resultType == "vector";
        if (data.isPair)
            return Outcome::Unreadable;
        out.resultType = vector ? PrometheusResultType::Vector : PrometheusResultType::Matrix;
        out.series.reserve(data.series.size());
        for (ScannedSeries &s : data.series) {
            if (vector ? (!s.hasValue || s.hasValues) : (!s.hasValues || s.hasValue))
                return Outcome::Unreadable;
            out.series.append(std::move(s.series));
        }
        return Outcome::Success;
    }
    if (data.resultType == "scalar") {
        if (!data.isPair || data.pairEscaped)
            return Outcome::Unreadable;
        const auto v = parseValue(data.pairValue);
        if (!v)
            return Outcome::Unreadable;
        out.resultType = PrometheusResultType::Scalar;
        PrometheusSeries series;
        series.samples.push_back(Sample{data.pairTimeMs, *v});
        out.series = {std::move(series)};
        return Outcome::Success;
    }
    // Strings are rare and small; the QJsonDocument path decodes them.
    return Outcome::Unreadable;
}

std::optional<double> PrometheusJsonScanner::parseValue(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    if (text == "NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == "+Inf" || text == "Inf")
        return std::numeric_limits<double>::infinity();
    if (text == "-Inf")
        return -std::numeric_limits<double>::infinity();
    const char *first = text.data();
    const char *last = first + text.size();
    if (*first == '+')
        ++first; // from_chars does not take a leading plus
    double value = 0;
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || end != last) {
        // from_chars reports out-of-range for tiny or huge numbers; strtod's answer
        // (0 or infinity) is what Prometheus meant.
        if (ec == std::errc::result_out_of_range && end == last) {
            const QByteArray copy(first, last - first);
            return std::strtod(copy.constData(), nullptr);
        }
        return std::nullopt;
    }
    return value;
}

std::optional<qint64> PrometheusJsonScanner::parseTimeMs(QByteArrayView number)
{
    // Exact decimal path: -?digits(.digits)?
    const char *p = number.data();
    const char *end = p + number.size();
    bool negative = false;
    if (p < end && *p == '-') {
        negative = true;
        ++p;
    }
    qint64 seconds = 0;
    int intDigits = 0;
    while (p < end && *p >= '0' && *p <= '9' && intDigits < 15) {
        seconds = seconds * 10 + (*p - '0');
        ++p;
        ++intDigits;
    }
    if (intDigits > 0 && intDigits < 15) {
        qint64 fraction = 0;
        int fractionDigits = 0;
        bool roundUp = false;
        bool simple = true;
        if (p < end && *p == '.') {
            ++p;
            const char *fracStart = p;
            while (p < end && *p >= '0' && *p <= '9') {
                if (fractionDigits < 3) {
                    fraction = fraction * 10 + (*p - '0');
                    ++fractionDigits;
                } else if (p == fracStart + 3) {
                    roundUp = *p >= '5';
                }
                ++p;
            }
            simple = p > fracStart;
        }
        if (simple && p == end) {
            if (seconds > MaxSeconds)
                return std::nullopt;
            while (fractionDigits < 3) {
                fraction *= 10;
                ++fractionDigits;
            }
            const qint64 ms = seconds * 1000 + fraction + (roundUp ? 1 : 0);
            return negative ? -ms : ms;
        }
    }
    // Exponents and other spellings: through a double.
    double value = 0;
    const auto [last, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || last != number.data() + number.size() || !std::isfinite(value))
        return std::nullopt;
    if (std::fabs(value) > double(MaxSeconds))
        return std::nullopt;
    const double ms = value * 1000.0;
    return qint64(std::llround(ms));
}
