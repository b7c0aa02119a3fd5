#include "demosimulator.h"

#include "simlogging.h"

#include "core/clock.h"

namespace {

qint64 floorToSecond(qint64 ms)
{
    return ms >= 0 ? ms - ms % 1000 : ms - ((ms % 1000) + 1000) % 1000;
}

} // namespace

DemoSimulator::DemoSimulator(Clock *clock, DemoScenario scenario, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_scenario(scenario)
    , m_history(clock->nowMs())
{
}

qint64 DemoSimulator::nowMs() const
{
    return m_clock->nowMs();
}

Status DemoSimulator::setWeights(int blue, int green)
{
    for (const auto &[name, weight] : {std::pair{"blue", blue}, std::pair{"green", green}}) {
        if (weight < 0 || weight > MaxWeight)
            return Status::failure(QStringLiteral("weight %1 must be 0..%2, not %3").arg(QLatin1StringView(name)).arg(MaxWeight).arg(weight));
    }
    const TrafficWeights w{blue, green};
    if (w == m_history.current())
        return {};
    m_history.record(nowMs(), w);
    qCDebug(lcSim) << "weights set to blue" << blue << "green" << green;
    Q_EMIT weightsChanged(blue, green);
    return {};
}

std::optional<qint64> DemoSimulator::evaluationTime(qint64 atMs) const
{
    const qint64 now = nowMs();
    if (atMs < startedMs() || atMs > now + LookbackMs)
        return std::nullopt;
    return floorToSecond(std::min(atMs, now));
}

std::optional<double> DemoSimulator::value(DemoSeries series, Color color, qint64 atMs) const
{
    const std::optional<qint64> t = evaluationTime(atMs);
    if (!t)
        return std::nullopt;
    const bool greenUp = demoScenarioGreenUp(m_scenario);
    DemoExposure e;
    e.timeMs = *t;
    e.blueShare = m_history.observedShare(Color::Blue, *t, greenUp);
    e.greenShare = m_history.observedShare(Color::Green, *t, greenUp);
    e.greenErrorShareSince = m_history.greenShareAtLeastSince(DemoEffect::ErrorShare, *t);
    e.greenLatencyShareSince = m_history.greenShareAtLeastSince(DemoEffect::LatencyShare, *t);
    return demoScenarioValue(m_scenario, series, color, e);
}

bool DemoSimulator::isUp(Color color) const
{
    return color == Color::Blue || demoScenarioGreenUp(m_scenario);
}

std::optional<qint64> DemoSimulator::securityAlertSince(qint64 atMs) const
{
    if (m_scenario != DemoScenario::SecurityAlert)
        return std::nullopt;
    const std::optional<qint64> t = evaluationTime(atMs);
    if (!t)
        return std::nullopt;
    return m_history.firstSustainedGreenShare(DemoEffect::AlertShare, DemoEffect::AlertAfterMs, *t);
}
