#include "markdownreportwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QUrl>

namespace {

using Tone = ReportCell::Tone;

QString cell(const ReportCell &c)
{
    QString text = MarkdownReportWriter::escape(c.text);
    text.replace(u'|', QStringLiteral("\\|"));
    // Bad news in bold: the one emphasis plain text keeps everywhere it is read.
    return c.tone == Tone::Bad && !text.isEmpty() ? QStringLiteral("**%1**").arg(text) : text;
}

// A fence longer than any run of backticks in the text, so the text cannot close it.
QString fence(const QString &text)
{
    int longest = 0, run = 0;
    for (QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max(3, longest + 1), u'`');
}

void preformatted(QString &out, const QString &text)
{
    const QString f = fence(text);
    QString body = text;
    body.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    if (!body.endsWith(u'\n'))
        body += u'\n';
    out += f + QStringLiteral("text\n") + body + f + QStringLiteral("\n\n");
}

void notice(QString &out, const ReportDocument &doc)
{
    if (!doc.runningNotice.isEmpty())
        out += QStringLiteral("> **%1**\n\n").arg(MarkdownReportWriter::escape(doc.runningNotice));
}

} // namespace

QString MarkdownReportWriter::escape(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        switch (c.unicode()) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '~':
            out += u'\\';
            out += c;
            break;
        case '<': out += QStringLiteral("&lt;"); break;
        case '>': out += QStringLiteral("&gt;"); break;
        case '&': out += QStringLiteral("&amp;"); break;
        case '\r': break;
        case '\n':
        case '\t': out += u' '; break;
        default: out += c; break;
        }
    }
    // What a line may not start with: a heading, a list, a numbered list, a block quote (escaped above).
    if (!out.isEmpty() && (out[0] == u'#' || out[0] == u'-' || out[0] == u'+' || out[0] == u'=' || out[0] == u'|'))
        out.prepend(u'\\');
    qsizetype digits = 0;
    while (digits < out.size() && out[digits].isDigit())
        ++digits;
    if (digits > 0 && digits < out.size() && (out[digits] == u'.' || out[digits] == u')') && (digits + 1 == out.size() || out[digits + 1] == u' '))
        out.insert(digits, u'\\');
    return out;
}

QStringList MarkdownReportWriter::chartFileNames(const ReportDocument &doc, const QString &path)
{
    const QString base = QFileInfo(path).completeBaseName();
    QStringList names;
    for (const ReportChartSpec &spec : doc.charts)
        names << QStringLiteral("%1-%2.png").arg(base, spec.fileStem);
    return names;
}

QString MarkdownReportWriter::render(const ReportDocument &doc, const QStringList &chartFiles)
{
    QString out;
    out += QStringLiteral("# %1\n\n").arg(escape(doc.title));
    notice(out, doc);
    out += QStringLiteral("**Outcome: %1**  \n%2\n\n").arg(escape(doc.outcome), escape(doc.generated));
    for (const ReportBlock &b : doc.blocks) {
        switch (b.kind) {
        case ReportBlock::Kind::Heading:
            out += QString(b.level, u'#') + u' ' + escape(b.text) + QStringLiteral("\n\n");
            if (b.level == 2)
                notice(out, doc);
            break;
        case ReportBlock::Kind::Paragraph:
            out += (b.tone == Tone::Muted ? QStringLiteral("_%1_") : QStringLiteral("%1")).arg(escape(b.text)) + QStringLiteral("\n\n");
            break;
        case ReportBlock::Kind::Facts:
            for (const ReportFact &f : b.facts)
                out += QStringLiteral("- **%1:** %2\n").arg(escape(f.first), cell(f.second));
            out += u'\n';
            break;
        case ReportBlock::Kind::Table: {
            QStringList header;
            for (const QString &h : b.header)
                header << escape(h).replace(u'|', QStringLiteral("\\|"));
            out += QStringLiteral("| ") + header.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|");
            for (qsizetype i = 0; i < b.header.size(); ++i)
                out += QStringLiteral("---|");
            out += u'\n';
            for (const QList<ReportCell> &row : b.rows) {
                QStringList cells;
                for (const ReportCell &c : row)
                    cells << cell(c);
                out += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
            }
            out += u'\n';
            break;
        }
        case ReportBlock::Kind::Chart: {
            const ReportChartSpec &spec = doc.charts.value(b.chart);
            const QString file = chartFiles.value(b.chart);
            out += QStringLiteral("### %1\n\n").arg(escape(spec.title));
            if (!file.isEmpty())
                out += QStringLiteral("![%1](%2)\n\n").arg(escape(spec.title), QString::fromUtf8(QUrl::toPercentEncoding(file, "-._~")));
            out += QStringLiteral("_%1_\n\n").arg(escape(spec.caption));
            break;
        }
        case ReportBlock::Kind::Preformatted:
            if (!b.caption.isEmpty())
                out += escape(b.caption) + QStringLiteral(":\n\n");
            preformatted(out, b.text);
            break;
        case ReportBlock::Kind::Entry:
            out += QStringLiteral("#### %1\n\n").arg(b.tone == Tone::Bad ? QStringLiteral("**%1**").arg(escape(b.text)) : escape(b.text));
            for (const ReportFact &f : b.facts)
                out += QStringLiteral("- **%1:** %2\n").arg(escape(f.first), cell(f.second));
            out += u'\n';
            if (!b.detail.isEmpty())
                preformatted(out, b.detail);
            break;
        }
    }
    notice(out, doc);
    return out;
}

Status MarkdownReportWriter::write(const ReportDocument &doc, const QList<QByteArray> &chartPngs, const QString &path)
{
    const QStringList names = chartFileNames(doc, path);
    const QDir folder = QFileInfo(path).absoluteDir();
    QStringList linked;
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QByteArray png = chartPngs.value(i);
        if (png.isEmpty()) {
            linked << QString();
            continue;
        }
        QSaveFile file(folder.filePath(names[i]));
        if (!file.open(QIODevice::WriteOnly) || file.write(png) != png.size() || !file.commit())
            return Status::failure(phrase("MarkdownReportWriter", "%1: cannot write the chart: %2").arg(folder.filePath(names[i])).arg(file.errorString()));
        linked << names[i];
    }
    QSaveFile file(path);
    const QByteArray text = render(doc, linked).toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return Status::failure(phrase("MarkdownReportWriter", "%1: cannot write the report: %2").arg(path).arg(file.errorString()));
    return {};
}
