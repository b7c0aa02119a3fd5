#include "monitoringview.h"

#include "metricchart.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

MonitoringView::MonitoringView(SampleStore *store, Clock *clock, const QList<Rule> &rules, qint64 deploymentStartMs, QWidget *parent)
    : MetricChartGroup(store, clock, rules, deploymentStartMs,
                       {Metric::TrafficShare, Metric::ErrorRate, Metric::ResponseTime, Metric::DbErrorRate, Metric::DbQueryTime, Metric::ResourceUtilization,
                        Metric::PageLoadTime},
                       false, parent)
{
    setObjectName(QStringLiteral("monitoringView"));
    auto *title = new QLabel(tr("Monitoring"), this);
    title->setObjectName(QStringLiteral("monitoringViewTitle"));
    QFont big = title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    title->setFont(big);
    auto *windowLabel = new QLabel(tr("&Time window:"), this);
    windowLabel->setBuddy(timeWindowCombo());

    auto *grid = new QGridLayout;
    grid->setSpacing(10);
    // Row by row: what changes (traffic), then the gate's metrics in pairs that are read together.
    const Metric order[] = {Metric::ErrorRate, Metric::ResponseTime, Metric::DbErrorRate, Metric::DbQueryTime, Metric::ResourceUtilization, Metric::PageLoadTime};
    grid->addWidget(chart(Metric::TrafficShare), 0, 0, 1, 2);
    for (int i = 0; i < int(std::size(order)); ++i)
        grid->addWidget(chart(order[i]), 1 + i / 2, i % 2);
    // Four rows of charts fit a 1280x800 screen.
    for (MetricChart *chart : charts())
        chart->setMinimumSize(320, 170);
    for (int row = 0; row < grid->rowCount(); ++row)
        grid->setRowStretch(row, 1);

    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(windowLabel);
    top->addWidget(timeWindowCombo());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(top);
    layout->addLayout(grid, 1);
}
