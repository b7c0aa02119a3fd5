#pragma once

#include "journal/journalbackend.h"

#include <QPointer>

class QThread;
class QTimer;

// The journal in one SQLite file on this machine: WAL with synchronous FULL, so an append
// that returned ok survives a SIGKILL or a power loss; every write takes the write lock
// before it reads (BEGIN IMMEDIATE), so a second console on the same file waits instead of
// failing; PRAGMA quick_check at open (in a thread for large files); network filesystems
// refused; other connections' commits noticed through PRAGMA data_version.
class SqliteBackend : public JournalBackend
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultSynchronousCheckLimit = 16 * 1024 * 1024;
    static void setSynchronousCheckLimit(qint64 bytes); // tests
    static constexpr int WatchIntervalMs = 250;

    explicit SqliteBackend(const JournalLocation &location, QObject *parent = nullptr);
    ~SqliteBackend() override;

    bool isShared() const override { return false; }
    QSqlDatabase database() const override { return m_db; }
    Status connect() override;
    void close() override;
    bool isOpen() const override { return m_db.isOpen(); }
    Result<JournalSchema::Meta> readMeta() override;
    Status prepare(const JournalSchema::Meta &meta, bool readOnly) override;
    Status beginWrite(const QString &what) override;
    Appended append(const DeploymentEvent &event, const QString &payload, qint64 expectedLastSeq, const QString &fenceToken) override;
    void watch(const QString &deploymentId) override;

    static QString filesystemProblem(const QString &path);
    static QString networkFilesystemName(qint64 magic);

private:
    static Status createPrivately(const QString &path);
    Status checkIntegrity(qint64 size);
    QString corruptMessage(const QString &problems) const;

    QString m_connection;
    QSqlDatabase m_db;
    QPointer<QThread> m_check;
    QTimer *m_watch = nullptr;
    qint64 m_dataVersion = -1;
};
