#pragma once

#include "core/result.h"
#include "journal/deploymentevent.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>

// The append-only event store of deployments: SQLite through Qt SQL, WAL with synchronous
// FULL, so an append that returned ok survives a SIGKILL or power loss. The SQL is kept
// portable to PostgreSQL (no AUTOINCREMENT, no SQLite-only types in the schema).
class Journal : public QObject
{
    Q_OBJECT
public:
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
    // reported and left exactly as it is.
    Status open(const QString &path);
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_path; }
    // The connection, for the journal's other tables (SampleArchive); GUI thread only.
    QSqlDatabase database() const { return m_db; }

    // $XDG_DATA_HOME/stonecaster/journal.sqlite (or the platform's equivalent).
    static QString defaultPath();

    // Stores a runbook text once, keyed by its SHA-256; returns the key.
    Result<QString> storeRunbook(const QString &name, const QString &text);
    Result<StoredRunbook> runbook(const QString &sha256) const;

    // Appends durably and assigns event.seq. Returns only after the event is on disk.
    Status append(DeploymentEvent &event);

    Result<QList<DeploymentEvent>> events(const QString &deploymentId) const;
    Result<QList<DeploymentSummary>> deployments() const;

Q_SIGNALS:
    void appended(const DeploymentEvent &event);

private:
    Status checkExisting();
    Status createSchema();
    QString sqlError(const QString &what, const class QSqlQuery &query) const;

    QString m_connection;
    QString m_path;
    QSqlDatabase m_db;
};
