#pragma once
// A page of the user guide (docs/*.md) as tst_userguide reads it: its fenced blocks with what
// their info strings ask (docs/README.md, "Every command here is run by a test"), its
// relative links, and what is wrong with its markers.
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct GuideBlock {
    enum class Kind {
        Command,   // ```sh test [exit=N] [window]
        NotRun,    // ```sh no-test: REASON
        Output,    // ```text output
        File,      // ```LANG file=NAME [base=OTHER]
        Example,   // any other language: shown, not run
    };
    Kind kind = Kind::Example;
    int line = 0;         // the opening fence's line, from 1
    QString language;     // "sh", "json", ... ("" when the fence has none)
    QString info;         // the whole info string
    QString text;         // between the fences, with a final newline
    int expectedExit = 0; // Command
    bool window = false;  // Command: opens the window
    QString reason;       // NotRun
    QString fileName;     // File
    QString baseFile;     // File: empty, or the earlier file= it changes
};

struct GuideLink {
    int line = 0;
    QString target; // as written, "profile.md", "../README.md#reliability"
};

struct GuidePage {
    QString path; // as given to parse(), for messages
    QList<GuideBlock> blocks;
    QList<GuideLink> links;
    QStringList problems; // "PATH:LINE: message" for each marker that breaks the rules

    static GuidePage parse(const QString &path, const QString &markdown);
    static bool isShellLanguage(const QString &language);
};

// The script a Command block runs: the installed programs' names replaced by the build tree's,
// /usr/share/stonecaster/ by the source tree's resources/, and for a window block
// `--screenshot FILE` added to each console command (the files it will write, in order).
struct GuideScript {
    QString script;
    QStringList screenshots;
};
GuideScript guideScript(const GuideBlock &block, const QString &console, const QString &sim, const QString &resourcesDir);

// Each line of `expected` but "..." must be found in `output`, in order, each on a line of
// its own or later than the previous one's; returns the first line not found.
std::optional<QString> missingOutputLine(const QString &expected, const QString &output);
