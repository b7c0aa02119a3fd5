#include "deploymentlock.h"

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

qint64 wallNowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Whether a process with this id exists on this machine (EPERM: it exists, owned by someone else).
bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

} // namespace

DeploymentLock::DeploymentLock(Journal *journal, const QString &deploymentId, const QString &operatorName, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_deploymentId(deploymentId)
    , m_operator(operatorName)
    , m_token(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_host(QSysInfo::machineHostName())
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(int(HeartbeatMs));
    connect(m_timer, &QTimer::timeout, this, &DeploymentLock::tick);
}

DeploymentLock::~DeploymentLock()
{
    release();
}

Result<bool> DeploymentLock::acquire()
{
    QSqlDatabase db = m_journal->database();
    const qint64 now = wallNowMs();
    const qint64 pid = QCoreApplication::applicationPid();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO deployment_locks (deployment_id, token, holder, host, pid, acquired_ms, heartbeat_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : {QVariant(m_deploymentId), QVariant(m_token), QVariant(m_operator), QVariant(m_host), QVariant(pid), QVariant(now), QVariant(now)})
        q.addBindValue(v);
    if (q.exec()) {
        setHeld(true, {});
        return true;
    }
    // Taken: by whom, and are they still there?
    q.prepare(QStringLiteral("SELECT token, holder, host, pid, acquired_ms, heartbeat_ms FROM deployment_locks WHERE deployment_id = ?"));
    q.addBindValue(m_deploymentId);
    if (!q.exec())
        return Result<bool>::failure(QStringLiteral("%1: cannot read the deployment lock: %2").arg(m_journal->path(), q.lastError().text()));
    if (!q.next())
        return acquire(); // released between the two statements
    const QString token = q.value(0).toString();
    const QString holder = q.value(1).toString();
    const QString host = q.value(2).toString();
    const qint64 holderPid = q.value(3).toLongLong();
    const qint64 acquiredMs = q.value(4).toLongLong();
    const qint64 heartbeatMs = q.value(5).toLongLong();
    if (token == m_token) {
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
            setHeld(true, {});
            return true;
        }
        return acquire(); // someone else was faster; see who
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
    QSqlQuery q(m_journal->database());
    q.prepare(QStringLiteral("UPDATE deployment_locks SET heartbeat_ms = ? WHERE deployment_id = ? AND token = ?"));
    q.addBindValue(wallNowMs());
    q.addBindValue(m_deploymentId);
    q.addBindValue(m_token);
    if (!q.exec())
        return; // busy or failing journal: the heartbeat is retried; StaleMs leaves room
    if (q.numRowsAffected() == 0)
        (void)acquire(); // taken over while we were frozen: read-only now, with the new holder named
}

void DeploymentLock::setHeld(bool held, const QString &holder)
{
    const bool changed = held != m_held || holder != m_holder;
    m_held = held;
    m_holder = holder;
    if (changed)
        Q_EMIT heldChanged(held);
}
