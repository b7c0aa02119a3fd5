#pragma once

#include <QDateTime>
#include <QObject>

#include <optional>

class QTimer;

// The one source of time for engine logic, so demos and tests can run a deployment
// faster than real time with the same code. Timers that wait for clock time are
// ClockTimer objects, never a bare QTimer.
class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs()); }

    // How many clock milliseconds pass per real millisecond (1 for the system clock).
    virtual double scale() const { return 1.0; }

    // The real time to wait for `clockMs` of clock time to pass, or nullopt when the
    // clock only moves when told to (then it emits timeChanged()).
    virtual std::optional<qint64> realDelayFor(qint64 clockMs) const;

Q_SIGNALS:
    // Emitted by clocks that jump (ManualClock); real clocks never emit it.
    void timeChanged();
};

class SystemClock : public Clock
{
    Q_OBJECT
public:
    using Clock::Clock;
    qint64 nowMs() const override;
};

// Runs `scale` times faster than real time from the moment it is made, starting at
// the real time then: `--time-scale N` for demos and tests.
class ScaledClock : public Clock
{
    Q_OBJECT
public:
    explicit ScaledClock(double scale, QObject *parent = nullptr);
    ScaledClock(double scale, qint64 startMs, QObject *parent = nullptr);
    qint64 nowMs() const override;
    double scale() const override { return m_scale; }
    std::optional<qint64> realDelayFor(qint64 clockMs) const override;

private:
    double m_scale;
    qint64 m_startClockMs;
    qint64 m_startRealMs;
};

// Time that moves only when told to; for tests.
class ManualClock : public Clock
{
    Q_OBJECT
public:
    explicit ManualClock(qint64 startMs = 1'800'000'000'000, QObject *parent = nullptr);
    qint64 nowMs() const override { return m_nowMs; }
    std::optional<qint64> realDelayFor(qint64) const override { return std::nullopt; }
    void setNowMs(qint64 ms);
    void advanceMs(qint64 ms) { setNowMs(m_nowMs + ms); }

private:
    qint64 m_nowMs;
};

// A single-shot or repeating timer in clock time. With a real or scaled clock it
// runs on a QTimer of the scaled interval; with a ManualClock it fires when the
// clock is moved past its deadline (once per move, however far it moved).
class ClockTimer : public QObject
{
    Q_OBJECT
public:
    explicit ClockTimer(Clock *clock, QObject *parent = nullptr);

    void setSingleShot(bool singleShot) { m_singleShot = singleShot; }
    bool isSingleShot() const { return m_singleShot; }
    void setInterval(qint64 clockMs) { m_intervalMs = clockMs; }
    qint64 interval() const { return m_intervalMs; }

    void start(); // (re)starts with the current interval
    void start(qint64 clockMs);
    void stop();
    bool isActive() const { return m_active; }
    // Clock time left until it fires; 0 when inactive or due.
    qint64 remainingMs() const;

Q_SIGNALS:
    void timeout();

private:
    void onClockMoved();
    void onRealTimeout();
    void fire(); // the deadline passed: the next one (repeating), then timeout()

    Clock *m_clock;
    QTimer *m_timer = nullptr;
    qint64 m_intervalMs = 0;
    qint64 m_deadlineMs = 0;
    bool m_singleShot = false;
    bool m_active = false;
};
