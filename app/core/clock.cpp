#include "clock.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

std::optional<qint64> Clock::realDelayFor(qint64 clockMs) const
{
    return std::max<qint64>(0, clockMs);
}

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

ScaledClock::ScaledClock(double scale, QObject *parent)
    : ScaledClock(scale, QDateTime::currentMSecsSinceEpoch(), parent)
{
}

ScaledClock::ScaledClock(double scale, qint64 startMs, QObject *parent)
    : Clock(parent)
    , m_scale(scale > 0 ? scale : 1.0)
    , m_startClockMs(startMs)
    , m_startRealMs(QDateTime::currentMSecsSinceEpoch())
{
}

qint64 ScaledClock::nowMs() const
{
    const qint64 real = QDateTime::currentMSecsSinceEpoch() - m_startRealMs;
    return m_startClockMs + qint64(std::llround(double(real) * m_scale));
}

std::optional<qint64> ScaledClock::realDelayFor(qint64 clockMs) const
{
    if (clockMs <= 0)
        return 0;
    // Round up so a timer never fires before its clock time has passed.
    return std::max<qint64>(1, qint64(std::ceil(double(clockMs) / m_scale)));
}

ManualClock::ManualClock(qint64 startMs, QObject *parent)
    : Clock(parent)
    , m_nowMs(startMs)
{
}

void ManualClock::setNowMs(qint64 ms)
{
    m_nowMs = ms;
    Q_EMIT timeChanged();
}

ClockTimer::ClockTimer(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    if (clock->realDelayFor(0)) {
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &ClockTimer::onRealTimeout);
    } else {
        connect(clock, &Clock::timeChanged, this, &ClockTimer::onClockMoved);
    }
}

void ClockTimer::start(qint64 clockMs)
{
    m_intervalMs = clockMs;
    start();
}

void ClockTimer::start()
{
    m_active = true;
    m_deadlineMs = m_clock->nowMs() + m_intervalMs;
    if (m_timer)
        m_timer->start(int(std::min<qint64>(*m_clock->realDelayFor(m_intervalMs), INT_MAX)));
}

void ClockTimer::stop()
{
    m_active = false;
    if (m_timer)
        m_timer->stop();
}

qint64 ClockTimer::remainingMs() const
{
    return m_active ? std::max<qint64>(0, m_deadlineMs - m_clock->nowMs()) : 0;
}

void ClockTimer::onRealTimeout()
{
    if (!m_active)
        return;
    // A scaled clock rounds; wait out any remainder so the deadline holds exactly.
    const qint64 left = m_deadlineMs - m_clock->nowMs();
    if (left > 0) {
        m_timer->start(int(std::min<qint64>(*m_clock->realDelayFor(left), INT_MAX)));
        return;
    }
    fire();
}

void ClockTimer::onClockMoved()
{
    if (m_active && m_clock->nowMs() >= m_deadlineMs)
        fire();
}

void ClockTimer::fire()
{
    if (m_singleShot) {
        m_active = false;
    } else {
        const qint64 now = m_clock->nowMs();
        m_deadlineMs += std::max<qint64>(1, m_intervalMs);
        // After a stall, do not fire a burst to catch up: resynchronise to now.
        if (m_deadlineMs <= now)
            m_deadlineMs = now + std::max<qint64>(1, m_intervalMs);
        if (m_timer)
            m_timer->start(int(std::min<qint64>(*m_clock->realDelayFor(m_deadlineMs - now), INT_MAX)));
    }
    Q_EMIT timeout();
}
