#include "chartstyle.h"

#include <QPalette>

namespace ChartStyle {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

QColor seriesColor(Color color, const QPalette &palette)
{
    const bool dark = isDark(palette);
    if (color == Color::Blue)
        return dark ? QColor(0x4d, 0xab, 0xf7) : QColor(0x18, 0x64, 0xc8);
    return dark ? QColor(0x51, 0xcf, 0x66) : QColor(0x2b, 0x8a, 0x3e);
}

QPen seriesPen(Color color, const QPalette &palette, bool dense)
{
    if (dense) {
        QPen pen(seriesColor(color, palette), 1.0);
        pen.setCosmetic(true);
        return pen;
    }
    QPen pen(seriesColor(color, palette), 2.0);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    return pen;
}

QPen commandedPen(Color color, const QPalette &palette)
{
    QPen pen(mix(seriesColor(color, palette), palette.color(QPalette::Window), 0.25), 1.5, Qt::DashLine);
    return pen;
}

QColor thresholdColor(const ThresholdLine &line, const QPalette &palette)
{
    const bool dark = isDark(palette);
    if (line.kind != ThresholdLine::Kind::Rule || !line.tier)
        return mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.45);
    switch (*line.tier) {
    case RuleTier::Target: return dark ? QColor(0xa9, 0xe3, 0x4b) : QColor(0x5c, 0x94, 0x0d); // lime, apart from the green series
    case RuleTier::AlertInfo: return dark ? QColor(0xff, 0xd4, 0x3b) : QColor(0xb0, 0x8c, 0x00); // dark yellow reads on white
    case RuleTier::AlertWarning: return dark ? QColor(0xff, 0xa9, 0x4d) : QColor(0xe8, 0x7b, 0x00);
    case RuleTier::AlertCritical: return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xe0, 0x31, 0x31);
    case RuleTier::DecisionPoint: return dark ? QColor(0xff, 0x92, 0x2b) : QColor(0xd9, 0x48, 0x0f);
    case RuleTier::AutoRollback: return dark ? QColor(0xff, 0x5c, 0x5c) : QColor(0xc9, 0x2a, 0x2a);
    }
    return palette.color(QPalette::WindowText);
}

QPen thresholdPen(const ThresholdLine &line, const QPalette &palette)
{
    QPen pen(thresholdColor(line, palette), 1.5);
    switch (line.kind) {
    case ThresholdLine::Kind::Normal:
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.0);
        return pen;
    case ThresholdLine::Kind::NormalMultiple:
        pen.setStyle(Qt::DotLine);
        pen.setWidthF(1.0);
        return pen;
    case ThresholdLine::Kind::Rule:
        break;
    }
    switch (line.tier.value_or(RuleTier::Target)) {
    case RuleTier::Target:
        pen.setStyle(Qt::DashLine);
        break;
    case RuleTier::AlertInfo:
    case RuleTier::AlertWarning:
    case RuleTier::AlertCritical:
        pen.setStyle(Qt::DotLine);
        pen.setWidthF(2.0); // a 1.5 px dotted line all but disappears at small sizes
        break;
    case RuleTier::DecisionPoint:
        pen.setStyle(Qt::SolidLine);
        break;
    case RuleTier::AutoRollback:
        pen.setStyle(Qt::SolidLine);
        pen.setWidthF(2.0);
        break;
    }
    return pen;
}

} // namespace ChartStyle
