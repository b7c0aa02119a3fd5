#include "journal.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace {

constexpr auto FormatName = "stonecaster-journal";
constexpr int FormatVersion = 1;

// Metric samples of a deployment (SampleArchive). Added within format 1: a journal written
// before it gains the table on open, and an older console ignores it. NULL is NaN.
const QString SamplesTable = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS samples (deployment_id VARCHAR(64) NOT NULL, metric VARCHAR(32) NOT NULL, "
    "color VARCHAR(8) NOT NULL, at_ms BIGINT NOT NULL, value DOUBLE PRECISION, "
    "PRIMARY KEY (deployment_id, metric, color, at_ms))");

// Which console drives a deployment (DeploymentLock). Added within format 1 like samples.
const QString LocksTable = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS deployment_locks (deployment_id VARCHAR(64) PRIMARY KEY, token VARCHAR(64) NOT NULL, "
    "holder TEXT NOT NULL, host VARCHAR(255) NOT NULL, pid BIGINT NOT NULL, acquired_ms BIGINT NOT NULL, heartbeat_ms BIGINT NOT NULL)");

QString describe(const QSqlError &e)
{
    QString text = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    return text.trimmed();
}

} // namespace

Journal::Journal(QObject *parent)
    : QObject(parent)
    , m_connection(QStringLiteral("journal-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

Journal::~Journal()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString Journal::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/stonecaster/journal.sqlite");
}

QString Journal::sqlError(const QString &what, const QSqlQuery &query) const
{
    return QStringLiteral("%1: %2 failed: %3").arg(m_path, what, describe(query.lastError()));
}

Status Journal::open(const QString &path)
{
    if (m_db.isOpen())
        return Status::failure(QStringLiteral("journal already open at %1").arg(m_path));
    if (m_db.isValid()) { // left by an open() that failed
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_path = path;
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Status::failure(QStringLiteral("%1: is not a file; the journal must be a SQLite file").arg(path));
    if (!info.exists()) {
        if (!QDir().mkpath(info.absolutePath()))
            return Status::failure(QStringLiteral("%1: cannot create the folder %2").arg(path, info.absolutePath()));
    } else if (!info.isReadable()) {
        return Status::failure(QStringLiteral("%1: cannot read the journal (permission denied)").arg(path));
    }
    const bool existed = info.exists() && info.size() > 0;

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!m_db.isValid())
        return Status::failure(QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        const QString error = describe(m_db.lastError());
        return Status::failure(QStringLiteral("%1: cannot open the journal: %2").arg(path, error));
    }
    if (existed) {
        if (Status s = checkExisting(); !s) {
            m_db.close();
            return s;
        }
    }
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next() || q.value(0).toString().toLower() != QLatin1String("wal")) {
        const QString error = q.lastError().isValid() ? describe(q.lastError()) : QStringLiteral("WAL mode refused");
        m_db.close();
        return Status::failure(QStringLiteral("%1: cannot switch the journal to WAL mode: %2").arg(path, error));
    }
    if (!q.exec(QStringLiteral("PRAGMA synchronous=FULL"))) {
        const QString error = sqlError(QStringLiteral("PRAGMA synchronous"), q);
        m_db.close();
        return Status::failure(error);
    }
    if (!existed) {
        if (Status s = createSchema(); !s) {
            m_db.close();
            return s;
        }
    } else if (!q.exec(SamplesTable) || !q.exec(LocksTable)) {
        const QString error = sqlError(QStringLiteral("adding the samples and locks tables"), q);
        m_db.close();
        return Status::failure(error);
    }
    return {};
}

Status Journal::checkExisting()
{
    QSqlQuery q(m_db);
    // Any read fails on a file that is not SQLite; quick_check finds damaged pages.
    if (!q.exec(QStringLiteral("PRAGMA quick_check"))) {
        return Status::failure(QStringLiteral("%1: not a readable journal (%2). The file was left as it is; "
                                              "move it away or start with --journal OTHER_PATH")
                                   .arg(m_path, describe(q.lastError())));
    }
    QStringList problems;
    while (q.next())
        problems << q.value(0).toString();
    if (problems != QStringList{QStringLiteral("ok")}) {
        return Status::failure(QStringLiteral("%1: the journal is corrupt (%2). The file was left as it is; "
                                              "restore a backup or start with --journal OTHER_PATH")
                                   .arg(m_path, problems.mid(0, 3).join(QStringLiteral("; "))));
    }
    if (!q.exec(QStringLiteral("SELECT value FROM journal_meta WHERE meta_key = 'format'")) || !q.next()
        || q.value(0).toString() != QLatin1String(FormatName)) {
        if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && q.next() && q.value(0).toInt() == 0)
            return createSchema(); // an empty SQLite file: ours to fill
        return Status::failure(QStringLiteral("%1: is a SQLite database but not a StoneCaster journal; it was left as it is").arg(m_path));
    }
    if (!q.exec(QStringLiteral("SELECT value FROM journal_meta WHERE meta_key = 'version'")) || !q.next())
        return Status::failure(sqlError(QStringLiteral("reading the journal version"), q));
    const int version = q.value(0).toInt();
    if (version > FormatVersion) {
        return Status::failure(QStringLiteral("%1: journal format %2 is newer than this console understands (%3); "
                                              "use a newer StoneCaster Deploy Console")
                                   .arg(m_path)
                                   .arg(version)
                                   .arg(FormatVersion));
    }
    return {};
}

Status Journal::createSchema()
{
    const QStringList statements{
        QStringLiteral("CREATE TABLE IF NOT EXISTS journal_meta (meta_key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS runbooks (sha256 CHAR(64) PRIMARY KEY, name TEXT NOT NULL, "
                       "content TEXT NOT NULL, stored_at_ms BIGINT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS events (deployment_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, "
                       "at_ms BIGINT NOT NULL, operator_name VARCHAR(200) NOT NULL, kind VARCHAR(64) NOT NULL, "
                       "item_id TEXT, payload TEXT NOT NULL, PRIMARY KEY (deployment_id, seq))"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind, deployment_id)"),
        SamplesTable,
        LocksTable,
        QStringLiteral("INSERT INTO journal_meta (meta_key, value) VALUES ('format', '%1')").arg(QLatin1String(FormatName)),
        QStringLiteral("INSERT INTO journal_meta (meta_key, value) VALUES ('version', '%1')").arg(FormatVersion),
    };
    if (!m_db.transaction())
        return Status::failure(QStringLiteral("%1: cannot start a transaction: %2").arg(m_path, describe(m_db.lastError())));
    QSqlQuery q(m_db);
    for (const QString &sql : statements) {
        if (!q.exec(sql)) {
            const QString error = sqlError(QStringLiteral("creating the journal"), q);
            m_db.rollback();
            return Status::failure(error);
        }
    }
    if (!m_db.commit())
        return Status::failure(QStringLiteral("%1: cannot write the journal: %2").arg(m_path, describe(m_db.lastError())));
    return {};
}

Result<QString> Journal::storeRunbook(const QString &name, const QString &text)
{
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM runbooks WHERE sha256 = ?"));
    q.addBindValue(sha);
    if (!q.exec())
        return Result<QString>::failure(sqlError(QStringLiteral("looking up the runbook"), q));
    if (q.next())
        return sha;
    q.prepare(QStringLiteral("INSERT INTO runbooks (sha256, name, content, stored_at_ms) VALUES (?, ?, ?, ?)"));
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
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name, content FROM runbooks WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (!q.exec())
        return Result<StoredRunbook>::failure(sqlError(QStringLiteral("reading a runbook"), q));
    if (!q.next())
        return Result<StoredRunbook>::failure(QStringLiteral("%1: runbook %2 is missing from the journal").arg(m_path, sha256.left(12)));
    return StoredRunbook{sha256, q.value(0).toString(), q.value(1).toString()};
}

Status Journal::append(DeploymentEvent &event)
{
    if (!m_db.isOpen())
        return Status::failure(QStringLiteral("the journal is not open"));
    if (!m_db.transaction())
        return Status::failure(QStringLiteral("%1: cannot start a transaction: %2").arg(m_path, describe(m_db.lastError())));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events WHERE deployment_id = ?"));
    q.addBindValue(event.deploymentId);
    if (!q.exec() || !q.next()) {
        const QString error = sqlError(QStringLiteral("reading the last event"), q);
        m_db.rollback();
        return Status::failure(error);
    }
    const qint64 seq = q.value(0).toLongLong() + 1;
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO events (deployment_id, seq, at_ms, operator_name, kind, item_id, payload) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(event.deploymentId);
    q.addBindValue(seq);
    q.addBindValue(event.atMs);
    q.addBindValue(event.operatorName);
    q.addBindValue(event.kindName.isEmpty() ? DeploymentEvent::nameOf(event.kind) : event.kindName);
    q.addBindValue(event.itemId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(event.itemId));
    q.addBindValue(QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact)));
    if (!q.exec()) {
        const QString error = sqlError(QStringLiteral("writing the event"), q);
        m_db.rollback();
        return Status::failure(error);
    }
    if (!m_db.commit()) {
        const QString error = QStringLiteral("%1: cannot write the event to disk: %2").arg(m_path, describe(m_db.lastError()));
        m_db.rollback();
        return Status::failure(error);
    }
    event.seq = seq;
    if (event.kindName.isEmpty())
        event.kindName = DeploymentEvent::nameOf(event.kind);
    Q_EMIT appended(event);
    return {};
}

Result<QList<DeploymentEvent>> Journal::events(const QString &deploymentId) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, at_ms, operator_name, kind, item_id, payload FROM events "
                             "WHERE deployment_id = ? ORDER BY seq"));
    q.addBindValue(deploymentId);
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
                QStringLiteral("%1: event %2 of deployment %3 has an unreadable payload (%4)").arg(m_path).arg(e.seq).arg(deploymentId, error.errorString()));
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
    QSqlQuery q(m_db);
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
