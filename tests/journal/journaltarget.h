#pragma once
// Where a test's journal lives, so one test runs against both of the journal's databases (the
// contract): a SQLite file in a temporary folder, or, with STONECASTER_TEST_JOURNAL=postgres,
// a database of its own on the tests' PostgreSQL server (tests/journal/postgres-server; CTest
// starts one per run and registers every journal test a second time for it, see
// journaltests.cmake). Also raw SQL on a journal through a connection of its own, the way
// another process or a person with sqlite3 or psql would, independently of Journal.
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>
#include <QVariantList>

#include <memory>

// A test about SQLite files (their bytes, WAL, PRAGMAs) has nothing to check on PostgreSQL.
#define SKIP_ON_POSTGRES(why)                                                                                                              \
    do {                                                                                                                                   \
        if (JournalTarget::isPostgres())                                                                                                   \
            QSKIP(why);                                                                                                                    \
    } while (false)

class JournalTarget
{
public:
    static bool isPostgres() { return qEnvironmentVariable("STONECASTER_TEST_JOURNAL") == QLatin1String("postgres"); }

    JournalTarget()
    {
        if (!isPostgres()) {
            m_dir = std::make_unique<QTemporaryDir>();
            if (!m_dir->isValid())
                m_error = QStringLiteral("cannot make a temporary folder");
            return;
        }
        // server.env: PGHOST, PGPORT, PGPASSFILE, PGBIN of the server CTest started.
        const QString envFile = qEnvironmentVariable("STONECASTER_TEST_POSTGRES");
        QFile f(envFile);
        if (envFile.isEmpty() || !f.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("STONECASTER_TEST_JOURNAL=postgres needs the server CTest starts (fixture \"postgres\"; run "
                                     "`ctest -R NAME_postgres`, which starts it first): cannot read %1")
                          .arg(envFile.isEmpty() ? QStringLiteral("$STONECASTER_TEST_POSTGRES") : envFile);
            return;
        }
        for (const QByteArray &line : f.readAll().split('\n')) {
            const qsizetype eq = line.indexOf('=');
            if (eq > 0)
                m_env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
        }
        qputenv("PGPASSFILE", m_env.value(QStringLiteral("PGPASSFILE")).toLocal8Bit()); // libpq here and in child processes
    }

    ~JournalTarget()
    {
        for (const QString &db : std::as_const(m_databases))
            (void)admin({QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(db)});
    }

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString host() const { return m_env.value(QStringLiteral("PGHOST")); }
    int port() const { return m_env.value(QStringLiteral("PGPORT")).toInt(); }
    QString serverEnv(const QString &key) const { return m_env.value(key); }

    // A journal location named `name`, empty until something opens it; the same name gives the
    // same place. On PostgreSQL as `user` (default: the superuser, who owns the journal).
    QString location(const QString &name = QStringLiteral("journal"), const QString &user = QStringLiteral("stonecaster"))
    {
        if (!isPostgres())
            return m_dir->filePath(name.endsWith(QLatin1String(".sqlite")) || name.contains(QLatin1Char('/')) ? name : name + QStringLiteral(".sqlite"));
        return uri(database(name), user);
    }
    // A database made for `name` (made on first use).
    QString database(const QString &name)
    {
        QString db = m_names.value(name);
        if (db.isEmpty()) {
            db = QStringLiteral("t_%1_%2").arg(QUuid::createUuid().toString(QUuid::Id128).left(10), QString(name).replace(QRegularExpression(QStringLiteral("[^a-z0-9]")), QStringLiteral("_")).left(30));
            const QString error = admin({QStringLiteral("CREATE DATABASE \"%1\"").arg(db)});
            if (!error.isEmpty())
                qWarning("cannot create database %s: %s", qPrintable(db), qPrintable(error));
            m_names.insert(name, db);
            m_databases << db;
        }
        return db;
    }
    QString uri(const QString &database, const QString &user, const QString &options = QStringLiteral("sslmode=disable")) const
    {
        return QStringLiteral("postgresql://%1@%2:%3/%4%5").arg(user, host()).arg(port()).arg(database, options.isEmpty() ? QString() : QLatin1Char('?') + options);
    }

    // Runs the statements in order on the journal at `location` as its owner; the first error, or empty.
    QString exec(const QString &location, const QStringList &statements) const
    {
        QString error;
        withConnection(location, [&](QSqlDatabase &db) {
            QSqlQuery q(db);
            for (const QString &sql : statements) {
                if (!q.exec(sql)) {
                    error = sql + QStringLiteral(": ") + q.lastError().text();
                    return;
                }
            }
        }, &error);
        return error;
    }
    // The first column of every row the query returns.
    QVariantList column(const QString &location, const QString &sql, QString *error = nullptr) const
    {
        QVariantList values;
        withConnection(location, [&](QSqlDatabase &db) {
            QSqlQuery q(db);
            if (!q.exec(sql)) {
                if (error)
                    *error = q.lastError().text();
                return;
            }
            while (q.next())
                values.append(q.value(0));
        }, error);
        return values;
    }
    QVariant value(const QString &location, const QString &sql) const
    {
        const QVariantList values = column(location, sql);
        return values.isEmpty() ? QVariant() : values.first();
    }
    // Nothing was created there: no file, or a database without tables.
    bool isEmpty(const QString &location) const
    {
        if (!isPostgres())
            return !QFileInfo::exists(location);
        return value(location, QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")).toInt() == 0;
    }
    // Makes a journal's own connection refuse (or accept again) every write, as a full or
    // read-only disk would.
    static QString refuseWritesSql(bool refuse)
    {
        if (!isPostgres())
            return refuse ? QStringLiteral("PRAGMA query_only = 1") : QStringLiteral("PRAGMA query_only = 0");
        return refuse ? QStringLiteral("SET default_transaction_read_only = on") : QStringLiteral("SET default_transaction_read_only = off");
    }

private:
    template<typename F>
    void withConnection(const QString &location, F work, QString *error) const
    {
        const QString name = QStringLiteral("target-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
            if (isPostgres()) {
                const QUrl url(location);
                db.setHostName(url.host());
                db.setPort(url.port());
                db.setDatabaseName(url.path().mid(1));
                db.setUserName(QStringLiteral("stonecaster")); // the owner, whatever the location's login
                db.setConnectOptions(QStringLiteral("sslmode=disable"));
            } else {
                db.setDatabaseName(location);
            }
            if (!db.open()) {
                if (error)
                    *error = db.lastError().text();
            } else {
                work(db);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    QString admin(const QStringList &statements) const { return exec(uri(QStringLiteral("postgres"), QStringLiteral("stonecaster")), statements); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QHash<QString, QString> m_env;
    QHash<QString, QString> m_names; // test's name -> database
    QStringList m_databases;
    QString m_error;
};
