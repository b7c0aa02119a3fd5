#pragma once

#include "thresholdlines.h"

#include <QList>
#include <QObject>
#include <QRectF>

#include <functional>

class QFont;
class QPalette;
QT_FORWARD_DECLARE_CLASS(QAbstractAxis)
QT_FORWARD_DECLARE_CLASS(QChart)
QT_FORWARD_DECLARE_CLASS(QGraphicsRectItem)
QT_FORWARD_DECLARE_CLASS(QGraphicsSimpleTextItem)
QT_FORWARD_DECLARE_CLASS(QLineSeries)

// A metric chart's threshold lines (ThresholdLines: the runbook's rules, "normal" and its
// multiples) with their labels. One line series per line, from a pool made up front and reused,
// never removed: Qt Charts deletes a removed series' drawing later and until then it goes on
// painting its old points. One label per distinct value ("critical > 1 % · consider rollback >
// 1 %"), in the colour of its most severe line, placed by ThresholdLabelLayout.
class ThresholdOverlay : public QObject
{
    Q_OBJECT
public:
    // Lines made up front, under the data lines: the reference runbook needs up to 7.
    static constexpr int PoolSize = 10;

    // A label as drawn, in the chart's coordinates: for tests.
    struct Label {
        QString text;    // as drawn, elided or joined
        QString toolTip; // every line it stands for, whole
        QRectF rect;     // its box
        bool visible = false;
    };

    ThresholdOverlay(QChart *chart, QAbstractAxis *timeAxis, QAbstractAxis *valueAxis, QObject *parent = nullptr);
    ~ThresholdOverlay() override;

    // The lines to draw; `compact` labels them in their short forms.
    void setLines(const ThresholdLines &lines, bool compact);
    const ThresholdLines &lines() const { return m_lines; }
    // Each line across the window (a change of range lays the series out again anyway).
    void updateSeries(qint64 fromMs, qint64 toMs);
    // Places the labels over `plot`; `yOf` maps a value to y in the chart's coordinates.
    void layoutLabels(const QRectF &plot, const std::function<double(double)> &yOf);
    void applyPalette(const QPalette &palette);
    void setLabelFont(const QFont &font);
    QList<Label> labels() const;

Q_SIGNALS:
    // The pointer is over line `index` of lines().lines (its description is the tooltip).
    void lineHovered(int index);

private:
    struct LabelItem {
        QGraphicsRectItem *box = nullptr;
        QGraphicsSimpleTextItem *text = nullptr;
        QString fullText;  // every line's label at this value, joined
        double width = 0;  // of fullText as drawn
        double value = 0;
        int strongest = 0; // the most severe line at this value, an index into m_lines.lines
    };
    QLineSeries *addSeries();
    void measureLabels();

    QChart *m_chart;
    QAbstractAxis *m_timeAxis;
    QAbstractAxis *m_valueAxis;
    ThresholdLines m_lines;
    QList<QLineSeries *> m_series;
    QList<LabelItem> m_labels;
    double m_textHeight = 0;
};
