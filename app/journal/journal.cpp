#include "journal.h"

#include "journal/integritycheck.h"
#include "journal/journalschema.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace {

qint64 s_synchronousCheckLimit = Journal::DefaultSynchronousCheckLimit;

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
    if (m_check)
        m_check->wait(); // it calls back into this object
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

void Journal::setSynchronousCheckLimit(qint64 bytes)
{
    s_synchronousCheckLimit = bytes;
}

QString Journal::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/stonecaster/journal.sqlite");
}

QString Journal::networkFilesystemName(qint64 magic)
{
    switch (quint32(magic)) {
    case 0x6969: return QStringLiteral("NFS");
    case 0x517B:
    case 0xFF534D42:
    case 0xFE534D42: return QStringLiteral("CIFS/SMB");
    case 0x5346414F: return QStringLiteral("AFS");
    case 0x00C36400: return QStringLiteral("Ceph");
    case 0x01021997: return QStringLiteral("9P");
    case 0x0BD00BD0: return QStringLiteral("Lustre");
    case 0x47504653: return QStringLiteral("GPFS");
    case 0x7461636F: return QStringLiteral("OCFS2");
    case 0x01161970: return QStringLiteral("GFS2");
    default: return {};
    }
}

QString Journal::filesystemProblem(const QString &path)
{
    // The file may not exist yet: its nearest existing folder tells the filesystem.
    QFileInfo info(path);
    QString folder = info.exists() ? info.absoluteFilePath() : info.absolutePath();
    while (!QFileInfo::exists(folder) && folder != QDir::rootPath())
        folder = QFileInfo(folder).absolutePath();
    struct statfs fs {};
    if (::statfs(QFile::encodeName(folder).constData(), &fs) != 0)
        return {}; // cannot tell; opening the file will say what is wrong
    const QString name = networkFilesystemName(qint64(fs.f_type));
    if (name.isEmpty())
        return {};
    return QStringLiteral("%1: is on a network filesystem (%2). The journal is SQLite in WAL mode, which needs memory shared "
                          "on one host: two machines writing it through %2 can lose or mix up events, and its lock cannot tell "
                          "them apart. Keep the journal on a local disk (--journal PATH); a team on several machines shares a "
                          "PostgreSQL journal instead")
        .arg(path, name);
}

QString Journal::sqlError(const QString &what, const QSqlQuery &query) const
{
    return QStringLiteral("%1: %2 failed: %3").arg(m_path, what, describe(query.lastError()));
}

QString Journal::corruptMessage(const QString &problems) const
{
    return QStringLiteral("%1: the journal is corrupt (%2). The file was left as it is; restore a backup or start with --journal OTHER_PATH")
        .arg(m_path, problems);
}

Status Journal::fail(const Status &status)
{
    m_db.close();
    return status;
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
    m_readOnlyReason.clear();
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Status::failure(QStringLiteral("%1: is not a file; the journal must be a SQLite file").arg(path));
    if (const QString problem = filesystemProblem(path); !problem.isEmpty())
        return Status::failure(problem);
    if (!info.exists()) {
        if (Status s = createPrivately(path); !s)
            return s;
    } else if (!info.isReadable()) {
        return Status::failure(QStringLiteral("%1: cannot read the journal (permission denied)").arg(path));
    }
    const qint64 size = info.exists() ? info.size() : 0;
    if (Status s = openConnection(); !s)
        return s;
    if (size > 0) {
        if (Status s = checkIntegrity(size); !s)
            return fail(s);
    }
    // What the file is, before anything is written to it (WAL mode is a write).
    const Result<JournalSchema::Meta> meta = checkFormat();
    if (!meta)
        return fail(Status::failure(meta.error()));
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next() || q.value(0).toString().toLower() != QLatin1String("wal")) {
        const QString error = q.lastError().isValid() ? describe(q.lastError()) : QStringLiteral("WAL mode refused");
        return fail(Status::failure(QStringLiteral("%1: cannot switch the journal to WAL mode: %2").arg(path, error)));
    }
    if (!q.exec(QStringLiteral("PRAGMA synchronous=FULL")))
        return fail(Status::failure(sqlError(QStringLiteral("PRAGMA synchronous"), q)));
    q.finish();
    Status ready;
    if (meta.value().empty) // a new file, or an empty SQLite file: ours to fill
        ready = JournalSchema::create(m_db);
    else if (!isReadOnly() && meta.value().version < FormatVersion)
        ready = JournalSchema::migrate(m_db, meta.value().version);
    if (!ready)
        return fail(Status::failure(QStringLiteral("%1: %2").arg(path, ready.error())));
    return {};
}

// A new journal is the operator's alone: its folder (when made here) 0700, the file 0600
// before SQLite opens it, and SQLite gives the -wal and -shm files the database's mode.
// An existing file keeps the mode it has (a team may share one on purpose).
Status Journal::createPrivately(const QString &path)
{
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    if (!QDir(folder).exists()) {
        if (!QDir().mkpath(folder))
            return Status::failure(QStringLiteral("%1: cannot create the folder %2").arg(path, folder));
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST)
        return Status::failure(QStringLiteral("%1: cannot create the journal: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (fd >= 0)
        ::close(fd);
    return {};
}

Status Journal::openConnection()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!m_db.isValid())
        return Status::failure(QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return Status::failure(QStringLiteral("%1: cannot open the journal: %2").arg(m_path, describe(m_db.lastError())));
    return {};
}

Status Journal::checkIntegrity(qint64 size)
{
    QSqlQuery q(m_db);
    // Any read fails on a file that is not SQLite.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        return Status::failure(QStringLiteral("%1: not a readable journal (%2). The file was left as it is; "
                                              "move it away or start with --journal OTHER_PATH")
                                   .arg(m_path, describe(q.lastError())));
    }
    q.finish();
    if (size > s_synchronousCheckLimit) {
        m_check = IntegrityCheck::start(m_path, this, [this](const IntegrityCheck::Outcome &outcome) {
            if (!outcome.problems.isEmpty()) {
                m_readOnlyReason = corruptMessage(outcome.problems);
                Q_EMIT integrityProblem(m_readOnlyReason);
            }
            Q_EMIT integrityChecked();
        });
        return {};
    }
    // Small enough to check here: quick_check finds damaged pages.
    if (!q.exec(QStringLiteral("PRAGMA quick_check"))) {
        return Status::failure(QStringLiteral("%1: not a readable journal (%2). The file was left as it is; "
                                              "move it away or start with --journal OTHER_PATH")
                                   .arg(m_path, describe(q.lastError())));
    }
    QStringList problems;
    while (q.next())
        problems << q.value(0).toString();
    if (problems != QStringList{QStringLiteral("ok")})
        return Status::failure(corruptMessage(problems.mid(0, 3).join(QStringLiteral("; "))));
    return {};
}

Result<JournalSchema::Meta> Journal::checkFormat()
{
    using R = Result<JournalSchema::Meta>;
    const R read = JournalSchema::readMeta(m_db);
    if (!read) {
        return R::failure(QStringLiteral("%1: not a readable journal (%2). The file was left as it is; "
                                         "move it away or start with --journal OTHER_PATH")
                              .arg(m_path, read.error()));
    }
    const JournalSchema::Meta &meta = read.value();
    if (meta.empty)
        return meta;
    if (!meta.isJournal)
        return R::failure(QStringLiteral("%1: is a SQLite database but not a StoneCaster journal; it was left as it is").arg(m_path));
    if (meta.version < 1)
        return R::failure(QStringLiteral("%1: the journal has no readable format version; it was left as it is").arg(m_path));
    if (FormatVersion < meta.minReaderVersion) {
        return R::failure(QStringLiteral("%1: journal format %2 is newer than this console understands (%3); "
                                         "use a newer StoneCaster Deploy Console")
                              .arg(m_path)
                              .arg(meta.version)
                              .arg(FormatVersion));
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
    if (!m_db.isOpen())
        return Status::failure(QStringLiteral("the journal is not open"));
    if (isReadOnly())
        return Status::failure(m_readOnlyReason);
    QSqlQuery q(m_db);
    // The write lock before the first read: a deferred transaction that read first and then
    // found another writer's commit fails with SQLITE_BUSY_SNAPSHOT, which waiting cannot cure.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Status::failure(QStringLiteral("%1: cannot start %2: %3").arg(m_path, what, describe(q.lastError())));
    return {};
}

Status Journal::commitWrite(const QString &what)
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("COMMIT")))
        return {};
    const QString error = QStringLiteral("%1: cannot write %2 to disk: %3").arg(m_path, what, describe(q.lastError()));
    rollbackWrite();
    return Status::failure(error);
}

void Journal::rollbackWrite()
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK")); // fails only when SQLite already rolled back
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
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT token FROM deployment_locks WHERE deployment_id = ?"));
    q.addBindValue(deploymentId);
    if (!q.exec())
        return Result<bool>::failure(sqlError(QStringLiteral("reading the deployment lock"), q));
    return q.next() && q.value(0).toString() == *fence;
}

Status Journal::checkFence(const DeploymentEvent &event)
{
    const auto fence = m_fences.constFind(event.deploymentId);
    if (fence == m_fences.cend())
        return {};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT token, holder, host, pid FROM deployment_locks WHERE deployment_id = ?"));
    q.addBindValue(event.deploymentId);
    if (!q.exec())
        return Status::failure(sqlError(QStringLiteral("checking the deployment lock"), q));
    if (!q.next())
        return Status::failure(QStringLiteral("this console no longer drives deployment %1: its lock was released by another console; "
                                              "nothing was written")
                                   .arg(event.deploymentId));
    if (q.value(0).toString() != *fence)
        return Status::failure(QStringLiteral("this console no longer drives deployment %1: %2 on %3 (pid %4) took its lock over; "
                                              "nothing was written")
                                   .arg(event.deploymentId, q.value(1).toString(), q.value(2).toString())
                                   .arg(q.value(3).toLongLong()));
    return {};
}

Result<QString> Journal::storeRunbook(const QString &name, const QString &text)
{
    if (isReadOnly())
        return Result<QString>::failure(m_readOnlyReason);
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
    QSqlQuery q(m_db);
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
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name, content FROM runbooks WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (!q.exec())
        return Result<StoredRunbook>::failure(sqlError(QStringLiteral("reading a runbook"), q));
    if (!q.next())
        return Result<StoredRunbook>::failure(QStringLiteral("%1: runbook %2 is missing from the journal").arg(m_path, sha256.left(12)));
    return StoredRunbook{sha256, q.value(0).toString(), q.value(1).toString()};
}

Status Journal::append(DeploymentEvent &event, qint64 expectedLastSeq, bool *conflict)
{
    if (conflict)
        *conflict = false;
    if (Status s = beginWrite(QStringLiteral("a transaction")); !s)
        return s;
    if (Status s = checkFence(event); !s) {
        rollbackWrite();
        return s;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events WHERE deployment_id = ?"));
    q.addBindValue(event.deploymentId);
    if (!q.exec() || !q.next()) {
        const QString error = sqlError(QStringLiteral("reading the last event"), q);
        rollbackWrite();
        return Status::failure(error);
    }
    const qint64 last = q.value(0).toLongLong();
    q.finish();
    if (expectedLastSeq >= 0 && last != expectedLastSeq) {
        rollbackWrite();
        if (conflict)
            *conflict = true;
        return Status::failure(QStringLiteral("another console changed deployment %1 meanwhile (its last event is %2, this console knew %3); "
                                              "nothing was written")
                                   .arg(event.deploymentId)
                                   .arg(last)
                                   .arg(expectedLastSeq));
    }
    const qint64 seq = last + 1;
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
        q.finish();
        rollbackWrite();
        return Status::failure(error);
    }
    q.finish();
    if (Status s = commitWrite(QStringLiteral("the event")); !s)
        return s;
    event.seq = seq;
    if (event.kindName.isEmpty())
        event.kindName = DeploymentEvent::nameOf(event.kind);
    Q_EMIT appended(event);
    return {};
}

void Journal::watchOtherWriters()
{
    if (m_watch)
        return;
    m_watch = new QTimer(this);
    m_watch->setInterval(WatchIntervalMs);
    QSqlQuery first(m_db);
    if (first.exec(QStringLiteral("PRAGMA data_version")) && first.next())
        m_dataVersion = first.value(0).toLongLong(); // what this console has seen
    // SQLite's data_version changes when another connection commits, and only then: one cheap
    // read a quarter of a second.
    connect(m_watch, &QTimer::timeout, this, [this] {
        if (!m_db.isOpen())
            return;
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
            return;
        const qint64 version = q.value(0).toLongLong();
        const bool changed = m_dataVersion >= 0 && version != m_dataVersion;
        m_dataVersion = version;
        if (changed)
            Q_EMIT changedElsewhere();
    });
    m_watch->start();
}

Result<QList<DeploymentEvent>> Journal::events(const QString &deploymentId, qint64 afterSeq) const
{
    QSqlQuery q(m_db);
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
