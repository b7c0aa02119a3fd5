#pragma once

#include "core/result.h"
#include "journal/deploymentevent.h"
#include "journal/journalschema.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>

class QThread;

// The append-only event store of deployments: SQLite through Qt SQL, WAL with synchronous
// FULL, so an append that returned ok survives a SIGKILL or power loss. Every write takes the
// write lock before it reads (BEGIN IMMEDIATE), so a second console writing the same file
// waits instead of failing. An append for a deployment whose lock this console took
// (setFence) checks in its transaction that the lock is still ours. The SQL is kept portable
// to PostgreSQL (no AUTOINCREMENT, no SQLite-only types in the schema; JournalSchema).
class Journal : public QObject
{
    Q_OBJECT
public:
    static constexpr int FormatVersion = 2; // JournalSchema::Version
    // Files up to this size get their full integrity check when they are opened; larger ones
    // in a thread of their own (integrityChecked() / integrityProblem()).
    static constexpr qint64 DefaultSynchronousCheckLimit = 16 * 1024 * 1024;
    static void setSynchronousCheckLimit(qint64 bytes); // tests

    struct DeploymentSummary {
        QString id;
        QString service;
        QString version;
        QString operatorName;
        qint64 startedAtMs = 0;
        QString runbookName;
        QString runbookSha256;
        bool closed = false;
        qint64 closedAtMs = 0;
        QString outcome;
    };
    struct StoredRunbook {
        QString sha256;
        QString name;
        QString text;
    };

    explicit Journal(QObject *parent = nullptr);
    ~Journal() override;

    // Opens or creates the journal. An existing file that is not a healthy journal is
    // reported and left exactly as it is; one on a network filesystem is refused.
    Status open(const QString &path);
    bool isOpen() const { return m_db.isOpen(); }
    // Written by a newer console that says this one may only read it, or found damaged.
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }
    QString path() const { return m_path; }
    // The connection, for the journal's other tables (SampleArchive); GUI thread only.
    QSqlDatabase database() const { return m_db; }

    // $XDG_DATA_HOME/stonecaster/journal.sqlite (or the platform's equivalent).
    static QString defaultPath();
    // Why a journal cannot live at `path` (a network filesystem, where SQLite's WAL has no
    // shared memory across hosts), or empty.
    static QString filesystemProblem(const QString &path);
    // "NFS", "CIFS/SMB", ... for a statfs f_type that is a network filesystem, else empty.
    static QString networkFilesystemName(qint64 magic);

    // Appends for `deploymentId` succeed only while its lock row still holds `token`
    // (DeploymentLock sets it when it takes the lock, clears it when it lets go).
    void setFence(const QString &deploymentId, const QString &token);
    void clearFence(const QString &deploymentId);
    // False once another console took the deployment's lock; true without a fence.
    Result<bool> fenceHolds(const QString &deploymentId) const;

    // One write transaction that takes the write lock at once (for the journal's other
    // tables' writers: SampleArchive). Every beginWrite() that succeeded ends in exactly one
    // commitWrite() or rollbackWrite().
    Status beginWrite(const QString &what);
    Status commitWrite(const QString &what);
    void rollbackWrite();

    // Stores a runbook text once, keyed by its SHA-256; returns the key.
    Result<QString> storeRunbook(const QString &name, const QString &text);
    Result<StoredRunbook> runbook(const QString &sha256) const;

    // Appends durably and assigns event.seq. Returns only after the event is on disk. With
    // `expectedLastSeq` (>= 0) the write is refused when the deployment's last event is not
    // that one: another console wrote meanwhile (`*conflict` is set), and the caller reads what
    // it missed instead of showing a state that was not stored.
    Status append(DeploymentEvent &event, qint64 expectedLastSeq = -1, bool *conflict = nullptr);

    // The deployment's events after `afterSeq` (all of them by default), in order.
    Result<QList<DeploymentEvent>> events(const QString &deploymentId, qint64 afterSeq = 0) const;
    // Notices other connections' commits (another console on the same file) from now on, and
    // says so with changedElsewhere(). Idempotent.
    void watchOtherWriters();
    static constexpr int WatchIntervalMs = 250;
    Result<QList<DeploymentSummary>> deployments() const;

Q_SIGNALS:
    void appended(const DeploymentEvent &event);
    // Another connection committed to the journal (watchOtherWriters()): what follows a
    // deployment reads what is new.
    void changedElsewhere();
    // The background integrity check of a large journal finished; with damage, the journal
    // refuses further writes and integrityProblem() says why.
    void integrityChecked();
    void integrityProblem(const QString &message);

private:
    static Status createPrivately(const QString &path);
    Status openConnection();
    Status checkIntegrity(qint64 size);
    Result<JournalSchema::Meta> checkFormat();
    Status checkFence(const DeploymentEvent &event);
    QString sqlError(const QString &what, const class QSqlQuery &query) const;
    QString corruptMessage(const QString &problems) const;
    Status fail(const Status &status); // closes the connection

    QString m_connection;
    QString m_path;
    QSqlDatabase m_db;
    QString m_readOnlyReason;
    QHash<QString, QString> m_fences; // deployment id -> lock token
    QPointer<QThread> m_check;
    class QTimer *m_watch = nullptr;
    qint64 m_dataVersion = -1;
};
