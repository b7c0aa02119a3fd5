#pragma once
// Finding the chart's own graphics items in tests, by the object names production code gives them.
#include "charts/decimatedseriesitem.h"
#include "charts/metricchart.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsObject>

// The blue and green lines: our own items on the chart, not Qt Charts series.
inline DecimatedSeriesItem *dataLine(MetricChart *chart, const QString &name)
{
    const auto *view = chart ? chart->findChild<QChartView *>(QStringLiteral("chartView")) : nullptr;
    if (!view)
        return nullptr;
    for (QGraphicsItem *item : view->chart()->childItems()) {
        if (QGraphicsObject *object = item->toGraphicsObject(); object && object->objectName() == name)
            return qobject_cast<DecimatedSeriesItem *>(object);
    }
    return nullptr;
}
