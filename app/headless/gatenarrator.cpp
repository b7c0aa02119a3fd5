#include "gatenarrator.h"

#include "core/clock.h"

GateNarrator::GateNarrator(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_heartbeat(new ClockTimer(clock, this))
{
    m_heartbeat->setInterval(HeartbeatMs);
    connect(m_heartbeat, &ClockTimer::timeout, this, &GateNarrator::beat);
}

QString GateNarrator::shape(const QString &reason)
{
    QString out;
    out.reserve(reason.size());
    bool inNumber = false;
    for (const QChar c : reason) {
        // "4:59", "0.25", "1,000": one number, one '#'.
        const bool part = c.isDigit() || (inNumber && (c == u'.' || c == u':' || c == u','));
        if (part) {
            if (!inNumber)
                out += u'#';
            inNumber = true;
            continue;
        }
        inNumber = false;
        out += c;
    }
    return out;
}

QStringList GateNarrator::signature(const GateDecision &gate) const
{
    QStringList out;
    for (qsizetype i = 0; i < gate.reasons.size(); ++i)
        out << gate.reasonKeys.value(i) + u'\x1f' + shape(gate.reasons[i]);
    return out;
}

void GateNarrator::update(const GateDecision &gate, const QString &openReason)
{
    m_gate = gate;
    const QStringList now = gate.open ? QStringList() : signature(gate);
    if (m_open != gate.open || (!gate.open && now != m_signature)) {
        m_open = gate.open;
        m_signature = now;
        if (gate.open)
            Q_EMIT line(QStringLiteral("gate"), QStringLiteral("open (%1)").arg(openReason));
        else
            Q_EMIT line(QStringLiteral("gate"), QStringLiteral("closed (%1)").arg(gate.reasons.join(QStringLiteral("; "))));
    }
}

void GateNarrator::setWaiting(bool waiting)
{
    if (waiting == m_waiting)
        return;
    m_waiting = waiting;
    if (waiting) {
        m_waitingSinceMs = m_clock->nowMs();
        m_heartbeat->start(); // a minute from now, then every minute
    } else {
        m_heartbeat->stop();
    }
}

void GateNarrator::stop()
{
    m_waiting = false;
    m_heartbeat->stop();
}

void GateNarrator::beat()
{
    if (!m_waiting)
        return;
    const QString waited = formatDuration(m_clock->nowMs() - m_waitingSinceMs);
    if (m_gate.open)
        Q_EMIT line(QStringLiteral("waiting"), QStringLiteral("%1 (gate open; a step is taken only with --auto-advance or in the window)").arg(waited));
    else
        Q_EMIT line(QStringLiteral("waiting"), QStringLiteral("%1 (gate closed: %2)").arg(waited, m_gate.reasons.join(QStringLiteral("; "))));
}
