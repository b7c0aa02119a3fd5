#include "polltimer.h"

#include "clock.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

PollTimer::PollTimer(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_turns(new ClockTimer(clock, this))
    , m_retry(new ClockTimer(clock, this))
{
    m_retry->setSingleShot(true);
    connect(m_turns, &ClockTimer::timeout, this, &PollTimer::onTurn);
    connect(m_retry, &ClockTimer::timeout, this, &PollTimer::onRetry);
}

PollTimer::~PollTimer()
{
    cancelRequest();
}

qint64 PollTimer::flooredIntervalMs(const Clock *clock, qint64 clockMs)
{
    // A scaled clock shrinks the real time between turns; keep at least a quarter of a second.
    const qint64 floorMs = qint64(std::ceil(clock->scale() * MinRealIntervalMs));
    return std::max({clockMs, floorMs, qint64(1)});
}

qint64 PollTimer::backoffDelayMs(qint64 intervalMs, qint64 maxMs, int consecutiveFailures, double uniform01)
{
    const double interval = double(std::max<qint64>(1, intervalMs));
    const double cap = std::max(double(maxMs), interval);
    const int doublings = std::clamp(consecutiveFailures - 1, 0, 30);
    const double base = std::min(interval * std::pow(2.0, doublings), cap);
    const double jitter = 1.0 + 0.2 * (2.0 * std::clamp(uniform01, 0.0, 1.0) - 1.0);
    return std::max<qint64>(1, qint64(std::llround(base * jitter)));
}

qint64 PollTimer::interval() const
{
    return flooredIntervalMs(m_clock, m_intervalMs);
}

qint64 PollTimer::backoffDelayMs(int consecutiveFailures) const
{
    const double u = m_random ? m_random() : QRandomGenerator::global()->generateDouble();
    return backoffDelayMs(interval(), m_maxBackoffMs, consecutiveFailures, u);
}

void PollTimer::start(FirstTurn first)
{
    m_turns->setSingleShot(false);
    m_turns->start(interval());
    if (first == FirstTurn::Now)
        onTurn();
}

void PollTimer::stop()
{
    m_turns->stop();
    m_retry->stop();
    m_failures = 0;
    cancelRequest();
}

bool PollTimer::isActive() const
{
    return m_turns->isActive();
}

PollTimer::State PollTimer::state() const
{
    if (m_maxBackoffMs > 0 && m_failures > 0)
        return State::BackingOff;
    return m_request ? State::InFlight : State::Idle;
}

bool PollTimer::turnNow()
{
    if (state() != State::Idle)
        return false;
    Q_EMIT due();
    return true;
}

void PollTimer::onTurn()
{
    (void)turnNow(); // a request still running decides this round; one backing off has its own timer
}

void PollTimer::onRetry()
{
    if (!m_request)
        Q_EMIT due();
}

void PollTimer::requestStarted(QObject *request)
{
    cancelRequest();
    m_request = request;
}

bool PollTimer::requestFinished(QObject *request, bool ok)
{
    request->deleteLater();
    if (request != m_request)
        return false;
    m_request = nullptr;
    if (ok) {
        m_failures = 0;
        m_retry->stop();
        return true;
    }
    ++m_failures;
    if (m_maxBackoffMs > 0)
        m_retry->start(backoffDelayMs(m_failures));
    return true;
}

void PollTimer::cancelRequest()
{
    delete m_request.data();
    m_request = nullptr;
}

qint64 PollTimer::nextRetryMs() const
{
    return m_retry->isActive() ? m_clock->nowMs() + m_retry->remainingMs() : 0;
}
