#include "postgresbackend.h"

#include "journal/postgreslink.h"
#include "journal/postgresschema.h"

#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>

namespace {

constexpr int MaxAppendAttempts = 100; // writers racing for the same next number

const QString UniqueViolation = QStringLiteral("23505");

} // namespace

PostgresBackend::PostgresBackend(const JournalLocation &location, QObject *parent)
    : JournalBackend(location, parent)
    , m_link(new PostgresLink(location, this))
{
    QObject::connect(m_link, &PostgresLink::notified, this, [this](const QString &channel, const QString &) {
        if (const auto it = m_channels.constFind(channel); it != m_channels.cend())
            Q_EMIT changedElsewhere(*it);
    });
    QObject::connect(m_link, &PostgresLink::connectionChanged, this, [this](bool connected) {
        Q_EMIT connectionChanged(connected);
        // Back: whatever was written while away is read now, for everything followed.
        if (connected)
            Q_EMIT changedElsewhere(QString());
    });
}

PostgresBackend::~PostgresBackend()
{
    close();
}

void PostgresBackend::setPassword(const QString &password)
{
    m_link->setPassword(password);
}

QSqlDatabase PostgresBackend::database() const
{
    return m_link->database();
}

Status PostgresBackend::connect()
{
    if (Status s = m_link->open(); !s)
        return s;
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT session_user")) || !q.next())
        return Status::failure(sqlError(QStringLiteral("asking the server who this console is"), q));
    m_identity = q.value(0).toString();
    return {};
}

void PostgresBackend::close()
{
    m_link->close();
}

bool PostgresBackend::isOpen() const
{
    return m_link->isOpen();
}

bool PostgresBackend::isConnected() const
{
    return m_link->isConnected();
}

QString PostgresBackend::connectionProblem() const
{
    return m_link->problem();
}

Status PostgresBackend::notConnected() const
{
    return Status::failure(phrase("PostgresBackend", "%1; nothing was written").arg(m_link->problem()));
}

Result<JournalSchema::Meta> PostgresBackend::readMeta()
{
    QSqlDatabase db = database();
    const Result<JournalSchema::Meta> meta = PostgresSchema::readMeta(db);
    if (!meta)
        return Result<JournalSchema::Meta>::failure(phrase("PostgresBackend", "%1: cannot read what the database holds: %2").arg(m_location.display).arg(meta.errorPhrase()));
    if (!meta.value().empty && !meta.value().isJournal)
        return Result<JournalSchema::Meta>::failure(phrase("PostgresBackend", "%1: the database has other tables and is not a StoneCaster journal; it was left as it is. "
                                                                   "Give the journal a database of its own (user guide, \"Team setup\": Help > User guide, or docs/team.md)").arg(m_location.display));
    return meta;
}

Status PostgresBackend::prepare(const JournalSchema::Meta &meta, bool readOnly)
{
    QSqlDatabase db = database();
    Status ready;
    if (meta.empty)
        ready = PostgresSchema::create(db);
    else if (!readOnly && meta.version < JournalSchema::Version)
        ready = PostgresSchema::migrate(db, meta.version);
    if (!ready)
        return Status::failure(Phrase::list({Phrase::verbatim(m_location.display), ready.errorPhrase()}, QStringLiteral(": ")));
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT stonecaster_may_drive()")) || !q.next())
        return Status::failure(sqlError(QStringLiteral("reading this login's role"), q));
    m_mayDrive = q.value(0).toBool();
    return {};
}

Status PostgresBackend::beginWrite(const QString &what)
{
    if (!isConnected())
        return notConnected();
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("BEGIN"))) {
        m_link->checkNow();
        return Status::failure(phrase("PostgresBackend", "%1: cannot start %2: %3").arg(m_location.display).arg(what).arg(describe(q.lastError())));
    }
    return {};
}

QString PostgresBackend::literal(const QVariant &value) const
{
    // The driver's own quoting, as it uses for prepared statements' parameters: one round
    // trip instead of PREPARE, EXECUTE and DEALLOCATE.
    QSqlField field(QString(), value.metaType());
    field.setValue(value);
    if (value.isNull())
        field.clear();
    return database().driver()->formatValue(field);
}

JournalBackend::Appended PostgresBackend::append(const DeploymentEvent &event, const QString &payload, qint64 expectedLastSeq, const QString &fenceToken)
{
    Appended result;
    if (!isConnected()) {
        result.error = notConnected().error();
        return result;
    }
    const QString id = literal(event.deploymentId);
    const bool fenced = !fenceToken.isNull();
    // The next number, the lock read FOR SHARE (a takeover's UPDATE waits for this statement
    // to commit, or this one for the takeover and then finds the token changed).
    QString sql = QStringLiteral("WITH last AS (SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE deployment_id = %1)").arg(id);
    if (fenced)
        sql += QStringLiteral(", fence AS (SELECT token FROM deployment_locks WHERE deployment_id = %1 FOR SHARE)").arg(id);
    sql += QStringLiteral(" INSERT INTO events (deployment_id, seq, at_ms, operator_name, kind, item_id, payload) "
                          "SELECT %1, last.seq + 1, %2, %3, %4, %5, %6 FROM last WHERE true")
               .arg(id, literal(event.atMs), literal(event.operatorName),
                    literal(event.kindName.isEmpty() ? DeploymentEvent::nameOf(event.kind) : event.kindName),
                    event.itemId.isEmpty() ? QStringLiteral("NULL") : literal(event.itemId), literal(payload));
    if (expectedLastSeq >= 0)
        sql += QStringLiteral(" AND last.seq = %1").arg(expectedLastSeq);
    if (fenced)
        sql += QStringLiteral(" AND (SELECT token FROM fence) = %1").arg(literal(fenceToken));
    sql += QStringLiteral(" RETURNING seq, operator_name");

    QSqlQuery q(database());
    for (int attempt = 0; attempt < MaxAppendAttempts; ++attempt) {
        if (!q.exec(sql)) {
            const bool raced = q.lastError().nativeErrorCode() == UniqueViolation;
            if (raced && expectedLastSeq < 0) {
                // Another writer took the number: the next attempt reads the new last one. A
                // short growing pause (at most 5 ms) lets a burst of writers spread out; 20
                // immediate retries ran out once while four processes hammered one deployment.
                QThread::usleep(std::min(5000, 100 * (attempt + 1)) + QRandomGenerator::global()->bounded(200));
                continue;
            }
            if (!raced) {
                m_link->checkNow();
                result.error = isConnected() ? sqlError(QStringLiteral("writing the event"), q) : notConnected().error();
                return result;
            }
            break; // a conflict: said below with the deployment's last event
        }
        if (q.next()) {
            result.outcome = Appended::Outcome::Stored;
            result.seq = q.value(0).toLongLong();
            result.operatorName = q.value(1).toString();
            return result;
        }
        break; // nothing inserted: the fence or the expected event did not hold
    }
    // Why not: the lock changed hands, or the deployment moved on.
    QSqlQuery why(database());
    if (!why.exec(QStringLiteral("SELECT (SELECT COALESCE(MAX(seq), 0) FROM events WHERE deployment_id = %1), "
                                 "(SELECT token FROM deployment_locks WHERE deployment_id = %1)")
                      .arg(id))
        || !why.next()) {
        result.error = sqlError(QStringLiteral("reading why the event was refused"), why);
        return result;
    }
    if (fenced && why.value(1).toString() != fenceToken) {
        result.outcome = Appended::Outcome::FenceLost;
        return result;
    }
    result.outcome = Appended::Outcome::Conflict;
    result.seq = why.value(0).toLongLong();
    return result;
}

void PostgresBackend::watch(const QString &deploymentId)
{
    if (deploymentId.isEmpty())
        return; // every deployment a console follows is named; nothing listens to "all"
    const QString channel = PostgresSchema::channelFor(deploymentId);
    m_channels.insert(channel, deploymentId);
    m_link->listen(channel);
}

void PostgresBackend::unwatch(const QString &deploymentId)
{
    const QString channel = PostgresSchema::channelFor(deploymentId);
    m_channels.remove(channel);
    m_link->unlisten(channel);
}

std::optional<Result<qint64>> PostgresBackend::serverNowMs()
{
    if (!isConnected())
        return Result<qint64>::failure(notConnected().error());
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")) || !q.next()) {
        m_link->checkNow();
        return Result<qint64>::failure(sqlError(QStringLiteral("reading the server's clock"), q));
    }
    return Result<qint64>(q.value(0).toLongLong());
}

Result<bool> PostgresBackend::takeLead(const QString &deploymentId)
{
    if (!isConnected())
        return false; // the session that held it is gone
    QSqlQuery q(database());
    // Held already (the function looks at this session's locks), or taken now; never twice
    // (advisory locks stack within a session).
    if (!q.exec(QStringLiteral("SELECT CASE WHEN stonecaster_leads(%1) THEN true ELSE pg_try_advisory_lock(%2, hashtext(%1)) END")
                    .arg(literal(deploymentId))
                    .arg(PostgresSchema::LeaderLockClass))
        || !q.next()) {
        m_link->checkNow();
        return Result<bool>::failure(sqlError(QStringLiteral("asking who acts on automatic triggers"), q));
    }
    return q.value(0).toBool();
}

void PostgresBackend::dropLead(const QString &deploymentId)
{
    if (!isConnected())
        return;
    QSqlQuery q(database());
    q.exec(QStringLiteral("SELECT pg_advisory_unlock(%2, hashtext(%1)) WHERE stonecaster_leads(%1)")
               .arg(literal(deploymentId))
               .arg(PostgresSchema::LeaderLockClass));
}

std::optional<bool> PostgresBackend::driverConnected(const QString &deploymentId)
{
    if (!isConnected())
        return std::nullopt;
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM deployment_locks l JOIN pg_stat_activity a ON a.pid = l.backend_pid "
                               "WHERE l.deployment_id = %1)")
                    .arg(literal(deploymentId)))
        || !q.next()) {
        m_link->checkNow();
        return std::nullopt;
    }
    return q.value(0).toBool();
}
