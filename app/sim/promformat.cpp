#include "promformat.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace PromFormat {

namespace {

// Milliseconds that fit a QDateTime; Prometheus's own limits are wider, but nothing
// outside these years means anything to a demo.
constexpr double MaxAbsSeconds = 9.2e12;

std::optional<qint64> secondsToMs(QStringView text)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || std::fabs(seconds) > MaxAbsSeconds)
        return std::nullopt;
    return qint64(std::llround(seconds * 1000.0));
}

} // namespace

Result<qint64> parseTimeMs(QStringView text)
{
    const QString trimmed = text.trimmed().toString();
    if (const auto ms = secondsToMs(trimmed))
        return *ms;
    // Qt reads fractions of any length and zone offsets; require a zone like RFC 3339 does.
    static const QRegularExpression rfc3339(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$)"),
                                            QRegularExpression::CaseInsensitiveOption);
    if (rfc3339.match(trimmed).hasMatch()) {
        const QDateTime dt = QDateTime::fromString(trimmed.toUpper(), Qt::ISODateWithMs);
        if (dt.isValid())
            return dt.toMSecsSinceEpoch();
    }
    return Result<qint64>::failure(QStringLiteral("cannot parse \"%1\" to a valid timestamp").arg(text));
}

Result<qint64> parseDurationMs(QStringView text)
{
    const QString trimmed = text.trimmed().toString();
    if (const auto ms = secondsToMs(trimmed))
        return *ms;
    // Prometheus's duration: units from largest to smallest, each at most once.
    static const QRegularExpression duration(
        QStringLiteral(R"(^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$)"));
    const QRegularExpressionMatch m = duration.match(trimmed);
    if (!trimmed.isEmpty() && m.hasMatch()) {
        static constexpr qint64 unitMs[] = {365LL * 24 * 3600'000, 7LL * 24 * 3600'000, 24LL * 3600'000, 3600'000, 60'000, 1000, 1};
        qint64 total = 0;
        for (int i = 0; i < 7; ++i) {
            const QStringView n = m.capturedView(i + 1);
            if (n.isEmpty())
                continue;
            bool ok = false;
            const qint64 v = n.toLongLong(&ok);
            if (!ok || v > (std::numeric_limits<qint64>::max() - total) / unitMs[i])
                return Result<qint64>::failure(QStringLiteral("cannot parse \"%1\" to a valid duration").arg(text));
            total += v * unitMs[i];
        }
        return total;
    }
    return Result<qint64>::failure(QStringLiteral("cannot parse \"%1\" to a valid duration").arg(text));
}

QString formatValue(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(value, 'f', QLocale::FloatingPointShortest);
}

double jsonTime(qint64 ms)
{
    return double(ms) / 1000.0;
}

QString rfc3339(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs);
}

QHash<QString, QString> parseForm(QByteArrayView encoded)
{
    QHash<QString, QString> form;
    for (QByteArrayView pair : QByteArray(encoded).split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = (eq < 0 ? pair : pair.first(eq)).toByteArray();
        QByteArray value = eq < 0 ? QByteArray() : pair.sliced(eq + 1).toByteArray();
        key.replace('+', ' ');
        value.replace('+', ' ');
        const QString k = QUrl::fromPercentEncoding(key);
        if (!form.contains(k))
            form.insert(k, QUrl::fromPercentEncoding(value));
    }
    return form;
}

QString fingerprint(QList<std::pair<QString, QString>> labels)
{
    std::sort(labels.begin(), labels.end());
    quint64 h = 14695981039346656037ULL; // FNV-1a 64 offset basis
    const auto add = [&h](QByteArrayView bytes) {
        for (char c : bytes) {
            h ^= quint8(c);
            h *= 1099511628211ULL;
        }
    };
    static constexpr char separator = char(0xff); // Prometheus's SeparatorByte
    for (const auto &[name, value] : labels) {
        add(name.toUtf8());
        add(QByteArrayView(&separator, 1));
        add(value.toUtf8());
        add(QByteArrayView(&separator, 1));
    }
    return QStringLiteral("%1").arg(h, 16, 16, QLatin1Char('0'));
}

QString escapeLabelValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\");
        else if (c == QLatin1Char('"'))
            out += QLatin1String("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else
            out += c;
    }
    return out;
}

} // namespace PromFormat
