#pragma once

#include "core/result.h"
#include "report/reportdocument.h"

#include <QImage>
#include <QList>
#include <QString>

#include <functional>

// Writes a report as PDF (A4): the document laid out by QTextDocument from Qt's rich-text
// subset of HTML, painted page by page into a QPdfWriter with a header on every page (the
// title, the outcome, and for a deployment still running that it is still running) and a
// footer (when it was made, page n of m). Safe in a worker thread: it paints only on the
// writer and on images.
class PdfReportWriter
{
public:
    using Progress = std::function<void(int done, int total)>; // pages painted

    static Status write(const ReportDocument &doc, const QList<QImage> &charts, const QString &path, const Progress &progress = {});
    // The document in Qt's rich-text HTML, charts as "chart:N" image resources `width` wide,
    // as many on a page `pageHeight` high as fit whole.
    static QString richText(const ReportDocument &doc, int width, int pageHeight);
};
