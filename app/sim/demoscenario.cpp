#include "demoscenario.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace {

// splitmix64: a stable hash (unlike qHash, the same in every process and Qt version),
// so a standalone simulator and the tests agree on every value.
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// In [-1, 1], fixed for a series, colour and second.
double jitter(DemoSeries series, Color color, qint64 second)
{
    const quint64 h = mix(mix(quint64(series) * 2 + quint64(color)) ^ quint64(second));
    return double(h >> 11) / double(1ULL << 52) - 1.0;
}

// A slow wave (ten-minute period, phase per series) so charts drift rather than only jitter.
double drift(DemoSeries series, Color color, qint64 second)
{
    const double phase = double(mix(quint64(series) * 2 + quint64(color) + 77) % 1000) / 1000.0;
    return std::sin(2.0 * std::numbers::pi * (double(second) / 600.0 + phase));
}

// Relative noise per series: fast jitter plus slow drift stay inside the runbook's targets.
double noiseAmplitude(DemoSeries series)
{
    switch (series) {
    case DemoSeries::ErrorRatio:
    case DemoSeries::DbErrorRatio:
        return 0.08;
    case DemoSeries::ResponseTimeP95:
    case DemoSeries::PageLoadP95:
    case DemoSeries::DbQueryP95:
    case DemoSeries::CpuUsage:
        return 0.03;
    case DemoSeries::MemoryUsage:
        return 0.01;
    case DemoSeries::TrafficShare:
    case DemoSeries::Up:
        return 0.0;
    }
    return 0.0;
}

double ramp(const std::optional<qint64> &since, qint64 nowMs, qint64 rampMs)
{
    if (!since)
        return 0.0;
    return std::clamp(double(nowMs - *since) / double(rampMs), 0.0, 1.0);
}

// Five significant digits: readable values in /metrics and JSON, and exact round trips.
double roundSignificant(double v)
{
    if (v == 0.0 || !std::isfinite(v))
        return v;
    const double scale = std::pow(10.0, 4 - std::floor(std::log10(std::fabs(v))));
    return std::round(v * scale) / scale;
}

// The scenario's effect on green, as a multiple of (or a replacement for) the baseline.
double greenValue(DemoScenario scenario, DemoSeries series, const DemoExposure &e, double normal)
{
    using namespace DemoEffect;
    switch (scenario) {
    case DemoScenario::LatencyRegression: {
        const double factor = LatencyBeforeFactor
            + (LatencyFactor - LatencyBeforeFactor) * ramp(e.greenLatencyShareSince, e.timeMs, LatencyRampMs);
        if (series == DemoSeries::ResponseTimeP95)
            return normal * factor;
        if (series == DemoSeries::PageLoadP95) // pages wait on a few slow calls, not all of them
            return normal * (1.0 + 0.25 * (factor - 1.0));
        return normal;
    }
    case DemoScenario::ErrorSpike:
        if (series == DemoSeries::ErrorRatio)
            return normal + (ErrorSpikeRatio - normal) * ramp(e.greenErrorShareSince, e.timeMs, ErrorRampMs);
        return normal;
    case DemoScenario::DbErrors:
        if (series == DemoSeries::DbErrorRatio)
            return normal + (DbErrorRatio - normal) * ramp(e.greenErrorShareSince, e.timeMs, ErrorRampMs);
        return normal;
    case DemoScenario::Healthy:
    case DemoScenario::GreenDown:
    case DemoScenario::SecurityAlert:
        return normal;
    }
    return normal;
}

} // namespace

QString nameOf(DemoScenario scenario)
{
    switch (scenario) {
    case DemoScenario::Healthy: return QStringLiteral("healthy");
    case DemoScenario::LatencyRegression: return QStringLiteral("latency-regression");
    case DemoScenario::ErrorSpike: return QStringLiteral("error-spike");
    case DemoScenario::DbErrors: return QStringLiteral("db-errors");
    case DemoScenario::GreenDown: return QStringLiteral("green-down");
    case DemoScenario::SecurityAlert: return QStringLiteral("security-alert");
    }
    return {};
}

std::optional<DemoScenario> demoScenarioFromName(QStringView name)
{
    for (int i = 0; i < DemoScenarioCount; ++i) {
        if (nameOf(DemoScenario(i)) == name)
            return DemoScenario(i);
    }
    return std::nullopt;
}

QStringList demoScenarioNames()
{
    QStringList names;
    for (int i = 0; i < DemoScenarioCount; ++i)
        names << nameOf(DemoScenario(i));
    return names;
}

QString demoScenarioDescription(DemoScenario scenario)
{
    switch (scenario) {
    case DemoScenario::Healthy: return QStringLiteral("both colours stay inside every target");
    case DemoScenario::LatencyRegression: return QStringLiteral("green p95 climbs to 3.5x normal over 3 minutes once green has 25 % of traffic");
    case DemoScenario::ErrorSpike: return QStringLiteral("green errors climb to 5 % over 2 minutes once green has 10 %");
    case DemoScenario::DbErrors: return QStringLiteral("green database errors climb to 1 % over 2 minutes once green has 10 %");
    case DemoScenario::GreenDown: return QStringLiteral("green fails: only its up (0) and the balancer share (0) remain, /health/green answers 503");
    case DemoScenario::SecurityAlert: return QStringLiteral("healthy numbers; a critical security alert fires after green has had 10 % for a minute");
    }
    return {};
}

double DemoBaseline::of(DemoSeries series)
{
    switch (series) {
    case DemoSeries::ErrorRatio: return ErrorRatio;
    case DemoSeries::ResponseTimeP95: return ResponseTimeP95;
    case DemoSeries::DbErrorRatio: return DbErrorRatio;
    case DemoSeries::DbQueryP95: return DbQueryP95;
    case DemoSeries::CpuUsage: return CpuUsage;
    case DemoSeries::MemoryUsage: return MemoryUsage;
    case DemoSeries::PageLoadP95: return PageLoadP95;
    case DemoSeries::TrafficShare: return 0.0;
    case DemoSeries::Up: return 1.0;
    }
    return 0.0;
}

bool demoScenarioGreenUp(DemoScenario scenario)
{
    return scenario != DemoScenario::GreenDown;
}

std::optional<double> demoScenarioValue(DemoScenario scenario, DemoSeries series, Color color, const DemoExposure &exposure)
{
    const bool up = color == Color::Blue || demoScenarioGreenUp(scenario);
    if (series == DemoSeries::Up)
        return up ? 1.0 : 0.0;
    // The balancer's view of the traffic exists whatever the application does.
    if (series == DemoSeries::TrafficShare)
        return roundSignificant(color == Color::Blue ? exposure.blueShare : exposure.greenShare);
    if (!up)
        return std::nullopt;

    const double normal = DemoBaseline::of(series);
    const double value = color == Color::Green ? greenValue(scenario, series, exposure, normal) : normal;
    const qint64 second = exposure.timeMs / 1000;
    const double amplitude = noiseAmplitude(series);
    const double noise = 1.0 + amplitude * (0.7 * jitter(series, color, second) + 0.3 * drift(series, color, second));
    return roundSignificant(value * noise);
}
