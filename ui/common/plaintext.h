#pragma once

#include <QTextDocument>

// Text from outside (runbook text, operators' names and reasons, programs' and servers' words)
// for a place that reads text looking like HTML as HTML: tooltips and the labels of
// QInputDialog and QMessageBox (where the format cannot be set). Shown as it was written.
inline QString shownAsText(const QString &text, Qt::WhiteSpaceMode mode = Qt::WhiteSpaceNormal)
{
    return Qt::mightBeRichText(text) ? Qt::convertFromPlainText(text, mode) : text;
}
