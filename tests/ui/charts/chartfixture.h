#pragma once
// What the chart tests share: finding a chart's parts (its view, data lines, series, time axis
// labels, header labels) and a shown chart of one metric at a known size on a ManualClock.
#include "chartitems.h"

#include "charts/chartstyle.h"
#include "charts/decimatedseriesitem.h"
#include "charts/metricchart.h"
#include "charts/metricspanel.h"
#include "charts/timeaxisitem.h"
#include "charts/trafficchart.h"
#include "charts/monitoringview.h"

#include "core/clock.h"
#include "metrics/samplestore.h"
#include "runbook/runbookloader.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLabel>
#include <QGraphicsObject>
#include <QLineSeries>
#include <QRandomGenerator>
#include <QTest>
#include <QValueAxis>

#include <cmath>
#include <limits>
#include <map>
#include <memory>

inline constexpr qint64 Minute = 60'000;

inline QChartView *viewOf(MetricChart *chart)
{
    return chart->findChild<QChartView *>(QStringLiteral("chartView"));
}

// The time axis's labels, tick marks and vertical grid: our own item on the chart.
inline TimeAxisItem *timeAxisItem(MetricChart *chart)
{
    for (QGraphicsItem *item : viewOf(chart)->chart()->childItems()) {
        if (QGraphicsObject *object = item->toGraphicsObject(); object && object->objectName() == QLatin1String("timeAxisLabels"))
            return qobject_cast<TimeAxisItem *>(object);
    }
    return nullptr;
}

inline QStringList labelTexts(const TimeAxisItem *axis)
{
    QStringList texts;
    for (const TimeAxisItem::Label &l : axis->labels())
        texts << l.text;
    return texts;
}

// Milliseconds since the epoch of a local time on a fixed day.
inline qint64 localMs(int h, int m, int s = 0)
{
    return QDateTime(QDate(2027, 3, 10), QTime(h, m, s)).toMSecsSinceEpoch();
}

template<typename T = QLineSeries>
inline T *seriesOf(MetricChart *chart, const QString &name)
{
    for (QAbstractSeries *s : viewOf(chart)->chart()->series()) {
        if (s->objectName() == name)
            return qobject_cast<T *>(s);
    }
    return nullptr;
}

inline QStringList thresholdSeriesNames(MetricChart *chart)
{
    QStringList names;
    for (QAbstractSeries *s : viewOf(chart)->chart()->series()) {
        if (s->objectName().startsWith(QLatin1String("threshold:")))
            names << s->objectName();
    }
    names.sort();
    return names;
}

inline QLabel *label(QWidget *w, const char *name)
{
    return w->findChild<QLabel *>(QLatin1String(name));
}

// A shown chart of `metric`, laid out at a known size.
struct Fixture {
    SampleStore store;
    ManualClock clock;
    std::unique_ptr<MetricChart> chart;

    explicit Fixture(Metric metric, QSize size = QSize(640, 320))
    {
        chart.reset(MetricChart::create(metric, &store, &clock));
        chart->resize(size);
        chart->show();
        if (!QTest::qWaitForWindowExposed(chart.get()))
            qWarning("chart not exposed");
        chart->refresh();
    }
    qint64 now() const { return clock.nowMs(); }
};

