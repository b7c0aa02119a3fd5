#pragma once

#include "gate/trafficgate.h"

#include <QObject>
#include <QStringList>

#include <optional>

class Clock;
class ClockTimer;

// What the headless run says about the gate, so that a person reading its output always knows
// why the deployment waits:
//   gate open (why)                    it opened
//   gate closed (reasons)              it closed, or its reasons changed while closed
//   waiting N:NN (gate closed: reasons | gate open, no --auto-advance)
//                                      every minute of deployment time while the run waits
// Reasons are compared by their key and their words with the numbers taken out ("monitoring
// hold at 5 %: 4:59 of 5:00 left" and "... 4:58 ..." are the same reason; a decision point that
// goes from "no data" to breached is a new one), so a countdown or a moving value never prints
// a line, and a new, gone or different reason always does. The heartbeat runs on the
// deployment clock (a ClockTimer), so it keeps its pace under --time-scale and a test drives it
// with a ManualClock.
class GateNarrator : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 HeartbeatMs = 60'000;

    explicit GateNarrator(Clock *clock, QObject *parent = nullptr);

    // The gate as it is now: emits a `gate` line when it opened, closed or its reasons changed.
    void update(const GateDecision &gate, const QString &openReason);
    // Whether the run waits on the gate (closed, or open without --auto-advance; not while a
    // command is in flight, a rollback runs or at the end): the heartbeat runs meanwhile.
    void setWaiting(bool waiting);
    // The heartbeat's timer stops (the run ended).
    void stop();

    // A reason's words with every number replaced by '#': what "the same reason" means.
    static QString shape(const QString &reason);

Q_SIGNALS:
    void line(const QString &kind, const QString &text);

private:
    void beat();
    QStringList signature(const GateDecision &gate) const;

    Clock *m_clock;
    ClockTimer *m_heartbeat;
    std::optional<bool> m_open;
    QStringList m_signature;
    GateDecision m_gate;
    bool m_waiting = false;
    qint64 m_waitingSinceMs = 0;
};
