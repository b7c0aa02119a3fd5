#include "idslug.h"

#include <QRegularExpression>

#include <algorithm>

namespace IdSlug {

QString fromText(QStringView text)
{
    // Plain ASCII (nearly every runbook line) needs no Unicode decomposition.
    const bool ascii = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    const QString decomposed = ascii ? QString() : text.toString().normalized(QString::NormalizationForm_KD);
    const QStringView source = ascii ? text : QStringView(decomposed);
    QString slug(source.size(), Qt::Uninitialized);
    QChar *out = slug.data();
    qsizetype length = 0;
    bool pendingDash = false;
    for (const QChar c : source) {
        const char16_t u = c.unicode();
        if (u < 0x80) { // ASCII without the Unicode tables
            const bool alnum = (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z');
            if (alnum) {
                if (pendingDash && length > 0)
                    out[length++] = QLatin1Char('-');
                pendingDash = false;
                out[length++] = QChar(u >= u'A' && u <= u'Z' ? char16_t(u + 32) : u);
            } else if (u != u'\'') {
                pendingDash = true;
            }
            continue;
        }
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // drop accents: "é" -> "e"
        if (c.isLetterOrNumber()) {
            if (pendingDash && length > 0)
                out[length++] = QLatin1Char('-');
            pendingDash = false;
            out[length++] = c.toLower();
        } else if (c != QLatin1Char('\'') && c != QChar(0x2019)) {
            pendingDash = true; // apostrophes join: "don't" -> "dont"
        }
    }
    slug.truncate(std::min<qsizetype>(length, 80));
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("item") : slug;
}

QString normalizedHeading(const QString &title)
{
    static const QRegularExpression phasePrefix(QStringLiteral(R"(^\s*(?:phase|stage)\s+(?:\d+|[ivx]+)\s*[:.\-–—)]\s*)"),
                                                QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression numbering(QStringLiteral(R"(^\s*\d+(?:\.\d+)*[.)]?\s+)"));
    static const QRegularExpression window(QStringLiteral(R"(\s*\([^()]*\d[^()]*\)\s*$)"));
    // Cheap checks first: most headings have none of these.
    QString t = title.trimmed();
    if (!t.isEmpty() && (t.front().toLower() == QLatin1Char('p') || t.front().toLower() == QLatin1Char('s')))
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
