#include "thresholdoverlay.h"

#include "chartstyle.h"
#include "thresholdlabellayout.h"

#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace {

int severity(const ThresholdLine &line)
{
    if (line.kind != ThresholdLine::Kind::Rule || !line.tier)
        return -1;
    switch (*line.tier) {
    case RuleTier::Target: return 0;
    case RuleTier::AlertInfo: return 1;
    case RuleTier::AlertWarning: return 2;
    case RuleTier::AlertCritical: return 3;
    case RuleTier::DecisionPoint: return 4;
    case RuleTier::AutoRollback: return 5;
    }
    return -1;
}

} // namespace

ThresholdOverlay::ThresholdOverlay(QChart *chart, QAbstractAxis *timeAxis, QAbstractAxis *valueAxis, QObject *parent)
    : QObject(parent)
    , m_chart(chart)
    , m_timeAxis(timeAxis)
    , m_valueAxis(valueAxis)
{
    for (int i = 0; i < PoolSize; ++i)
        m_series << addSeries();
}

ThresholdOverlay::~ThresholdOverlay() = default; // the chart owns the series and the label items

QLineSeries *ThresholdOverlay::addSeries()
{
    const int index = int(m_series.size());
    auto *series = new QLineSeries;
    m_chart->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
    series->setVisible(false);
    connect(series, &QLineSeries::hovered, this, [this, index](const QPointF &, bool state) {
        if (state && index < m_lines.lines.size())
            Q_EMIT lineHovered(index);
    });
    return series;
}

void ThresholdOverlay::setLines(const ThresholdLines &lines, bool compact)
{
    m_lines = lines;
    for (const LabelItem &label : std::as_const(m_labels))
        delete label.box;
    m_labels.clear();

    // Beyond the pool made before the data lines (so they draw under blue and green), extra lines
    // are added above them.
    while (m_series.size() < m_lines.lines.size())
        m_series << addSeries();
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        QLineSeries *series = m_series.at(i);
        const bool used = i < m_lines.lines.size();
        series->setObjectName(used ? QStringLiteral("threshold:") + m_lines.lines.at(i).id : QString());
        series->setName(used ? m_lines.lines.at(i).label : QString());
        series->setVisible(used);
        if (!used && series->count() > 0)
            series->clear();
    }

    // One label per distinct value: "critical > 1 % · consider rollback > 1 %".
    QList<qsizetype> order;
    for (qsizetype i = 0; i < m_lines.lines.size(); ++i)
        order << i;
    std::stable_sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) { return m_lines.lines.at(a).value < m_lines.lines.at(b).value; });
    for (qsizetype k = 0; k < order.size();) {
        const double value = m_lines.lines.at(order.at(k)).value;
        QStringList texts;
        qsizetype strongest = order.at(k);
        for (; k < order.size() && std::abs(m_lines.lines.at(order.at(k)).value - value) <= 1e-9 * std::max(1.0, std::abs(value)); ++k) {
            const ThresholdLine &line = m_lines.lines.at(order.at(k));
            texts << (compact ? line.shortLabel : line.label);
            if (severity(line) > severity(m_lines.lines.at(strongest)))
                strongest = order.at(k);
        }
        LabelItem item;
        item.value = value;
        item.strongest = int(strongest);
        item.fullText = texts.join(ThresholdLabelLayout::Separator);
        item.box = new QGraphicsRectItem(m_chart);
        item.box->setPen(Qt::NoPen);
        item.box->setZValue(1000); // above every series
        item.box->setVisible(false);
        item.text = new QGraphicsSimpleTextItem(item.fullText, item.box);
        item.text->setPos(ThresholdLabelLayout::Padding, 0);
        item.box->setToolTip(item.fullText);
        m_labels << item;
    }
}

void ThresholdOverlay::updateSeries(qint64 fromMs, qint64 toMs)
{
    for (qsizetype i = 0; i < m_lines.lines.size(); ++i) {
        const double v = m_lines.lines.at(i).value;
        m_series.at(i)->replace(QList<QPointF>{QPointF(double(fromMs), v), QPointF(double(toMs), v)});
    }
}

void ThresholdOverlay::setLabelFont(const QFont &font)
{
    for (const LabelItem &label : std::as_const(m_labels))
        label.text->setFont(font);
    measureLabels();
}

void ThresholdOverlay::measureLabels()
{
    // Widths of the labels' own texts as drawn; other texts (joined, elided) are measured when
    // the layout makes them.
    m_textHeight = 0;
    for (LabelItem &label : m_labels) {
        if (label.text->text() != label.fullText)
            label.text->setText(label.fullText);
        const QRectF r = label.text->boundingRect();
        label.width = r.width();
        m_textHeight = std::max(m_textHeight, r.height());
    }
}

void ThresholdOverlay::layoutLabels(const QRectF &plot, const std::function<double(double)> &yOf)
{
    if (plot.width() < 2 || m_labels.isEmpty())
        return;
    if (m_textHeight <= 0)
        measureLabels();
    QList<ThresholdLabelLayout::Label> input;
    input.reserve(m_labels.size());
    for (const LabelItem &label : std::as_const(m_labels))
        input.append({label.fullText, yOf(label.value), severity(m_lines.lines.at(label.strongest)), label.width});
    const QFontMetricsF metrics(m_labels.first().text->font());
    const auto measure = [&metrics](const QString &text) { return std::ceil(metrics.horizontalAdvance(text)); };
    const QList<ThresholdLabelLayout::Placed> placed = ThresholdLabelLayout::place(plot, input, m_textHeight, measure);

    QList<const ThresholdLabelLayout::Placed *> byLabel(m_labels.size(), nullptr);
    for (const ThresholdLabelLayout::Placed &p : placed)
        byLabel[p.labels.first()] = &p;
    for (qsizetype i = 0; i < m_labels.size(); ++i) {
        const LabelItem &label = m_labels.at(i);
        const ThresholdLabelLayout::Placed *p = byLabel.at(i);
        label.box->setVisible(p);
        if (!p)
            continue;
        if (label.text->text() != p->text)
            label.text->setText(p->text);
        if (label.box->toolTip() != p->fullText)
            label.box->setToolTip(p->fullText);
        label.box->setRect(QRectF(QPointF(0, 0), p->rect.size()));
        label.box->setPos(p->rect.topLeft());
    }
}

void ThresholdOverlay::applyPalette(const QPalette &palette)
{
    for (qsizetype i = 0; i < m_lines.lines.size(); ++i)
        m_series.at(i)->setPen(ChartStyle::thresholdPen(m_lines.lines.at(i), palette));
    QColor background = palette.color(QPalette::Base);
    background.setAlpha(200); // the line under a label stays faintly visible
    for (const LabelItem &label : std::as_const(m_labels)) {
        label.box->setBrush(background);
        label.text->setBrush(ChartStyle::thresholdColor(m_lines.lines.at(label.strongest), palette));
    }
}

QList<ThresholdOverlay::Label> ThresholdOverlay::labels() const
{
    QList<Label> list;
    for (const LabelItem &label : m_labels)
        list.append({label.text->text(), label.box->toolTip(), QRectF(label.box->pos(), label.box->rect().size()), label.box->isVisible()});
    return list;
}
