#pragma once

// Test helper: looks at or tampers with a SQLite file through its own connection, the way
// another process (or a person with the sqlite3 shell) would, independently of Journal.

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>
#include <QVariantList>

namespace SqlitePeek {

// Runs the statements in order; returns the first error, or an empty string.
inline QString exec(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("peek-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
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

// The first column of every row the query returns; 'error' gets the failure, if any.
inline QVariantList column(const QString &path, const QString &sql, QString *error = nullptr)
{
    const QString name = QStringLiteral("peek-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVariantList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            if (error)
                *error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql)) {
                if (error)
                    *error = q.lastError().text();
            } else {
                while (q.next())
                    values.append(q.value(0));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return values;
}

inline QVariant value(const QString &path, const QString &sql)
{
    const QVariantList values = column(path, sql);
    return values.isEmpty() ? QVariant() : values.first();
}

} // namespace SqlitePeek
