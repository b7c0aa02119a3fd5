#pragma once

#include <QColor>
#include <QString>

class QPalette;

// The colours the window gives status text (passed, locked, sending, secondary), made readable
// on whatever background the palette has: the light default, the dark scheme, or a desktop's
// high-contrast scheme. Each role has its hue; its lightness is moved away from the background
// until the text reaches 4.5:1 (WCAG AA for normal text).
namespace StatusColor {

enum class Role {
    Good,    // done, open, verified (green)
    Bad,     // locked, failed, differs (red)
    Warning, // waiting, unverified, simulated (orange)
    Muted,   // secondary detail (between the text and the background)
};

QColor color(Role role, const QPalette &palette);
// "<span style="color:#rrggbb">html</span>" in the role's colour for the palette's window.
QString span(Role role, const QPalette &palette, const QString &html);

// WCAG 2 contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b);
// `wanted` made lighter or darker, keeping its hue, until it reaches `minimum` on `background`.
QColor readableOn(const QColor &wanted, const QColor &background, double minimum = 4.5);

} // namespace StatusColor
