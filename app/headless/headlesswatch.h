#pragma once

#include "cli/commandline.h"

class QTextStream;

// `stonecaster-console --headless --watch`: follows one deployment (--deployment, or the newest
// one still open) without driving it, as a team member's console does, and prints
//   deployment ID (SERVICE VERSION) journal URI        once
//   role TEXT                                         its role, whenever it changes
//   event KIND #SEQ by OPERATOR[: what]               every event, as soon as it is stored
//   journal disconnected (why) | journal connected    the shared journal's connection
//   rollback REASON                                   this console sent an automatic rollback
//   done closed (OUTCOME)                             the deployment was closed: exit 0
// each line starting with the deployment time. With an environment that can move traffic, it
// is one of the consoles the database may choose to act on automatic triggers while the
// driving one is away. Exit 1 when the journal or the deployment cannot be opened.
int runHeadlessWatch(const CommandLine &commandLine, const QString &journalPassword, QTextStream &out, QTextStream &err);

// `--headless --request-rollback REASON`: journals a rollback request on the deployment
// (--deployment, or the newest open one), prints "requested rollback of ID as LOGIN", exit 0.
int runHeadlessRollbackRequest(const CommandLine &commandLine, const QString &journalPassword, QTextStream &out, QTextStream &err);
