#pragma once

#include "core/result.h"
#include "journal/deploymentevent.h"
#include "journal/journalschema.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlDatabase>

#include <memory>
#include <optional>

class JournalBackend;

// The append-only event store of deployments, in one of two databases behind the same API:
// a SQLite file for one person on one machine (the default; SqliteBackend: WAL with
// synchronous FULL, BEGIN IMMEDIATE writes, network filesystems refused), or a PostgreSQL
// database a team shares (--journal postgresql://...; PostgresBackend: roles and identity
// enforced by the database, LISTEN/NOTIFY, reconnection). An append that returned ok is
// stored durably. An append for a deployment whose lock this console took (setFence) checks
// in its transaction that the lock is still ours.
class Journal : public QObject
{
    Q_OBJECT
public:
    static constexpr int FormatVersion = 2; // JournalSchema::Version
    // SQLite files up to this size get their full integrity check when they are opened;
    // larger ones in a thread of their own (integrityChecked() / integrityProblem()).
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

    // A PostgreSQL password from the keychain, for the next open() (libpq reads PGPASSWORD and
    // PGPASSFILE by itself). Kept in memory only.
    void setPassword(const QString &password) { m_password = password; }
    // Opens or creates the journal at `location`: a file path, or a postgresql:// URI
    // (JournalLocation). An existing file or database that is not a healthy journal is
    // reported and left exactly as it is; a file on a network filesystem is refused.
    Status open(const QString &location);
    bool isOpen() const;
    // A journal other machines' consoles share (PostgreSQL).
    bool isShared() const;
    // False while a shared journal's server cannot be reached; it reconnects by itself and
    // then says connectionChanged(true) and changedElsewhere(), so readers catch up.
    bool isConnected() const;
    QString connectionProblem() const;
    // Written by a newer console that says this one may only read it, or found damaged.
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }
    // The file, or the URI (never with a password): what messages name.
    QString path() const { return m_path; }
    // The connection, for the journal's other tables (SampleArchive, DeploymentLock); GUI thread only.
    QSqlDatabase database() const;
    // Who the database says this console is (the login of a shared journal), or empty: then
    // the console says who its operator is.
    QString identity() const;
    // Whether this login may drive deployments; a watcher only reads, adds notes and asks for
    // a rollback (a shared journal's database enforces it). Always true for a file.
    bool mayDrive() const;

    // $XDG_DATA_HOME/stonecaster/journal.sqlite (or the platform's equivalent).
    static QString defaultPath();
    // Why a SQLite journal cannot live at `path` (a network filesystem, where WAL has no
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

    // One write transaction (for the journal's other tables' writers: SampleArchive). Every
    // beginWrite() that succeeded ends in exactly one commitWrite() or rollbackWrite().
    Status beginWrite(const QString &what);
    Status commitWrite(const QString &what);
    void rollbackWrite();

    // Stores a runbook text once, keyed by its SHA-256; returns the key.
    Result<QString> storeRunbook(const QString &name, const QString &text);
    Result<StoredRunbook> runbook(const QString &sha256) const;

    // Appends durably and assigns event.seq (and, in a shared journal, the operator as the
    // database recorded it). With `expectedLastSeq` (>= 0) the write is refused when the
    // deployment's last event is not that one: another console wrote meanwhile (`*conflict`
    // is set), and the caller reads what it missed instead of showing a state that was not stored.
    Status append(DeploymentEvent &event, qint64 expectedLastSeq = -1, bool *conflict = nullptr);

    // The deployment's events after `afterSeq` (all of them by default), in order.
    Result<QList<DeploymentEvent>> events(const QString &deploymentId, qint64 afterSeq = 0) const;
    // Notices other consoles' writes from now on and says so with changedElsewhere(): to any
    // deployment (a file), or to the deployments watched (a shared journal: LISTEN per
    // deployment). Counted: each watch() is undone by one unwatch().
    void watchOtherWriters();
    void watch(const QString &deploymentId);
    void unwatch(const QString &deploymentId);
    static constexpr int WatchIntervalMs = 250; // a file's poll
    Result<QList<DeploymentSummary>> deployments() const;

    // For DeploymentLock: the time its rows are written in and judged by (nullopt: this
    // machine's wall clock; a shared journal: the server's), and who acts on automatic triggers.
    std::optional<Result<qint64>> serverNowMs();
    bool decidesLeadership() const;
    Result<bool> takeLead(const QString &deploymentId);
    void dropLead(const QString &deploymentId);
    std::optional<bool> driverConnected(const QString &deploymentId);

Q_SIGNALS:
    void appended(const DeploymentEvent &event);
    // Another console committed to what this one follows (watch()): readers read what is new.
    void changedElsewhere();
    // A shared journal's connection dropped or came back (then changedElsewhere() follows).
    void connectionChanged(bool connected);
    // The background integrity check of a large file finished; with damage, the journal
    // refuses further writes and integrityProblem() says why.
    void integrityChecked();
    void integrityProblem(const QString &message);

private:
    Result<JournalSchema::Meta> checkFormat(const Result<JournalSchema::Meta> &read);
    QString lockHolderText(const QString &deploymentId) const;
    QString sqlError(const QString &what, const class QSqlQuery &query) const;
    Status usable() const;
    Status fail(const Status &status);

    std::unique_ptr<JournalBackend> m_backend;
    QString m_path;
    QString m_password;
    QString m_readOnlyReason;
    QHash<QString, QString> m_fences; // deployment id -> lock token
    QHash<QString, int> m_watched;    // deployment id -> watchers
};
