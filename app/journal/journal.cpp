#include "journal.h"

#include "journal/journallocation.h"
#include "journal/postgresbackend.h"
#include "journal/sqlitebackend.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <algorithm>

Journal::Journal(QObject *parent)
    : QObject(parent)
{
}

Journal::~Journal()
{
    m_backend.reset(); // waits for a running integrity check, which calls back into us
}

void Journal::setSynchronousCheckLimit(qint64 bytes)
{
    SqliteBackend::setSynchronousCheckLimit(bytes);
}

QString Journal::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/stonecaster/journal.sqlite");
}

QString Journal::networkFilesystemName(qint64 magic)
{
    return SqliteBackend::networkFilesystemName(magic);
}

QString Journal::filesystemProblem(const QString &path)
{
    return SqliteBackend::filesystemProblem(path);
}

bool Journal::isOpen() const
{
    return m_backend && m_backend->isOpen();
}

bool Journal::isShared() const
{
    return m_backend && m_backend->isShared();
}

bool Journal::isConnected() const
{
    return m_backend && m_backend->isConnected();
}

QString Journal::connectionProblem() const
{
    return m_backend ? m_backend->connectionProblem() : QString();
}

QSqlDatabase Journal::database() const
{
    return m_backend ? m_backend->database() : QSqlDatabase();
}

QString Journal::identity() const
{
    return m_backend ? m_backend->identity() : QString();
}

bool Journal::mayDrive() const
{
    return !m_backend || m_backend->mayDrive();
}

QString Journal::sqlError(const QString &what, const QSqlQuery &query) const
{
    return QStringLiteral("%1: %2 failed: %3").arg(m_path, what, JournalBackend::describe(query.lastError()));
}

Status Journal::fail(const Status &status)
{
    if (m_backend)
        m_backend->close();
    return status;
}

// Open, connected and not read-only: what every write needs.
Status Journal::usable() const
{
    if (!isOpen())
        return Status::failure(phrase("Journal", "the journal is not open"));
    if (isReadOnly())
        return Status::failure(m_readOnlyReason);
    if (!isConnected())
        return Status::failure(phrase("Journal", "%1; nothing was written").arg(connectionProblem()));
    return {};
}

Status Journal::open(const QString &location)
{
    if (isOpen())
        return Status::failure(phrase("Journal", "journal already open at %1").arg(m_path));
    m_backend.reset(); // left by an open() that failed
    m_readOnlyReason.clear();
    const Result<JournalLocation> where = JournalLocation::parse(location);
    if (!where)
        return Status::failure(where.error());
    m_path = where.value().display;
    if (where.value().isPostgres()) {
        auto backend = std::make_unique<PostgresBackend>(where.value());
        backend->setPassword(m_password);
        m_backend = std::move(backend);
    } else {
        m_backend = std::make_unique<SqliteBackend>(where.value());
    }
    JournalBackend *backend = m_backend.get();
    connect(backend, &JournalBackend::changedElsewhere, this, [this](const QString &deploymentId) {
        if (deploymentId.isEmpty() || m_watched.contains(deploymentId))
            Q_EMIT changedElsewhere();
    });
    connect(backend, &JournalBackend::connectionChanged, this, &Journal::connectionChanged);
    connect(backend, &JournalBackend::integrityChecked, this, &Journal::integrityChecked);
    connect(backend, &JournalBackend::integrityProblem, this, [this](const QString &message) {
        m_readOnlyReason = message;
        Q_EMIT integrityProblem(message);
    });
    if (Status s = backend->connect(); !s)
        return fail(s);
    // What is there, before anything is written to it.
    const Result<JournalSchema::Meta> meta = checkFormat(backend->readMeta());
    if (!meta)
        return fail(Status::failure(meta.error()));
    if (Status s = backend->prepare(meta.value(), isReadOnly()); !s)
        return fail(s);
    return {};
}

Result<JournalSchema::Meta> Journal::checkFormat(const Result<JournalSchema::Meta> &read)
{
    using R = Result<JournalSchema::Meta>;
    if (!read)
        return read;
    const JournalSchema::Meta &meta = read.value();
    if (meta.empty)
        return meta;
    if (meta.version < 1)
        return R::failure(phrase("Journal", "%1: the journal has no readable format version; it was left as it is").arg(m_path));
    if (FormatVersion < meta.minReaderVersion) {
        return R::failure(phrase("Journal", "%1: journal format %2 is newer than this console understands (%3); "
                                         "use a newer StoneCaster Deploy Console").arg(m_path).arg(meta.version).arg(FormatVersion));
    }
    if (FormatVersion < meta.minWriterVersion) {
        m_readOnlyReason = QStringLiteral("%1: journal format %2 was written by a newer StoneCaster Deploy Console, which allows "
                                          "this one (format %3) to read it but not to write it; use a newer console to change it")
                               .arg(m_path)
                               .arg(meta.version)
                               .arg(FormatVersion);
    }
    return meta;
}

Status Journal::beginWrite(const QString &what)
{
    if (Status s = usable(); !s)
        return s;
    return m_backend->beginWrite(what);
}

Status Journal::commitWrite(const QString &what)
{
    return m_backend->commitWrite(what);
}

void Journal::rollbackWrite()
{
    if (m_backend)
        m_backend->rollbackWrite();
}

void Journal::setFence(const QString &deploymentId, const QString &token)
{
    m_fences.insert(deploymentId, token);
}

void Journal::clearFence(const QString &deploymentId)
{
    m_fences.remove(deploymentId);
}

Result<bool> Journal::fenceHolds(const QString &deploymentId) const
{
    const auto fence = m_fences.constFind(deploymentId);
    if (fence == m_fences.cend())
        return true;
    if (!isConnected())
        return Result<bool>::failure(connectionProblem());
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT token FROM deployment_locks WHERE deployment_id = ?"));
    q.addBindValue(deploymentId);
    if (!q.exec())
        return Result<bool>::failure(sqlError(QStringLiteral("reading the deployment lock"), q));
    return q.next() && q.value(0).toString() == *fence;
}

QString Journal::lockHolderText(const QString &deploymentId) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT holder, host, pid FROM deployment_locks WHERE deployment_id = ?"));
    q.addBindValue(deploymentId);
    if (!q.exec() || !q.next())
        return QStringLiteral("this console no longer drives deployment %1: its lock was released by another console; nothing was written").arg(deploymentId);
    return QStringLiteral("this console no longer drives deployment %1: %2 on %3 (pid %4) took its lock over; nothing was written")
        .arg(deploymentId, q.value(0).toString(), q.value(1).toString())
        .arg(q.value(2).toLongLong());
}

Result<QString> Journal::storeRunbook(const QString &name, const QString &text)
{
    if (Status s = usable(); !s)
        return Result<QString>::failure(s.error());
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
    QSqlQuery q(database());
    // One statement: another console storing the same text at the same moment is no conflict.
    q.prepare(QStringLiteral("INSERT INTO runbooks (sha256, name, content, stored_at_ms) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"));
    q.addBindValue(sha);
    q.addBindValue(name);
    q.addBindValue(text);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch()); // bookkeeping only, not deployment time
    if (!q.exec())
        return Result<QString>::failure(sqlError(QStringLiteral("storing the runbook"), q));
    return sha;
}

Result<Journal::StoredRunbook> Journal::runbook(const QString &sha256) const
{
    if (!isConnected())
        return Result<StoredRunbook>::failure(isOpen() ? connectionProblem() : QStringLiteral("the journal is not open"));
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT name, content FROM runbooks WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (!q.exec())
        return Result<StoredRunbook>::failure(sqlError(QStringLiteral("reading a runbook"), q));
    if (!q.next())
        return Result<StoredRunbook>::failure(phrase("Journal", "%1: runbook %2 is missing from the journal").arg(m_path).arg(sha256.left(12)));
    return StoredRunbook{sha256, q.value(0).toString(), q.value(1).toString()};
}

Status Journal::append(DeploymentEvent &event, qint64 expectedLastSeq, bool *conflict)
{
    if (conflict)
        *conflict = false;
    if (Status s = usable(); !s)
        return s;
    if (event.kindName.isEmpty())
        event.kindName = DeploymentEvent::nameOf(event.kind);
    const auto fence = m_fences.constFind(event.deploymentId);
    const QString payload = QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact));
    const JournalBackend::Appended done = m_backend->append(event, payload, expectedLastSeq, fence == m_fences.cend() ? QString() : *fence);
    switch (done.outcome) {
    case JournalBackend::Appended::Outcome::Stored: break;
    case JournalBackend::Appended::Outcome::FenceLost: return Status::failure(lockHolderText(event.deploymentId));
    case JournalBackend::Appended::Outcome::Conflict:
        if (conflict)
            *conflict = true;
        return Status::failure(phrase("Journal", "another console changed deployment %1 meanwhile (its last event is %2, this console knew %3); "
                                              "nothing was written").arg(event.deploymentId).arg(done.seq).arg(expectedLastSeq));
    case JournalBackend::Appended::Outcome::Failed: return Status::failure(done.error);
    }
    event.seq = done.seq;
    event.operatorName = done.operatorName;
    Q_EMIT appended(event);
    return {};
}

void Journal::watchOtherWriters()
{
    if (m_backend)
        m_backend->watch(QString());
}

void Journal::watch(const QString &deploymentId)
{
    if (!m_backend || deploymentId.isEmpty())
        return;
    if (m_watched[deploymentId]++ == 0)
        m_backend->watch(deploymentId);
}

void Journal::unwatch(const QString &deploymentId)
{
    const auto it = m_watched.find(deploymentId);
    if (it == m_watched.end() || --*it > 0)
        return;
    m_watched.erase(it);
    if (m_backend)
        m_backend->unwatch(deploymentId);
}

Result<QList<DeploymentEvent>> Journal::events(const QString &deploymentId, qint64 afterSeq) const
{
    if (!isConnected())
        return Result<QList<DeploymentEvent>>::failure(isOpen() ? connectionProblem() : QStringLiteral("the journal is not open"));
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, at_ms, operator_name, kind, item_id, payload FROM events "
                             "WHERE deployment_id = ? AND seq > ? ORDER BY seq"));
    q.addBindValue(deploymentId);
    q.addBindValue(afterSeq);
    if (!q.exec())
        return Result<QList<DeploymentEvent>>::failure(sqlError(QStringLiteral("reading events"), q));
    QList<DeploymentEvent> events;
    while (q.next()) {
        DeploymentEvent e;
        e.deploymentId = deploymentId;
        e.seq = q.value(0).toLongLong();
        e.atMs = q.value(1).toLongLong();
        e.operatorName = q.value(2).toString();
        e.kindName = q.value(3).toString();
        e.kind = DeploymentEvent::kindOf(e.kindName);
        e.itemId = q.value(4).toString();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(5).toString().toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            return Result<QList<DeploymentEvent>>::failure(
                phrase("Journal", "%1: event %2 of deployment %3 has an unreadable payload (%4)").arg(m_path).arg(e.seq).arg(deploymentId).arg(error.errorString()));
        }
        e.payload = doc.object();
        events.append(e);
    }
    if (q.lastError().isValid())
        return Result<QList<DeploymentEvent>>::failure(sqlError(QStringLiteral("reading events"), q));
    return events;
}

Result<QList<Journal::DeploymentSummary>> Journal::deployments() const
{
    if (!isConnected())
        return Result<QList<DeploymentSummary>>::failure(isOpen() ? connectionProblem() : QStringLiteral("the journal is not open"));
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT deployment_id, at_ms, operator_name, kind, payload FROM events "
                               "WHERE kind IN ('deployment-started', 'deployment-closed') ORDER BY deployment_id, seq"))) {
        return Result<QList<DeploymentSummary>>::failure(sqlError(QStringLiteral("listing deployments"), q));
    }
    QList<DeploymentSummary> list;
    QHash<QString, qsizetype> index;
    while (q.next()) {
        const QString id = q.value(0).toString();
        const QJsonObject payload = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        if (q.value(3).toString() == QLatin1String("deployment-started")) {
            DeploymentSummary s;
            s.id = id;
            s.startedAtMs = q.value(1).toLongLong();
            s.operatorName = q.value(2).toString();
            s.service = payload.value(QStringLiteral("service")).toString();
            s.version = payload.value(QStringLiteral("version")).toString();
            s.runbookName = payload.value(QStringLiteral("runbookName")).toString();
            s.runbookSha256 = payload.value(QStringLiteral("runbookSha256")).toString();
            index.insert(id, list.size());
            list.append(s);
        } else if (index.contains(id)) {
            DeploymentSummary &s = list[index.value(id)];
            s.closed = true;
            s.closedAtMs = q.value(1).toLongLong();
            s.outcome = payload.value(QStringLiteral("outcome")).toString();
        }
    }
    // Newest first; closes were matched by seq above, so a wall clock set back cannot lose them.
    std::sort(list.begin(), list.end(), [](const DeploymentSummary &a, const DeploymentSummary &b) {
        return a.startedAtMs != b.startedAtMs ? a.startedAtMs > b.startedAtMs : a.id > b.id;
    });
    return list;
}

std::optional<Result<qint64>> Journal::serverNowMs()
{
    return m_backend ? m_backend->serverNowMs() : std::nullopt;
}

bool Journal::decidesLeadership() const
{
    return m_backend && m_backend->decidesLeadership();
}

Result<bool> Journal::takeLead(const QString &deploymentId)
{
    if (!m_backend)
        return false;
    return m_backend->takeLead(deploymentId);
}

void Journal::dropLead(const QString &deploymentId)
{
    if (m_backend)
        m_backend->dropLead(deploymentId);
}

std::optional<bool> Journal::driverConnected(const QString &deploymentId)
{
    return m_backend ? m_backend->driverConnected(deploymentId) : std::nullopt;
}
