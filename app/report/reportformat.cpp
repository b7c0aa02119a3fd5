#include "reportformat.h"

#include <QFileInfo>

std::optional<ReportFormat> reportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"pdf")
        return ReportFormat::Pdf;
    if (suffix == u"html" || suffix == u"htm")
        return ReportFormat::Html;
    if (suffix == u"md" || suffix == u"markdown")
        return ReportFormat::Markdown;
    return std::nullopt;
}

QString nameOf(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Pdf: return QStringLiteral("PDF");
    case ReportFormat::Html: return QStringLiteral("HTML");
    case ReportFormat::Markdown: return QStringLiteral("Markdown");
    }
    return {};
}
