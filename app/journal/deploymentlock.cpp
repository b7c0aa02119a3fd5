#include "deploymentlock.h"

#include "core/clock.h"
#include "journal.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTimer>
#include <QUuid>
#include <QVariant>

#include <cerrno>
#include <csignal>

namespace {

constexpr int MaxAttempts = 5; // rows that keep changing hands between our statements

// Whether a process with this id exists on this machine (EPERM: it exists, owned by someone else).
bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

} // namespace

DeploymentLock::DeploymentLock(Journal *journal, const QString &deploymentId, const QString &operatorName, const Clock *wallClock,
                               QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_deploymentId(deploymentId)
    , m_operator(operatorName)
    , m_token(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_host(QSysInfo::machineHostName())
    , m_wallClock(wallClock)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(int(HeartbeatMs));
    connect(m_timer, &QTimer::timeout, this, &DeploymentLock::tick);
}

DeploymentLock::~DeploymentLock()
{
    release();
}

qint64 DeploymentLock::nowMs() const
{
    return m_wallClock ? m_wallClock->nowMs() : QDateTime::currentMSecsSinceEpoch();
}

Result<bool> DeploymentLock::acquire()
{
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const Result<bool> result = tryAcquire();
        if (!result || result.value() || !m_holder.isEmpty())
            return result;
        // The row changed hands between our statements (released, or taken over by a third
        // console): look again.
    }
    return Result<bool>::failure(QStringLiteral("%1: the lock of deployment %2 kept changing hands; try again").arg(m_journal->path(), m_deploymentId));
}

// Ok(true) held, Ok(false) with m_holder set: someone else holds it; Ok(false) with m_holder
// empty: it changed hands meanwhile, ask again.
Result<bool> DeploymentLock::tryAcquire()
{
    QSqlDatabase db = m_journal->database();
    const qint64 now = nowMs();
    const qint64 pid = QCoreApplication::applicationPid();
    QSqlQuery q(db);
    // A row that exists is no error (portable: SQLite >= 3.24, PostgreSQL >= 9.5); any other
    // failure (a read-only or full disk, an I/O error) is one, and is said.
    q.prepare(QStringLiteral("INSERT INTO deployment_locks (deployment_id, token, holder, host, pid, acquired_ms, heartbeat_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deployment_id) DO NOTHING"));
    for (const QVariant &v : {QVariant(m_deploymentId), QVariant(m_token), QVariant(m_operator), QVariant(m_host), QVariant(pid), QVariant(now), QVariant(now)})
        q.addBindValue(v);
    if (!q.exec())
        return Result<bool>::failure(QStringLiteral("%1: cannot take the deployment lock: %2").arg(m_journal->path(), q.lastError().text()));
    if (q.numRowsAffected() == 1) {
        m_lastBeatMs = now;
        setHeld(true, {});
        return true;
    }
    // Taken: by whom, and are they still there?
    q.prepare(QStringLiteral("SELECT token, holder, host, pid, acquired_ms, heartbeat_ms FROM deployment_locks WHERE deployment_id = ?"));
    q.addBindValue(m_deploymentId);
    if (!q.exec())
        return Result<bool>::failure(QStringLiteral("%1: cannot read the deployment lock: %2").arg(m_journal->path(), q.lastError().text()));
    if (!q.next()) {
        m_holder.clear();
        return false; // released between the two statements
    }
    const QString token = q.value(0).toString();
    const QString holder = q.value(1).toString();
    const QString host = q.value(2).toString();
    const qint64 holderPid = q.value(3).toLongLong();
    const qint64 acquiredMs = q.value(4).toLongLong();
    const qint64 heartbeatMs = q.value(5).toLongLong();
    if (token == m_token) {
        // Still ours (a heartbeat lapsed, or acquire() again): renew it before driving again.
        QSqlQuery beat(db);
        beat.prepare(QStringLiteral("UPDATE deployment_locks SET heartbeat_ms = ? WHERE deployment_id = ? AND token = ?"));
        for (const QVariant &v : {QVariant(now), QVariant(m_deploymentId), QVariant(m_token)})
            beat.addBindValue(v);
        if (!beat.exec())
            return Result<bool>::failure(QStringLiteral("%1: cannot renew the deployment lock: %2").arg(m_journal->path(), beat.lastError().text()));
        m_lastBeatMs = now;
        setHeld(true, {});
        return true;
    }
    const bool stale = now - heartbeatMs > StaleMs;
    const bool dead = host == m_host && !processAlive(holderPid);
    if (stale || dead) {
        QSqlQuery take(db);
        take.prepare(QStringLiteral("UPDATE deployment_locks SET token = ?, holder = ?, host = ?, pid = ?, acquired_ms = ?, heartbeat_ms = ? "
                                    "WHERE deployment_id = ? AND token = ?"));
        for (const QVariant &v : {QVariant(m_token), QVariant(m_operator), QVariant(m_host), QVariant(pid), QVariant(now), QVariant(now),
                                  QVariant(m_deploymentId), QVariant(token)})
            take.addBindValue(v);
        if (!take.exec())
            return Result<bool>::failure(QStringLiteral("%1: cannot take over the deployment lock: %2").arg(m_journal->path(), take.lastError().text()));
        if (take.numRowsAffected() == 1) {
            m_lastBeatMs = now;
            setHeld(true, {});
            return true;
        }
        m_holder.clear();
        return false; // someone else was faster; see who
    }
    const QString since = QDateTime::fromMSecsSinceEpoch(acquiredMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    setHeld(false, QStringLiteral("%1 on %2 (pid %3) since %4").arg(holder, host).arg(holderPid).arg(since));
    return false;
}

void DeploymentLock::release()
{
    m_timer->stop();
    if (!m_held || !m_journal->isOpen())
        return;
    QSqlQuery q(m_journal->database());
    q.prepare(QStringLiteral("DELETE FROM deployment_locks WHERE deployment_id = ? AND token = ?"));
    q.addBindValue(m_deploymentId);
    q.addBindValue(m_token);
    q.exec(); // a failure leaves a row that goes stale; nothing else to do while closing
    m_held = false;
    m_journal->clearFence(m_deploymentId);
}

void DeploymentLock::startHeartbeat()
{
    m_timer->start();
}

void DeploymentLock::tick()
{
    if (!m_journal->isOpen())
        return;
    if (!m_held) {
        (void)acquire(); // a journal error keeps us read-only; the next tick tries again
        return;
    }
    const qint64 now = nowMs();
    QSqlQuery q(m_journal->database());
    q.prepare(QStringLiteral("UPDATE deployment_locks SET heartbeat_ms = ? WHERE deployment_id = ? AND token = ?"));
    q.addBindValue(now);
    q.addBindValue(m_deploymentId);
    q.addBindValue(m_token);
    if (!q.exec()) {
        // Busy or failing journal: retried on the next tick, but only while the others still
        // see us as alive. Past StaleMs they may take over, so we stop driving first.
        const qint64 silentMs = now - m_lastBeatMs;
        if (silentMs > StaleMs) {
            const QString lapse = QStringLiteral("this console's lock could not be renewed for %1 s (%2); it stopped driving so that no "
                                                 "two consoles do, and takes the lock again once the journal can be written")
                                      .arg(silentMs / 1000)
                                      .arg(q.lastError().text());
            setHeld(false, {}, lapse);
        }
        return;
    }
    if (q.numRowsAffected() == 0) {
        (void)acquire(); // taken over while we were frozen: read-only now, with the new holder named
        return;
    }
    m_lastBeatMs = now;
}

void DeploymentLock::setHeld(bool held, const QString &holder, const QString &lapse)
{
    const bool changed = held != m_held || holder != m_holder || lapse != m_lapse;
    m_held = held;
    m_holder = holder;
    m_lapse = lapse;
    // While held, the journal refuses our appends once the row is not ours any more; after a
    // loss the fence stays, so nothing is written before this console knows.
    if (held)
        m_journal->setFence(m_deploymentId, m_token);
    if (changed)
        Q_EMIT heldChanged(held);
}
