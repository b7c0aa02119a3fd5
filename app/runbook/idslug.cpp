#include "idslug.h"

#include <QRegularExpression>

#include <algorithm>

namespace IdSlug {

namespace {

// Appends the slug of 'text' to 'out'; returns false if the slug is empty (nothing appended).
bool appendSlug(QString &out, QStringView text)
{
    // Plain ASCII (nearly every runbook line) needs no Unicode decomposition.
    const bool ascii = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    const QString decomposed = ascii ? QString() : text.toString().normalized(QString::NormalizationForm_KD);
    const QStringView source = ascii ? text : QStringView(decomposed);
    const qsizetype start = out.size();
    out.resize(start + source.size());
    QChar *buffer = out.data() + start;
    qsizetype length = 0;
    bool pendingDash = false;
    const auto put = [&](QChar c) {
        if (pendingDash && length > 0)
            buffer[length++] = QLatin1Char('-');
        pendingDash = false;
        buffer[length++] = c;
    };
    for (const QChar c : source) {
        const char16_t u = c.unicode();
        if (u < 0x80) { // ASCII without the Unicode tables
            if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9'))
                put(c);
            else if (u >= u'A' && u <= u'Z')
                put(QChar(char16_t(u + 32)));
            else if (u != u'\'')
                pendingDash = true; // apostrophes join: "don't" -> "dont"
            continue;
        }
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // drop accents: "é" -> "e"
        if (c.isLetterOrNumber())
            put(c.toLower());
        else if (u != 0x2019)
            pendingDash = true;
    }
    length = std::min<qsizetype>(length, 80);
    while (length > 0 && buffer[length - 1] == QLatin1Char('-'))
        --length;
    out.truncate(start + length);
    return length > 0;
}

} // namespace

QString fromText(QStringView text)
{
    QString slug;
    return appendSlug(slug, text) ? slug : QStringLiteral("item");
}

QString childId(const QString &prefix, QStringView text)
{
    QString id;
    id.reserve(prefix.size() + 1 + text.size());
    id += prefix;
    id += QLatin1Char('/');
    if (!appendSlug(id, text))
        id += QLatin1String("item");
    return id;
}

QString normalizedHeading(const QString &title)
{
    static const QRegularExpression phasePrefix(QStringLiteral(R"(^\s*(?:phase|stage)\s+(?:\d+|[ivx]+)\s*[:.\-–—)]\s*)"),
                                                QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression numbering(QStringLiteral(R"(^\s*\d+(?:\.\d+)*[.)]?\s+)"));
    static const QRegularExpression window(QStringLiteral(R"(\s*\([^()]*\d[^()]*\)\s*$)"));
    // Cheap checks first: most headings have none of these.
    QString t = title.trimmed();
    if (t.startsWith(QLatin1String("phase"), Qt::CaseInsensitive) || t.startsWith(QLatin1String("stage"), Qt::CaseInsensitive))
        t.remove(phasePrefix);
    if (!t.isEmpty() && t.front().isDigit())
        t.remove(numbering);
    if (t.endsWith(QLatin1Char(')')))
        t.remove(window);
    return t.trimmed().isEmpty() ? title.trimmed() : t.trimmed();
}

QString UniqueIds::take(const QString &base)
{
    int &count = m_used[base];
    ++count;
    if (count == 1)
        return base;
    // The suffixed name may itself be taken ("a-2" written in the runbook): keep counting.
    QString candidate;
    do {
        candidate = base + QLatin1Char('-') + QString::number(count);
    } while (m_used.contains(candidate) && ++count);
    m_used.insert(candidate, 1);
    return candidate;
}

} // namespace IdSlug
