#pragma once

#include <QList>
#include <QRectF>
#include <QString>

#include <functional>

// Where a chart's threshold labels go: at the left end of their lines, over the oldest data,
// leaving the newest values at the right uncovered. The most severe go first, each just above
// its line, else just below it, else beside a label already placed. A label too wide for the
// plot is elided ("…"); one that finds no free place joins the nearest placed label with room
// for it ("auto rollback > 534 ms · target < 500 ms", or "auto rollback > 534 ms…"; the host's own
// text is never cut), or, with no room anywhere, only that label's tooltip. Labels never overlap
// and never leave the plot; every line in the plot is named by a label or its tooltip.
// Pure geometry, tested on its own (tst_thresholdlabellayout).
class ThresholdLabelLayout
{
public:
    struct Label {
        QString text;         // "auto rollback > 540 ms"
        double lineY = 0;     // its line's y, in the plot's coordinate system
        int severity = 0;     // the higher, the earlier it is placed
        double textWidth = 0; // of `text` as drawn
    };
    struct Placed {
        QList<qsizetype> labels; // the labels it shows, in `labels`' indexes; the first owns its place
        QString text;            // what is drawn
        QString fullText;        // what it stands for, every label whole: the tooltip
        QRectF rect;             // the box: the text with Padding left and right
    };
    using Measure = std::function<double(const QString &)>;

    static constexpr double Padding = 3;        // text inset in its box, left and right
    static constexpr double Inset = 4;          // from the plot's left edge
    static constexpr double Gap = 8;            // between labels side by side
    static constexpr double Clearance = 3;      // the least horizontal space between two boxes
    static constexpr double RightLimit = 0.7;   // of the plot's width: the newest data stays clear
    static constexpr double LineGap = 1;        // between a line and the box above or below it
    static inline const QString Separator = QStringLiteral(" · ");

    // Labels whose line is outside the plot (half a pixel of tolerance) are left out; so is
    // everything when no label fits at all (a plot a few pixels tall). `measure` gives the width
    // of a text made up here (joined or elided).
    static QList<Placed> place(const QRectF &plot, const QList<Label> &labels, double textHeight, const Measure &measure);

    // `text` cut at the end to fit `width` with "…"; empty when not even one character fits.
    static QString elide(const QString &text, double width, const Measure &measure);
};
