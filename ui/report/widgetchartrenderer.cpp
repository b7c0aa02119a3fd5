#include "widgetchartrenderer.h"

#include "charts/metricchart.h"
#include "charts/trafficchart.h"
#include "core/clock.h"
#include "metrics/samplestore.h"

#include <QApplication>
#include <QCoreApplication>
#include <QEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleFactory>

#include <algorithm>
#include <array>
#include <memory>

namespace {

QColor markerColor(ChartMarker::Kind kind)
{
    switch (kind) {
    case ChartMarker::Kind::Step: return QColor(0x57, 0x60, 0x6a);
    case ChartMarker::Kind::Breach: return QColor(0xd1, 0x7a, 0x00);
    case ChartMarker::Kind::Trigger:
    case ChartMarker::Kind::Rollback: return QColor(0xcf, 0x22, 0x2e);
    case ChartMarker::Kind::Override: return QColor(0x82, 0x50, 0xdf);
    }
    return Qt::black;
}

// Vertical lines at the markers' times across the plot, each labelled in the lane above the
// chart (so no label covers a threshold's or the data); a label that would overlap the one
// before it goes in the lane's second row.
void drawMarkers(QPainter &p, const QRectF &plot, qreal laneHeight, qint64 fromMs, qint64 toMs, const QList<ChartMarker> &markers)
{
    if (toMs <= fromMs || plot.width() < 2)
        return;
    QFont font = p.font();
    font.setPixelSize(10);
    font.setBold(true);
    p.setFont(font);
    const QFontMetricsF metrics(font);
    const qreal rowHeight = laneHeight / 2;
    std::array<qreal, 2> rowEnd{-1e9, -1e9}; // where the last label of each row ends
    for (const ChartMarker &m : markers) {
        if (m.atMs < fromMs || m.atMs > toMs)
            continue;
        const qreal x = std::round(plot.left() + double(m.atMs - fromMs) / double(toMs - fromMs) * plot.width()) + 0.5;
        const QColor color = markerColor(m.kind);
        QPen pen(color, 1, m.kind == ChartMarker::Kind::Step ? Qt::DashLine : Qt::SolidLine);
        pen.setCosmetic(true);
        p.setPen(pen);
        const qreal width = metrics.horizontalAdvance(m.label) + 6;
        qreal left = std::clamp(x - width / 2, 0.0, plot.right() + 40 - width);
        // The first row where it fits; else after the row that ends first (the line still marks the time).
        size_t row = rowEnd[0] + 2 <= left ? 0 : rowEnd[1] + 2 <= left ? 1 : (rowEnd[0] <= rowEnd[1] ? 0 : 1);
        left = std::max(left, rowEnd[row] + 2);
        rowEnd[row] = left + width;
        const QRectF box(left, qreal(row) * rowHeight, width, rowHeight - 1);
        p.drawLine(QPointF(x, box.bottom()), QPointF(x, plot.bottom()));
        p.fillRect(box, Qt::white);
        p.setPen(color);
        p.drawText(box, Qt::AlignCenter, m.label);
    }
}

} // namespace

WidgetChartRenderer::WidgetChartRenderer()
{
    // Reports are printed on white: the light palette, whatever the window shows.
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    m_palette = fusion ? fusion->standardPalette() : QPalette();
}

WidgetChartRenderer::~WidgetChartRenderer() = default;

void WidgetChartRenderer::prepare(const ReportChartSpec &spec, const QHash<SeriesKey, std::vector<Sample>> &samples)
{
    m_chart.reset(); // before the store and clock it points at
    m_spec = spec;
    if (spec.size.isEmpty() || spec.toMs <= spec.fromMs)
        return;
    m_clock = std::make_unique<ManualClock>(spec.toMs);
    m_store = std::make_unique<SampleStore>();
    // The chart's header says STALE when the newest sample is older than this at the clock's
    // time; the report ends at the close, which may come a while after the last sample.
    m_store->setFreshnessMs(std::max<qint64>(10 * 60'000, (spec.toMs - spec.fromMs) / 10));
    for (Color color : {Color::Blue, Color::Green}) {
        const auto it = samples.constFind(SeriesKey{spec.metric, color});
        if (it != samples.cend())
            m_store->merge({spec.metric, color}, std::span<const Sample>(it.value().data(), it.value().size()));
    }
    if (!m_container) {
        m_container = std::make_unique<QWidget>();
        m_container->setObjectName(QStringLiteral("reportChartContainer"));
        m_container->setAttribute(Qt::WA_DontShowOnScreen);
        m_container->setPalette(m_palette);
        m_container->resize(spec.size);
        m_container->show();
    }
    m_chart.reset(MetricChart::create(spec.metric, m_store.get(), m_clock.get(), m_container.get()));
    m_chart->setPalette(m_palette);
    m_chart->setRules(spec.rules);
    m_chart->setNormal(spec.normalMs);
    m_chart->setDeploymentStartMs(spec.fromMs);
    m_chart->setTimeWindow(TimeWindow::WholeDeployment);
    if (auto *traffic = qobject_cast<TrafficChart *>(m_chart.get())) {
        QList<Sample> commanded;
        for (const auto &[at, percent] : spec.commanded)
            commanded << Sample{at, double(percent)};
        traffic->setCommanded(commanded);
    }
    m_chart->setGeometry(QRect(QPoint(0, 0), spec.size));
    m_chart->show(); // inside the container, which is not on screen: lays the widgets out
    // Qt Charts lays its scene out on posted events; only those, so nothing else runs from here.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    m_chart->refresh();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    m_chart->refresh(); // once more: the first layout may have changed the plot's width
}

QImage WidgetChartRenderer::draw()
{
    if (!m_chart)
        return {};
    const ReportChartSpec &spec = m_spec;
    // The chart under a lane for the markers' labels.
    const int lane = spec.markers.isEmpty() ? 0 : MarkerLane;
    QImage image(QSize(spec.size.width(), spec.size.height() + lane) * PixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(PixelRatio);
    image.fill(m_palette.color(QPalette::Window));
    {
        QPainter painter(&image);
        painter.translate(0, lane);
        m_chart->render(&painter);
        QRectF plot = m_chart->plotArea();
        if (const QWidget *view = m_chart->findChild<QWidget *>(QStringLiteral("chartView")))
            plot.translate(view->mapTo(m_chart.get(), QPoint(0, 0)));
        painter.translate(0, -lane);
        drawMarkers(painter, plot.translated(0, lane), lane, m_chart->windowFromMs(), m_chart->windowToMs(), spec.markers);
    }
    m_chart.reset();
    m_store.reset();
    m_clock.reset();
    return image;
}
