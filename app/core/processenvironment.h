#pragma once

#include "result.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>

// The environment of a program the console runs (procedure steps, checks, the command traffic
// controller). It does not inherit the console's environment, which holds the console's own
// secrets (STONECASTER_PROMETHEUS_TOKEN, cloud credentials): a script running `env` or
// `set -x` would print them into its output and so into the journal. It gets a small base
// taken from the console's environment (baseNames(), LC_* too) and what the profile names:
//   "environment": { "KUBECONFIG": "${env:KUBECONFIG}",        the console's value, passed on
//                    "PATH": "/opt/db/bin:${env:PATH}",        references inside a value too
//                    "PGPASSWORD": "${secret:PGPASSWORD}",     passed on and redacted from output
//                    "REGION": "eu-west-1" }                   a literal
// ${env:NAME} of a variable the console does not have leaves the variable out when it is the
// whole value, and is empty inside a longer one; ${secret:NAME} of one it does not have is an
// error (the program would run without what it needs).
class ProcessEnvironment
{
public:
    static QStringList baseNames(); // PATH HOME LANG LANGUAGE USER LOGNAME TZ TMPDIR, and LC_*
    static bool isBase(const QString &name);
    static QString defaultPath();   // when the console itself has no PATH

    static Result<QProcessEnvironment> build(const QMap<QString, QString> &named,
                                             const QProcessEnvironment &console = QProcessEnvironment::systemEnvironment());
};
