#include "colorscheme.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QProxyStyle>
#include <QStyleOption>
#include <QStyle>
#include <QStyleFactory>

namespace ColorScheme {

namespace {
// Fusion outlines check boxes with a darker shade of the window colour, which vanishes on a dark
// base: draw a border halfway between the text and the base colour over it.
class DarkFusionStyle : public QProxyStyle
{
public:
    DarkFusionStyle()
        : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
    {
    }
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        if (element != PE_IndicatorCheckBox)
            return;
        const QColor text = option->palette.color(QPalette::Text);
        const QColor base = option->palette.color(QPalette::Base);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(QColor::fromRgbF((text.redF() + base.redF()) / 2, (text.greenF() + base.greenF()) / 2, (text.blueF() + base.blueF()) / 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(option->rect).adjusted(0.5, 0.5, -1.5, -1.5));
        painter->restore();
    }
};

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2a, 0x2e, 0x32);
    const QColor base(0x1b, 0x1e, 0x20);
    const QColor text(0xfc, 0xfc, 0xfc);
    const QColor disabled(0x8a, 0x8f, 0x94);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x76, 0xb8)); // 4.7:1 under the highlighted text
    p.setColor(QPalette::HighlightedText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    p.setColor(QPalette::Mid, QColor(0x40, 0x45, 0x4a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x1a, 0x1c));
    p.setColor(QPalette::Light, QColor(0x50, 0x56, 0x5c));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}
} // namespace

void apply(QApplication *app, AppSettings::ColorScheme scheme)
{
    // The desktop's own look (its style and palette: light, dark or high contrast), taken
    // before this function changes anything: "Follow the system" returns to it.
    static const QString systemStyle = app->style()->name();
    static const QPalette systemPalette = app->palette();
    static bool changed = false;
    switch (scheme) {
    case AppSettings::ColorScheme::Dark:
        app->setStyle(new DarkFusionStyle);
        app->setPalette(darkPalette());
        changed = true;
        break;
    case AppSettings::ColorScheme::Light:
        app->setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        app->setPalette(app->style()->standardPalette());
        changed = true;
        break;
    case AppSettings::ColorScheme::System:
        // Untouched, the application keeps following the desktop when its scheme changes.
        if (!changed)
            break;
        app->setStyle(QStyleFactory::create(systemStyle));
        app->setPalette(systemPalette);
        break;
    }
}

AppSettings::ColorScheme fromString(const QString &name)
{
    if (name == QLatin1String("dark"))
        return AppSettings::ColorScheme::Dark;
    if (name == QLatin1String("light"))
        return AppSettings::ColorScheme::Light;
    return AppSettings::ColorScheme::System;
}

} // namespace ColorScheme
