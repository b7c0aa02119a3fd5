#include "inlinemarkdown.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace InlineMarkdown {

namespace {

// Whether the text needs nothing but trimmed(), as most items do: no markup character, no tab,
// no double space (other whitespace has always been kept as it is on this path). '[' and '<'
// are markup only in "[text](url)" and "<https://...>": without those, and without whitespace
// other than single spaces, withoutMarkup() would only simplify() it, which then trims it too:
// "[Contact info]", "< 0.1%".
bool isPlain(QStringView markdown)
{
    // What each ASCII character means here; most are ordinary.
    enum Kind : char { Ordinary, Markup, Bracket, Space, OtherSpace };
    static constexpr std::array<char, 128> kinds = [] {
        std::array<char, 128> table{};
        for (const char c : {'`', '*', '_', '\t'})
            table[c] = Markup;
        table['['] = table['<'] = Bracket;
        table[' '] = Space;
        for (const char c : {'\n', '\v', '\f', '\r'})
            table[c] = OtherSpace;
        return table;
    }();
    bool bracket = false;
    bool singleSpaces = true;
    for (qsizetype i = 0; i < markdown.size(); ++i) {
        const char16_t c = markdown[i].unicode();
        if (c > u'`') { // lower-case letters and after: the common case
            if (c >= 0x80 && QChar::isSpace(c))
                singleSpaces = false;
            continue;
        }
        const char kind = kinds[c];
        if (kind == Ordinary)
            continue;
        if (kind == Markup)
            return false;
        if (kind == Bracket)
            bracket = true;
        else if (kind == OtherSpace)
            singleSpaces = false;
        else if (i + 1 < markdown.size() && markdown[i + 1] == QLatin1Char(' '))
            return false; // a double space
    }
    return !bracket || (singleSpaces && !markdown.contains(u"](") && !markdown.contains(u"<http") && !markdown.contains(u"<mailto:"));
}

// Text with markup: links, code spans, emphasis; whitespace simplified.
Plain withoutMarkup(QStringView markdown)
{
    static const QRegularExpression link(QStringLiteral(R"(!?\[([^\]]*)\]\(([^()\s]*)(?:\s+"[^"]*")?\))"));
    static const QRegularExpression autolink(QStringLiteral(R"(<((?:https?|mailto):[^>\s]+)>)"));
    static const QRegularExpression strong(QStringLiteral(R"((\*\*|__)(.+?)\1)"));
    static const QRegularExpression emphasis(QStringLiteral(R"((?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*]))"));
    static const QRegularExpression code(QStringLiteral(R"(`([^`]*)`)"));

    Plain plain;
    QString text = markdown.toString();
    if (text.contains(u"](")) { // every link has it; "[Contact info]" alone is text
        QString out;
        qsizetype last = 0;
        for (auto it = link.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += QStringView(text).mid(last, m.capturedStart() - last);
            out += m.captured(1);
            plain.links.append({m.captured(1), m.captured(2)});
            last = m.capturedEnd();
        }
        out += QStringView(text).mid(last);
        text = out;
    }
    if (text.contains(u"<http") || text.contains(u"<mailto:")) { // "< 0.1%" is text
        for (auto it = autolink.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            plain.links.append({m.captured(1), m.captured(1)});
        }
        text.replace(autolink, QStringLiteral("\\1"));
    }
    if (text.contains(QLatin1Char('`')))
        text.replace(code, QStringLiteral("\\1"));
    if (text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('_'))) {
        text.replace(strong, QStringLiteral("\\2"));
        text.replace(emphasis, QStringLiteral("\\2"));
    }
    plain.text = text.simplified();
    return plain;
}

} // namespace

Plain toPlain(QStringView markdown)
{
    if (!isPlain(markdown))
        return withoutMarkup(markdown);
    const bool padded = !markdown.isEmpty() && (markdown.front().isSpace() || markdown.back().isSpace());
    return {(padded ? markdown.trimmed() : markdown).toString(), {}};
}

} // namespace InlineMarkdown
