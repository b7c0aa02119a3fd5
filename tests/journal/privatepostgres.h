#pragma once
// A PostgreSQL server of one test's own (tests/journal/postgres-server in a folder of the build
// tree), for tests that stop and start it under consoles, which the server the other tests
// share must not do. Stopped and removed when the object goes; its watchdog stops it if the
// test process dies first.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

class PrivatePostgres
{
public:
    // `name`: the folder under the build tree's tests/ (one per test executable).
    explicit PrivatePostgres(const QString &name)
        : m_dir(QStringLiteral(STONECASTER_BINARY_DIR "/tests/postgres-") + name)
    {
    }
    ~PrivatePostgres()
    {
        if (m_started)
            (void)script({QStringLiteral("stop"), m_dir});
    }

    // Empty on success, else what went wrong.
    QString start()
    {
        const QString error = script({QStringLiteral("start"), m_dir, QStringLiteral("--owner"), QString::number(QCoreApplication::applicationPid())});
        if (!error.isEmpty())
            return error;
        m_started = true;
        QFile f(m_dir + QStringLiteral("/server.env"));
        if (!f.open(QIODevice::ReadOnly))
            return QStringLiteral("no server.env");
        for (const QByteArray &line : f.readAll().split('\n')) {
            const qsizetype eq = line.indexOf('=');
            if (eq > 0)
                m_env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
        }
        qputenv("PGPASSFILE", m_env.value(QStringLiteral("PGPASSFILE")).toLocal8Bit());
        return {};
    }
    QString pause() { return script({QStringLiteral("pause"), m_dir}); }
    QString resume() { return script({QStringLiteral("resume"), m_dir}); }
    int port() const { return m_env.value(QStringLiteral("PGPORT")).toInt(); }

    QString uri(const QString &database, const QString &user) const
    {
        return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3?sslmode=disable").arg(user).arg(port()).arg(database);
    }
    // Runs statements as the superuser on `database`; the first error, or empty.
    QString exec(const QString &database, const QStringList &statements) const
    {
        const QString name = QStringLiteral("private-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QString error;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(port());
            db.setDatabaseName(database);
            db.setUserName(QStringLiteral("stonecaster"));
            db.setConnectOptions(QStringLiteral("sslmode=disable"));
            if (!db.open()) {
                error = db.lastError().text();
            } else {
                QSqlQuery q(db);
                for (const QString &sql : statements) {
                    if (!q.exec(sql)) {
                        error = sql + QStringLiteral(": ") + q.lastError().text();
                        break;
                    }
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return error;
    }

private:
    QString script(const QStringList &arguments) const
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(STONECASTER_SOURCE_DIR "/tests/journal/postgres-server"), arguments);
        if (!p.waitForFinished(120'000))
            return QStringLiteral("postgres-server %1 did not finish").arg(arguments.first());
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return QString::fromLocal8Bit(p.readAll());
        return {};
    }

    QString m_dir;
    QHash<QString, QString> m_env;
    bool m_started = false;
};
