#pragma once

#include "demoscenario.h"
#include "traffichistory.h"

#include "core/result.h"

#include <QObject>

class Clock;

// The demo environment's state: the balancer weights and their history under one
// scenario. Every series value is a function of the clock time and that history, so
// the live value, a range query and a scrape of the same moment agree.
class DemoSimulator : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxWeight = 256; // as HAProxy
    // Like Prometheus, a moment after the newest data still answers with it for this long.
    static constexpr qint64 LookbackMs = 5 * 60'000;

    DemoSimulator(Clock *clock, DemoScenario scenario, QObject *parent = nullptr);

    static std::optional<DemoScenario> scenarioFromName(QStringView name) { return demoScenarioFromName(name); }
    static QStringList scenarioNames() { return demoScenarioNames(); }

    Clock *clock() const { return m_clock; }
    DemoScenario scenario() const { return m_scenario; }
    qint64 startedMs() const { return m_history.startMs(); }
    qint64 nowMs() const;

    TrafficWeights weights() const { return m_history.current(); }
    // Both 0..MaxWeight; recorded at the clock's time. Starts at 100/0.
    Status setWeights(int blue, int green);
    const TrafficHistory &history() const { return m_history; }

    // A series at a clock time: nullopt before the simulator started, more than
    // LookbackMs after now, or when the scenario makes the series absent. Times after
    // now answer with now's value (the future is not decided yet).
    std::optional<double> value(DemoSeries series, Color color, qint64 atMs) const;
    bool isUp(Color color) const;

    // When the scenario's security alert started firing, if it has by `atMs`. It keeps
    // firing once started: an incident does not end because traffic went back to blue.
    std::optional<qint64> securityAlertSince(qint64 atMs) const;

Q_SIGNALS:
    void weightsChanged(int blue, int green);

private:
    // The moment actually evaluated: clamped to now and floored to the whole second.
    std::optional<qint64> evaluationTime(qint64 atMs) const;

    Clock *m_clock;
    DemoScenario m_scenario;
    TrafficHistory m_history;
};
