#include "trafficcontroller.h"

#include "trafficsplit.h"

#include <QTimer>

TrafficController::TrafficController(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &TrafficController::timedOut);
}

TrafficController::~TrafficController() = default;

void TrafficController::apply(int greenPercent)
{
    for (auto it = m_queue.begin(); it != m_queue.end();) {
        if (it->kind != TrafficResult::Operation::Apply) {
            ++it;
            continue;
        }
        TrafficResult superseded = failure(phrase("TrafficController", "not sent: superseded by a later command to %1% green").arg(greenPercent));
        superseded.operation = TrafficResult::Operation::Apply;
        superseded.commandedGreenPercent = it->greenPercent;
        QMetaObject::invokeMethod(this, [this, superseded] { Q_EMIT applied(superseded); }, Qt::QueuedConnection);
        it = m_queue.erase(it);
    }
    // A traffic command never waits behind reads: a running read is interrupted (and reported
    // as such), and the command goes ahead of queued reads.
    // Everything to blue does not wait for a step still on its way either: the running apply
    // is interrupted (reported as failed) and 0 % sets both weights from scratch.
    if (m_running && m_current.kind == TrafficResult::Operation::Apply && greenPercent == 0 && m_current.greenPercent != 0) {
        const Phrase inProgress = cancel();
        m_timer->stop();
        m_running = false;
        TrafficResult interrupted = failure(phrase("TrafficController", "interrupted by a command to 0% green (%1)").arg(inProgress));
        interrupted.operation = TrafficResult::Operation::Apply;
        interrupted.commandedGreenPercent = m_current.greenPercent;
        QMetaObject::invokeMethod(this, [this, interrupted] { Q_EMIT applied(interrupted); }, Qt::QueuedConnection);
    }
    if (m_running && m_current.kind == TrafficResult::Operation::Read) {
        (void)cancel();
        m_timer->stop();
        m_running = false;
        TrafficResult interrupted = failure(phrase("TrafficController", "read interrupted by a command to %1% green").arg(greenPercent));
        interrupted.operation = TrafficResult::Operation::Read;
        interrupted.interrupted = true;
        QMetaObject::invokeMethod(this, [this, interrupted] { Q_EMIT observed(interrupted); }, Qt::QueuedConnection);
    }
    qsizetype at = 0;
    while (at < m_queue.size() && m_queue.at(at).kind == TrafficResult::Operation::Apply)
        ++at;
    m_queue.insert(at, {TrafficResult::Operation::Apply, greenPercent});
    if (!m_running)
        QMetaObject::invokeMethod(this, &TrafficController::startNext, Qt::QueuedConnection);
}

void TrafficController::read()
{
    enqueue({TrafficResult::Operation::Read, -1});
}

void TrafficController::enqueue(Operation operation)
{
    m_queue.enqueue(operation);
    // Started from the event loop so that results never arrive inside apply()/read().
    if (!m_running)
        QMetaObject::invokeMethod(this, &TrafficController::startNext, Qt::QueuedConnection);
}

void TrafficController::startNext()
{
    if (m_running || m_queue.isEmpty())
        return;
    m_current = m_queue.dequeue();
    m_running = true;
    m_details.clear();
    m_refusal = {};
    const quint64 id = ++m_id;
    m_timer->start(m_timeoutMs);
    if (m_current.kind == TrafficResult::Operation::Read) {
        startRead(id);
        return;
    }
    if (m_current.greenPercent < 0 || m_current.greenPercent > 100) {
        finish(id, failure(phrase("TrafficController", "cannot command %1% green: traffic shares are 0..100%").arg(m_current.greenPercent)));
        return;
    }
    startApply(id, m_current.greenPercent);
}

void TrafficController::weightsSent(quint64 id, const Phrase &refusal)
{
    if (!m_running || id != m_id)
        return;
    m_refusal = refusal;
    startRead(id);
}

void TrafficController::sentUnverified(quint64 id, const Phrase &note)
{
    TrafficResult result;
    result.ok = true;
    result.verified = false;
    const TrafficSplit split = TrafficSplit::fromGreenPercent(m_current.greenPercent);
    result.bluePercent = split.bluePercent;
    result.greenPercent = split.greenPercent;
    result.message = note;
    result.details = m_details;
    finish(id, result);
}

void TrafficController::cannotReadBack(quint64 id, const Phrase &note)
{
    TrafficResult result;
    result.ok = true;
    result.verified = false;
    result.message = note;
    result.details = m_details;
    finish(id, result);
}

void TrafficController::weightsRead(quint64 id, int blueWeight, int greenWeight)
{
    weightsRead(id, blueWeight, greenWeight, blueWeight, greenWeight, {});
}

void TrafficController::weightsRead(quint64 id, int blueWeight, int greenWeight, int blueEffective, int greenEffective, const Phrase &note)
{
    TrafficResult result;
    result.blueWeight = blueWeight;
    result.greenWeight = greenWeight;
    result.details = m_details;
    result.message = m_refusal;
    const Result<TrafficSplit> split = TrafficSplit::fromWeights(blueEffective, greenEffective);
    if (!split) {
        if (result.message.isEmpty())
            result.message = phrase("TrafficController", "%1: %2").arg(description()).arg(note.isEmpty() ? split.errorPhrase() : note);
        finish(id, result);
        return;
    }
    if (result.message.isEmpty())
        result.message = note;
    result.ok = m_refusal.isEmpty();
    result.verified = true;
    result.bluePercent = split.value().bluePercent;
    result.greenPercent = split.value().greenPercent;
    finish(id, result);
}

void TrafficController::fail(quint64 id, const Phrase &message)
{
    finish(id, failure(message, m_details));
}

TrafficResult TrafficController::failure(const Phrase &message, const QString &details)
{
    TrafficResult r;
    r.ok = false;
    r.message = message;
    r.details = details;
    return r;
}

void TrafficController::finish(quint64 id, TrafficResult result)
{
    if (!m_running || id != m_id)
        return;
    m_timer->stop();
    m_running = false;
    result.operation = m_current.kind;
    if (m_current.kind == TrafficResult::Operation::Apply) {
        result.commandedGreenPercent = m_current.greenPercent;
        if (result.ok && result.observedKnown() && result.greenPercent != m_current.greenPercent) {
            result.ok = false;
            const Phrase note = result.message;
            result.message = (note.isEmpty() ? phrase("TrafficController", "commanded %1% green, but %2 reports %3% green (weights blue %4, green %5) after the change")
                                             : phrase("TrafficController", "commanded %1% green, but %2 reports %3% green (weights blue %4, green %5) after the change: %6"))
                                 .arg(m_current.greenPercent)
                                 .arg(description())
                                 .arg(result.greenPercent)
                                 .arg(result.blueWeight)
                                 .arg(result.greenWeight)
                                 .arg(note);
        }
    }
    if (!m_queue.isEmpty())
        QMetaObject::invokeMethod(this, &TrafficController::startNext, Qt::QueuedConnection);
    if (m_current.kind == TrafficResult::Operation::Apply)
        Q_EMIT applied(result);
    else
        Q_EMIT observed(result);
}

void TrafficController::timedOut()
{
    if (!m_running)
        return;
    const Phrase inProgress = cancel();
    fail(m_id, phrase("TrafficController", "%1 did not finish within %2 ms (%3)").arg(description()).arg(m_timeoutMs).arg(inProgress));
}
