#pragma once

#include "core/result.h"

#include <QObject>
#include <QString>

class Clock;
class Journal;
class QTimer;

// One console drives a deployment; others watch it. The lock is a row in the journal (table
// deployment_locks) with a random token and a heartbeat:
// - acquire() inserts the row, or takes it over when its holder is gone: it stopped
//   heartbeating for StaleMs, or it ran on this host and its process no longer exists
//   (a console killed with SIGKILL leaves its row; the next one takes it at once);
// - takeOver() takes it from a holder that is still there: a team's explicit "take control";
// - while held, the heartbeat is renewed every HeartbeatMs; a console that finds its row
//   taken over becomes read-only and says so, and so does one whose heartbeat could not be
//   written for StaleMs (the others may take over by then: a dropped connection);
// - while held, the journal refuses this console's appends once the row is no longer ours
//   (Journal::setFence), even before the next heartbeat notices;
// - while not held, every heartbeat either tries to acquire (one machine: a read-only console
//   takes over when the driving one closes or dies) or only looks who holds it
//   (setAutomaticTakeover(false): in a team, taking control is a person's decision);
// - release() (and the destructor) deletes the row.
// Takeover is a compare-and-set on the old token, so two consoles never both win. Heartbeats
// are written in and judged by one clock: this machine's for a SQLite file, the server's for
// a shared journal (Journal::serverNowMs), never two hosts' clocks against each other.
//
// It also says whether this console acts on the deployment's automatic triggers
// (leadsTriggers()): on one machine the holder does; in a shared journal the database
// decides (Journal::takeLead, an advisory lock that goes with a console's session), the
// driving console first and, while it is not connected, one of the watching consoles.
class DeploymentLock : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 HeartbeatMs = 5'000;
    static constexpr qint64 StaleMs = 20'000;
    static constexpr int LeadershipIntervalMs = 1'000;

    // `wallClock`: this machine's wall clock (tests pass a ManualClock); null: the system's.
    DeploymentLock(Journal *journal, const QString &deploymentId, const QString &operatorName, const Clock *wallClock = nullptr,
                   QObject *parent = nullptr);
    ~DeploymentLock() override;

    // Takes the lock if it is free or abandoned. Ok(true) when held, Ok(false) when another
    // console holds it (holderDescription() says who); a failure when the journal cannot be used.
    Result<bool> acquire();
    // Takes the lock from whoever holds it, alive or not; returns their name (empty: nobody held it).
    Result<QString> takeOver();
    void release();
    void setAutomaticTakeover(bool on) { m_automaticTakeover = on; }
    // Whether this console may act on automatic triggers at all (it has a traffic controller).
    void setLeadershipWanted(bool wanted);

    bool isHeld() const { return m_held; }
    // "alice on build-7 (pid 4242) since 10:04:05"; empty while this console holds it (or nobody does).
    QString holderDescription() const { return m_holder; }
    QString holderName() const { return m_holderName; } // "alice"
    // Another console holds the lock but has not renewed it for StaleMs.
    bool holderIsStale() const { return m_holderStale; }
    // Why this console stopped driving on its own ("its lock could not be renewed for 25 s:
    // ..."), or empty.
    QString lapseReason() const { return m_lapse; }
    bool leadsTriggers() const { return m_leads; }

    // Heartbeats and retries from now on (tests drive tick() by hand).
    void startHeartbeat();
    void tick();
    void updateLeadership();

Q_SIGNALS:
    void heldChanged(bool held);
    void holderChanged(); // someone else took, renewed past staleness or let go of the lock
    void leadershipChanged(bool leads);

private:
    void setHeld(bool held, const QString &holder, const QString &lapse = {});
    void setLeads(bool leads);
    qint64 localNowMs() const;
    Result<qint64> rowNowMs();
    Result<bool> tryAcquire();
    Status look();

    Journal *m_journal;
    QString m_deploymentId;
    QString m_operator;
    QString m_token;
    QString m_host;
    const Clock *m_wallClock;
    bool m_held = false;
    bool m_automaticTakeover = true;
    bool m_leadershipWanted = false;
    bool m_leads = false;
    QString m_holder;
    QString m_holderName;
    bool m_holderStale = false;
    QString m_lapse;
    qint64 m_lastBeatMs = 0; // when the heartbeat was last written, by this machine's clock
    QTimer *m_timer;
    QTimer *m_leadership;
};
