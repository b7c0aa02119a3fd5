#pragma once

#include "core/result.h"
#include "report/reportdocument.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Writes a report as one self-contained HTML file: styles inline, charts embedded as PNG data
// URLs, no script and no external reference (a Content-Security-Policy says so to the browser
// too). Every text is escaped; the markup is well-formed XML, so tests read it back with an XML
// parser. A deployment still running says so in a banner that stays on screen and is repeated
// on every printed page.
class HtmlReportWriter
{
public:
    static QString render(const ReportDocument &doc, const QList<QByteArray> &chartPngs);
    static Status write(const ReportDocument &doc, const QList<QByteArray> &chartPngs, const QString &path);

    // Text for an element's content or an attribute value: & < > " ' as entities, and the
    // characters XML cannot hold (controls other than tab and newline) dropped.
    static QString escape(const QString &text);
};
