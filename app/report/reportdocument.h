#pragma once

#include "report/reportchartspec.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

// A report as blocks of plain text, composed once (ReportBuilder) and written as Markdown,
// HTML or PDF. No text in it is markup: every writer escapes all of it, so nothing from the
// runbook, the profile, a server or an operator can inject markup or script.
struct ReportCell {
    enum class Tone { Plain, Good, Bad, Warn, Muted };
    QString text;
    Tone tone = Tone::Plain;
    bool mono = false; // times, values, commands: fixed width

    ReportCell() = default;
    ReportCell(QString t, Tone tone = Tone::Plain, bool mono = false) // NOLINT: cells are written as strings
        : text(std::move(t)), tone(tone), mono(mono)
    {
    }
};

using ReportFact = std::pair<QString, ReportCell>; // a label and its value

struct ReportBlock {
    enum class Kind {
        Heading,      // level 2 (a section) or 3 (a part of one)
        Paragraph,    // text
        Facts,        // label/value pairs
        Table,        // header and rows
        Chart,        // charts[chart], with its caption
        Preformatted, // output, a status update's text: kept as written, fixed width
        Entry,        // one record (decision, status update): a title with tone, facts, optional text
    };
    Kind kind = Kind::Paragraph;
    int level = 2;
    QString anchor; // headings: a stable id ("decision-record")
    QString text;   // heading, paragraph, preformatted text, entry title
    ReportCell::Tone tone = ReportCell::Tone::Plain;
    QList<ReportFact> facts;
    QStringList header;
    QList<QList<ReportCell>> rows;
    int chart = -1;
    QString caption; // a preformatted block's or chart's caption
    QString detail;  // an entry's preformatted text
};

struct ReportDocument {
    QString title;       // "Deployment report: checkout 2.4.1"
    QString outcome;     // "Completed", "Rolled back", "Aborted", "In progress"
    ReportCell::Tone outcomeTone = ReportCell::Tone::Plain;
    QString runningNotice; // non-empty for a deployment still running: shown on every page
    QString generated;     // "Generated 2027-01-15 10:02:11 UTC by StoneCaster Deploy Console"
    QList<ReportBlock> blocks;
    QList<ReportChartSpec> charts;

    void heading(const QString &text, const QString &anchor, int level = 2);
    void paragraph(const QString &text, ReportCell::Tone tone = ReportCell::Tone::Plain);
    void facts(const QList<ReportFact> &facts);
    void table(const QStringList &header, const QList<QList<ReportCell>> &rows);
    void preformatted(const QString &caption, const QString &text);
    void entry(const QString &title, ReportCell::Tone tone, const QList<ReportFact> &facts, const QString &detail = {});
    void chart(int index);
};
