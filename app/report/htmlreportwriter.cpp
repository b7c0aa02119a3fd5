#include "htmlreportwriter.h"

#include <QSaveFile>

namespace {

using Tone = ReportCell::Tone;

const char *const Style = R"css(
:root { --line: #d8dee4; --muted: #59636e; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f4; color: #1f2328; font: 14px/1.45 "Noto Sans", "DejaVu Sans", "Segoe UI", system-ui, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 36px 48px; background: #fff; }
.running { position: sticky; top: 0; z-index: 2; margin: 0; padding: 9px 36px; background: #fff1d6; color: #6b3c00; border-bottom: 2px solid #d4a017; font-weight: 600; text-align: center; }
header { border-bottom: 3px solid #1f2328; padding-bottom: 14px; margin-bottom: 8px; }
header h1 { margin: 0 0 8px; font-size: 27px; letter-spacing: -0.01em; }
header p { margin: 0; color: var(--muted); }
.pill { display: inline-block; margin-right: 10px; padding: 2px 12px; border-radius: 999px; font-weight: 700; font-size: 13px; background: #e7ebef; color: #1f2328; }
.pill.good { background: #d2f4dc; color: #0f5323; }
.pill.bad { background: #ffe1de; color: #8c0a1f; }
.pill.warn { background: #fff1d6; color: #6b3c00; }
nav { margin: 14px 0 6px; font-size: 13px; color: var(--muted); }
nav a { color: #0b5cad; text-decoration: none; margin-right: 14px; }
h2 { margin: 34px 0 10px; padding-bottom: 5px; font-size: 20px; border-bottom: 1px solid var(--line); }
h3 { margin: 24px 0 8px; font-size: 16px; }
p { margin: 6px 0 10px; }
table { width: 100%; margin: 8px 0 18px; border-collapse: collapse; font-size: 13px; }
th { padding: 6px 8px; text-align: left; background: #f3f5f7; border-bottom: 2px solid var(--line); white-space: nowrap; }
td { padding: 5px 8px; vertical-align: top; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
tbody tr:nth-child(even) td { background: #fafbfc; }
table.facts { width: auto; min-width: 60%; }
table.facts th { width: 170px; background: none; border-bottom: 1px solid var(--line); color: var(--muted); font-weight: 600; white-space: normal; }
.mono { font-family: "DejaVu Sans Mono", "Noto Sans Mono", ui-monospace, monospace; font-size: 12.5px; }
.good { color: #0f6b2b; }
.bad { color: #b0112a; font-weight: 600; }
.warn { color: #8a4b00; }
.muted { color: var(--muted); }
.entry { margin: 10px 0; padding: 8px 14px 4px; border-left: 4px solid #afb8c1; background: #f8f9fa; break-inside: avoid; }
.entry.tone-bad { border-left-color: #cf222e; background: #fff7f6; }
.entry.tone-good { border-left-color: #2da44e; }
.entry.tone-warn { border-left-color: #d4a017; }
.entry h4 { margin: 0 0 4px; font-size: 14px; }
.entry table { margin: 4px 0 8px; }
.entry table th { width: 150px; background: none; border: 0; color: var(--muted); font-weight: 600; padding: 2px 8px 2px 0; white-space: normal; }
.entry table td { border: 0; padding: 2px 0; background: none !important; }
pre { margin: 4px 0 14px; padding: 8px 10px; background: #f3f5f7; border: 1px solid var(--line); border-radius: 4px; font: 12px/1.4 "DejaVu Sans Mono", ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
.caption { margin-bottom: 2px; color: var(--muted); font-size: 13px; }
figure { margin: 10px 0 26px; break-inside: avoid; }
figure h3 { margin: 0 0 6px; }
figure img { display: block; width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { margin-top: 4px; color: var(--muted); font-size: 12.5px; }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@media print {
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  .running { position: fixed; top: 0; left: 0; right: 0; }
  main { margin-top: 40px; }
  h2 { break-after: avoid; }
}
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

QString td(const ReportCell &c, const char *element = "td")
{
    QStringList classes;
    if (const QString t = toneClass(c.tone); !t.isEmpty())
        classes << t;
    if (c.mono)
        classes << QStringLiteral("mono");
    const QString name = QString::fromLatin1(element);
    const QString attr = classes.isEmpty() ? QString() : QStringLiteral(" class=\"%1\"").arg(classes.join(u' '));
    return QStringLiteral("<%1%2>%3</%1>").arg(name, attr, HtmlReportWriter::escape(c.text));
}

QString factsTable(const QList<ReportFact> &facts, const QString &cls)
{
    QString out = cls.isEmpty() ? QStringLiteral("<table><tbody>") : QStringLiteral("<table class=\"%1\"><tbody>").arg(cls);
    for (const ReportFact &f : facts)
        out += QStringLiteral("<tr><th scope=\"row\">%1</th>%2</tr>").arg(HtmlReportWriter::escape(f.first), td(f.second));
    return out + QStringLiteral("</tbody></table>\n");
}

} // namespace

QString HtmlReportWriter::escape(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&': out += QStringLiteral("&amp;"); break;
        case '<': out += QStringLiteral("&lt;"); break;
        case '>': out += QStringLiteral("&gt;"); break;
        case '"': out += QStringLiteral("&quot;"); break;
        case '\'': out += QStringLiteral("&#39;"); break;
        case '\t':
        case '\n': out += c; break;
        case '\r': break;
        default:
            // XML 1.0 holds no other control characters (a script's colour codes, a NUL);
            // U+FFFE/U+FFFF are not characters.
            if (c.unicode() < 0x20 || c.unicode() == 0xFFFE || c.unicode() == 0xFFFF)
                out += QChar(0xFFFD);
            else
                out += c;
        }
    }
    return out;
}

QString HtmlReportWriter::render(const ReportDocument &doc, const QList<QByteArray> &chartPngs)
{
    QString out;
    out += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\"/>\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                          "<meta name=\"generator\" content=\"StoneCaster Deploy Console\"/>\n");
    out += QStringLiteral("<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n").arg(escape(doc.title), QString::fromLatin1(Style));
    if (!doc.runningNotice.isEmpty())
        out += QStringLiteral("<p class=\"running\" id=\"running-notice\">%1</p>\n").arg(escape(doc.runningNotice));
    out += QStringLiteral("<main>\n<header>\n<h1>%1</h1>\n<p><span class=\"pill %2\" id=\"outcome\">%3</span>%4</p>\n</header>\n")
               .arg(escape(doc.title), toneClass(doc.outcomeTone), escape(doc.outcome), escape(doc.generated));
    out += QStringLiteral("<nav>");
    for (const ReportBlock &b : doc.blocks) {
        if (b.kind == ReportBlock::Kind::Heading && b.level == 2)
            out += QStringLiteral("<a href=\"#%1\">%2</a>").arg(escape(b.anchor), escape(b.text));
    }
    out += QStringLiteral("</nav>\n");
    bool inSection = false;
    for (const ReportBlock &b : doc.blocks) {
        switch (b.kind) {
        case ReportBlock::Kind::Heading:
            if (b.level == 2) {
                if (inSection)
                    out += QStringLiteral("</section>\n");
                out += QStringLiteral("<section id=\"%1\">\n<h2>%2</h2>\n").arg(escape(b.anchor), escape(b.text));
                inSection = true;
            } else {
                out += QStringLiteral("<h3 id=\"%1\">%2</h3>\n").arg(escape(b.anchor), escape(b.text));
            }
            break;
        case ReportBlock::Kind::Paragraph: {
            const QString cls = toneClass(b.tone);
            out += cls.isEmpty() ? QStringLiteral("<p>%1</p>\n").arg(escape(b.text)) : QStringLiteral("<p class=\"%1\">%2</p>\n").arg(cls, escape(b.text));
            break;
        }
        case ReportBlock::Kind::Facts: out += factsTable(b.facts, QStringLiteral("facts")); break;
        case ReportBlock::Kind::Table: {
            out += QStringLiteral("<table>\n<thead><tr>");
            for (const QString &h : b.header)
                out += QStringLiteral("<th>%1</th>").arg(escape(h));
            out += QStringLiteral("</tr></thead>\n<tbody>\n");
            for (const QList<ReportCell> &row : b.rows) {
                out += QStringLiteral("<tr>");
                for (const ReportCell &c : row)
                    out += td(c);
                out += QStringLiteral("</tr>\n");
            }
            out += QStringLiteral("</tbody>\n</table>\n");
            break;
        }
        case ReportBlock::Kind::Chart: {
            const ReportChartSpec &spec = doc.charts.value(b.chart);
            out += QStringLiteral("<figure id=\"chart-%1\">\n<h3>%2</h3>\n").arg(escape(spec.fileStem), escape(spec.title));
            const QByteArray png = chartPngs.value(b.chart);
            if (png.isEmpty())
                out += QStringLiteral("<p class=\"muted\">The chart could not be drawn.</p>\n");
            else
                out += QStringLiteral("<img alt=\"%1\" width=\"%2\" height=\"%3\" src=\"data:image/png;base64,%4\"/>\n")
                           .arg(escape(spec.title), QString::number(spec.size.width()), QString::number(spec.size.height()), QString::fromLatin1(png.toBase64()));
            out += QStringLiteral("<figcaption>%1</figcaption>\n</figure>\n").arg(escape(spec.caption));
            break;
        }
        case ReportBlock::Kind::Preformatted:
            if (!b.caption.isEmpty())
                out += QStringLiteral("<p class=\"caption\">%1</p>\n").arg(escape(b.caption));
            out += QStringLiteral("<pre>%1</pre>\n").arg(escape(b.text));
            break;
        case ReportBlock::Kind::Entry: {
            const QString tone = toneClass(b.tone);
            out += QStringLiteral("<div class=\"entry%1\">\n<h4>%2</h4>\n").arg(tone.isEmpty() ? QString() : QStringLiteral(" tone-") + tone, escape(b.text));
            out += factsTable(b.facts, {});
            if (!b.detail.isEmpty())
                out += QStringLiteral("<pre>%1</pre>\n").arg(escape(b.detail));
            out += QStringLiteral("</div>\n");
            break;
        }
        }
    }
    if (inSection)
        out += QStringLiteral("</section>\n");
    out += QStringLiteral("<footer>%1</footer>\n</main>\n</body>\n</html>\n").arg(escape(doc.generated));
    return out;
}

Status HtmlReportWriter::write(const ReportDocument &doc, const QList<QByteArray> &chartPngs, const QString &path)
{
    QSaveFile file(path);
    const QByteArray html = render(doc, chartPngs).toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(html) != html.size() || !file.commit())
        return Status::failure(phrase("HtmlReportWriter", "%1: cannot write the report: %2").arg(path).arg(file.errorString()));
    return {};
}
