#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

// The journal's tables, their version and the migrations between versions. `journal_meta`
// holds the format name, the schema version, and the oldest console format that may still
// read (`min_reader_version`) or write (`min_writer_version`) the file: a console older than
// the writer minimum opens it read-only, one older than the reader minimum refuses it. A
// console only ever migrates up to its own version and never rewrites a newer file. The
// SQLite file's schema; PostgresSchema has the shared database's (the same tables and meta,
// plus roles, triggers and notifications).
namespace JournalSchema {

// 1: runbooks and events (the samples and lock tables arrived later inside version 1, so an
//    older console could open a journal and ignore the lock).
// 2: samples and deployment_locks are part of the schema; min_reader/min_writer versions; a
//    console of format 1 refuses the file, so nobody writes without honouring the lock.
constexpr int Version = 2;
inline constexpr auto FormatName = "stonecaster-journal";

struct Meta {
    bool isJournal = false; // journal_meta names our format
    bool empty = false;     // a SQLite file without any table: ours to fill
    int version = 0;
    int minReaderVersion = 1;
    int minWriterVersion = 1;
};

// Reads journal_meta (a failure means the file cannot be read as SQLite).
Result<Meta> readMeta(QSqlDatabase &db);
// The journal_meta table's rows on top of `meta` (any database); no table: isJournal stays false.
Result<Meta> readMetaTable(QSqlDatabase &db, Meta meta);
// Creates every table of this version in a fresh file.
Status create(QSqlDatabase &db);
// Brings a journal of an older version up to this one, in one transaction.
Status migrate(QSqlDatabase &db, int fromVersion);

} // namespace JournalSchema
