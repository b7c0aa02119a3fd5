#pragma once

#include "core/result.h"
#include "journal/journallocation.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>

class QSocketNotifier;
class QThread;
class QTimer;

// The journal's connection to a PostgreSQL server, which knows when it drops and brings it
// back. Qt SQL's PostgreSQL driver runs every statement and delivers LISTEN/NOTIFY
// notifications (QSqlDriver::notification); underneath it, this class watches libpq's socket
// (a duplicate of it, so a closed connection is noticed at once and Qt never polls a closed
// socket), keeps the server's own words about why it closed (libpq's notices, which would
// otherwise go to stderr), and reconnects with a back-off. The first connection is made in
// open(), blocking up to connect_timeout; later attempts are tried in a thread first, so the
// window does not freeze while the server is unreachable. After a reconnection the channels
// are listened to again and connectionChanged(true) tells the journal to catch up.
class PostgresLink : public QObject
{
    Q_OBJECT
public:
    explicit PostgresLink(const JournalLocation &location, QObject *parent = nullptr);
    ~PostgresLink() override;

    // A password from the keychain (libpq reads PGPASSWORD and PGPASSFILE itself).
    void setPassword(const QString &password) { m_password = password; }
    Status open();
    void close();
    QSqlDatabase database() const { return m_db; }
    bool isOpen() const { return m_opened; }
    bool isConnected() const { return m_connected; }
    // Why the connection is down ("the server closed the connection at 10:04:05: terminating
    // connection due to administrator command; reconnecting"), or empty.
    QString problem() const;
    // A statement failed: if the connection went with it, say so now rather than on the next check.
    void checkNow();
    // The server's process for this connection (pg_backend_pid), 0 while disconnected.
    int backendPid() const;

    void listen(const QString &channel);
    void unlisten(const QString &channel);

    // What libpq's text says, as one sentence with what to do about it.
    static QString connectionError(const JournalLocation &location, const QString &libpqText);

Q_SIGNALS:
    void notified(const QString &channel, const QString &payload);
    void connectionChanged(bool connected);

private:
    static void configure(QSqlDatabase &db, const JournalLocation &location, const QString &password);
    Status setUpSession();
    void watchSocket();
    void unwatchSocket();
    void dropped();
    void scheduleReconnect();
    void reconnect();
    void reconnected();
    static void onNotice(void *self, const char *message);

    JournalLocation m_location;
    QString m_connection;
    QString m_password;
    QSqlDatabase m_db;
    bool m_opened = false;
    bool m_connected = false;
    QStringList m_channels;
    int m_watchFd = -1;
    QSocketNotifier *m_socket = nullptr;
    QTimer *m_check;
    QTimer *m_retry;
    int m_retryMs = 0;
    bool m_probing = false;
    QPointer<QThread> m_probe;
    QString m_lastNotice;
    QString m_dropReason;
    QDateTime m_droppedAt;
};
