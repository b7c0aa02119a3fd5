#pragma once

#include "metricchart.h"

#include <array>

class QLabel;

// The traffic share's chart: blue's and green's observed share from 0 to 100 %, and the share
// the controller was commanded to send, as dashed step lines (the journaled commands,
// TrafficState::commandHistory) with the current one in the header. No thresholds.
class TrafficChart : public MetricChart
{
    Q_OBJECT
public:
    TrafficChart(SampleStore *store, Clock *clock, QWidget *parent = nullptr);

    // The commanded share of green, in percent, over time (blue is 100 - green).
    void setCommanded(const QList<Sample> &greenPercent);

protected:
    ValueAxisScale fitValueAxis() override; // 0 to 100 %
    void updateOverlay() override;          // the commanded step lines and header value
    QStringList notes() const override;
    void applyPalette() override;

private:
    QList<Sample> m_commanded;
    std::array<QLineSeries *, 2> m_commandedSeries{}; // blue, green
    QLabel *m_commandedLabel;
    QList<QPointF> m_points;
};
