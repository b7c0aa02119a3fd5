#include "timeaxisitem.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTransform>

#include <algorithm>
#include <cmath>
#include <iterator>

TimeAxisItem::TimeAxisItem(QGraphicsItem *parent)
    : QGraphicsObject(parent)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

QList<qint64> TimeAxisItem::roundTimes(qint64 fromMs, qint64 toMs, double widthPx)
{
    static constexpr int Minutes[] = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440};
    const qint64 maxLabels = std::max<qint64>(2, qint64(widthPx / LabelSpacing));
    const qint64 span = toMs - fromMs;
    qint64 step = qint64(Minutes[std::size(Minutes) - 1]) * 60'000;
    for (int m : Minutes) {
        if (span / (qint64(m) * 60'000) <= maxLabels) {
            step = qint64(m) * 60'000;
            break;
        }
    }
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(fromMs).offsetFromUtc()) * 1000;
    QList<qint64> ticks;
    for (qint64 t = ((fromMs + offset) / step + 1) * step - offset; t <= toMs; t += step)
        ticks << t;
    return ticks;
}

QString TimeAxisItem::labelText(qint64 timeMs)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs).toString(QStringLiteral("HH:mm"));
}

void TimeAxisItem::setFont(const QFont &font)
{
    if (font == m_font && m_textHeight > 0)
        return;
    m_font = font;
    m_textHeight = QFontMetricsF(font).height();
    m_texts.clear(); // laid out again in the new font
    relayout();
}

void TimeAxisItem::setColors(const QColor &labelColor, const QPen &tickPen, const QPen &gridPen)
{
    m_labelColor = labelColor;
    m_tickPen = tickPen;
    m_gridPen = gridPen;
    update();
}

void TimeAxisItem::setLayout(const QRectF &plotArea, qint64 fromMs, qint64 toMs, const QList<qint64> &ticksMs, double labelLeft, double labelRight)
{
    if (plotArea == m_plot && fromMs == m_fromMs && toMs == m_toMs && ticksMs == m_ticks && labelLeft == m_labelLeft && labelRight == m_labelRight)
        return;
    m_plot = plotArea;
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_ticks = ticksMs;
    m_labelLeft = labelLeft;
    m_labelRight = labelRight;
    relayout();
}

void TimeAxisItem::relayout()
{
    // Texts: kept for the round times still in the window, made for the new ones (the window
    // slides by a second per refresh, so this is nearly always nothing).
    QList<Text> texts;
    texts.reserve(m_ticks.size());
    qsizetype reuse = 0;
    for (qint64 t : std::as_const(m_ticks)) {
        while (reuse < m_texts.size() && m_texts.at(reuse).timeMs < t)
            ++reuse;
        if (reuse < m_texts.size() && m_texts.at(reuse).timeMs == t) {
            texts << m_texts.at(reuse);
            continue;
        }
        Text text;
        text.timeMs = t;
        text.text = labelText(t);
        text.staticText.setText(text.text);
        text.staticText.setTextFormat(Qt::PlainText);
        text.staticText.prepare(QTransform(), m_font);
        text.width = text.staticText.size().width(); // the laid-out width, as a text document has it
        texts << text;
    }
    m_texts = std::move(texts);

    // Positions as Qt Charts' category axis had them: the label's text document (the text with
    // 1 px around it: its 0.5 px document margin lays the text out 1 px in) centred on its tick
    // and snapped to whole pixels, LabelPadding below the plot. Checked glyph for glyph against
    // the category axis's labels (chartshots).
    m_labels.clear();
    // What paint() may touch: the plot (grid), the tick marks, and every label drawn, which may
    // reach past the plot's sides and, centred on the right edge, past the label bounds.
    QRectF bounds = m_plot.isEmpty() ? QRectF() : m_plot.adjusted(-1, -1, 1, LabelPadding + 1);
    const double span = double(m_toMs - m_fromMs);
    for (const Text &text : std::as_const(m_texts)) {
        Label label;
        label.timeMs = text.timeMs;
        label.text = text.text;
        label.x = span > 0 ? m_plot.left() + double(text.timeMs - m_fromMs) / span * m_plot.width() : m_plot.left();
        const double boxWidth = text.width + 2 * TextInset;
        const QPointF box = QPointF(label.x - boxWidth / 2, m_plot.bottom() + LabelPadding).toPoint();
        label.rect = QRectF(box + QPointF(TextInset, TextInset), QSizeF(text.width, m_textHeight));
        label.visible = box.x() >= m_labelLeft - 1 && box.x() - 1 <= m_labelRight;
        if (label.visible && !bounds.isNull())
            bounds |= label.rect.adjusted(-1, -1, 1, 1);
        m_labels << label;
    }
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    update();
}

QRectF TimeAxisItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath TimeAxisItem::shape() const
{
    return {}; // takes no mouse or hover events: the series and threshold lines keep theirs
}

void TimeAxisItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_plot.isEmpty())
        return;
    const double top = m_plot.top();
    const double bottom = m_plot.bottom();
    painter->setRenderHint(QPainter::Antialiasing, false);

    // Vertical 1 px lines. The raster engine strokes a cosmetic line pixel by pixel; filling the
    // pixel column it would cover (column floor(x), rows floor(y1) to floor(y2) when the painter
    // only moves by whole pixels, checked against drawLine()) gives the same pixels at a fraction
    // of the cost. Any other transform (a scaled high-DPI painter) keeps drawLine().
    const QTransform &transform = painter->transform();
    const bool wholePixels = transform.type() <= QTransform::TxTranslate && transform.dx() == std::floor(transform.dx())
                             && transform.dy() == std::floor(transform.dy());
    const auto vline = [painter, wholePixels](const QPen &pen, double x, double y1, double y2) {
        if (wholePixels) {
            const int column = int(std::floor(x));
            painter->fillRect(QRect(QPoint(column, int(std::floor(y1))), QPoint(column, int(std::floor(y2)))), pen.color());
        } else {
            painter->setPen(pen);
            painter->drawLine(QLineF(x, y1, x, y2));
        }
    };

    // The grid: both edges of the plot and each round time inside it.
    vline(m_gridPen, m_plot.left(), top, bottom);
    for (const Label &label : std::as_const(m_labels)) {
        if (label.x >= m_plot.left() && label.x <= m_plot.right())
            vline(m_gridPen, label.x, top, bottom);
    }
    vline(m_gridPen, m_plot.right(), top, bottom);

    // Tick marks under the axis line, at the plot's left edge and each round time.
    vline(m_tickPen, m_plot.left(), bottom, bottom + LabelPadding);
    for (const Label &label : std::as_const(m_labels)) {
        if (label.x >= m_plot.left() && label.x <= m_plot.right())
            vline(m_tickPen, label.x, bottom, bottom + LabelPadding);
    }

    painter->setPen(m_labelColor);
    painter->setFont(m_font);
    for (qsizetype i = 0; i < m_labels.size(); ++i) {
        if (m_labels.at(i).visible)
            painter->drawStaticText(m_labels.at(i).rect.topLeft(), m_texts.at(i).staticText);
    }
}
