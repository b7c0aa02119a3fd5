#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsObject>
#include <QList>
#include <QPen>
#include <QRectF>
#include <QStaticText>

// The time axis's round-time labels, their tick marks and the vertical grid, drawn by us on the
// chart in place of Qt Charts' category axis labels and grid. Qt Charts lays every category label
// out again as rich text (QGraphicsTextItem::setHtml) whenever the axis range moves, which is every
// refresh of a live chart, and that was most of what a refresh of an idle chart cost
// (bench_charts). Here a label's text is laid out once, when its time first comes into the window
// (a QStaticText kept while the time stays in it); a refresh only moves the x positions, and paint
// is a few drawLine() and drawStaticText() calls.
//
// Placement follows what the category axis did (AxisLabelsPositionOnValue): a grid line at each
// round time and at both edges of the plot, a tick mark below the plot at its left edge and at each
// round time, each label centred under its tick (a label whose left end would leave `labelBounds`
// is not drawn).
class TimeAxisItem : public QGraphicsObject
{
    Q_OBJECT
public:
    // Space between the plot's bottom edge and the top of a label; also the tick marks' length.
    static constexpr double LabelPadding = 4;
    // Where a label's text starts inside its box, as in Qt Charts' label documents.
    static constexpr double TextInset = 1;

    struct Label {
        qint64 timeMs = 0;
        QString text;
        double x = 0;        // the tick, in the parent's coordinates
        QRectF rect;         // where the text is drawn, in the parent's coordinates
        bool visible = true; // false when it would stick out of labelBounds
    };

    explicit TimeAxisItem(QGraphicsItem *parent = nullptr);

    void setFont(const QFont &font);
    void setColors(const QColor &labelColor, const QPen &tickPen, const QPen &gridPen);
    // Where the plot is (parent coordinates), the time range it spans, the round times to mark
    // (ascending, inside the range) and how far left and right labels may reach.
    void setLayout(const QRectF &plotArea, qint64 fromMs, qint64 toMs, const QList<qint64> &ticksMs, double labelLeft, double labelRight);

    // What is drawn, for tests.
    const QList<Label> &labels() const { return m_labels; }
    QRectF plotArea() const { return m_plot; }

    // "14:35" for a time, in local time.
    static QString labelText(qint64 timeMs);
    // The round local times to label between `fromMs` and `toMs` on a plot `widthPx` wide: every
    // 1, 2, 5, 10, 15, 30 min, 1 h, ..., as many as fit at LabelSpacing each, rather than fixed
    // fractions of the window, so the grid scrolls with the data instead of relabelling itself.
    static QList<qint64> roundTimes(qint64 fromMs, qint64 toMs, double widthPx);
    // Space a time label ("14:35") needs on the axis, with room around it.
    static constexpr double LabelSpacing = 70;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct Text {
        qint64 timeMs = 0;
        QString text;
        QStaticText staticText;
        double width = 0;
    };
    void relayout();

    QFont m_font;
    double m_textHeight = 0;
    QColor m_labelColor;
    QPen m_tickPen;
    QPen m_gridPen;
    QRectF m_plot;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QList<qint64> m_ticks;
    double m_labelLeft = 0;
    double m_labelRight = 0;
    QList<Text> m_texts; // per round time in the window: laid out once, reused while it stays
    QList<Label> m_labels;
    QRectF m_bounds; // boundingRect(): the plot, the tick marks and the labels drawn
};
