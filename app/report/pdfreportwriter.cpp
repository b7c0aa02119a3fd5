#include "pdfreportwriter.h"

#include "report/htmlreportwriter.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QUrl>

#include <cmath>

namespace {

using Tone = ReportCell::Tone;

constexpr int Dpi = 96; // layout in CSS pixels; text stays vector, charts keep their resolution
constexpr qreal MarginX = 48;
constexpr qreal HeaderHeight = 64;
constexpr qreal FooterHeight = 40;

const char *const StyleSheet = R"css(
body { color: #1f2328; }
h1 { font-size: 18pt; font-weight: 700; margin-bottom: 2px; }
h2 { font-size: 13.5pt; font-weight: 700; margin-top: 20px; margin-bottom: 6px; color: #1f2328; }
h3 { font-size: 11pt; font-weight: 700; margin-top: 14px; margin-bottom: 4px; }
p { margin-top: 3px; margin-bottom: 6px; }
table { border-collapse: collapse; margin-bottom: 10px; }
th { background-color: #eef1f4; font-weight: 700; text-align: left; }
td, th { border-color: #d8dee4; }
.facts th { background-color: #ffffff; color: #59636e; }
.mono { font-family: "DejaVu Sans Mono"; font-size: 7.5pt; }
.good { color: #0f6b2b; }
.bad { color: #b0112a; font-weight: 700; }
.warn { color: #8a4b00; }
.muted { color: #59636e; }
.caption { color: #59636e; font-size: 8pt; }
pre { font-family: "DejaVu Sans Mono"; font-size: 7pt; background-color: #f3f5f7; white-space: pre-wrap; margin-top: 2px; margin-bottom: 8px; }
.entrytitle { font-weight: 700; }
)css";

QString toneClass(Tone tone)
{
    switch (tone) {
    case Tone::Plain: return {};
    case Tone::Good: return QStringLiteral("good");
    case Tone::Bad: return QStringLiteral("bad");
    case Tone::Warn: return QStringLiteral("warn");
    case Tone::Muted: return QStringLiteral("muted");
    }
    return {};
}

QString entryBackground(Tone tone)
{
    switch (tone) {
    case Tone::Bad: return QStringLiteral("#ffe9e6");
    case Tone::Good: return QStringLiteral("#e3f6e8");
    case Tone::Warn: return QStringLiteral("#fff3dc");
    default: return QStringLiteral("#eef1f4");
    }
}

QString cellHtml(const ReportCell &c, const char *element = "td")
{
    QStringList classes;
    if (const QString t = toneClass(c.tone); !t.isEmpty())
        classes << t;
    if (c.mono)
        classes << QStringLiteral("mono");
    const QString name = QString::fromLatin1(element);
    return QStringLiteral("<%1%2>%3</%1>")
        .arg(name, classes.isEmpty() ? QString() : QStringLiteral(" class=\"%1\"").arg(classes.join(u' ')), HtmlReportWriter::escape(c.text));
}

QString facts(const QList<ReportFact> &facts, const QString &labelWidth)
{
    QString out = QStringLiteral("<table class=\"facts\" width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"0\">");
    for (const ReportFact &f : facts)
        out += QStringLiteral("<tr><th width=\"%1\">%2</th>%3</tr>").arg(labelWidth, HtmlReportWriter::escape(f.first), cellHtml(f.second));
    return out + QStringLiteral("</table>");
}

QString tableFont(int columns)
{
    // Wide tables get a smaller face so that they fit the page's width.
    return columns >= 6 ? QStringLiteral("7.5pt") : QStringLiteral("8pt");
}

// Qt's layout has no "keep with next": a heading (h2, h3) or a table (an entry's title row,
// a table's header) that starts this close to a page's end moves to the next page.
constexpr qreal KeepHeadingWithNext = 110;
constexpr qreal KeepTableStart = 56;

void keepStartsWithWhatFollows(QTextDocument &text, qreal pageHeight)
{
    QAbstractTextDocumentLayout *layout = text.documentLayout();
    const auto nearPageEnd = [pageHeight](qreal top, qreal keep) {
        const qreal onPage = top - std::floor(top / pageHeight) * pageHeight;
        return onPage > 1 && pageHeight - onPage < keep;
    };
    for (QTextFrame::iterator it = text.rootFrame()->begin(); !it.atEnd(); ++it) {
        if (QTextFrame *frame = it.currentFrame()) {
            if (nearPageEnd(layout->frameBoundingRect(frame).top(), KeepTableStart)) {
                QTextFrameFormat format = frame->frameFormat();
                format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
                frame->setFrameFormat(format);
            }
            continue;
        }
        const QTextBlock block = it.currentBlock();
        if (block.blockFormat().headingLevel() >= 2 && nearPageEnd(layout->blockBoundingRect(block).top(), KeepHeadingWithNext)) {
            QTextBlockFormat format;
            format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            QTextCursor(block).mergeBlockFormat(format);
        }
    }
}

} // namespace

QString PdfReportWriter::richText(const ReportDocument &doc, int width, int pageHeight)
{
    // Charts go on pages of their own, as many as fit whole on one (Qt's layout would split a
    // chart from its title): the metrics start a page (which also holds the section's heading),
    // and a chart that would not fit whole starts the next.
    int firstPage = 2, perPage = 3;
    if (!doc.charts.isEmpty() && doc.charts.first().size.width() > 0 && pageHeight > 0) {
        const int chartHeight = width * doc.charts.first().size.height() / doc.charts.first().size.width() + 66;
        firstPage = std::max(1, (pageHeight - 60) / chartHeight);
        perPage = std::max(1, pageHeight / chartHeight);
    }
    const auto startsPage = [firstPage, perPage](int chart) { return chart >= firstPage && (chart - firstPage) % perPage == 0; };
    const auto esc = &HtmlReportWriter::escape;
    QString out = QStringLiteral("<html><body>");
    out += QStringLiteral("<h1>%1</h1>").arg(esc(doc.title));
    out += QStringLiteral("<p><span class=\"%1\" style=\"font-size: 11pt;\">%2</span> &#160; <span class=\"muted\">%3</span></p>")
               .arg(toneClass(doc.outcomeTone), esc(doc.outcome), esc(doc.generated));
    for (const ReportBlock &b : doc.blocks) {
        switch (b.kind) {
        case ReportBlock::Kind::Heading: {
            // The metrics and the section after them start new pages.
            const bool newPage = b.level == 2 && (b.anchor == u"metrics" || b.anchor == u"decision-record") && !doc.charts.isEmpty();
            out += QStringLiteral("<h%1%3>%2</h%1>").arg(QString::number(b.level), esc(b.text), newPage ? QStringLiteral(" style=\"page-break-before: always;\"") : QString());
            break;
        }
        case ReportBlock::Kind::Paragraph:
            out += QStringLiteral("<p class=\"%1\">%2</p>").arg(toneClass(b.tone), esc(b.text));
            break;
        case ReportBlock::Kind::Facts: out += facts(b.facts, QStringLiteral("22%")); break;
        case ReportBlock::Kind::Table: {
            out += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\" style=\"font-size: %1;\"><thead><tr>")
                       .arg(tableFont(int(b.header.size())));
            for (const QString &h : b.header)
                out += QStringLiteral("<th>%1</th>").arg(esc(h));
            out += QStringLiteral("</tr></thead>");
            for (const QList<ReportCell> &row : b.rows) {
                out += QStringLiteral("<tr>");
                for (const ReportCell &c : row)
                    out += cellHtml(c);
                out += QStringLiteral("</tr>");
            }
            out += QStringLiteral("</table>");
            break;
        }
        case ReportBlock::Kind::Chart: {
            const ReportChartSpec &spec = doc.charts.value(b.chart);
            const int height = spec.size.width() > 0 ? width * spec.size.height() / spec.size.width() : width / 3;
            const bool newPage = startsPage(b.chart);
            out += QStringLiteral("<h3%6>%1</h3><p><img src=\"chart:%2\" width=\"%3\" height=\"%4\"/></p><p class=\"caption\">%5</p>")
                       .arg(esc(spec.title), QString::number(b.chart), QString::number(width), QString::number(height), esc(spec.caption),
                            newPage ? QStringLiteral(" style=\"page-break-before: always;\"") : QString());
            break;
        }
        case ReportBlock::Kind::Preformatted:
            if (!b.caption.isEmpty())
                out += QStringLiteral("<p class=\"caption\">%1</p>").arg(esc(b.caption));
            out += QStringLiteral("<pre>%1</pre>").arg(esc(b.text));
            break;
        case ReportBlock::Kind::Entry:
            out += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" border=\"0\" style=\"margin-top: 6px; font-size: 8pt;\">"
                                  "<tr><td bgcolor=\"%1\" class=\"entrytitle\">%2</td></tr><tr><td>%3</td></tr></table>")
                       .arg(entryBackground(b.tone), esc(b.text), facts(b.facts, QStringLiteral("20%")));
            if (!b.detail.isEmpty())
                out += QStringLiteral("<pre>%1</pre>").arg(esc(b.detail));
            break;
        }
    }
    return out + QStringLiteral("</body></html>");
}

Status PdfReportWriter::write(const ReportDocument &doc, const QList<QImage> &charts, const QString &path, const Progress &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure(phrase("PdfReportWriter", "%1: cannot write the report: %2").arg(path).arg(file.errorString()));
    {
        QPdfWriter writer(&file);
        writer.setResolution(Dpi);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(doc.title);
        writer.setCreator(QStringLiteral("StoneCaster Deploy Console"));
        const QRectF page(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
        const QRectF content(MarginX, HeaderHeight, page.width() - 2 * MarginX, page.height() - HeaderHeight - FooterHeight);

        QTextDocument text;
        text.documentLayout()->setPaintDevice(&writer);
        QFont font(QStringLiteral("Noto Sans"));
        font.setPointSizeF(8.5);
        // No ligatures: "ffi" stays three letters when the PDF's text is searched or copied.
        font.setFeature(QFont::Tag("liga"), 0);
        font.setFeature(QFont::Tag("clig"), 0);
        text.setDefaultFont(font);
        text.setDocumentMargin(0);
        text.setDefaultStyleSheet(QString::fromLatin1(StyleSheet));
        for (qsizetype i = 0; i < charts.size(); ++i) {
            if (!charts[i].isNull())
                text.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:%1").arg(i)), charts[i]);
        }
        text.setPageSize(content.size());
        text.setHtml(richText(doc, int(content.width()), int(content.height())));
        keepStartsWithWhatFollows(text, content.height());
        const int pages = text.pageCount();

        QPainter painter;
        if (!painter.begin(&writer))
            return Status::failure(phrase("PdfReportWriter", "%1: cannot paint the PDF").arg(path));
        QFont small = font;
        small.setPointSizeF(7.5);
        QFont bold = font;
        bold.setBold(true);
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                writer.newPage();
            // Header: the title and outcome on every page; a deployment still running says so.
            painter.setPen(QColor(0x59, 0x63, 0x6e));
            painter.setFont(small);
            const QRectF headerText(MarginX, 14, content.width(), 16);
            painter.drawText(headerText, Qt::AlignLeft | Qt::AlignVCenter, doc.title);
            painter.drawText(headerText, Qt::AlignRight | Qt::AlignVCenter, doc.outcome);
            if (!doc.runningNotice.isEmpty()) {
                const QRectF band(MarginX, 32, content.width(), 20);
                painter.fillRect(band, QColor(0xff, 0xf1, 0xd6));
                painter.setPen(QColor(0x6b, 0x3c, 0x00));
                painter.setFont(bold);
                const QString notice = QFontMetricsF(bold).elidedText(doc.runningNotice, Qt::ElideRight, band.width() - 12);
                painter.drawText(band.adjusted(6, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter, notice);
            } else {
                painter.setPen(QPen(QColor(0xd8, 0xde, 0xe4), 1));
                painter.drawLine(QPointF(MarginX, 36), QPointF(MarginX + content.width(), 36));
            }
            // The page's share of the document.
            painter.save();
            painter.translate(content.left(), content.top() - i * content.height());
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = QRectF(0, i * content.height(), content.width(), content.height());
            context.palette.setColor(QPalette::Text, QColor(0x1f, 0x23, 0x28));
            painter.setClipRect(context.clip);
            text.documentLayout()->draw(&painter, context);
            painter.restore();
            // Footer.
            painter.setPen(QColor(0x59, 0x63, 0x6e));
            painter.setFont(small);
            const QRectF footer(MarginX, page.height() - FooterHeight + 8, content.width(), 16);
            painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, doc.generated);
            painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages));
            if (progress)
                progress(i + 1, pages);
        }
        painter.end();
    }
    if (!file.commit())
        return Status::failure(phrase("PdfReportWriter", "%1: cannot write the report: %2").arg(path).arg(file.errorString()));
    return {};
}
