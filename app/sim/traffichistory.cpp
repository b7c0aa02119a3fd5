#include "traffichistory.h"

#include <algorithm>

namespace {

// Weights are small integers, so shares like 10/100 compare exactly; the margin only
// guards against thresholds given as computed doubles.
constexpr double ShareEpsilon = 1e-9;

double targetShare(TrafficWeights w, Color color, bool greenUp)
{
    const int green = greenUp ? w.green : 0;
    const int sum = w.blue + green;
    if (sum <= 0)
        return 0.0;
    return double(color == Color::Blue ? w.blue : green) / double(sum);
}

bool atLeast(TrafficWeights w, double share)
{
    return TrafficHistory::commandedGreenShare(w) + ShareEpsilon >= share;
}

} // namespace

TrafficHistory::TrafficHistory(qint64 startMs, TrafficWeights initial)
{
    m_changes.append({startMs, initial});
}

void TrafficHistory::record(qint64 atMs, TrafficWeights weights)
{
    m_changes.append({std::max(atMs, m_changes.constLast().atMs), weights});
}

qsizetype TrafficHistory::indexAt(qint64 atMs) const
{
    const auto it = std::upper_bound(m_changes.cbegin(), m_changes.cend(), atMs,
                                     [](qint64 t, const Change &c) { return t < c.atMs; });
    return std::max<qsizetype>(0, (it - m_changes.cbegin()) - 1);
}

TrafficWeights TrafficHistory::weightsAt(qint64 atMs) const
{
    return m_changes.at(indexAt(atMs)).weights;
}

double TrafficHistory::commandedGreenShare(TrafficWeights weights)
{
    return targetShare(weights, Color::Green, true);
}

double TrafficHistory::observedShare(Color color, qint64 atMs, bool greenUp) const
{
    // In each segment between changes the share moves from where the previous segment
    // left it towards that segment's target, reaching it after ConvergenceMs.
    const auto moved = [](double level, double target, qint64 elapsedMs) {
        const double progress = std::clamp(double(elapsedMs) / double(ConvergenceMs), 0.0, 1.0);
        return level + (target - level) * progress;
    };
    const qsizetype last = indexAt(atMs);
    double level = targetShare(m_changes.constFirst().weights, color, greenUp); // no lag at the start
    for (qsizetype i = 1; i <= last; ++i) {
        const Change &from = m_changes.at(i - 1);
        level = moved(level, targetShare(from.weights, color, greenUp), m_changes.at(i).atMs - from.atMs);
    }
    const Change &current = m_changes.at(last);
    return moved(level, targetShare(current.weights, color, greenUp), atMs - current.atMs);
}

std::optional<qint64> TrafficHistory::greenShareAtLeastSince(double share, qint64 atMs) const
{
    if (atMs < startMs())
        return std::nullopt;
    qsizetype i = indexAt(atMs);
    if (!atLeast(m_changes.at(i).weights, share))
        return std::nullopt;
    while (i > 0 && atLeast(m_changes.at(i - 1).weights, share))
        --i;
    return m_changes.at(i).atMs;
}

std::optional<qint64> TrafficHistory::firstSustainedGreenShare(double share, qint64 durationMs, qint64 atMs) const
{
    if (atMs < startMs())
        return std::nullopt;
    const qsizetype last = indexAt(atMs);
    qsizetype i = 0;
    while (i <= last) {
        if (!atLeast(m_changes.at(i).weights, share)) {
            ++i;
            continue;
        }
        const qint64 runStart = m_changes.at(i).atMs;
        qsizetype j = i + 1;
        while (j <= last && atLeast(m_changes.at(j).weights, share))
            ++j;
        const qint64 runEnd = j <= last ? m_changes.at(j).atMs : atMs;
        if (runEnd - runStart >= durationMs)
            return runStart + durationMs;
        i = j;
    }
    return std::nullopt;
}
