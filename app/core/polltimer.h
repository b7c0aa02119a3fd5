#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class Clock;
class ClockTimer;

// The skeleton every poll of the engine shares (metrics, health checks, alerts, the Rollout's
// tick and read-back, the headless run's tick):
// - a turn every interval of clock time, the interval floored at MinRealIntervalMs of real time
//   under a scaled clock, so that a fast --time-scale demo does not become a request storm
//   (flooredIntervalMs(); a ManualClock counts as real time);
// - at most one request in flight: the owner hands each request over with requestStarted()
//   and reports its end with requestFinished(); a turn that finds one running is skipped, as
//   the running one decides that round;
// - with setBackoff(), exponential backoff with jitter after a failure: the next try comes
//   after interval * 2^(n-1) (capped, +-20 %) instead of at the next turn; a success rejoins
//   the turns. A retry comes whether or not turns run (start()); stop() cancels it.
class PollTimer : public QObject
{
    Q_OBJECT
public:
    static constexpr int MinRealIntervalMs = 250;
    static constexpr qint64 DefaultMaxBackoffMs = 30'000;
    // What a turn finds: nothing running, a request in flight, or failures backing off.
    enum class State { Idle, InFlight, BackingOff };
    enum class FirstTurn { Now, AfterInterval };

    explicit PollTimer(Clock *clock, QObject *parent = nullptr);
    ~PollTimer() override; // cancels a request in flight

    // `clockMs`, or longer so that it lasts at least MinRealIntervalMs of real time on `clock`.
    static qint64 flooredIntervalMs(const Clock *clock, qint64 clockMs);
    // interval * 2^(failures - 1), at most max(maxMs, interval), times 1 +- 20 % as `uniform01`
    // goes from 0 to 1 (spreads the retries of many clients).
    static qint64 backoffDelayMs(qint64 intervalMs, qint64 maxMs, int consecutiveFailures, double uniform01);

    // In clock time; a running timer keeps its current wait (start() again to apply it now).
    void setInterval(qint64 clockMs) { m_intervalMs = clockMs; }
    qint64 interval() const; // the one used: floored
    // > 0: failures back off up to maxMs. 0 (the default): a failure waits for the next turn.
    void setBackoff(qint64 maxMs) { m_maxBackoffMs = maxMs; }
    // Uniform numbers in [0, 1) for the jitter (tests make them fixed); default: a global generator.
    void setRandomSource(std::function<double()> uniform01) { m_random = std::move(uniform01); }
    qint64 backoffDelayMs(int consecutiveFailures) const;

    // Turns every interval from now on; with FirstTurn::Now the first one comes at once.
    void start(FirstTurn first = FirstTurn::Now);
    // No more turns or retries; a request in flight is cancelled and failures are forgotten.
    void stop();
    bool isActive() const;
    // One turn now, as if the interval had passed: due() unless a request is in flight or
    // failures are backing off. Returns whether due() was emitted.
    bool turnNow();

    // The owner's request, kept until it ends and then deleted (later when it finished, at
    // once when cancelled; deleting a GuardedRequest or a PrometheusReply cancels it).
    void requestStarted(QObject *request);
    // How it ended (`ok` false: a failure, which backs off when backoff is on). The request is
    // deleted later either way; returns false, doing nothing else, when it was not the one
    // in flight.
    bool requestFinished(QObject *request, bool ok);
    void cancelRequest(); // deletes the request in flight, no verdict
    QObject *requestInFlight() const { return m_request; }
    bool isRequestInFlight() const { return m_request; }

    State state() const;
    int consecutiveFailures() const { return m_failures; }
    // Clock time of the next try while failures back off; 0 otherwise.
    qint64 nextRetryMs() const;

Q_SIGNALS:
    // Time to send: a turn with nothing in flight and no backoff, or a backoff's retry.
    void due();

private:
    void onTurn();
    void onRetry();

    Clock *m_clock;
    ClockTimer *m_turns;
    ClockTimer *m_retry;
    qint64 m_intervalMs = 1000;
    qint64 m_maxBackoffMs = 0;
    std::function<double()> m_random;
    QPointer<QObject> m_request;
    int m_failures = 0;
};
