#pragma once

#include "metrics/metric.h"

#include <QList>

#include <optional>

// Balancer weights as HAProxy takes them (0..256 each).
struct TrafficWeights {
    int blue = 100;
    int green = 0;
    friend bool operator==(TrafficWeights, TrafficWeights) = default;
};

// Every weight change with its clock time. The simulated series are functions of this
// history and the time, so a value read live, by range or by scrape is the same.
class TrafficHistory
{
public:
    struct Change {
        qint64 atMs = 0;
        TrafficWeights weights;
    };

    // The observed share reaches the commanded one this long after a change.
    static constexpr qint64 ConvergenceMs = 8'000;

    explicit TrafficHistory(qint64 startMs, TrafficWeights initial = {});

    // A change earlier than the last one is recorded at the last one's time: history
    // only grows forward, so values already served never change.
    void record(qint64 atMs, TrafficWeights weights);
    TrafficWeights current() const { return m_changes.constLast().weights; }
    TrafficWeights weightsAt(qint64 atMs) const;
    qint64 startMs() const { return m_changes.constFirst().atMs; }
    const QList<Change> &changes() const { return m_changes; }

    // green / (blue + green) of the commanded weights; 0 when both are 0.
    static double commandedGreenShare(TrafficWeights weights);

    // The share of requests a colour is seen to receive: it follows the commanded
    // weights linearly within ConvergenceMs. With greenUp false the balancer routes
    // around green (its health check fails), so green gets nothing.
    double observedShare(Color color, qint64 atMs, bool greenUp = true) const;

    // When green's commanded share last rose to at least `share` and has stayed there
    // until `atMs`; nullopt when it is below `share` at `atMs`.
    std::optional<qint64> greenShareAtLeastSince(double share, qint64 atMs) const;

    // The first time (<= atMs) at which green's commanded share had been at least `share`
    // for `durationMs` without a break; nullopt when that has not happened by `atMs`.
    std::optional<qint64> firstSustainedGreenShare(double share, qint64 durationMs, qint64 atMs) const;

private:
    // Index of the change in force at atMs (0 before the start).
    qsizetype indexAt(qint64 atMs) const;

    QList<Change> m_changes;
};
