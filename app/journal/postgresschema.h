#pragma once

#include "core/result.h"
#include "journal/journalschema.h"

#include <QSqlDatabase>
#include <QString>

// The shared journal's schema in PostgreSQL: JournalSchema's tables and journal_meta (the
// same format version, reader and writer minimums), plus what the database enforces for a
// team, so that a person with psql is held to the same rules as the console:
// - two group roles, RoleDriver and RoleWatcher (docs/team.md shows how to create them and
//   their members); drivers read and write, watchers read everything and may only add
//   notes and request a rollback (a trigger on events refuses every other kind), except the
//   one console the database chose to act on automatic triggers (leadership, below), which
//   may journal the automatic rollback it sends;
// - who wrote an event, and who holds a lock, is the login (session_user), set by triggers;
//   only the journal's owner (an administrator, who may change the tables anyway) writes
//   names as given;
// - an event must be its deployment's next (seq = last + 1, unique per deployment); events
//   are never changed or deleted by drivers or watchers;
// - every event notifies channel channelFor(deployment id) with its seq (LISTEN/NOTIFY);
// - leadership for automatic triggers is a session-level advisory lock (LeaderLockClass,
//   hashtext(deployment id)): it goes with the session when a console dies or disconnects.
// Created by whoever opens an empty database and may create tables in it (its owner).
namespace PostgresSchema {

inline constexpr auto RoleDriver = "stonecaster_driver";
inline constexpr auto RoleWatcher = "stonecaster_watcher";
constexpr int LeaderLockClass = 1472;

// Whether the database has tables, and the journal_meta it has (a failure: cannot read).
Result<JournalSchema::Meta> readMeta(QSqlDatabase &db);
// Creates the schema of this console's version in an empty database (one transaction,
// serialised with other consoles doing the same). Fails with what to do when the roles are
// missing or the login may not create tables.
Status create(QSqlDatabase &db);
// Brings an older schema up to this version (the owner's job; others are told so).
Status migrate(QSqlDatabase &db, int fromVersion);
// The NOTIFY channel of one deployment: "sc_" and the MD5 of its id (ids of any length fit
// PostgreSQL's 63-byte identifiers).
QString channelFor(const QString &deploymentId);

} // namespace PostgresSchema
