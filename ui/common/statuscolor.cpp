#include "statuscolor.h"

#include "charts/chartstyle.h"

#include <QPalette>

#include <algorithm>
#include <cmath>

namespace StatusColor {

namespace {
double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
} // namespace

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor &wanted, const QColor &background, double minimum)
{
    if (contrast(wanted, background) >= minimum)
        return wanted;
    // Towards black on a light background, towards white on a dark one: the first step that
    // reads is the colour closest to the one wanted.
    const QColor end = luminance(background) > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
    for (int step = 1; step <= 20; ++step) {
        const QColor c = ChartStyle::mix(wanted, end, step / 20.0);
        if (contrast(c, background) >= minimum)
            return c;
    }
    return end;
}

QColor color(Role role, const QPalette &palette)
{
    const QColor background = palette.color(QPalette::Window);
    switch (role) {
    case Role::Good:
        return readableOn(QColor(0x2e, 0x7d, 0x32), background);
    case Role::Bad:
        return readableOn(QColor(0xc6, 0x28, 0x28), background);
    case Role::Warning:
        return readableOn(QColor(0xb3, 0x5c, 0x00), background);
    case Role::Muted:
        return readableOn(ChartStyle::mix(palette.color(QPalette::WindowText), background, 0.4), background);
    }
    return palette.color(QPalette::WindowText);
}

QString span(Role role, const QPalette &palette, const QString &html)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color(role, palette).name(), html);
}

} // namespace StatusColor
