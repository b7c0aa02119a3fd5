#pragma once

#include "core/result.h"
#include "journal/deploymentevent.h"
#include "journal/journallocation.h"
#include "journal/journalschema.h"

#include <QObject>
#include <QSqlDatabase>

#include <optional>

// What differs between the journal's two databases, behind one Journal: connecting and
// checking what is there, the schema, the write transaction, appending an event (the
// deployment's next sequence number, the fencing check), noticing other consoles' writes,
// the time the lock's heartbeats are written in and judged by, and the connection's state.
// SqliteBackend keeps one file on one machine; PostgresBackend a database a team shares.
class JournalBackend : public QObject
{
    Q_OBJECT
public:
    // What an append came to.
    struct Appended {
        enum class Outcome { Stored, FenceLost, Conflict, Failed };
        Outcome outcome = Outcome::Failed;
        qint64 seq = 0;          // Stored: the event's number; Conflict: the deployment's last
        QString operatorName;    // Stored: as the database recorded it (PostgreSQL: the login)
        QString error;           // Failed
    };

    explicit JournalBackend(const JournalLocation &location, QObject *parent = nullptr)
        : QObject(parent)
        , m_location(location)
    {
    }

    const JournalLocation &location() const { return m_location; }
    virtual bool isShared() const = 0;
    virtual QSqlDatabase database() const = 0;

    // Connects, and checks before anything is written that the database can be read.
    virtual Status connect() = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    // False while a shared journal's server cannot be reached (the console reconnects).
    virtual bool isConnected() const { return isOpen(); }
    virtual QString connectionProblem() const { return {}; }
    virtual Result<JournalSchema::Meta> readMeta() = 0;
    // After the format check: ready for writing (SQLite: WAL, synchronous FULL) and the
    // schema created or brought up to this console's version (`readOnly`: neither).
    virtual Status prepare(const JournalSchema::Meta &meta, bool readOnly) = 0;

    virtual Status beginWrite(const QString &what) = 0;
    Status commitWrite(const QString &what);
    void rollbackWrite();

    // Stores `event` as its deployment's next event. With `expectedLastSeq` >= 0 only on top
    // of that event; with `fenceToken` only while the deployment's lock row has that token.
    virtual Appended append(const DeploymentEvent &event, const QString &payload, qint64 expectedLastSeq, const QString &fenceToken) = 0;

    // Follows other consoles' writes from now on (changedElsewhere); `deploymentId` empty: all.
    virtual void watch(const QString &deploymentId) = 0;
    virtual void unwatch(const QString &deploymentId) { Q_UNUSED(deploymentId); }

    // The time deployment locks are written in and judged by: this machine's wall clock for
    // SQLite (nullopt), the server's for PostgreSQL, so no two hosts' clocks are compared.
    virtual std::optional<Result<qint64>> serverNowMs() { return std::nullopt; }
    // Who the database says this console is (PostgreSQL: session_user), or empty.
    virtual QString identity() const { return {}; }
    // Whether the database lets this login drive deployments (check items, move traffic, run
    // procedure steps); a watcher only reads, adds notes and requests rollbacks.
    virtual bool mayDrive() const { return true; }
    // Automatic triggers: where several consoles share the database, it decides which one acts
    // on them for a deployment (an advisory lock held by that console's session); elsewhere
    // whoever holds the deployment's lock acts. takeLead() is true once this console leads.
    virtual bool decidesLeadership() const { return false; }
    virtual Result<bool> takeLead(const QString &deploymentId) { Q_UNUSED(deploymentId); return false; }
    virtual void dropLead(const QString &deploymentId) { Q_UNUSED(deploymentId); }
    // Whether the console holding the deployment's lock is connected to the database now
    // (PostgreSQL); nullopt where that cannot be told.
    virtual std::optional<bool> driverConnected(const QString &deploymentId) { Q_UNUSED(deploymentId); return std::nullopt; }

    QString sqlError(const QString &what, const class QSqlQuery &query) const;
    static QString describe(const class QSqlError &error);

Q_SIGNALS:
    // Another console wrote to `deploymentId` (empty: to something; re-read what you follow).
    void changedElsewhere(const QString &deploymentId);
    void connectionChanged(bool connected);
    void integrityChecked();
    void integrityProblem(const QString &message);

protected:
    JournalLocation m_location;
};
