#pragma once

#include <QString>

#include <optional>

// What a report is written as, told by the file name's extension.
enum class ReportFormat { Pdf, Html, Markdown };

// .pdf, .html/.htm, .md/.markdown (any case); nullopt for anything else.
std::optional<ReportFormat> reportFormatForPath(const QString &path);
QString nameOf(ReportFormat format); // "PDF", "HTML", "Markdown"
