#pragma once

#include "metrics/metric.h"
#include "thresholdlines.h"

#include <QColor>
#include <QPen>

class QPalette;

// Colours and pens of the charts, chosen per palette so they read on light and dark backgrounds.
namespace ChartStyle {
bool isDark(const QPalette &palette);
// Clearly blue and clearly green, whatever the palette.
QColor seriesColor(Color color, const QPalette &palette);
// `dense`: more points than pixel columns, drawn 1 px wide (the raster engine's fast path).
QPen seriesPen(Color color, const QPalette &palette, bool dense = false);
// Commanded traffic: a thinner, dashed version of the series colour.
QPen commandedPen(Color color, const QPalette &palette);
// Per tier: target green-ish dashed; info/warning/critical alerts yellow/orange/red dotted;
// decision point orange solid; automatic rollback red solid; normal and its multiples grey.
QColor thresholdColor(const ThresholdLine &line, const QPalette &palette);
QPen thresholdPen(const ThresholdLine &line, const QPalette &palette);
// `a` blended towards `b` by `t` (0..1).
QColor mix(const QColor &a, const QColor &b, double t);
}
