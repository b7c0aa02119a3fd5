#pragma once

#include "core/result.h"
#include "report/reportdocument.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Writes a report as Markdown (GitHub-flavoured: pipe tables, fenced blocks) with its charts as
// PNG files beside it. All text is escaped: markup characters are backslashed, "<", ">" and
// "&" written as entities, so an operator's note cannot become a link, an image or HTML.
class MarkdownReportWriter
{
public:
    // The Markdown; chart i is linked as chartFiles[i] (relative to the report).
    static QString render(const ReportDocument &doc, const QStringList &chartFiles);
    // Where chart files go beside `path`: "<base name>-<chart's file stem>.png".
    static QStringList chartFileNames(const ReportDocument &doc, const QString &path);
    // Writes `path` and the PNGs (chartPngs[i] for doc.charts[i]; an empty one is left out).
    static Status write(const ReportDocument &doc, const QList<QByteArray> &chartPngs, const QString &path);

    // Inline text as Markdown shows it literally (one line).
    static QString escape(const QString &text);
};
