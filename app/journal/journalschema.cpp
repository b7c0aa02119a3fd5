#include "journalschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace {

const QString MetaTable = QStringLiteral("CREATE TABLE IF NOT EXISTS journal_meta (meta_key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)");
const QString RunbooksTable = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS runbooks (sha256 CHAR(64) PRIMARY KEY, name TEXT NOT NULL, content TEXT NOT NULL, stored_at_ms BIGINT NOT NULL)");
const QString EventsTable = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS events (deployment_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, at_ms BIGINT NOT NULL, "
    "operator_name VARCHAR(200) NOT NULL, kind VARCHAR(64) NOT NULL, item_id TEXT, payload TEXT NOT NULL, PRIMARY KEY (deployment_id, seq))");
const QString EventsIndex = QStringLiteral("CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind, deployment_id)");
// Metric samples of a deployment (SampleArchive). NULL is NaN.
const QString SamplesTable = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS samples (deployment_id VARCHAR(64) NOT NULL, metric VARCHAR(32) NOT NULL, "
    "color VARCHAR(8) NOT NULL, at_ms BIGINT NOT NULL, value DOUBLE PRECISION, "
    "PRIMARY KEY (deployment_id, metric, color, at_ms))");
// Which console drives a deployment (DeploymentLock).
const QString LocksTable = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS deployment_locks (deployment_id VARCHAR(64) PRIMARY KEY, token VARCHAR(64) NOT NULL, "
    "holder TEXT NOT NULL, host VARCHAR(255) NOT NULL, pid BIGINT NOT NULL, acquired_ms BIGINT NOT NULL, heartbeat_ms BIGINT NOT NULL)");

QString setMeta(const char *key, const QString &value)
{
    // Portable upsert (SQLite >= 3.24, PostgreSQL >= 9.5).
    return QStringLiteral("INSERT INTO journal_meta (meta_key, value) VALUES ('%1', '%2') "
                          "ON CONFLICT (meta_key) DO UPDATE SET value = excluded.value")
        .arg(QLatin1String(key), value);
}

// What each version's migration runs, from the version before it.
QStringList stepTo(int version)
{
    switch (version) {
    case 2:
        return {SamplesTable, LocksTable, setMeta("min_reader_version", QStringLiteral("1")), setMeta("min_writer_version", QStringLiteral("2")),
                setMeta("version", QStringLiteral("2"))};
    default:
        return {};
    }
}

QString describe(const QSqlError &e)
{
    return (e.databaseText().isEmpty() ? e.text() : e.databaseText()).trimmed();
}

Status run(QSqlDatabase &db, const QStringList &statements, const QString &what)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Status::failure(phrase("JournalSchema", "cannot start %1: %2").arg(what).arg(describe(q.lastError())));
    for (const QString &sql : statements) {
        if (!q.exec(sql)) {
            const QString error = QStringLiteral("%1 failed: %2").arg(what, describe(q.lastError()));
            q.exec(QStringLiteral("ROLLBACK"));
            return Status::failure(error);
        }
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const QString error = QStringLiteral("cannot write %1: %2").arg(what, describe(q.lastError()));
        q.exec(QStringLiteral("ROLLBACK"));
        return Status::failure(error);
    }
    return {};
}

} // namespace

namespace JournalSchema {

Result<Meta> readMeta(QSqlDatabase &db)
{
    QSqlQuery q(db);
    // Any read fails on a file that is not SQLite.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
        return Result<Meta>::failure(describe(q.lastError()));
    Meta meta;
    meta.empty = q.value(0).toInt() == 0;
    if (meta.empty)
        return meta;
    q.finish();
    return readMetaTable(db, meta);
}

Result<Meta> readMetaTable(QSqlDatabase &db, Meta meta)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT meta_key, value FROM journal_meta")))
        return meta; // no such table: not a journal
    meta.minReaderVersion = -1;
    meta.minWriterVersion = -1;
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QString value = q.value(1).toString();
        if (key == QLatin1String("format"))
            meta.isJournal = value == QLatin1String(FormatName);
        else if (key == QLatin1String("version"))
            meta.version = value.toInt();
        else if (key == QLatin1String("min_reader_version"))
            meta.minReaderVersion = value.toInt();
        else if (key == QLatin1String("min_writer_version"))
            meta.minWriterVersion = value.toInt();
    }
    // Not stated (format 1 never did): a reader and a writer need the file's own format.
    if (meta.minReaderVersion < 0)
        meta.minReaderVersion = meta.version;
    if (meta.minWriterVersion < 0)
        meta.minWriterVersion = meta.version;
    return meta;
}

Status create(QSqlDatabase &db)
{
    return run(db,
               {MetaTable, RunbooksTable, EventsTable, EventsIndex, SamplesTable, LocksTable, setMeta("format", QLatin1String(FormatName)),
                setMeta("version", QString::number(Version)), setMeta("min_reader_version", QStringLiteral("1")),
                setMeta("min_writer_version", QString::number(Version))},
               QStringLiteral("creating the journal"));
}

Status migrate(QSqlDatabase &db, int fromVersion)
{
    QStringList statements;
    for (int v = fromVersion + 1; v <= Version; ++v)
        statements += stepTo(v);
    if (statements.isEmpty())
        return {};
    return run(db, statements, QStringLiteral("bringing the journal from format %1 to %2").arg(fromVersion).arg(Version));
}

} // namespace JournalSchema
