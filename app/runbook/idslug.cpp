#include "idslug.h"

#include <QRegularExpression>

namespace IdSlug {

QString fromText(QStringView text)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
    QString slug;
    slug.reserve(decomposed.size());
    bool pendingDash = false;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // drop accents: "é" -> "e"
        if (c.isLetterOrNumber()) {
            if (pendingDash && !slug.isEmpty())
                slug.append(QLatin1Char('-'));
            pendingDash = false;
            slug.append(c.toLower());
        } else if (c != QLatin1Char('\'') && c != QChar(0x2019)) {
            pendingDash = true; // apostrophes join: "don't" -> "dont"
        }
    }
    if (slug.size() > 80) {
        slug.truncate(80);
        while (slug.endsWith(QLatin1Char('-')))
            slug.chop(1);
    }
    return slug.isEmpty() ? QStringLiteral("item") : slug;
}

QString normalizedHeading(const QString &title)
{
    static const QRegularExpression phasePrefix(QStringLiteral(R"(^\s*(?:phase|stage)\s+(?:\d+|[ivx]+)\s*[:.\-–—)]\s*)"),
                                                QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression numbering(QStringLiteral(R"(^\s*\d+(?:\.\d+)*[.)]?\s+)"));
    static const QRegularExpression window(QStringLiteral(R"(\s*\([^()]*\d[^()]*\)\s*$)"));
    QString t = title;
    t.remove(phasePrefix);
    t.remove(numbering);
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
