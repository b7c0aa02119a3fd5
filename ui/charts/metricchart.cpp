#include "metricchart.h"

#include "chartstyle.h"
#include "decimatedseriesitem.h"
#include "timeaxisitem.h"

#include "core/clock.h"
#include "metrics/samplestore.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTime>
#include <QEvent>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// Clock time between refreshes when no sample arrives: the window slides and samples age.
constexpr qint64 TickMs = 1000;
// Space a time label ("14:35") needs on the axis, with room around it.
constexpr double TimeLabelSpacingPx = 70;
// Where the time axis's grid and labels go among the chart's items: over the plot area's
// background, under every series (Qt Charts' own grid is at the same place).
constexpr double TimeAxisZ = 2;
// The time axis's one category reaches this far past the window on either side, and is moved
// only when the window leaves it (see updateTimeAxis()).
constexpr qint64 TimeAxisCategoryReachMs = 24 * 3600'000;

QString colorName(Color color)
{
    return color == Color::Blue ? MetricChart::tr("Blue") : MetricChart::tr("Green");
}

// A current value as the header and tooltips show it: enough digits to tell 0.05 % from 0.5 %,
// no false precision on large numbers.
QString displayValue(double value, Metric metric)
{
    if (!std::isfinite(value))
        return MetricChart::tr("no value");
    const double a = std::abs(value);
    const bool ms = metricUnit(metric) == QLatin1String("ms");
    const int decimals = ms ? (a < 10 ? 1 : 0) : (a < 1 ? 2 : a < 10 ? 1 : 0);
    return QString::number(value, 'f', decimals) + QLatin1Char(' ') + metricUnit(metric);
}

QString clockTime(qint64 ms, bool seconds = true)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(seconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

QString age(qint64 ms)
{
    if (ms < 90'000)
        return MetricChart::tr("%1 s").arg(std::max<qint64>(0, ms / 1000));
    return MetricChart::tr("%1 min").arg(ms / 60'000);
}

// A tick step of 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
double niceStep(double raw)
{
    if (!(raw > 0) || !std::isfinite(raw))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * magnitude >= raw * (1 - 1e-9))
            return m * magnitude;
    }
    return 10 * magnitude;
}

int decimalsFor(double step)
{
    for (int d = 0; d < 4; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6)
            return d;
    }
    return 4;
}

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

MetricChart::MetricChart(Metric metric, SampleStore *store, Clock *clock, QWidget *parent)
    : QWidget(parent)
    , m_metric(metric)
    , m_store(store)
    , m_clock(clock)
    , m_tick(new ClockTimer(clock, this))
    , m_refreshTimer(new QTimer(this))
    , m_title(new QLabel(this))
    , m_valueLabels{new QLabel(this), new QLabel(this)}
    , m_commandedLabel(new QLabel(this))
    , m_lastGood(new QLabel(this))
    , m_staleBadge(new QLabel(tr("STALE"), this))
    , m_errorText(new QLabel(this))
    , m_noteText(new QLabel(this))
    , m_chart(new QChart)
    , m_timeAxis(new QCategoryAxis)
    , m_valueAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("metricChart:") + metricKey(metric));
    m_title->setObjectName(QStringLiteral("chartTitle"));
    m_valueLabels[0]->setObjectName(QStringLiteral("blueValue"));
    m_valueLabels[1]->setObjectName(QStringLiteral("greenValue"));
    m_commandedLabel->setObjectName(QStringLiteral("commandedValue"));
    m_commandedLabel->setVisible(isTraffic());
    m_lastGood->setObjectName(QStringLiteral("lastGood"));
    m_staleBadge->setObjectName(QStringLiteral("staleBadge"));
    // A fixed red with white text: the badge must stand out the same in light and dark palettes.
    m_staleBadge->setStyleSheet(QStringLiteral("QLabel { background: #c92a2a; color: white; font-weight: bold; padding: 0px 5px; border-radius: 3px; }"));
    m_staleBadge->hide();
    m_errorText->setObjectName(QStringLiteral("errorText"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorText->hide();
    m_noteText->setObjectName(QStringLiteral("noteText"));
    m_noteText->setWordWrap(true);
    m_noteText->hide();
    for (QLabel *label : {m_title, m_valueLabels[0], m_valueLabels[1]})
        label->setTextFormat(Qt::RichText);

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
    if (isTraffic()) {
        m_commandedSeries[0] = addLineSeries(QStringLiteral("commandedBlue"));
        m_commandedSeries[1] = addLineSeries(QStringLiteral("commandedGreen"));
    } else {
        for (int i = 0; i < ThresholdPoolSize; ++i)
            m_thresholdSeries << addThresholdSeries();
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

    auto *topRow = new QHBoxLayout;
    topRow->setContentsMargins(4, 0, 4, 0);
    topRow->addWidget(m_title);
    topRow->addStretch(1);
    topRow->addWidget(m_staleBadge);
    auto *valueRow = new QHBoxLayout;
    valueRow->setContentsMargins(4, 0, 4, 0);
    valueRow->setSpacing(12);
    valueRow->addWidget(m_valueLabels[0]);
    valueRow->addWidget(m_valueLabels[1]);
    valueRow->addWidget(m_commandedLabel);
    valueRow->addStretch(1);
    valueRow->addWidget(m_lastGood);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(1);
    layout->addLayout(topRow);
    layout->addLayout(valueRow);
    layout->addWidget(m_errorText);
    layout->addWidget(m_noteText);
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

QLineSeries *MetricChart::addThresholdSeries()
{
    const int index = int(m_thresholdSeries.size());
    QLineSeries *series = addLineSeries(QString());
    series->setVisible(false);
    connect(series, &QLineSeries::hovered, this, [this, index](const QPointF &, bool state) { onThresholdHovered(index, state); });
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

void MetricChart::setCommanded(const QList<Sample> &greenPercent)
{
    m_commanded = greenPercent;
    std::stable_sort(m_commanded.begin(), m_commanded.end(), [](const Sample &a, const Sample &b) { return a.timeMs < b.timeMs; });
    scheduleRefresh();
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
    rebuildThresholds(); // the labels take their short forms
    updateHeader();
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

void MetricChart::refresh()
{
    m_refreshTimer->stop();
    m_sinceRefresh.start();
    m_dirty = false;
    ++m_refreshCount;
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
    const qint64 duration = timeWindowDurationMs(m_window);
    if (duration > 0) {
        m_fromMs = now - duration;
    } else {
        qint64 start = m_deploymentStartMs > 0 ? m_deploymentStartMs : now;
        if (m_deploymentStartMs <= 0) {
            for (Color c : {Color::Blue, Color::Green}) {
                const auto &samples = m_store->samples({m_metric, c});
                if (!samples.empty())
                    start = std::min(start, samples.front().timeMs);
            }
        }
        // At least a minute, so a deployment that just began is not drawn as a sliver.
        m_fromMs = std::min(start, now - 60'000);
    }
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

    updateValueAxis();

    // A change of axis range makes Qt Charts lay out again every point a series holds, and so
    // does replace(): empty the series first, so each is laid out once per refresh, with its new
    // points (the window moves on every refresh, so this is the common case).
    const bool rangeChanged = m_timeAxis->min() != double(m_fromMs) || m_timeAxis->max() != double(m_toMs) || m_valueAxis->min() != m_valueMin
                              || m_valueAxis->max() != m_valueMax;
    if (rangeChanged) {
        for (QLineSeries *series : {m_gapUppers[0], m_gapUppers[1], m_commandedSeries[0], m_commandedSeries[1]}) {
            if (series && series->count() > 0)
                series->clear();
        }
    }
    // Setting even the same range lays the axis out anew (its labels are rich text): skip it.
    if (m_valueAxis->min() != m_valueMin || m_valueAxis->max() != m_valueMax)
        m_valueAxis->setRange(m_valueMin, m_valueMax);
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
            m_points.append(QPointF(double(gap.fromMs), m_valueMin));
            m_points.append(QPointF(double(gap.fromMs), m_valueMax));
            m_points.append(QPointF(double(gap.toMs), m_valueMax));
            m_points.append(QPointF(double(gap.toMs), m_valueMin));
        }
        m_gapUppers[c]->replace(m_points);
    }

    for (qsizetype i = 0; i < m_thresholds.lines.size(); ++i) {
        const double v = m_thresholds.lines.at(i).value;
        m_thresholdSeries.at(i)->replace(QList<QPointF>{QPointF(double(m_fromMs), v), QPointF(double(m_toMs), v)});
    }
    updateCommanded();
    updateSeriesMapping();
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

void MetricChart::updateValueAxis()
{
    m_clippedPeak = 0;
    if (isTraffic()) {
        m_valueMin = 0;
        m_valueMax = 100;
        setValueTicks(m_compact ? 50 : 25, QStringLiteral("%.0f"));
        return;
    }

    m_values.clear();
    double dataMax = -std::numeric_limits<double>::infinity();
    double dataMin = std::numeric_limits<double>::infinity();
    for (const Decimation &d : m_decimated) {
        for (const Sample &s : d.points) {
            if (s.timeMs < m_fromMs || s.timeMs > m_toMs)
                continue; // the edge points outside the window only steer the line to the border
            m_values.push_back(s.value);
            dataMax = std::max(dataMax, s.value);
            dataMin = std::min(dataMin, s.value);
        }
    }

    // The range: from zero (all these metrics are rates or durations; a zero base keeps ratios
    // honest) up to whichever is higher of the lines that decide a rollback and the data. The data
    // counts by its 99th percentile: one timed-out request at 30 s must not flatten a 200 ms line
    // and its 400 ms rollback threshold into the bottom pixel. Values above the top are drawn
    // clipped at the edge, and the note under the header says how high the peak went.
    double reach = 0;
    for (const ThresholdLine &line : m_thresholds.lines) {
        if (line.mustShow)
            reach = std::max(reach, line.value);
    }
    double top = reach;
    if (!m_values.empty()) {
        const auto nth = m_values.begin() + std::ptrdiff_t(double(m_values.size() - 1) * 0.99);
        std::nth_element(m_values.begin(), nth, m_values.end());
        const double robust = std::max(reach, *nth);
        if (robust <= 0 || dataMax <= robust * 1.5) {
            top = std::max(top, dataMax);
        } else {
            top = std::max(top, robust);
            m_clippedPeak = dataMax;
        }
    }
    // Lesser thresholds just above the data are worth the little extra height; far ones are not.
    for (const ThresholdLine &line : m_thresholds.lines) {
        if (!line.mustShow && line.value > top && line.value <= top * 1.25)
            top = line.value;
    }
    if (!(top > 0))
        top = metricUnit(m_metric) == QLatin1String("ms") ? 100 : 1;
    top *= 1.08; // room for the label above the highest line
    double bottom = dataMin < 0 && std::isfinite(dataMin) ? dataMin * 1.08 : 0;

    // Ticks on round values anchored at zero, but the top where the data and thresholds need it:
    // rounding the top up to the next tick can waste half a small chart's height.
    const int targetTicks = std::clamp(int(m_chart->plotArea().height() / (m_compact ? 28 : 40)), 2, m_compact ? 4 : 6);
    const double step = niceStep((top - bottom) / targetTicks);
    bottom = std::floor(bottom / step + 1e-9) * step;
    m_valueMin = bottom;
    m_valueMax = top;
    if (m_clippedPeak <= top)
        m_clippedPeak = 0;
    setValueTicks(step, QStringLiteral("%.%1f").arg(decimalsFor(step)));
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
    // Ticks on round local times (every 1, 2, 5, 10, 15, 30 min, 1 h, ...) rather than at fixed
    // fractions of the window, so the grid scrolls with the data instead of relabelling itself
    // every second.
    static constexpr int Minutes[] = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440};
    const double width = m_chart->plotArea().width() > 1 ? m_chart->plotArea().width() : double(m_view->width());
    const qint64 maxLabels = std::max<qint64>(2, qint64(width / TimeLabelSpacingPx));
    const qint64 span = m_toMs - m_fromMs;
    qint64 step = qint64(Minutes[std::size(Minutes) - 1]) * 60'000;
    for (int m : Minutes) {
        if (span / (qint64(m) * 60'000) <= maxLabels) {
            step = qint64(m) * 60'000;
            break;
        }
    }
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(m_fromMs).offsetFromUtc()) * 1000;
    QList<qint64> ticks;
    for (qint64 t = ((m_fromMs + offset) / step + 1) * step - offset; t <= m_toMs; t += step)
        ticks << t;

    m_ticks = ticks; // drawn by m_timeAxisItem (updateTimeAxisItem())

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

void MetricChart::updateCommanded()
{
    if (!isTraffic())
        return;
    // A step line: the commanded share holds until the next command.
    m_points.clear();
    double current = std::numeric_limits<double>::quiet_NaN();
    for (const Sample &s : std::as_const(m_commanded)) {
        if (s.timeMs > m_fromMs)
            break;
        current = s.value;
    }
    if (std::isfinite(current))
        m_points.append(QPointF(double(m_fromMs), current));
    for (const Sample &s : std::as_const(m_commanded)) {
        if (s.timeMs <= m_fromMs || s.timeMs > m_toMs)
            continue;
        if (std::isfinite(current))
            m_points.append(QPointF(double(s.timeMs), current));
        m_points.append(QPointF(double(s.timeMs), s.value));
        current = s.value;
    }
    if (std::isfinite(current))
        m_points.append(QPointF(double(m_toMs), current));
    m_commandedSeries[1]->replace(m_points);
    for (QPointF &p : m_points)
        p.setY(100.0 - p.y());
    m_commandedSeries[0]->replace(m_points);

    double now = std::numeric_limits<double>::quiet_NaN();
    for (const Sample &s : std::as_const(m_commanded)) {
        if (s.timeMs <= m_toMs)
            now = s.value;
    }
    m_commandedLabel->setText(std::isfinite(now) ? tr("commanded: green %1").arg(displayValue(now, m_metric)) : QString());
    m_commandedLabel->setToolTip(tr("The share of traffic the controller was told to send to green (dashed lines)"));
}

void MetricChart::updateHeader()
{
    const qint64 now = m_clock->nowMs();
    const QPalette pal = palette();
    QStringList staleDetails;
    QStringList lastGoodParts;
    QStringList errors;
    bool stale = false;
    qint64 newestGood = -1;
    for (int c = 0; c < 2; ++c) {
        const Color color = Color(c);
        const SeriesKey key{m_metric, color};
        const std::optional<Sample> latest = m_store->latest(key);
        const std::optional<Sample> good = m_store->lastGood(key);
        const QString error = m_store->error(key);
        const bool known = latest.has_value() || !error.isEmpty();
        const bool fresh = m_store->isFresh(key, now);
        const QString value = latest ? displayValue(latest->value, m_metric) : QStringLiteral("–");
        const QString swatch = ChartStyle::seriesColor(color, pal).name();
        m_valueLabels[c]->setText(QStringLiteral("<span style=\"color:%1\">&#9632;</span> %2 <b>%3</b>").arg(swatch, m_compact ? QString() : colorName(color), value.toHtmlEscaped()));
        m_valueLabels[c]->setEnabled(fresh || !known); // greyed: it is not the current value
        if (good)
            newestGood = std::max(newestGood, good->timeMs);
        if (known && !fresh) {
            stale = true;
            staleDetails << (good ? tr("%1: last good sample at %2, %3 ago").arg(colorName(color), clockTime(good->timeMs), age(now - good->timeMs))
                                  : tr("%1: no good sample yet").arg(colorName(color)));
            lastGoodParts << (good ? tr("%1 %2").arg(colorName(color).toLower(), clockTime(good->timeMs)) : tr("%1 none").arg(colorName(color).toLower()));
        }
        if (!error.isEmpty())
            errors << tr("%1: %2").arg(colorName(color), error);
    }
    m_staleBadge->setVisible(stale);
    m_staleBadge->setToolTip(tr("No good sample within %1 s:\n%2").arg(m_store->freshnessMs() / 1000).arg(staleDetails.join(QLatin1Char('\n'))));
    if (stale)
        m_lastGood->setText(tr("last good: %1").arg(lastGoodParts.join(QStringLiteral(", "))));
    else
        m_lastGood->setText(newestGood >= 0 ? tr("at %1").arg(clockTime(newestGood)) : QString());
    m_lastGood->setToolTip(tr("Time of the newest good sample"));

    const QString errorText = errors.join(QLatin1Char('\n'));
    if (m_errorText->text() != errorText)
        m_errorText->setText(errorText);
    m_errorText->setVisible(!errorText.isEmpty());

    QStringList notes = m_thresholds.notes;
    if (m_clippedPeak > 0)
        notes << tr("Peak of %1 above the top of the chart").arg(displayValue(m_clippedPeak, m_metric));
    const QString noteText = notes.join(QLatin1Char('\n'));
    if (m_noteText->text() != noteText)
        m_noteText->setText(noteText);
    m_noteText->setVisible(!noteText.isEmpty());
}

void MetricChart::rebuildThresholds()
{
    m_thresholds = isTraffic() ? ThresholdLines() : ThresholdLines::forMetric(m_metric, m_rules, m_normalMs);

    for (const LabelItem &label : std::as_const(m_labels))
        delete label.box;
    m_labels.clear();

    // Series are reused, never removed: Qt Charts deletes a removed series' drawing later, and
    // until then it goes on painting its old points. Beyond the pool made before the data lines
    // (so they draw under blue and green), extra lines are added above them.
    while (m_thresholdSeries.size() < m_thresholds.lines.size())
        m_thresholdSeries << addThresholdSeries();
    for (qsizetype i = 0; i < m_thresholdSeries.size(); ++i) {
        QLineSeries *series = m_thresholdSeries.at(i);
        const bool used = i < m_thresholds.lines.size();
        series->setObjectName(used ? QStringLiteral("threshold:") + m_thresholds.lines.at(i).id : QString());
        series->setName(used ? m_thresholds.lines.at(i).label : QString());
        series->setVisible(used);
        if (!used && series->count() > 0)
            series->clear();
    }

    // One label per distinct value: "critical > 1 % · consider rollback > 1 %".
    QList<qsizetype> order;
    for (qsizetype i = 0; i < m_thresholds.lines.size(); ++i)
        order << i;
    std::stable_sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) { return m_thresholds.lines.at(a).value < m_thresholds.lines.at(b).value; });
    for (qsizetype k = 0; k < order.size();) {
        const double value = m_thresholds.lines.at(order.at(k)).value;
        QStringList texts;
        qsizetype strongest = order.at(k);
        for (; k < order.size() && std::abs(m_thresholds.lines.at(order.at(k)).value - value) <= 1e-9 * std::max(1.0, std::abs(value)); ++k) {
            const ThresholdLine &line = m_thresholds.lines.at(order.at(k));
            texts << (m_compact ? line.shortLabel : line.label);
            if (severity(line) > severity(m_thresholds.lines.at(strongest)))
                strongest = order.at(k);
        }
        LabelItem item;
        item.value = value;
        item.box = new QGraphicsRectItem(m_chart);
        item.box->setPen(Qt::NoPen);
        item.box->setZValue(1000); // above every series
        item.box->setData(0, strongest);
        item.text = new QGraphicsSimpleTextItem(texts.join(QStringLiteral(" · ")), item.box);
        item.box->setToolTip(item.text->text());
        m_labels << item;
    }
    applyFonts();
    applyPalette();
    if (isVisible())
        refresh();
    else
        m_dirty = true;
}

void MetricChart::layoutThresholdLabels()
{
    const QRectF plot = m_chart->plotArea();
    if (plot.width() < 2 || m_labels.isEmpty())
        return;
    struct Placement {
        LabelItem *item;
        double y;
    };
    QList<Placement> visible;
    for (LabelItem &label : m_labels) {
        const double y = m_chart->mapToPosition(QPointF(double(m_fromMs), label.value), m_gapAreas[0]).y();
        const bool inside = y >= plot.top() - 0.5 && y <= plot.bottom() + 0.5;
        label.box->setVisible(inside);
        if (inside)
            visible << Placement{&label, y};
    }
    // Labels sit at the left end of their lines, over the oldest data, leaving the newest values
    // at the right uncovered. The most severe go first, each just above its line, else just below
    // it, else beside a label already placed; a label with no free place is left out (its line
    // still explains itself on hover) rather than drawn over another one.
    std::stable_sort(visible.begin(), visible.end(), [this](const Placement &a, const Placement &b) {
        return severity(m_thresholds.lines.at(a.item->box->data(0).toInt())) > severity(m_thresholds.lines.at(b.item->box->data(0).toInt()));
    });
    const double rightLimit = plot.left() + plot.width() * 0.7;
    QList<QRectF> placed;
    const auto fits = [&](const QRectF &r) {
        if (r.top() < plot.top() - 0.5 || r.bottom() > plot.bottom() + 0.5 || r.right() > rightLimit)
            return false;
        return std::none_of(placed.cbegin(), placed.cend(), [&r](const QRectF &p) { return p.adjusted(-3, 0, 3, 0).intersects(r); });
    };
    for (const Placement &p : std::as_const(visible)) {
        const QRectF textRect = p.item->text->boundingRect();
        const QSizeF size(textRect.width() + 6, textRect.height());
        QList<QRectF> candidates;
        for (double top : {p.y - 1 - size.height(), p.y + 1}) {
            candidates << QRectF(QPointF(plot.left() + 4, top), size);
            for (const QRectF &other : std::as_const(placed))
                candidates << QRectF(QPointF(other.right() + 8, top), size);
        }
        const auto chosen = std::find_if(candidates.cbegin(), candidates.cend(), fits);
        if (chosen == candidates.cend()) {
            p.item->box->setVisible(false);
            continue;
        }
        p.item->box->setRect(QRectF(QPointF(0, 0), size));
        p.item->text->setPos(3, 0);
        p.item->box->setPos(chosen->topLeft());
        placed << *chosen;
    }
}

void MetricChart::applyFonts()
{
    QFont base = font();
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * (m_compact ? 0.8 : 0.9));
    QFont title = base;
    title.setBold(true);
    if (m_compact)
        title.setPointSizeF(base.pointSizeF() * 0.95);
    m_title->setFont(title);
    for (QLabel *label : {m_valueLabels[0], m_valueLabels[1], m_commandedLabel})
        label->setFont(m_compact ? small : base);
    for (QLabel *label : {m_lastGood, m_errorText, m_noteText, m_staleBadge})
        label->setFont(small);
    m_timeAxis->setLabelsFont(small); // the height of its (empty) label row still sets the plot's bottom
    m_timeAxisItem->setFont(small);
    // The newest time label is centred on the plot's right edge: leave it room to be read whole.
    m_chart->setMargins(QMargins(2, 4, QFontMetrics(small).horizontalAdvance(QStringLiteral("00:00")) / 2 + 4, 2));
    m_valueAxis->setLabelsFont(small);
    m_valueAxis->setTitleFont(small);
    m_valueAxis->setTitleVisible(!m_compact);
    m_valueAxis->setTitleText(metricUnit(m_metric));
    QFont labelFont = small;
    labelFont.setPointSizeF(base.pointSizeF() * (m_compact ? 0.75 : 0.85));
    for (const LabelItem &label : std::as_const(m_labels))
        label.text->setFont(labelFont);
    layoutThresholdLabels();
}

void MetricChart::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    const QColor base = pal.color(QPalette::Base);
    const QColor dim = ChartStyle::mix(text, window, 0.4);

    m_title->setText(QStringLiteral("%1 <span style=\"color:%2; font-weight:normal\">%3</span>")
                         .arg(metricDisplayName(m_metric).toHtmlEscaped(), dim.name(), metricUnit(m_metric).toHtmlEscaped()));
    QPalette dimPalette = pal;
    dimPalette.setColor(QPalette::WindowText, dim);
    m_lastGood->setPalette(dimPalette);
    m_commandedLabel->setPalette(dimPalette);
    m_noteText->setPalette(dimPalette);
    QPalette errorPalette = pal;
    errorPalette.setColor(QPalette::WindowText, ChartStyle::isDark(pal) ? QColor(0xff, 0x87, 0x87) : QColor(0xc9, 0x2a, 0x2a));
    m_errorText->setPalette(errorPalette);

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
        if (m_commandedSeries[c])
            m_commandedSeries[c]->setPen(ChartStyle::commandedPen(Color(c), pal));
    }
    for (qsizetype i = 0; i < m_thresholds.lines.size(); ++i)
        m_thresholdSeries.at(i)->setPen(ChartStyle::thresholdPen(m_thresholds.lines.at(i), pal));
    QColor labelBackground = base;
    labelBackground.setAlpha(200); // the line under a label stays faintly visible
    for (const LabelItem &label : std::as_const(m_labels)) {
        label.box->setBrush(labelBackground);
        const ThresholdLine &line = m_thresholds.lines.at(label.box->data(0).toInt());
        label.text->setBrush(ChartStyle::thresholdColor(line, pal));
    }
    updateHeader();
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
    showToolTip(QStringLiteral("%1 · %2 · %3").arg(colorName(color), clockTime(best->timeMs), displayValue(best->value, m_metric)));
}

void MetricChart::onThresholdHovered(int index, bool state)
{
    if (!state || index >= m_thresholds.lines.size())
        return;
    showToolTip(m_thresholds.lines.at(index).description);
}

void MetricChart::showToolTip(const QString &text)
{
    m_hoverText = text;
    QToolTip::showText(QCursor::pos(), text, m_view);
}
