#include "reportdocument.h"

void ReportDocument::heading(const QString &text, const QString &anchor, int level)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Heading;
    b.text = text;
    b.anchor = anchor;
    b.level = level;
    blocks.append(b);
}

void ReportDocument::paragraph(const QString &text, ReportCell::Tone tone)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Paragraph;
    b.text = text;
    b.tone = tone;
    blocks.append(b);
}

void ReportDocument::facts(const QList<ReportFact> &facts)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Facts;
    b.facts = facts;
    blocks.append(b);
}

void ReportDocument::table(const QStringList &header, const QList<QList<ReportCell>> &rows)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.header = header;
    b.rows = rows;
    blocks.append(b);
}

void ReportDocument::preformatted(const QString &caption, const QString &text)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Preformatted;
    b.caption = caption;
    b.text = text;
    blocks.append(b);
}

void ReportDocument::entry(const QString &title, ReportCell::Tone tone, const QList<ReportFact> &facts, const QString &detail)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Entry;
    b.text = title;
    b.tone = tone;
    b.facts = facts;
    b.detail = detail;
    blocks.append(b);
}

void ReportDocument::chart(int index)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Chart;
    b.chart = index;
    blocks.append(b);
}
