#include "metricspanel.h"

#include "chartstyle.h"
#include "metricchart.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

MetricsPanel::MetricsPanel(SampleStore *store, Clock *clock, const QList<Rule> &rules, qint64 deploymentStartMs, QWidget *parent)
    : MetricChartGroup(store, clock, rules, deploymentStartMs,
                       {Metric::TrafficShare, Metric::ErrorRate, Metric::ResponseTime, Metric::DbErrorRate, Metric::DbQueryTime, Metric::ResourceUtilization},
                       true, parent)
    , m_key(new QLabel(this))
{
    setObjectName(QStringLiteral("metricsPanel"));
    auto *title = new QLabel(tr("Metrics"), this);
    title->setObjectName(QStringLiteral("metricsPanelTitle"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);

    // The column scrolls rather than squeezing six charts below readability on a short screen.
    auto *column = new QWidget;
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(6);
    for (MetricChart *chart : charts()) {
        chart->setMinimumHeight(150);
        columnLayout->addWidget(chart, 1);
    }
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("metricsPanelScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(column);

    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(timeWindowCombo());
    // The small charts drop the colour names from their headers; this says them once.
    m_key->setObjectName(QStringLiteral("metricsPanelKey"));
    m_key->setTextFormat(Qt::RichText);
    m_key->setWordWrap(true); // a longer translation takes a second line instead of being cut
    QFont small = m_key->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_key->setFont(small);
    updateKey();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_key);
    layout->addWidget(scroll, 1);
    setMinimumWidth(300);
}

void MetricsPanel::changeEvent(QEvent *event)
{
    MetricChartGroup::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateKey();
}

void MetricsPanel::updateKey()
{
    const QPalette pal = palette();
    m_key->setText(tr("<span style=\"color:%1\">&#9632;</span> blue &nbsp; <span style=\"color:%2\">&#9632;</span> green &nbsp; "
                      "hatched: no data &nbsp; dashed: commanded traffic")
                       .arg(ChartStyle::seriesColor(Color::Blue, pal).name(), ChartStyle::seriesColor(Color::Green, pal).name()));
}
