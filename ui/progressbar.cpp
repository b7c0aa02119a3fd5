#include "progressbar.h"

#include <QStyleOptionProgressBar>
#include <QStylePainter>

namespace {

QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t), float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

QPalette ProgressBar::drawingPalette(const QPalette &palette)
{
    QPalette p = palette;
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        // Two parts highlight to three of base: still clearly the highlight's hue, and the text
        // colour on it keeps about the contrast it has on the base.
        p.setColor(group, QPalette::Highlight, blend(palette.color(group, QPalette::Highlight), palette.color(group, QPalette::Base), 0.6));
        p.setColor(group, QPalette::HighlightedText, palette.color(group, QPalette::Text));
    }
    return p;
}

void ProgressBar::paintEvent(QPaintEvent *)
{
    QStylePainter painter(this);
    QStyleOptionProgressBar option;
    initStyleOption(&option);
    option.palette = drawingPalette(option.palette);
    painter.drawControl(QStyle::CE_ProgressBar, option);
}
