#pragma once

#include <QDateTime>
#include <QObject>

// The one source of time for engine logic, so demos and tests can run a deployment
// faster than real time with the same code.
class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs()); }
};

class SystemClock : public Clock
{
    Q_OBJECT
public:
    using Clock::Clock;
    qint64 nowMs() const override;
};

// Time that moves only when told to; for tests.
class ManualClock : public Clock
{
    Q_OBJECT
public:
    explicit ManualClock(qint64 startMs = 1'800'000'000'000, QObject *parent = nullptr);
    qint64 nowMs() const override { return m_nowMs; }
    void setNowMs(qint64 ms);
    void advanceMs(qint64 ms) { setNowMs(m_nowMs + ms); }

Q_SIGNALS:
    void timeChanged();

private:
    qint64 m_nowMs;
};
