#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QTextStream;

// The console's command line, parsed before any QCoreApplication exists so that main()
// can choose between a GUI and a headless application.
struct CommandLine {
    enum class Mode { Gui, Headless, ReportOnly, ParseRunbook, Help, Version };

    Mode mode = Mode::Gui;
    QString runbookPath;   // --runbook; empty = the bundled reference runbook
    QString journalPath;   // --journal; empty = Journal::defaultPath(); or a postgresql:// URI
    QString journalKeychain; // --journal-keychain: the shared journal's password is this keychain entry
    QString deploymentId;  // --deployment
    QString operatorName;  // --operator
    QString parseRunbookPath;
    QString screenshotPath; // --screenshot
    int screenshotAfterMs = 1500; // --screenshot-after (seconds on the command line)
    QString colorScheme;    // --color-scheme: system|light|dark, empty = as saved
    QString profilePath;    // --profile; empty = the built-in demo
    bool demo = true;       // --demo, or no --profile
    QString scenario = QStringLiteral("healthy"); // --scenario (checked against the simulator's list by main)
    double timeScale = 1;   // --time-scale
    bool autoAdvance = false; // --auto-advance (headless)
    bool resetTraffic = false; // --reset-traffic (headless): a leftover green share before the first step is set to 0 % rather than ending the run
    bool autoConfirm = false; // --auto-confirm (headless): procedure steps waiting for an operator are confirmed
    // --accept-reading (headless): run even when part of the runbook could not be read; without it
    // such a run prints the reading and exits 1 naming what was not read.
    bool acceptReading = false;
    qint64 maxStallMs = 60 * 60'000; // --max-stall (headless), deployment time
    // --note ITEM=TEXT (headless, repeatable): a note journaled on a runbook item (its id or its
    // exact text) when the run starts; a note the item already has is not journaled again.
    struct Note {
        QString item;
        QString text;
    };
    QList<Note> notes;
    // What a headless run does (team mode): drive (the default), follow a deployment without
    // driving it (--watch), take control of it first (--take-control), or post a rollback
    // request and exit (--request-rollback REASON).
    enum class HeadlessAction { Drive, Watch, RequestRollback };
    HeadlessAction headlessAction = HeadlessAction::Drive;
    bool takeControl = false;
    QString rollbackReason;
    QString reportPath;     // --report (headless, --report-only): .pdf, .html or .md
    // --status-updates on|off (headless); nullopt: on when the profile has a webhook
    std::optional<bool> statusUpdates;

    QString error; // set when the command line is unusable (exit status 2)

    static CommandLine parse(const QStringList &arguments);
    static QString helpText();
    // stonecaster-console(1), from the same option table as --help.
    static QString manPage(const QString &version);

    static constexpr int ExitOk = 0;
    static constexpr int ExitFailure = 1;
    static constexpr int ExitUsage = 2;
    static constexpr int ExitRolledBack = 3; // headless: rolled back, green has no traffic
    static constexpr int ExitStalled = 4;    // headless: the gate stayed closed for --max-stall
};

// `--parse-runbook FILE`: JSON on 'out' and exit 0, or diagnostics on 'err' and exit 1.
int runParseRunbook(const QString &path, QTextStream &out, QTextStream &err);
