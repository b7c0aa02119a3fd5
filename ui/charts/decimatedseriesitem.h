#pragma once

#include <QGraphicsObject>
#include <QList>
#include <QPen>
#include <QPointF>
#include <QRectF>

#include <optional>

// One decimated data line (blue or green) drawn straight onto the chart's plot area, in place of a
// QLineSeries. Qt Charts' line series strokes its whole path into a hit-test shape on every
// replace() and axis change, and paints point by point; for the ~2 points per pixel column a
// decimated series holds, that was most of a refresh (bench_charts). This item maps the points
// to pixels once per change and draws them with a 1 px cosmetic pen in one drawPolyline() (the
// raster engine's fast path), without antialiasing for a dense series (more points than pixel
// columns: a min/max band of vertical strokes, which looks the same without it). A wide pen is
// for sparse series only and is drawn segment by segment: as one polyline, a wide antialiased
// stroke of a long zigzag is filled as a single self-overlapping polygon, seconds per frame.
//
// It takes no mouse or hover events itself (its shape is empty, so the threshold lines under it
// keep theirs); the chart asks nearestPoint() on mouse moves and calls hoverAt().
class DecimatedSeriesItem : public QGraphicsObject
{
    Q_OBJECT
public:
    explicit DecimatedSeriesItem(QGraphicsItem *parent = nullptr);

    // The points in chart values (x: ms since the epoch, y: the metric), sorted by x.
    void setPoints(QList<QPointF> points);
    const QList<QPointF> &points() const { return m_points; }
    qsizetype count() const { return m_points.size(); }

    // Where values land: the plot area in the parent's coordinates and the axes' ranges.
    void setMapping(const QRectF &plotArea, double xMin, double xMax, double yMin, double yMax);
    void setPen(const QPen &pen);
    // Off for a dense series: a band of vertical 1 px strokes gains nothing from antialiasing.
    void setAntialiased(bool antialiased);
    bool isAntialiased() const { return m_antialiased; }

    // The drawn point nearest to `pos` (parent coordinates) if the line passes within
    // `tolerancePx` of it, in chart values.
    std::optional<QPointF> nearestPoint(const QPointF &pos, double tolerancePx) const;
    // Emits hovered() as QXYSeries does, with the position in chart values.
    void hoverAt(const QPointF &value) { Q_EMIT hovered(value, true); }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

Q_SIGNALS:
    void hovered(const QPointF &point, bool state);

private:
    void ensureMapped() const;
    QPointF toPixel(const QPointF &value) const;

    QList<QPointF> m_points;
    mutable QList<QPointF> m_pixels; // m_points mapped to the plot area, made when needed
    mutable bool m_mapped = false;
    QRectF m_plot;
    double m_xMin = 0, m_xMax = 1, m_yMin = 0, m_yMax = 1;
    QPen m_pen;
    bool m_antialiased = true;
};
