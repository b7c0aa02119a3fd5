#pragma once

#include "trafficresult.h"

#include <QObject>
#include <QQueue>

class QTimer;

// Moves traffic between blue and green and reads back where it is, asynchronously: apply()
// answers with applied(), read() with observed(), exactly once per call, always from the
// event loop (never from inside the call).
//
// One operation at a time. A call made while another is running is queued, not refused:
// a rollback's apply(0) must never be lost. Applies go first: an apply() interrupts a running
// read (reported through observed() as failed, "read interrupted") and is queued ahead of
// waiting reads, so a rollback never waits for a slow read-back; apply(0) also interrupts a
// running apply of another percentage (reported as failed, "interrupted"). A new apply() supersedes
// applies still waiting in the queue (not the running one): they are reported as failed,
// "not sent", at once, so a rollback never waits behind steps nobody wants any more. Each operation has its own timeout (timeoutMs(), real time); when
// it passes, the subclass's I/O is stopped and the result says what was still in progress.
//
// Every controller goes the same way, here once: an apply sends the weights (startApply),
// reads them back (startRead), and the result is built from what was read (weightsRead:
// weights, percent, verified); it succeeds only when that gives the commanded percent,
// otherwise it fails with both numbers in the message, so commanded and observed traffic
// never silently differ. A target that cannot be read back gives a success marked not
// verified (sentUnverified).
class TrafficController : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 10000;

    explicit TrafficController(QObject *parent = nullptr);
    ~TrafficController() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }

    // Commands `greenPercent` (0..100) on green and the rest on blue.
    void apply(int greenPercent);
    // Reads the current split.
    void read();

    bool isBusy() const { return m_running; }
    // Operations waiting behind the running one.
    qsizetype queuedCount() const { return m_queue.size(); }

    // Which target this is, for messages: "HAProxy runtime API at 127.0.0.1:9999 (backend app)".
    virtual Phrase description() const = 0;

Q_SIGNALS:
    void applied(const TrafficResult &result);
    void observed(const TrafficResult &result);

protected:
    // Send the new weights, then call weightsSent(id) (or sentUnverified()), or fail(id, ...).
    // Calls come from a signal handler, never synchronously from here (they cope anyway).
    virtual void startApply(quint64 id, int greenPercent) = 0;
    // Read the weights, then call weightsRead(id, ...) or fail(id, ...); also the read-back
    // after an apply.
    virtual void startRead(quint64 id) = 0;
    // Stop the running operation's I/O without reporting; return what was in progress
    // ("waiting for the answer to `get weight app/green`"), for the timeout message.
    virtual Phrase cancel() = 0;

    // Each of these ends (or continues) the operation `id`, and is ignored when `id` is no
    // longer running (timed out, interrupted).
    // The weights were sent: they are read back. `refusal`: the target refused part of the
    // change; the operation fails with it, after reading where traffic is now.
    void weightsSent(quint64 id, const Phrase &refusal = {});
    // The change went out but nothing can read it back: a success, not verified, the commanded
    // split assumed; `note` says so.
    void sentUnverified(quint64 id, const Phrase &note);
    // A read of a target that nothing can read back (by configuration): a success, not
    // verified, the split unknown; `note` says why. Not a failure to read: there is nothing to read.
    void cannotReadBack(quint64 id, const Phrase &note);
    // The weights as read: the result, in percent and verified.
    void weightsRead(quint64 id, int blueWeight, int greenWeight);
    // The configured weights and the ones in effect: a server that takes no traffic whatever
    // its weight (down, drained, in maintenance) counts 0; `note` says which and why.
    void weightsRead(quint64 id, int blueWeight, int greenWeight, int blueEffective, int greenEffective, const Phrase &note);
    void fail(quint64 id, const Phrase &message);
    // While reading back after a refusal: the refusal (empty otherwise).
    const Phrase &refusal() const { return m_refusal; }
    // The operation's transcript (commands sent and answers), the result's details.
    void addDetails(const QString &text) { m_details += text; }
    // Reports the operation `id` with a result made elsewhere (the helpers above build theirs).
    void finish(quint64 id, TrafficResult result);

private:
    struct Operation {
        TrafficResult::Operation kind;
        int greenPercent;
    };
    void enqueue(Operation operation);
    void startNext();
    void timedOut();
    static TrafficResult failure(const Phrase &message, const QString &details = {});

    QQueue<Operation> m_queue;
    Operation m_current{TrafficResult::Operation::Read, -1};
    bool m_running = false;
    quint64 m_id = 0;
    QString m_details;
    Phrase m_refusal;
    int m_timeoutMs = DefaultTimeoutMs;
    QTimer *m_timer;
};
