#include "inlinemarkdown.h"

#include <QRegularExpression>

#include <algorithm>

namespace InlineMarkdown {

Plain toPlain(QStringView markdown)
{
    static const QRegularExpression link(QStringLiteral(R"(!?\[([^\]]*)\]\(([^()\s]*)(?:\s+"[^"]*")?\))"));
    static const QRegularExpression autolink(QStringLiteral(R"(<((?:https?|mailto):[^>\s]+)>)"));
    static const QRegularExpression strong(QStringLiteral(R"((\*\*|__)(.+?)\1)"));
    static const QRegularExpression emphasis(QStringLiteral(R"((?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*]))"));
    static const QRegularExpression code(QStringLiteral(R"(`([^`]*)`)"));

    Plain plain;
    // Most items are plain text: no markup to strip and single spaces.
    bool plainText = true;
    for (qsizetype i = 0; i < markdown.size() && plainText; ++i) {
        const char16_t c = markdown[i].unicode();
        plainText = c != u'[' && c != u'<' && c != u'`' && c != u'*' && c != u'_' && c != u'\t'
            && !(c == u' ' && i + 1 < markdown.size() && markdown[i + 1] == QLatin1Char(' '));
    }
    if (plainText) {
        plain.text = markdown.trimmed().toString();
        return plain;
    }
    QString text = markdown.toString();
    if (text.contains(QLatin1Char('['))) {
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
    if (text.contains(QLatin1Char('<'))) {
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

} // namespace InlineMarkdown
