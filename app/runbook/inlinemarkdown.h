#pragma once

#include "runbook.h"

// Inline Markdown of one list item: emphasis, code spans and links.
namespace InlineMarkdown {

struct Plain {
    QString text;
    QList<RunbookLink> links;
};

// "**Bold** and [a link](x.md)" -> text "Bold and a link", links [{a link, x.md}].
Plain toPlain(QStringView markdown);

} // namespace InlineMarkdown
