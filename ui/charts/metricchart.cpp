#include "metricchart.h"

#include "chartheader.h"
#include "chartstyle.h"
#include "decimatedseriesitem.h"
#include "timeaxisitem.h"
#include "trafficchart.h"

#include "core/clock.h"
#include "metrics/samplestore.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace {

// Clock time between refreshes when no sample arrives: the window slides and samples age.
constexpr qint64 TickMs = 1000;
// Where the time axis's grid and labels go among the chart's items: over the plot area's
// background, under every series (Qt Charts' own grid is at the same place).
constexpr double TimeAxisZ = 2;
// The time axis's one category reaches this far past the window on either side, and is moved
// only when the window leaves it (see updateTimeAxis()).
constexpr qint64 TimeAxisCategoryReachMs = 24 * 3600'000;

} // namespace

MetricChart *MetricChart::create(Metric metric, SampleStore *store, Clock *clock, QWidget *parent)
{
    if (metric == Metric::TrafficShare)
        return new TrafficChart(store, clock, parent);
    return new MetricChart(metric, store, clock, parent);
}

MetricChart::MetricChart(Metric metric, SampleStore *store, Clock *clock, QWidget *parent)
    : MetricChart(metric, store, clock, Overlay::Thresholds, parent)
{
}

MetricChart::MetricChart(Metric metric, SampleStore *store, Clock *clock, Overlay overlay, QWidget *parent)
    : QWidget(parent)
    , m_metric(metric)
    , m_store(store)
    , m_clock(clock)
    , m_tick(new ClockTimer(clock, this))
    , m_refreshTimer(new QTimer(this))
    , m_header(new ChartHeader(metric, this))
    , m_chart(new QChart)
    , m_timeAxis(new QCategoryAxis)
    , m_valueAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("metricChart:") + metricKey(metric));

    m_chart->legend()->hide(); // thresholds are labelled on their lines; blue and green in the header
    m_chart->setBackgroundRoundness(0);
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setLocalizeNumbers(true);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("chartView"));
    // No antialiasing for the scene: grid, axes and threshold lines are horizontal or vertical
    // (crisper without it), and antialiased hairlines were a third of the paint in bench_charts.
    // The data lines decide for themselves (DecimatedSeriesItem); text keeps its antialiasing.
    m_view->setRenderHint(QPainter::Antialiasing, false);
    // Grid lines, labels and the data move on every refresh: a BSP index of the scene would be
    // rebuilt each time (and asks every grid line for its shape) for nothing.
    m_view->scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
    // The view fills its background with the window colour (applyPalette()); the viewport's own
    // fill underneath would paint every pixel twice.
    m_view->viewport()->setAutoFillBackground(false);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMinimumSize(120, 80);

    // The time axis maps time to x and draws its line; the round-time labels, their tick marks and
    // the vertical grid are ours (TimeAxisItem): Qt Charts lays every category label out again as
    // rich text whenever the range moves, which is every refresh. The axis keeps one category with
    // an empty label, reaching far past the window on both sides, only so that its layout keeps
    // room for a row of labels under the plot as before (an axis without categories reserves none).
    m_timeAxis->setObjectName(QStringLiteral("timeAxis"));
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_timeAxis->setGridLineVisible(false);
    m_valueAxis->setObjectName(QStringLiteral("valueAxis"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft); // the chart owns its axes and series

    // Shaded stretches without good data go in first, under every line.
    for (int c = 0; c < 2; ++c) {
        m_gapUppers[c] = new QLineSeries;
        m_gapAreas[c] = new QAreaSeries(m_gapUppers[c]);
        m_gapUppers[c]->setParent(m_gapAreas[c]);
        m_gapAreas[c]->setObjectName(c == 0 ? QStringLiteral("blueGaps") : QStringLiteral("greenGaps"));
        m_chart->addSeries(m_gapAreas[c]);
        m_gapAreas[c]->attachAxis(m_timeAxis);
        m_gapAreas[c]->attachAxis(m_valueAxis);
    }
    if (overlay == Overlay::Thresholds) {
        m_overlay = new ThresholdOverlay(m_chart, m_timeAxis, m_valueAxis, this);
        connect(m_overlay, &ThresholdOverlay::lineHovered, this, [this](int index) { showToolTip(m_thresholds.lines.at(index).description); });
    }
    // Blue and green above every series (threshold, gap and commanded lines), under the labels.
    for (int c = 0; c < 2; ++c) {
        m_series[c] = new DecimatedSeriesItem(m_chart);
        m_series[c]->setObjectName(c == 0 ? QStringLiteral("blueSeries") : QStringLiteral("greenSeries"));
        m_series[c]->setZValue(500 + c);
        connect(m_series[c], &DecimatedSeriesItem::hovered, this, [this, c](const QPointF &point, bool state) { onDataHovered(Color(c), point, state); });
    }
    m_timeAxisItem = new TimeAxisItem(m_chart);
    m_timeAxisItem->setObjectName(QStringLiteral("timeAxisLabels"));
    m_timeAxisItem->setZValue(TimeAxisZ);
    // The data lines take no hover events themselves (see DecimatedSeriesItem): watch the pointer here.
    m_view->viewport()->setMouseTracking(true);
    m_view->viewport()->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(1);
    layout->addWidget(m_header);
    layout->addWidget(m_view, 1);

    m_refreshTimer->setSingleShot(true);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh(); // otherwise stays dirty and refreshes when shown
    });
    connect(m_store, &SampleStore::samplesChanged, this, [this](SeriesKey key) {
        if (key.metric == m_metric)
            scheduleRefresh();
    });
    connect(m_store, &SampleStore::errorChanged, this, [this](SeriesKey key) {
        if (key.metric == m_metric)
            scheduleRefresh();
    });
    // Without new samples the chart still has to move: the window slides and STALE must appear.
    m_tick->setInterval(TickMs);
    connect(m_tick, &ClockTimer::timeout, this, &MetricChart::scheduleRefresh);
    m_tick->start();
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        updateSeriesMapping();
        layoutThresholdLabels();
        // A wider plot has more pixel columns to fill (a change of height alone needs no new points).
        if (plotColumns() != m_columns)
            scheduleRefresh();
    });

    rebuildThresholds();
    applyFonts();
    applyPalette();
    updateWindow();
}

MetricChart::~MetricChart() = default;

QLineSeries *MetricChart::addLineSeries(const QString &objectName)
{
    auto *series = new QLineSeries;
    series->setObjectName(objectName);
    m_chart->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
    return series;
}

void MetricChart::setRules(const QList<Rule> &rules)
{
    m_rules.clear();
    for (const Rule &rule : rules) {
        if (metricForRule(rule.metric) == m_metric)
            m_rules << rule;
    }
    rebuildThresholds();
}

void MetricChart::setNormal(std::optional<double> ms)
{
    if (ms && !(std::isfinite(*ms) && *ms > 0))
        ms.reset();
    if (ms == m_normalMs)
        return;
    m_normalMs = ms;
    rebuildThresholds();
}

void MetricChart::setDeploymentStartMs(qint64 ms)
{
    m_deploymentStartMs = ms;
    if (m_window == TimeWindow::WholeDeployment)
        scheduleRefresh();
}

void MetricChart::setTimeWindow(TimeWindow window)
{
    if (window == m_window)
        return;
    m_window = window;
    // A person's choice: redraw at once rather than after the coalescing delay.
    if (isVisible())
        refresh();
    else
        m_dirty = true;
}

void MetricChart::setCompact(bool compact)
{
    if (compact == m_compact)
        return;
    m_compact = compact;
    m_header->setCompact(compact);
    rebuildThresholds(); // the labels take their short forms
}

void MetricChart::scheduleRefresh()
{
    m_dirty = true;
    // A hidden chart (the monitoring view while the checklists are shown) only notes that it is
    // behind; showEvent() brings it up to date.
    if (!isVisible() || m_refreshTimer->isActive())
        return;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : MinRefreshIntervalMs;
    m_refreshTimer->start(int(std::max<qint64>(0, MinRefreshIntervalMs - since)));
}

void MetricChart::setMonitored(bool monitored)
{
    if (monitored == m_monitored)
        return;
    m_monitored = monitored;
    if (!m_notMonitored) {
        m_notMonitored = new QLabel(this);
        m_notMonitored->setObjectName(QStringLiteral("notMonitored"));
        m_notMonitored->setAlignment(Qt::AlignCenter);
        m_notMonitored->setWordWrap(true);
        m_notMonitored->setEnabled(false); // the dimmed text of something absent
        static_cast<QVBoxLayout *>(layout())->addWidget(m_notMonitored, 1);
    }
    m_notMonitored->setText(tr("Not monitored: the profile has no query for “%1”.").arg(ChartHeader::metricTitle(m_metric)));
    m_notMonitored->setVisible(!monitored);
    m_view->setVisible(monitored);
    if (monitored)
        scheduleRefresh();
    else
        m_header->showNotMonitored(tr("Not monitored"));
}

void MetricChart::refresh()
{
    m_refreshTimer->stop();
    m_sinceRefresh.start();
    m_dirty = false;
    ++m_refreshCount;
    if (!m_monitored) {
        Q_EMIT refreshed();
        return;
    }
    updateWindow();
    updateSeries();
    updateHeader();
    layoutThresholdLabels();
    Q_EMIT refreshed();
}

void MetricChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    else if (event->type() == QEvent::FontChange)
        applyFonts();
}

void MetricChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    scheduleRefresh();
}

void MetricChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        scheduleRefresh();
}

bool MetricChart::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseMove) {
        const QPointF pos = m_chart->mapFromScene(m_view->mapToScene(static_cast<QMouseEvent *>(event)->position().toPoint()));
        for (int c = 1; c >= 0; --c) { // green is drawn on top
            if (const std::optional<QPointF> value = m_series[c]->nearestPoint(pos, 4)) {
                m_series[c]->hoverAt(*value);
                break;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

int MetricChart::plotColumns() const
{
    const double width = m_chart->plotArea().width() > 1 ? m_chart->plotArea().width() : double(m_view->width());
    return std::max(1, int(std::ceil(width * devicePixelRatioF())));
}

void MetricChart::updateWindow()
{
    const qint64 now = m_clock->nowMs();
    std::optional<qint64> oldest;
    if (m_window == TimeWindow::WholeDeployment && m_deploymentStartMs <= 0) {
        for (Color c : {Color::Blue, Color::Green}) {
            const auto &samples = m_store->samples({m_metric, c});
            if (!samples.empty())
                oldest = std::min(oldest.value_or(samples.front().timeMs), samples.front().timeMs);
        }
    }
    m_fromMs = timeWindowStartMs(m_window, now, m_deploymentStartMs, oldest);
    m_toMs = now;
}

void MetricChart::updateSeries()
{
    const int columns = plotColumns();
    m_columns = columns;
    // A pause longer than what makes a series stale is shaded like a run of NaN.
    const qint64 maxGapMs = m_store->freshnessMs();
    for (int c = 0; c < 2; ++c)
        Decimator::decimate(m_store->samples({m_metric, Color(c)}), m_fromMs, m_toMs, columns, maxGapMs, &m_decimated[c]);

    // A series that went quiet is shaded from its last good sample up to now: the line stops there
    // and nothing says what happened since.
    const qint64 now = m_clock->nowMs();
    for (int c = 0; c < 2; ++c) {
        const SeriesKey key{m_metric, Color(c)};
        if (m_store->samples(key).empty() || m_store->isFresh(key, now))
            continue;
        const std::optional<Sample> good = m_store->lastGood(key);
        const qint64 from = std::max(m_fromMs, good ? good->timeMs : m_store->samples(key).front().timeMs);
        auto &gaps = m_decimated[c].gaps;
        if (from >= m_toMs)
            continue;
        if (!gaps.empty() && gaps.back().toMs >= from)
            gaps.back().toMs = m_toMs;
        else
            gaps.push_back({from, m_toMs});
    }

    m_scale = fitValueAxis();
    setValueTicks(m_scale.tickInterval, m_scale.labelFormat());

    // A change of axis range makes Qt Charts lay out again every point a series holds, and so
    // does replace(): empty the series first, so each is laid out once per refresh, with its new
    // points (the window moves on every refresh, so this is the common case).
    const bool rangeChanged = m_timeAxis->min() != double(m_fromMs) || m_timeAxis->max() != double(m_toMs) || m_valueAxis->min() != m_scale.min
                              || m_valueAxis->max() != m_scale.max;
    if (rangeChanged) {
        for (QLineSeries *series : m_gapUppers) {
            if (series->count() > 0)
                series->clear();
        }
    }
    // Setting even the same range lays the axis out anew (its labels are rich text): skip it.
    if (m_valueAxis->min() != m_scale.min || m_valueAxis->max() != m_scale.max)
        m_valueAxis->setRange(m_scale.min, m_scale.max);
    updateTimeAxis();

    for (int c = 0; c < 2; ++c) {
        m_points.clear();
        m_points.reserve(qsizetype(m_decimated[c].points.size()));
        for (const Sample &s : m_decimated[c].points)
            m_points.append(QPointF(double(s.timeMs), s.value));
        // A dense series draws as a min/max band, one vertical stroke per pixel column, which a
        // 1 px line fills as well as a 2 px one, and without antialiasing; 1 px is the raster
        // engine's fast path (several times cheaper than stroking a wide pen). Down to a point
        // every 4 columns the line stays 1 px, antialiased; sparser series keep the wider line.
        const bool dense = m_points.size() * 4 > m_columns;
        if (dense != m_dense[c]) {
            m_dense[c] = dense;
            m_series[c]->setPen(ChartStyle::seriesPen(Color(c), palette(), dense));
        }
        m_series[c]->setAntialiased(m_points.size() <= m_columns);
        m_series[c]->setPoints(m_points);

        // Each gap as a full-height band: up at its start, down at its end.
        m_points.clear();
        for (const SampleGap &gap : m_decimated[c].gaps) {
            m_points.append(QPointF(double(gap.fromMs), m_scale.min));
            m_points.append(QPointF(double(gap.fromMs), m_scale.max));
            m_points.append(QPointF(double(gap.toMs), m_scale.max));
            m_points.append(QPointF(double(gap.toMs), m_scale.min));
        }
        m_gapUppers[c]->replace(m_points);
    }

    updateOverlay();
    updateSeriesMapping();
}

ValueAxisScale MetricChart::fitValueAxis()
{
    m_values.clear();
    for (const Decimation &d : m_decimated) {
        for (const Sample &s : d.points) {
            if (s.timeMs < m_fromMs || s.timeMs > m_toMs)
                continue; // the edge points outside the window only steer the line to the border
            m_values.push_back(s.value);
        }
    }
    const double fallbackTop = metricUnit(m_metric) == QLatin1String("ms") ? 100 : 1;
    return ValueAxisScale::fit(m_values, m_thresholds.lines, fallbackTop, m_chart->plotArea().height(), m_compact);
}

void MetricChart::updateOverlay()
{
    if (m_overlay)
        m_overlay->updateSeries(m_fromMs, m_toMs);
}

QStringList MetricChart::notes() const
{
    QStringList notes = m_thresholds.notes;
    if (m_scale.clippedPeak > 0)
        notes << tr("Peak of %1 above the top of the chart").arg(ChartHeader::displayValue(m_scale.clippedPeak, m_metric));
    return notes;
}

void MetricChart::updateHeader()
{
    m_header->showSamples(m_store, m_clock->nowMs(), notes());
}

void MetricChart::updateSeriesMapping()
{
    for (DecimatedSeriesItem *series : m_series)
        series->setMapping(m_chart->plotArea(), m_timeAxis->min(), m_timeAxis->max(), m_valueAxis->min(), m_valueAxis->max());
    updateTimeAxisItem();
}

void MetricChart::updateTimeAxisItem()
{
    // Labels may reach into the chart's margins (the newest one is centred on the plot's right
    // edge), as far as the category axis let them: the chart less its margins.
    const QMarginsF margins = m_chart->margins().toMarginsF();
    const QRectF bounds = QRectF(QPointF(0, 0), m_chart->size()).marginsRemoved(margins);
    m_timeAxisItem->setLayout(m_chart->plotArea(), qint64(m_timeAxis->min()), qint64(m_timeAxis->max()), m_ticks, bounds.left(), bounds.right());
}

void MetricChart::setValueTicks(double interval, const QString &labelFormat)
{
    // Only what changed: QValueAxis::setLabelFormat() lays the whole chart out again even when
    // given the format it already has, which cost a layout on every refresh.
    if (m_valueAxis->tickType() != QValueAxis::TicksDynamic)
        m_valueAxis->setTickType(QValueAxis::TicksDynamic);
    if (m_valueAxis->tickAnchor() != 0)
        m_valueAxis->setTickAnchor(0);
    if (m_valueAxis->tickInterval() != interval)
        m_valueAxis->setTickInterval(interval);
    if (m_valueAxis->labelFormat() != labelFormat)
        m_valueAxis->setLabelFormat(labelFormat);
}

void MetricChart::updateTimeAxis()
{
    const double width = m_chart->plotArea().width() > 1 ? m_chart->plotArea().width() : double(m_view->width());
    m_ticks = TimeAxisItem::roundTimes(m_fromMs, m_toMs, width); // drawn by m_timeAxisItem (updateTimeAxisItem())

    // The axis's one empty category (it only keeps the room for the labels) must cover the window,
    // or Qt Charts would place its empty label and tick mark in view; far enough past it that it
    // is moved about once a day (moving it lays the chart out again).
    const QStringList categories = m_timeAxis->categoriesLabels();
    if (categories.size() != 1 || m_timeAxis->startValue() > double(m_fromMs) || m_timeAxis->endValue(categories.first()) < double(m_toMs)) {
        for (const QString &label : categories)
            m_timeAxis->remove(label);
        m_timeAxis->setStartValue(double(m_fromMs - TimeAxisCategoryReachMs));
        m_timeAxis->append(QString(), double(m_toMs + TimeAxisCategoryReachMs));
    }
    m_timeAxis->setRange(double(m_fromMs), double(m_toMs));
}

void MetricChart::rebuildThresholds()
{
    m_thresholds = m_overlay ? ThresholdLines::forMetric(m_metric, m_rules, m_normalMs) : ThresholdLines();
    if (m_overlay)
        m_overlay->setLines(m_thresholds, m_compact);
    applyFonts();
    applyPalette();
    updateHeader(); // the notes say what is not drawn
    if (isVisible())
        refresh();
    else
        m_dirty = true;
}

void MetricChart::layoutThresholdLabels()
{
    if (!m_overlay)
        return;
    m_overlay->layoutLabels(m_chart->plotArea(),
                            [this](double value) { return m_chart->mapToPosition(QPointF(double(m_fromMs), value), m_gapAreas[0]).y(); });
}

QRectF MetricChart::plotArea() const
{
    return m_chart->plotArea();
}

void MetricChart::applyFonts()
{
    const QFont base = font();
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * (m_compact ? 0.8 : 0.9));
    m_timeAxis->setLabelsFont(small); // the height of its (empty) label row still sets the plot's bottom
    m_timeAxisItem->setFont(small);
    // The newest time label is centred on the plot's right edge: leave it room to be read whole.
    m_chart->setMargins(QMargins(2, 4, QFontMetrics(small).horizontalAdvance(QStringLiteral("00:00")) / 2 + 4, 2));
    m_valueAxis->setLabelsFont(small);
    m_valueAxis->setTitleFont(small);
    m_valueAxis->setTitleVisible(!m_compact);
    m_valueAxis->setTitleText(metricUnit(m_metric));
    if (m_overlay) {
        QFont labelFont = small;
        labelFont.setPointSizeF(base.pointSizeF() * (m_compact ? 0.75 : 0.85));
        m_overlay->setLabelFont(labelFont);
    }
    layoutThresholdLabels();
}

void MetricChart::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    const QColor base = pal.color(QPalette::Base);

    // The view paints the window colour behind the chart; the chart's own background would only
    // fill the same pixels again.
    m_view->setBackgroundBrush(window);
    m_chart->setBackgroundVisible(false);
    m_chart->setPlotAreaBackgroundVisible(true);
    m_chart->setPlotAreaBackgroundBrush(base);
    // Cosmetic 1 px pens: the raster engine's fast line path. A non-cosmetic pen sends every grid
    // line through the general stroker, which cost more than the data lines in bench_charts.
    const auto hairline = [](const QColor &color) {
        QPen pen(color, 1);
        pen.setCosmetic(true);
        return pen;
    };
    m_chart->setPlotAreaBackgroundPen(hairline(ChartStyle::mix(text, base, 0.75)));
    const QColor axisText = ChartStyle::mix(text, window, 0.2);
    const QPen axisLine = hairline(ChartStyle::mix(text, window, 0.6));
    const QPen gridLine = hairline(ChartStyle::mix(text, base, 0.85));
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsBrush(axisText);
        axis->setTitleBrush(axisText);
        axis->setLinePen(axisLine);
        axis->setGridLinePen(gridLine);
    }
    m_timeAxisItem->setColors(axisText, axisLine, gridLine);

    for (int c = 0; c < 2; ++c) {
        m_series[c]->setPen(ChartStyle::seriesPen(Color(c), pal, m_dense[c]));
        QColor hatch = ChartStyle::seriesColor(Color(c), pal);
        hatch.setAlpha(110);
        m_gapAreas[c]->setPen(Qt::NoPen);
        m_gapAreas[c]->setBrush(QBrush(hatch, Qt::BDiagPattern));
    }
    if (m_overlay)
        m_overlay->applyPalette(pal);
}

void MetricChart::onDataHovered(Color color, const QPointF &point, bool state)
{
    if (!state)
        return;
    // The nearest good sample in the full-resolution series, not the decimated point under the
    // pointer: the tooltip reports what was measured.
    const auto &samples = m_store->samples({m_metric, color});
    const qint64 t = qint64(std::llround(point.x()));
    const auto it = std::lower_bound(samples.begin(), samples.end(), t, [](const Sample &s, qint64 time) { return s.timeMs < time; });
    const Sample *best = nullptr;
    for (auto right = it; right != samples.end(); ++right) {
        if (std::isfinite(right->value)) {
            best = &*right;
            break;
        }
    }
    for (auto left = it; left != samples.begin();) {
        --left;
        if (std::isfinite(left->value)) {
            if (!best || t - left->timeMs <= best->timeMs - t)
                best = &*left;
            break;
        }
    }
    if (!best)
        return;
    showToolTip(QStringLiteral("%1 · %2 · %3").arg(ChartHeader::colorName(color), ChartHeader::clockTime(best->timeMs), ChartHeader::displayValue(best->value, m_metric)));
}

void MetricChart::showToolTip(const QString &text)
{
    m_hoverText = text;
    QToolTip::showText(QCursor::pos(), text, m_view);
}
