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

QString sqlText(const QSqlQuery &q)
{
    const QSqlError e = q.lastError();
    return (e.databaseText().isEmpty() ? e.text() : e.databaseText()).trimmed();
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
    , m_leadership(new QTimer(this))
{
    m_timer->setInterval(int(HeartbeatMs));
    connect(m_timer, &QTimer::timeout, this, &DeploymentLock::tick);
    m_leadership->setInterval(LeadershipIntervalMs);
    connect(m_leadership, &QTimer::timeout, this, &DeploymentLock::updateLeadership);
}

DeploymentLock::~DeploymentLock()
{
    release();
}

qint64 DeploymentLock::localNowMs() const
{
    return m_wallClock ? m_wallClock->nowMs() : QDateTime::currentMSecsSinceEpoch();
}

Result<qint64> DeploymentLock::rowNowMs()
{
    if (const std::optional<Result<qint64>> server = m_journal->serverNowMs())
        return *server;
    return localNowMs();
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
    return Result<bool>::failure(phrase("DeploymentLock", "%1: the lock of deployment %2 kept changing hands; try again").arg(m_journal->path()).arg(m_deploymentId));
}

// Ok(true) held, Ok(false) with m_holder set: someone else holds it; Ok(false) with m_holder
// empty: it changed hands meanwhile, ask again.
Result<bool> DeploymentLock::tryAcquire()
{
    if (!m_journal->isConnected())
        return Result<bool>::failure(m_journal->connectionProblem());
    const Result<qint64> now = rowNowMs();
    if (!now)
        return Result<bool>::failure(now.error());
    QSqlDatabase db = m_journal->database();
    const qint64 pid = QCoreApplication::applicationPid();
    QSqlQuery q(db);
    // A row that exists is no error (portable: SQLite >= 3.24, PostgreSQL >= 9.5); any other
    // failure (a read-only or full disk, an I/O error, a watcher's login) is one, and is said.
    q.prepare(QStringLiteral("INSERT INTO deployment_locks (deployment_id, token, holder, host, pid, acquired_ms, heartbeat_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deployment_id) DO NOTHING"));
    for (const QVariant &v : {QVariant(m_deploymentId), QVariant(m_token), QVariant(m_operator), QVariant(m_host), QVariant(pid), QVariant(now.value()),
                              QVariant(now.value())})
        q.addBindValue(v);
    if (!q.exec())
        return Result<bool>::failure(phrase("DeploymentLock", "%1: cannot take the deployment lock: %2").arg(m_journal->path()).arg(sqlText(q)));
    if (q.numRowsAffected() == 1) {
        m_lastBeatMs = localNowMs();
        setHeld(true, {});
        return true;
    }
    // Taken: by whom, and are they still there?
    q.prepare(QStringLiteral("SELECT token, holder, host, pid, acquired_ms, heartbeat_ms FROM deployment_locks WHERE deployment_id = ?"));
    q.addBindValue(m_deploymentId);
    if (!q.exec())
        return Result<bool>::failure(phrase("DeploymentLock", "%1: cannot read the deployment lock: %2").arg(m_journal->path()).arg(sqlText(q)));
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
        for (const QVariant &v : {QVariant(now.value()), QVariant(m_deploymentId), QVariant(m_token)})
            beat.addBindValue(v);
        if (!beat.exec())
            return Result<bool>::failure(phrase("DeploymentLock", "%1: cannot renew the deployment lock: %2").arg(m_journal->path()).arg(sqlText(beat)));
        m_lastBeatMs = localNowMs();
        setHeld(true, {});
        return true;
    }
    const bool stale = now.value() - heartbeatMs > StaleMs;
    const bool dead = host == m_host && !processAlive(holderPid);
    // An abandoned lock is taken on one machine; in a team only by a person (takeOver()).
    if ((stale || dead) && m_automaticTakeover) {
        QSqlQuery take(db);
        take.prepare(QStringLiteral("UPDATE deployment_locks SET token = ?, holder = ?, host = ?, pid = ?, acquired_ms = ?, heartbeat_ms = ? "
                                    "WHERE deployment_id = ? AND token = ?"));
        for (const QVariant &v : {QVariant(m_token), QVariant(m_operator), QVariant(m_host), QVariant(pid), QVariant(now.value()), QVariant(now.value()),
                                  QVariant(m_deploymentId), QVariant(token)})
            take.addBindValue(v);
        if (!take.exec())
            return Result<bool>::failure(phrase("DeploymentLock", "%1: cannot take over the deployment lock: %2").arg(m_journal->path()).arg(sqlText(take)));
        if (take.numRowsAffected() == 1) {
            m_lastBeatMs = localNowMs();
            setHeld(true, {});
            return true;
        }
        m_holder.clear();
        return false; // someone else was faster; see who
    }
    const QString since = QDateTime::fromMSecsSinceEpoch(acquiredMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_holderName = holder;
    m_holderStale = stale;
    setHeld(false, QStringLiteral("%1 on %2 (pid %3) since %4").arg(holder, host).arg(holderPid).arg(since));
    return false;
}

Status DeploymentLock::look()
{
    if (!m_journal->isConnected())
        return Status::failure(m_journal->connectionProblem());
    const Result<qint64> now = rowNowMs();
    if (!now)
        return Status::failure(now.error());
    QSqlQuery q(m_journal->database());
    q.prepare(QStringLiteral("SELECT holder, host, pid, acquired_ms, heartbeat_ms FROM deployment_locks WHERE deployment_id = ?"));
    q.addBindValue(m_deploymentId);
    if (!q.exec())
        return Status::failure(phrase("DeploymentLock", "%1: cannot read the deployment lock: %2").arg(m_journal->path()).arg(sqlText(q)));
    QString holder;
    QString name;
    bool stale = false;
    if (q.next()) {
        name = q.value(0).toString();
        stale = now.value() - q.value(4).toLongLong() > StaleMs;
        const QString since = QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        holder = QStringLiteral("%1 on %2 (pid %3) since %4").arg(name, q.value(1).toString()).arg(q.value(2).toLongLong()).arg(since);
    }
    if (holder != m_holder || name != m_holderName || stale != m_holderStale) {
        m_holder = holder;
        m_holderName = name;
        m_holderStale = stale;
        Q_EMIT holderChanged();
    }
    return {};
}

Result<QString> DeploymentLock::takeOver()
{
    if (!m_journal->isConnected())
        return Result<QString>::failure(m_journal->connectionProblem());
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        QSqlQuery q(m_journal->database());
        q.prepare(QStringLiteral("SELECT token, holder FROM deployment_locks WHERE deployment_id = ?"));
        q.addBindValue(m_deploymentId);
        if (!q.exec())
            return Result<QString>::failure(phrase("DeploymentLock", "%1: cannot read the deployment lock: %2").arg(m_journal->path()).arg(sqlText(q)));
        if (!q.next()) {
            const Result<bool> taken = acquire(); // nobody holds it
            if (!taken)
                return Result<QString>::failure(taken.error());
            if (taken.value())
                return QString();
            continue;
        }
        const QString token = q.value(0).toString();
        const QString previous = q.value(1).toString();
        if (token == m_token) {
            const Result<bool> renewed = acquire();
            if (!renewed)
                return Result<QString>::failure(renewed.error());
            return QString();
        }
        const Result<qint64> now = rowNowMs();
        if (!now)
            return Result<QString>::failure(now.error());
        QSqlQuery take(m_journal->database());
        take.prepare(QStringLiteral("UPDATE deployment_locks SET token = ?, holder = ?, host = ?, pid = ?, acquired_ms = ?, heartbeat_ms = ? "
                                    "WHERE deployment_id = ? AND token = ?"));
        for (const QVariant &v : {QVariant(m_token), QVariant(m_operator), QVariant(m_host), QVariant(QCoreApplication::applicationPid()),
                                  QVariant(now.value()), QVariant(now.value()), QVariant(m_deploymentId), QVariant(token)})
            take.addBindValue(v);
        if (!take.exec())
            return Result<QString>::failure(phrase("DeploymentLock", "%1: cannot take control of the deployment: %2").arg(m_journal->path()).arg(sqlText(take)));
        if (take.numRowsAffected() == 1) {
            m_lastBeatMs = localNowMs();
            setHeld(true, {});
            return previous;
        }
    }
    return Result<QString>::failure(phrase("DeploymentLock", "%1: the lock of deployment %2 kept changing hands; try again").arg(m_journal->path()).arg(m_deploymentId));
}

void DeploymentLock::release()
{
    m_timer->stop();
    m_leadership->stop();
    if (m_leads && m_journal->isConnected())
        m_journal->dropLead(m_deploymentId);
    m_leads = false;
    if (!m_held || !m_journal->isConnected())
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
    if (m_journal->decidesLeadership()) {
        m_leadership->start();
        updateLeadership();
    }
}

void DeploymentLock::tick()
{
    if (!m_journal->isOpen())
        return;
    if (!m_held) {
        // A journal error keeps us watching; the next tick tries again. A lock that lapsed
        // (its heartbeat could not be written) is renewed once it can be, if still ours.
        if (m_automaticTakeover || !m_lapse.isEmpty())
            (void)acquire();
        else
            (void)look();
        return;
    }
    const qint64 local = localNowMs();
    QString error;
    int renewed = -1;
    if (!m_journal->isConnected()) {
        error = m_journal->connectionProblem();
    } else if (const Result<qint64> now = rowNowMs(); !now) {
        error = now.error();
    } else {
        QSqlQuery q(m_journal->database());
        q.prepare(QStringLiteral("UPDATE deployment_locks SET heartbeat_ms = ? WHERE deployment_id = ? AND token = ?"));
        q.addBindValue(now.value());
        q.addBindValue(m_deploymentId);
        q.addBindValue(m_token);
        if (q.exec())
            renewed = q.numRowsAffected();
        else
            error = sqlText(q);
    }
    if (renewed < 0) {
        // Busy, failing or unreachable journal: retried on the next tick, but only while the
        // others still see us as alive. Past StaleMs they may take over, so we stop driving first.
        const qint64 silentMs = local - m_lastBeatMs;
        if (silentMs > StaleMs) {
            const QString lapse = QStringLiteral("this console's lock could not be renewed for %1 s (%2); it stopped driving so that no "
                                                 "two consoles do, and takes the lock again once the journal can be written")
                                      .arg(silentMs / 1000)
                                      .arg(error);
            setHeld(false, {}, lapse);
        }
        return;
    }
    if (renewed == 0) {
        (void)acquire(); // taken over while we were frozen: read-only now, with the new holder named
        return;
    }
    m_lastBeatMs = local;
}

void DeploymentLock::setLeadershipWanted(bool wanted)
{
    m_leadershipWanted = wanted;
    updateLeadership();
}

void DeploymentLock::updateLeadership()
{
    if (!m_journal->decidesLeadership()) {
        setLeads(m_held && m_leadershipWanted);
        return;
    }
    if (!m_journal->isConnected()) {
        setLeads(false); // the session that held it is gone with the connection
        return;
    }
    if (!m_leadershipWanted) {
        if (m_leads)
            m_journal->dropLead(m_deploymentId);
        setLeads(false);
        return;
    }
    // The console that drives acts on the triggers; while it is not connected, one of the
    // others does, and lets go once it is back.
    if (!m_held && m_journal->driverConnected(m_deploymentId).value_or(false)) {
        if (m_leads)
            m_journal->dropLead(m_deploymentId);
        setLeads(false);
        return;
    }
    const Result<bool> leads = m_journal->takeLead(m_deploymentId);
    setLeads(leads.ok() && leads.value());
}

void DeploymentLock::setLeads(bool leads)
{
    if (leads == m_leads)
        return;
    m_leads = leads;
    Q_EMIT leadershipChanged(leads);
}

void DeploymentLock::setHeld(bool held, const QString &holder, const QString &lapse)
{
    const bool changed = held != m_held || holder != m_holder || lapse != m_lapse;
    m_held = held;
    m_holder = holder;
    m_lapse = lapse;
    if (held) {
        m_holderName.clear();
        m_holderStale = false;
    }
    // While held, the journal refuses our appends once the row is not ours any more; after a
    // loss the fence stays, so nothing is written before this console knows.
    if (held)
        m_journal->setFence(m_deploymentId, m_token);
    if (!m_journal->decidesLeadership())
        setLeads(held && m_leadershipWanted);
    if (changed)
        Q_EMIT heldChanged(held);
}
