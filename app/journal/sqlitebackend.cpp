#include "sqlitebackend.h"

#include "journal/integritycheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace {
qint64 s_synchronousCheckLimit = SqliteBackend::DefaultSynchronousCheckLimit;
}

SqliteBackend::SqliteBackend(const JournalLocation &location, QObject *parent)
    : JournalBackend(location, parent)
    , m_connection(QStringLiteral("journal-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

SqliteBackend::~SqliteBackend()
{
    if (m_check)
        m_check->wait(); // it calls back into this object
    close();
}

void SqliteBackend::setSynchronousCheckLimit(qint64 bytes)
{
    s_synchronousCheckLimit = bytes;
}

QString SqliteBackend::networkFilesystemName(qint64 magic)
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

QString SqliteBackend::filesystemProblem(const QString &path)
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
                          "PostgreSQL journal instead (--journal postgresql://USER@HOST/DATABASE)")
        .arg(path, name);
}

QString SqliteBackend::corruptMessage(const QString &problems) const
{
    return QStringLiteral("%1: the journal is corrupt (%2). The file was left as it is; restore a backup or start with --journal OTHER_PATH")
        .arg(m_location.path, problems);
}

void SqliteBackend::close()
{
    if (m_watch)
        m_watch->stop();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

Status SqliteBackend::connect()
{
    const QString &path = m_location.path;
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Status::failure(phrase("SqliteBackend", "%1: is not a file; the journal must be a SQLite file").arg(path));
    if (const QString problem = filesystemProblem(path); !problem.isEmpty())
        return Status::failure(problem);
    if (!info.exists()) {
        if (Status s = createPrivately(path); !s)
            return s;
    } else if (!info.isReadable()) {
        return Status::failure(phrase("SqliteBackend", "%1: cannot read the journal (permission denied)").arg(path));
    }
    const qint64 size = info.exists() ? info.size() : 0;
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!m_db.isValid())
        return Status::failure(phrase("SqliteBackend", "the Qt SQLite driver (QSQLITE) is not installed"));
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        return Status::failure(phrase("SqliteBackend", "%1: cannot open the journal: %2").arg(path).arg(describe(m_db.lastError())));
    if (size > 0) {
        if (Status s = checkIntegrity(size); !s) {
            m_db.close();
            return s;
        }
    }
    return {};
}

// A new journal is the operator's alone: its folder (when made here) 0700, the file 0600
// before SQLite opens it, and SQLite gives the -wal and -shm files the database's mode.
// An existing file keeps the mode it has (a team may share one on purpose).
Status SqliteBackend::createPrivately(const QString &path)
{
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    if (!QDir(folder).exists()) {
        if (!QDir().mkpath(folder))
            return Status::failure(phrase("SqliteBackend", "%1: cannot create the folder %2").arg(path).arg(folder));
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST)
        return Status::failure(phrase("SqliteBackend", "%1: cannot create the journal: %2").arg(path).arg(QString::fromLocal8Bit(std::strerror(errno))));
    if (fd >= 0)
        ::close(fd);
    return {};
}

Status SqliteBackend::checkIntegrity(qint64 size)
{
    QSqlQuery q(m_db);
    // Any read fails on a file that is not SQLite.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        return Status::failure(phrase("SqliteBackend", "%1: not a readable journal (%2). The file was left as it is; "
                                              "move it away or start with --journal OTHER_PATH").arg(m_location.path).arg(describe(q.lastError())));
    }
    q.finish();
    if (size > s_synchronousCheckLimit) {
        m_check = IntegrityCheck::start(m_location.path, this, [this](const IntegrityCheck::Outcome &outcome) {
            if (!outcome.problems.isEmpty())
                Q_EMIT integrityProblem(corruptMessage(outcome.problems));
            Q_EMIT integrityChecked();
        });
        return {};
    }
    // Small enough to check here: quick_check finds damaged pages.
    if (!q.exec(QStringLiteral("PRAGMA quick_check"))) {
        return Status::failure(phrase("SqliteBackend", "%1: not a readable journal (%2). The file was left as it is; "
                                              "move it away or start with --journal OTHER_PATH").arg(m_location.path).arg(describe(q.lastError())));
    }
    QStringList problems;
    while (q.next())
        problems << q.value(0).toString();
    if (problems != QStringList{QStringLiteral("ok")})
        return Status::failure(corruptMessage(problems.mid(0, 3).join(QStringLiteral("; "))));
    return {};
}

Result<JournalSchema::Meta> SqliteBackend::readMeta()
{
    const Result<JournalSchema::Meta> meta = JournalSchema::readMeta(m_db);
    if (!meta) {
        return Result<JournalSchema::Meta>::failure(phrase("SqliteBackend", "%1: not a readable journal (%2). The file was left as it is; "
                                                                   "move it away or start with --journal OTHER_PATH").arg(m_location.path).arg(meta.error()));
    }
    if (!meta.value().empty && !meta.value().isJournal)
        return Result<JournalSchema::Meta>::failure(phrase("SqliteBackend", "%1: is a SQLite database but not a StoneCaster journal; it was left as it is").arg(m_location.path));
    return meta;
}

Status SqliteBackend::prepare(const JournalSchema::Meta &meta, bool readOnly)
{
    const QString &path = m_location.path;
    QSqlQuery q(m_db);
    // WAL mode is a write: only now that the file is known to be ours.
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next() || q.value(0).toString().toLower() != QLatin1String("wal")) {
        const QString error = q.lastError().isValid() ? describe(q.lastError()) : QStringLiteral("WAL mode refused");
        return Status::failure(phrase("SqliteBackend", "%1: cannot switch the journal to WAL mode: %2").arg(path).arg(error));
    }
    if (!q.exec(QStringLiteral("PRAGMA synchronous=FULL")))
        return Status::failure(sqlError(QStringLiteral("PRAGMA synchronous"), q));
    q.finish();
    Status ready;
    if (meta.empty) // a new file, or an empty SQLite file: ours to fill
        ready = JournalSchema::create(m_db);
    else if (!readOnly && meta.version < JournalSchema::Version)
        ready = JournalSchema::migrate(m_db, meta.version);
    if (!ready)
        return Status::failure(Phrase::list({Phrase::verbatim(path), ready.errorPhrase()}, QStringLiteral(": ")));
    return {};
}

Status SqliteBackend::beginWrite(const QString &what)
{
    QSqlQuery q(m_db);
    // The write lock before the first read: a deferred transaction that read first and then
    // found another writer's commit fails with SQLITE_BUSY_SNAPSHOT, which waiting cannot cure.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Status::failure(phrase("SqliteBackend", "%1: cannot start %2: %3").arg(m_location.path).arg(what).arg(describe(q.lastError())));
    return {};
}

JournalBackend::Appended SqliteBackend::append(const DeploymentEvent &event, const QString &payload, qint64 expectedLastSeq, const QString &fenceToken)
{
    Appended result;
    if (Status s = beginWrite(QStringLiteral("a transaction")); !s) {
        result.error = s.error();
        return result;
    }
    const auto failed = [&](const QString &what, QSqlQuery &q) {
        result.outcome = Appended::Outcome::Failed;
        result.error = sqlError(what, q);
        q.finish();
        rollbackWrite();
        return result;
    };
    QSqlQuery q(m_db);
    if (!fenceToken.isNull()) {
        q.prepare(QStringLiteral("SELECT token FROM deployment_locks WHERE deployment_id = ?"));
        q.addBindValue(event.deploymentId);
        if (!q.exec())
            return failed(QStringLiteral("checking the deployment lock"), q);
        if (!q.next() || q.value(0).toString() != fenceToken) {
            q.finish();
            rollbackWrite();
            result.outcome = Appended::Outcome::FenceLost;
            return result;
        }
    }
    q.prepare(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events WHERE deployment_id = ?"));
    q.addBindValue(event.deploymentId);
    if (!q.exec() || !q.next())
        return failed(QStringLiteral("reading the last event"), q);
    const qint64 last = q.value(0).toLongLong();
    q.finish();
    if (expectedLastSeq >= 0 && last != expectedLastSeq) {
        rollbackWrite();
        result.outcome = Appended::Outcome::Conflict;
        result.seq = last;
        return result;
    }
    q.prepare(QStringLiteral("INSERT INTO events (deployment_id, seq, at_ms, operator_name, kind, item_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(event.deploymentId);
    q.addBindValue(last + 1);
    q.addBindValue(event.atMs);
    q.addBindValue(event.operatorName);
    q.addBindValue(event.kindName.isEmpty() ? DeploymentEvent::nameOf(event.kind) : event.kindName);
    q.addBindValue(event.itemId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(event.itemId));
    q.addBindValue(payload);
    if (!q.exec())
        return failed(QStringLiteral("writing the event"), q);
    q.finish();
    if (Status s = commitWrite(QStringLiteral("the event")); !s) {
        result.error = s.error();
        return result;
    }
    result.outcome = Appended::Outcome::Stored;
    result.seq = last + 1;
    result.operatorName = event.operatorName;
    return result;
}

void SqliteBackend::watch(const QString &)
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
    QObject::connect(m_watch, &QTimer::timeout, this, [this] {
        if (!m_db.isOpen())
            return;
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
            return;
        const qint64 version = q.value(0).toLongLong();
        const bool changed = m_dataVersion >= 0 && version != m_dataVersion;
        m_dataVersion = version;
        if (changed)
            Q_EMIT changedElsewhere(QString());
    });
    m_watch->start();
}
