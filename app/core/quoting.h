#pragma once

#include <QString>
#include <QStringList>

// A command line for people to read (transcripts, the journal, confirmations): each argument
// shell-quoted when it needs it. Nothing ever parses this; programs are always started with
// the program and the argument list, never through a shell.
QString quotedForReading(const QString &argument);
QString readableCommandLine(const QString &program, const QStringList &arguments);
