#pragma once

#include "core/result.h"

#include <QObject>
#include <QString>

class Clock;
class Journal;
class QTimer;

// One console drives a deployment; others open it read-only. The lock is a row in the
// journal (table deployment_locks) with a random token and a heartbeat in wall-clock time:
// - acquire() inserts the row, or takes it over when its holder is gone: it stopped
//   heartbeating for StaleMs, or it ran on this host and its process no longer exists
//   (a console killed with SIGKILL leaves its row; the next one takes it at once);
// - while held, the heartbeat is renewed every HeartbeatMs; a console that finds its row
//   taken over (it was frozen past StaleMs) becomes read-only and says so, and so does one
//   whose heartbeat could not be written for StaleMs (the others may take over by then);
// - while held, the journal refuses this console's appends once the row is no longer ours
//   (Journal::setFence), even before the next heartbeat notices;
// - while not held, acquire is retried on every heartbeat, so a read-only console takes
//   over when the driving one closes or dies;
// - release() (and the destructor) deletes the row.
// Takeover is a compare-and-set on the old token, so two consoles never both win. Plain
// SQL, portable to PostgreSQL.
class DeploymentLock : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 HeartbeatMs = 5'000;
    static constexpr qint64 StaleMs = 20'000;

    // `wallClock`: the wall clock the heartbeats are written in (tests pass a ManualClock);
    // null: the system's.
    DeploymentLock(Journal *journal, const QString &deploymentId, const QString &operatorName, const Clock *wallClock = nullptr,
                   QObject *parent = nullptr);
    ~DeploymentLock() override;

    // Takes the lock if it is free or abandoned. Ok(true) when held, Ok(false) when another
    // console holds it (holderDescription() says who); a failure when the journal cannot be used.
    Result<bool> acquire();
    void release();

    bool isHeld() const { return m_held; }
    // "alice on build-7 (pid 4242) since 10:04:05"; empty while this console holds it.
    QString holderDescription() const { return m_holder; }
    // Why this console stopped driving on its own ("its lock could not be renewed for 25 s:
    // ..."), or empty.
    QString lapseReason() const { return m_lapse; }

    // Heartbeats and retries from now on (tests drive tick() by hand).
    void startHeartbeat();
    void tick();

Q_SIGNALS:
    void heldChanged(bool held);

private:
    void setHeld(bool held, const QString &holder, const QString &lapse = {});
    qint64 nowMs() const;
    Result<bool> tryAcquire();

    Journal *m_journal;
    QString m_deploymentId;
    QString m_operator;
    QString m_token;
    QString m_host;
    const Clock *m_wallClock;
    bool m_held = false;
    QString m_holder;
    QString m_lapse;
    qint64 m_lastBeatMs = 0; // when the heartbeat was last written
    QTimer *m_timer;
};
