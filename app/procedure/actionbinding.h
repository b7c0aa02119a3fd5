#pragma once

#include "core/phrase.h"

#include "core/processrunner.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

struct RunbookItem;

// A program the console may run for a step or a check (see ProcessSpec: started directly,
// never through a shell). Program, arguments, folder and environment come only from the
// profile, never from runbook text; relative paths are resolved against the profile's folder
// when the profile is loaded, and an empty working directory is the profile's folder.
struct CommandSpec : ProcessSpec {
    QString script; // the file shown (highlighted) before it runs; empty: the program
};

// What the profile binds to a runbook item: by the item's id, or by its text (compared
// case-insensitively with runs of white space folded, so one binding can serve the same step
// in the rollback and in an emergency procedure). Procedure steps with a binding run by
// themselves (a destructive one after the operator confirms); checklist items with a
// check binding get a Run button.
struct ActionBinding {
    enum class Kind {
        TrafficToBlue,    // everything to blue through the traffic controller, observed 0 % on green
        VerifyBlueStable, // blue's metrics stay inside every decision point and trigger for a window
        HealthChecks,     // GET each URL (default: the profile's blue health URL), all 2xx
        Http,             // one GET, expected status, optionally a text in the body
        Tcp,              // a TCP connection is accepted
        Command,          // a program exits 0
    };
    QString itemId;
    QString itemText;
    Kind kind = Kind::Command;
    bool destructive = false; // asks the operator before it runs (default for commands)
    int line = 0;             // in the profile, for messages

    qint64 windowMs = 5 * 60 * 1000; // VerifyBlueStable, deployment-clock time
    QList<QUrl> urls;                // HealthChecks
    QUrl url;                        // Http
    int expectStatus = 200;
    QString bodyContains;
    QString host; // Tcp
    int port = 0;
    int timeoutMs = 10000; // Http, Tcp, HealthChecks per request (real time)
    CommandSpec command;

    bool matches(const RunbookItem &item) const;
    // What it does, for the procedure view and the journal: "runs db-rollback.sh rollback.sql".
    QString describe() const { return describePhrase().english(); }
    Phrase describePhrase() const;
};

QString nameOf(ActionBinding::Kind kind); // "traffic-to-blue", "verify-blue-stable", "health", "http", "tcp", "command"
std::optional<ActionBinding::Kind> actionKindFromName(QStringView name);
// The first binding that matches the item, or null. An id binding wins over a text binding.
const ActionBinding *bindingFor(const QList<ActionBinding> &bindings, const RunbookItem &item);
