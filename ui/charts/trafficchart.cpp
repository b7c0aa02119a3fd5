#include "trafficchart.h"

#include "chartheader.h"
#include "chartstyle.h"

#include <QLabel>
#include <QLineSeries>

#include <algorithm>
#include <cmath>
#include <limits>

TrafficChart::TrafficChart(SampleStore *store, Clock *clock, QWidget *parent)
    : MetricChart(Metric::TrafficShare, store, clock, Overlay::None, parent)
    , m_commandedLabel(new QLabel(this))
{
    m_commandedSeries[0] = addLineSeries(QStringLiteral("commandedBlue"));
    m_commandedSeries[1] = addLineSeries(QStringLiteral("commandedGreen"));
    m_commandedLabel->setObjectName(QStringLiteral("commandedValue"));
    m_commandedLabel->setToolTip(tr("The share of traffic the controller was told to send to green (dashed lines)"));
    header()->addValueLabel(m_commandedLabel);
    applyPalette();
}

void TrafficChart::setCommanded(const QList<Sample> &greenPercent)
{
    m_commanded = greenPercent;
    std::stable_sort(m_commanded.begin(), m_commanded.end(), [](const Sample &a, const Sample &b) { return a.timeMs < b.timeMs; });
    scheduleRefresh();
}

ValueAxisScale TrafficChart::fitValueAxis()
{
    return ValueAxisScale::fixed(0, 100, isCompact() ? 50 : 25);
}

QStringList TrafficChart::notes() const
{
    return {};
}

void TrafficChart::updateOverlay()
{
    const qint64 from = windowFromMs();
    const qint64 to = windowToMs();
    // A step line: the commanded share holds until the next command.
    m_points.clear();
    double current = std::numeric_limits<double>::quiet_NaN();
    for (const Sample &s : std::as_const(m_commanded)) {
        if (s.timeMs > from)
            break;
        current = s.value;
    }
    if (std::isfinite(current))
        m_points.append(QPointF(double(from), current));
    for (const Sample &s : std::as_const(m_commanded)) {
        if (s.timeMs <= from || s.timeMs > to)
            continue;
        if (std::isfinite(current))
            m_points.append(QPointF(double(s.timeMs), current));
        m_points.append(QPointF(double(s.timeMs), s.value));
        current = s.value;
    }
    if (std::isfinite(current))
        m_points.append(QPointF(double(to), current));
    m_commandedSeries[1]->replace(m_points);
    for (QPointF &p : m_points)
        p.setY(100.0 - p.y());
    m_commandedSeries[0]->replace(m_points);

    double now = std::numeric_limits<double>::quiet_NaN();
    for (const Sample &s : std::as_const(m_commanded)) {
        if (s.timeMs <= to)
            now = s.value;
    }
    m_commandedLabel->setText(std::isfinite(now) ? tr("commanded: green %1").arg(ChartHeader::displayValue(now, chartMetric())) : QString());
}

void TrafficChart::applyPalette()
{
    MetricChart::applyPalette();
    for (int c = 0; c < 2; ++c) {
        if (m_commandedSeries[c])
            m_commandedSeries[c]->setPen(ChartStyle::commandedPen(Color(c), palette()));
    }
}
