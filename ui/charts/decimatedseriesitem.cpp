#include "decimatedseriesitem.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

DecimatedSeriesItem::DecimatedSeriesItem(QGraphicsItem *parent)
    : QGraphicsObject(parent)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void DecimatedSeriesItem::setPoints(QList<QPointF> points)
{
    m_points = std::move(points);
    m_mapped = false;
    update();
}

void DecimatedSeriesItem::setMapping(const QRectF &plotArea, double xMin, double xMax, double yMin, double yMax)
{
    if (plotArea == m_plot && xMin == m_xMin && xMax == m_xMax && yMin == m_yMin && yMax == m_yMax)
        return;
    if (plotArea != m_plot)
        prepareGeometryChange();
    m_plot = plotArea;
    m_xMin = xMin;
    m_xMax = xMax;
    m_yMin = yMin;
    m_yMax = yMax;
    m_mapped = false;
    update();
}

void DecimatedSeriesItem::setPen(const QPen &pen)
{
    if (pen == m_pen)
        return;
    m_pen = pen;
    update();
}

void DecimatedSeriesItem::setAntialiased(bool antialiased)
{
    if (antialiased == m_antialiased)
        return;
    m_antialiased = antialiased;
    update();
}

QPointF DecimatedSeriesItem::toPixel(const QPointF &value) const
{
    const double dx = m_xMax - m_xMin;
    const double dy = m_yMax - m_yMin;
    return {m_plot.left() + (dx > 0 ? (value.x() - m_xMin) / dx * m_plot.width() : 0),
            m_plot.bottom() - (dy > 0 ? (value.y() - m_yMin) / dy * m_plot.height() : 0)};
}

void DecimatedSeriesItem::ensureMapped() const
{
    if (m_mapped)
        return;
    m_pixels.resize(m_points.size());
    for (qsizetype i = 0; i < m_points.size(); ++i)
        m_pixels[i] = toPixel(m_points.at(i));
    m_mapped = true;
}

std::optional<QPointF> DecimatedSeriesItem::nearestPoint(const QPointF &pos, double tolerancePx) const
{
    if (!isVisible() || m_points.isEmpty() || !m_plot.adjusted(-tolerancePx, -tolerancePx, tolerancePx, tolerancePx).contains(pos))
        return std::nullopt;
    ensureMapped();
    // Segments whose x range comes within the tolerance of the pointer.
    const auto first = std::lower_bound(m_pixels.cbegin(), m_pixels.cend(), pos.x() - tolerancePx, [](const QPointF &p, double x) { return p.x() < x; });
    qsizetype i = std::max<qsizetype>(0, (first - m_pixels.cbegin()) - 1);
    double best = tolerancePx * tolerancePx;
    std::optional<QPointF> found;
    for (; i < m_pixels.size() && m_pixels.at(i).x() <= pos.x() + tolerancePx; ++i) {
        const QPointF a = m_pixels.at(i);
        const QPointF b = i + 1 < m_pixels.size() ? m_pixels.at(i + 1) : a;
        const QPointF ab = b - a;
        const double length2 = QPointF::dotProduct(ab, ab);
        const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(pos - a, ab) / length2, 0.0, 1.0) : 0.0;
        const QPointF d = a + t * ab - pos;
        const double distance2 = QPointF::dotProduct(d, d);
        if (distance2 <= best) {
            best = distance2;
            // In values: the pointer's time, on the line's value there (as QXYSeries reports it).
            const QPointF onLine = a + t * ab;
            const double x = m_xMin + (onLine.x() - m_plot.left()) / m_plot.width() * (m_xMax - m_xMin);
            const double y = m_yMin + (m_plot.bottom() - onLine.y()) / m_plot.height() * (m_yMax - m_yMin);
            found = QPointF(x, y);
        }
    }
    return found;
}

QRectF DecimatedSeriesItem::boundingRect() const
{
    const double margin = std::max(1.0, m_pen.widthF());
    return m_plot.adjusted(-margin, -margin, margin, margin);
}

QPainterPath DecimatedSeriesItem::shape() const
{
    return {}; // never under the pointer: see the class comment
}

void DecimatedSeriesItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_points.isEmpty() || m_plot.isEmpty())
        return;
    ensureMapped();
    painter->save();
    painter->setClipRect(m_plot);
    painter->setRenderHint(QPainter::Antialiasing, m_antialiased);
    painter->setPen(m_pen);
    painter->setBrush(Qt::NoBrush);
    if (m_pen.isCosmetic() && m_pen.widthF() <= 1) {
        painter->drawPolyline(m_pixels.constData(), int(m_pixels.size()));
    } else {
        for (qsizetype i = 1; i < m_pixels.size(); ++i)
            painter->drawLine(m_pixels.at(i - 1), m_pixels.at(i));
    }
    painter->restore();
}
