#include "postgreslink.h"

#include "journal/journalbackend.h"

#include <QPointer>
#include <QSocketNotifier>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <libpq-fe.h>

#include <fcntl.h>
#include <unistd.h>

#include <memory>

namespace {

constexpr int CheckIntervalMs = 500;
constexpr int FirstRetryMs = 500;
constexpr int MaxRetryMs = 4000;

PGconn *connectionOf(const QSqlDatabase &db)
{
    if (!db.isValid() || !db.driver())
        return nullptr;
    // Qt names the type as the compiler does: the typedef's struct.
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

// Settings every connection of ours has, unless the URI says otherwise.
QStringList defaultOptions(const QStringList &given)
{
    QStringList options = given;
    const auto add = [&options](const QString &key, const QString &value) {
        for (const QString &o : std::as_const(options)) {
            if (o.startsWith(key + QLatin1Char('=')))
                return;
        }
        options << key + QLatin1Char('=') + value;
    };
    add(QStringLiteral("connect_timeout"), QStringLiteral("5"));
    add(QStringLiteral("application_name"), QStringLiteral("stonecaster-console"));
    // A connection that silently died (a cable, a NAT table, a suspended laptop) is noticed
    // within about 10 s instead of the system's two hours.
    add(QStringLiteral("keepalives"), QStringLiteral("1"));
    add(QStringLiteral("keepalives_idle"), QStringLiteral("5"));
    add(QStringLiteral("keepalives_interval"), QStringLiteral("2"));
    add(QStringLiteral("keepalives_count"), QStringLiteral("3"));
    add(QStringLiteral("tcp_user_timeout"), QStringLiteral("10000"));
    return options;
}

} // namespace

PostgresLink::PostgresLink(const JournalLocation &location, QObject *parent)
    : QObject(parent)
    , m_location(location)
    , m_connection(QStringLiteral("journal-pg-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_check(new QTimer(this))
    , m_retry(new QTimer(this))
{
    m_check->setInterval(CheckIntervalMs);
    QObject::connect(m_check, &QTimer::timeout, this, &PostgresLink::checkNow);
    m_retry->setSingleShot(true);
    QObject::connect(m_retry, &QTimer::timeout, this, &PostgresLink::reconnect);
}

PostgresLink::~PostgresLink()
{
    close();
}

void PostgresLink::configure(QSqlDatabase &db, const JournalLocation &location, const QString &password)
{
    db.setHostName(location.host);
    if (location.port > 0)
        db.setPort(location.port);
    db.setDatabaseName(location.database);
    db.setUserName(location.user);
    db.setPassword(password);
    db.setConnectOptions(defaultOptions(location.options).join(QLatin1Char(';')));
}

QString PostgresLink::connectionError(const JournalLocation &location, const QString &libpqText)
{
    QString text = libpqText.simplified();
    // "connection to server at "h", port p failed: FATAL: ..." -> the server's words.
    if (const qsizetype at = text.lastIndexOf(QLatin1String(" failed: ")); at >= 0 && text.startsWith(QLatin1String("connection to server")))
        text = text.mid(at + 9);
    text.remove(QLatin1String("FATAL: "));
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    const QString server = location.host.isEmpty() ? QStringLiteral("the server") : QStringLiteral("%1:%2").arg(location.host).arg(location.port > 0 ? location.port : 5432);
    QString hint;
    if (text.contains(QLatin1String("password authentication failed")) || text.contains(QLatin1String("no password supplied")))
        hint = QStringLiteral("check the password for this login in PGPASSWORD, your PGPASSFILE or the keychain (--journal-keychain)");
    else if (text.contains(QLatin1String("database \"")) && text.contains(QLatin1String("does not exist")))
        hint = QStringLiteral("create the database on %1 (user guide, \"Team setup\": Help > User guide, or docs/team.md) or correct its name in --journal").arg(server);
    else if (text.contains(QLatin1String("role \"")) && text.contains(QLatin1String("does not exist")))
        hint = QStringLiteral("ask whoever runs %1 for a login (user guide, \"Team setup\": Help > User guide, or docs/team.md)").arg(server);
    else if (text.contains(QLatin1String("certificate")) || text.contains(QLatin1String("SSL")))
        hint = QStringLiteral("the server's TLS certificate was not accepted; give the authority that signed it with sslrootcert=FILE "
                              "(sslmode=verify-full checks it and the host name), or ask whoever runs %1")
                   .arg(server);
    else if (text.contains(QLatin1String("Connection refused")))
        hint = QStringLiteral("is PostgreSQL running on %1 and accepting TCP connections?").arg(server);
    else if (text.contains(QLatin1String("timeout expired")))
        hint = QStringLiteral("%1 did not answer within connect_timeout").arg(server);
    return QStringLiteral("%1: cannot connect to the journal database: %2%3").arg(location.display, text, hint.isEmpty() ? QString() : QStringLiteral("; ") + hint);
}

Status PostgresLink::open()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
    if (!m_db.isValid())
        return Status::failure(phrase("PostgresLink", "%1: the Qt PostgreSQL driver (QPSQL, Debian package libqt6sql6-psql) is not installed").arg(m_location.display));
    configure(m_db, m_location, m_password);
    if (!m_db.open())
        return Status::failure(connectionError(m_location, m_db.lastError().databaseText()));
    if (Status s = setUpSession(); !s) {
        m_db.close();
        return s;
    }
    QObject::connect(m_db.driver(), &QSqlDriver::notification, this, [this](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
        if (source == QSqlDriver::OtherSource) // our own writes are already applied
            Q_EMIT notified(name, payload.toString());
    });
    m_opened = true;
    m_connected = true;
    m_check->start();
    return {};
}

Status PostgresLink::setUpSession()
{
    QSqlQuery q(m_db);
    // Durable commits whatever the server's default, and nothing waits for ever: a lock held by
    // a frozen console, or a transaction left open by one, must not freeze this one.
    for (const char *sql : {"SET synchronous_commit TO on", "SET lock_timeout TO '5s'", "SET statement_timeout TO '30s'",
                            "SET idle_in_transaction_session_timeout TO '60s'"}) {
        if (!q.exec(QString::fromLatin1(sql)))
            return Status::failure(phrase("PostgresLink", "%1: cannot set up the journal's connection (%2): %3").arg(m_location.display).arg(QString::fromLatin1(sql)).arg(JournalBackend::describe(q.lastError())));
    }
    if (PGconn *conn = connectionOf(m_db))
        PQsetNoticeProcessor(conn, &PostgresLink::onNotice, this);
    watchSocket();
    for (const QString &channel : std::as_const(m_channels))
        m_db.driver()->subscribeToNotification(channel);
    return {};
}

void PostgresLink::onNotice(void *self, const char *message)
{
    // Kept (the reason a connection closed comes this way), never printed.
    static_cast<PostgresLink *>(self)->m_lastNotice = QString::fromUtf8(message).simplified();
}

void PostgresLink::watchSocket()
{
    PGconn *conn = connectionOf(m_db);
    if (!conn || PQsocket(conn) < 0)
        return;
    m_watchFd = ::fcntl(PQsocket(conn), F_DUPFD_CLOEXEC, 0);
    if (m_watchFd < 0)
        return; // the periodic check still notices a drop
    m_socket = new QSocketNotifier(qintptr(m_watchFd), QSocketNotifier::Read, this);
    QObject::connect(m_socket, &QSocketNotifier::activated, this, [this] {
        // Whatever arrived is read now: notifications stay queued for the driver, a closed
        // connection shows in PQstatus.
        if (PGconn *c = connectionOf(m_db))
            PQconsumeInput(c);
        checkNow();
    });
}

void PostgresLink::unwatchSocket()
{
    delete m_socket;
    m_socket = nullptr;
    if (m_watchFd >= 0)
        ::close(m_watchFd);
    m_watchFd = -1;
}

void PostgresLink::checkNow()
{
    if (!m_connected)
        return;
    PGconn *conn = connectionOf(m_db);
    if (conn && PQstatus(conn) == CONNECTION_OK)
        return;
    if (conn) {
        QString why = QString::fromUtf8(PQerrorMessage(conn)).simplified();
        if (!m_lastNotice.isEmpty())
            why = m_lastNotice;
        why.remove(QLatin1String("FATAL: "));
        m_dropReason = why;
    }
    dropped();
}

void PostgresLink::dropped()
{
    unwatchSocket();
    // Qt's driver lets go of its own socket notifier before anything polls the closed socket.
    m_db.close();
    m_connected = false;
    m_droppedAt = QDateTime::currentDateTime(); // for the message only
    m_retryMs = FirstRetryMs;
    Q_EMIT connectionChanged(false);
    scheduleReconnect();
}

QString PostgresLink::problem() const
{
    if (m_connected || !m_opened)
        return {};
    return QStringLiteral("the connection to the journal database %1 was lost at %2%3; reconnecting")
        .arg(m_location.display, m_droppedAt.toString(QStringLiteral("HH:mm:ss")), m_dropReason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_dropReason));
}

void PostgresLink::scheduleReconnect()
{
    if (m_opened && !m_connected && !m_probing)
        m_retry->start(m_retryMs);
}

void PostgresLink::reconnect()
{
    if (m_connected || !m_opened)
        return;
    // A connection attempt can wait for connect_timeout; it is made in a thread of its own
    // first, and only a server that answered is connected to from here.
    auto ok = std::make_shared<bool>(false);
    auto reason = std::make_shared<QString>();
    const JournalLocation location = m_location;
    const QString password = m_password;
    const QString name = m_connection + QStringLiteral("-probe");
    QThread *thread = QThread::create([location, password, name, ok, reason] {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            configure(db, location, password);
            *ok = db.open();
            if (!*ok)
                *reason = db.lastError().databaseText().simplified();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    });
    m_probing = true;
    m_probe = thread;
    QObject::connect(thread, &QThread::finished, this, [this, thread, ok, reason] {
        thread->deleteLater();
        m_probing = false;
        if (!m_opened || m_connected)
            return;
        if (*ok && m_db.open() && setUpSession().ok()) {
            reconnected();
            return;
        }
        if (!*ok)
            m_dropReason = reason->isEmpty() ? m_dropReason : *reason;
        m_db.close();
        m_retryMs = std::min(m_retryMs * 2, MaxRetryMs);
        scheduleReconnect();
    });
    thread->start();
}

void PostgresLink::reconnected()
{
    m_connected = true;
    m_dropReason.clear();
    m_lastNotice.clear();
    Q_EMIT connectionChanged(true);
}

int PostgresLink::backendPid() const
{
    PGconn *conn = m_connected ? connectionOf(m_db) : nullptr;
    return conn ? PQbackendPID(conn) : 0;
}

void PostgresLink::listen(const QString &channel)
{
    if (!m_channels.contains(channel))
        m_channels << channel;
    if (m_connected)
        m_db.driver()->subscribeToNotification(channel);
}

void PostgresLink::unlisten(const QString &channel)
{
    m_channels.removeAll(channel);
    if (m_connected && m_db.driver()->subscribedToNotifications().contains(channel))
        m_db.driver()->unsubscribeFromNotification(channel);
}

void PostgresLink::close()
{
    if (m_probe) { // it may wait for connect_timeout; it uses nothing of ours
        m_probe->wait();
        m_probe->deleteLater();
        m_probing = false;
    }
    m_check->stop();
    m_retry->stop();
    unwatchSocket();
    m_opened = false;
    m_connected = false;
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
}
