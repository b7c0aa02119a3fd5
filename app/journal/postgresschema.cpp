#include "postgresschema.h"

#include "journal/journalbackend.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace {

// The tables are SQLite's (JournalSchema) with PostgreSQL's types; the lock row also keeps
// its holder's server session, so others can tell whether that console is still connected.
const QStringList Tables = {
    QStringLiteral("CREATE TABLE journal_meta (meta_key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)"),
    QStringLiteral("CREATE TABLE runbooks (sha256 CHAR(64) PRIMARY KEY, name TEXT NOT NULL, content TEXT NOT NULL, stored_at_ms BIGINT NOT NULL)"),
    QStringLiteral("CREATE TABLE events (deployment_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL CHECK (seq > 0), at_ms BIGINT NOT NULL, "
                   "operator_name VARCHAR(200) NOT NULL, kind VARCHAR(64) NOT NULL, item_id TEXT, payload TEXT NOT NULL, "
                   "PRIMARY KEY (deployment_id, seq))"),
    QStringLiteral("CREATE INDEX events_by_kind ON events (kind, deployment_id)"),
    QStringLiteral("CREATE TABLE samples (deployment_id VARCHAR(64) NOT NULL, metric VARCHAR(32) NOT NULL, color VARCHAR(8) NOT NULL, "
                   "at_ms BIGINT NOT NULL, value DOUBLE PRECISION, PRIMARY KEY (deployment_id, metric, color, at_ms))"),
    QStringLiteral("CREATE TABLE deployment_locks (deployment_id VARCHAR(64) PRIMARY KEY, token VARCHAR(64) NOT NULL, holder TEXT NOT NULL, "
                   "host VARCHAR(255) NOT NULL, pid BIGINT NOT NULL, acquired_ms BIGINT NOT NULL, heartbeat_ms BIGINT NOT NULL, "
                   "backend_pid INTEGER)"),
};

// Who the database lets do what. The owner of the tables (and a superuser) is the
// administrator; drivers are members of stonecaster_driver.
const QStringList Functions = {
    QStringLiteral(R"sql(CREATE FUNCTION stonecaster_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
            OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'events'::regclass), 'MEMBER') $$)sql"),
    QStringLiteral(R"sql(CREATE FUNCTION stonecaster_may_drive() RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT stonecaster_is_admin() OR pg_has_role(session_user, 'stonecaster_driver', 'MEMBER') $$)sql"),
    // This session holds the deployment's leadership for automatic triggers.
    QStringLiteral(R"sql(CREATE FUNCTION stonecaster_leads(d text) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                       AND classid = 1472 AND objid = (hashtext(d)::bigint & 4294967295)::oid AND objsubid = 2) $$)sql"),
    QStringLiteral(R"sql(CREATE FUNCTION stonecaster_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            last bigint;
            body jsonb;
        BEGIN
            IF NOT stonecaster_is_admin() THEN
                NEW.operator_name := session_user;
            END IF;
            SELECT COALESCE(MAX(seq), 0) INTO last FROM events WHERE deployment_id = NEW.deployment_id;
            IF NEW.seq <> last + 1 THEN
                RAISE EXCEPTION 'event % of deployment % is out of order: its last event is %', NEW.seq, NEW.deployment_id, last
                    USING ERRCODE = 'unique_violation';
            END IF;
            IF stonecaster_may_drive() OR NEW.kind IN ('note-set', 'rollback-requested') THEN
                RETURN NEW;
            END IF;
            body := NEW.payload::jsonb;
            IF stonecaster_leads(NEW.deployment_id) AND (
                   (NEW.kind = 'rollback-started' AND body->>'automatic' = 'true')
                OR (NEW.kind = 'traffic-commanded' AND body->>'automatic' = 'true' AND body->>'green' = '0')
                OR (NEW.kind = 'traffic-applied' AND body->>'commanded' = '0')
                OR NEW.kind = 'rule-breached') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '% is a watcher: watchers read the deployment, add notes and request a rollback; checking items, moving traffic and running procedure steps is for drivers (a % event was refused)', session_user, NEW.kind
                USING ERRCODE = 'insufficient_privilege';
        END $$)sql"),
    QStringLiteral(R"sql(CREATE FUNCTION stonecaster_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('sc_' || md5(NEW.deployment_id), NEW.seq::text);
            RETURN NULL;
        END $$)sql"),
    QStringLiteral(R"sql(CREATE FUNCTION stonecaster_locks_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT stonecaster_is_admin() THEN
                NEW.holder := session_user;
            END IF;
            NEW.backend_pid := pg_backend_pid();
            RETURN NEW;
        END $$)sql"),
    QStringLiteral("CREATE TRIGGER events_guard BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION stonecaster_events_guard()"),
    QStringLiteral("CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION stonecaster_events_notify()"),
    QStringLiteral("CREATE TRIGGER locks_guard BEFORE INSERT OR UPDATE ON deployment_locks FOR EACH ROW EXECUTE FUNCTION stonecaster_locks_guard()"),
};

const QStringList Grants = {
    QStringLiteral("REVOKE ALL ON journal_meta, runbooks, events, samples, deployment_locks FROM PUBLIC"),
    QStringLiteral("GRANT SELECT ON journal_meta, runbooks, events, samples, deployment_locks TO stonecaster_driver, stonecaster_watcher"),
    QStringLiteral("GRANT INSERT ON runbooks, events TO stonecaster_driver"),
    QStringLiteral("GRANT INSERT, UPDATE ON samples TO stonecaster_driver"),
    QStringLiteral("GRANT INSERT, UPDATE, DELETE ON deployment_locks TO stonecaster_driver"),
    QStringLiteral("GRANT INSERT ON events TO stonecaster_watcher"),
};

QString setMeta(const char *key, const QString &value)
{
    return QStringLiteral("INSERT INTO journal_meta (meta_key, value) VALUES ('%1', '%2') "
                          "ON CONFLICT (meta_key) DO UPDATE SET value = excluded.value")
        .arg(QLatin1String(key), value);
}

QString describe(const QSqlError &e)
{
    return JournalBackend::describe(e);
}

} // namespace

namespace PostgresSchema {

QString channelFor(const QString &deploymentId)
{
    return QStringLiteral("sc_") + QString::fromLatin1(QCryptographicHash::hash(deploymentId.toUtf8(), QCryptographicHash::Md5).toHex());
}

Result<JournalSchema::Meta> readMeta(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                               "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm')), "
                               "to_regclass('journal_meta') IS NOT NULL"))
        || !q.next())
        return Result<JournalSchema::Meta>::failure(describe(q.lastError()));
    JournalSchema::Meta meta;
    meta.empty = q.value(0).toLongLong() == 0;
    const bool hasMeta = q.value(1).toBool();
    q.finish();
    if (meta.empty || !hasMeta)
        return meta;
    return JournalSchema::readMetaTable(db, meta);
}

Status create(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname IN ('%1', '%2')").arg(QLatin1String(RoleDriver), QLatin1String(RoleWatcher))))
        return Status::failure(phrase("PostgresSchema", "cannot read the server's roles: %1").arg(describe(q.lastError())));
    int roles = 0;
    while (q.next())
        ++roles;
    if (roles != 2)
        return Status::failure(phrase("PostgresSchema", "the database has no journal yet, and the server lacks the roles %1 and %2 it grants to; "
                                              "create them first (user guide, \"Team setup\": Help > User guide, or docs/team.md): CREATE ROLE %1 NOLOGIN; CREATE ROLE %2 NOLOGIN;").arg(QLatin1String(RoleDriver)).arg(QLatin1String(RoleWatcher)));
    if (!q.exec(QStringLiteral("BEGIN")))
        return Status::failure(phrase("PostgresSchema", "cannot start creating the journal: %1").arg(describe(q.lastError())));
    const auto fail = [&q](const QString &message) {
        q.exec(QStringLiteral("ROLLBACK"));
        return Status::failure(message);
    };
    // Two consoles opening the same new database: one creates, the other finds it done.
    if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1, 0)").arg(LeaderLockClass)))
        return fail(QStringLiteral("cannot start creating the journal: %1").arg(describe(q.lastError())));
    if (!q.exec(QStringLiteral("SELECT to_regclass('journal_meta') IS NOT NULL")) || !q.next())
        return fail(QStringLiteral("cannot start creating the journal: %1").arg(describe(q.lastError())));
    if (q.value(0).toBool()) {
        q.exec(QStringLiteral("COMMIT"));
        return {};
    }
    QStringList statements = Tables + Functions + Grants;
    statements << setMeta("format", QLatin1String(JournalSchema::FormatName)) << setMeta("version", QString::number(JournalSchema::Version))
               << setMeta("min_reader_version", QStringLiteral("1")) << setMeta("min_writer_version", QString::number(JournalSchema::Version));
    for (const QString &sql : std::as_const(statements)) {
        if (!q.exec(sql)) {
            const QSqlError error = q.lastError();
            if (error.nativeErrorCode() == QLatin1String("42501")) // insufficient_privilege
                return fail(QStringLiteral("the database has no journal yet, and this login may not create its tables (%1); "
                                           "open it once as the database's owner (user guide, \"Team setup\": Help > User guide, or docs/team.md)")
                                .arg(describe(error)));
            return fail(QStringLiteral("creating the journal failed: %1").arg(describe(error)));
        }
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(QStringLiteral("cannot store the new journal: %1").arg(describe(q.lastError())));
    return {};
}

Status migrate(QSqlDatabase &db, int fromVersion)
{
    Q_UNUSED(db);
    // Every PostgreSQL journal so far was created at version 2; a later version adds its
    // steps here, run by the owner like create().
    if (fromVersion >= JournalSchema::Version)
        return {};
    return Status::failure(phrase("PostgresSchema", "journal format %1 cannot be brought to %2 in PostgreSQL by this console").arg(fromVersion).arg(JournalSchema::Version));
}

} // namespace PostgresSchema
