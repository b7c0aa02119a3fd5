#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

// Where a journal lives, as --journal names it: a SQLite file (one person on one machine), or
// a PostgreSQL database that a team shares, as a libpq URI:
//   postgresql://USER@HOST:PORT/DB?sslmode=verify-full&sslrootcert=/etc/ssl/team-ca.pem
// The URI never carries a password: libpq reads PGPASSWORD or PGPASSFILE itself, or the
// console hands it one from the keychain (Journal::setPassword). A URI with a password is
// refused, so none ends up in a shell history, a process list, a log or the journal.
struct JournalLocation {
    enum class Kind { SqliteFile, Postgres };

    Kind kind = Kind::SqliteFile;
    QString path;          // SqliteFile
    QString host;          // Postgres; empty: libpq's default (PGHOST, then the local socket)
    int port = -1;         // -1: libpq's default (PGPORT, then 5432)
    QString database;      // empty: libpq's default (the user's name)
    QString user;          // empty: libpq's default (PGUSER, then the system user)
    QStringList options;   // libpq keywords from the query: "sslmode=verify-full", quoted for a conninfo
    QString display;       // what messages show: the path, or the URI (it has no password)

    bool isPostgres() const { return kind == Kind::Postgres; }

    // A path, or a postgresql:// (postgres://) URI; a failure says what is wrong with the URI.
    static Result<JournalLocation> parse(const QString &text);
    static bool looksLikeUri(const QString &text);
    // The libpq keywords a URI may set besides the user, host, port and database.
    static QStringList allowedParameters();
};
