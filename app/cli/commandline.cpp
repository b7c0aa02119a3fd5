#include "commandline.h"

#include "core/optionparser.h"
#include "report/reportformat.h"
#include "runbook/runbookjson.h"
#include "runbook/runbookloader.h"

#include <QJsonDocument>
#include <QTextStream>

namespace {

struct Options {
    QCommandLineOption runbook{QStringLiteral("runbook"), QStringLiteral("Open FILE instead of the bundled reference runbook."), QStringLiteral("FILE")};
    QCommandLineOption journal{QStringLiteral("journal"),
                               QStringLiteral("Journal: a SQLite file (default: %1), or a team's PostgreSQL database as "
                                              "postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full (password from PGPASSWORD, "
                                              "PGPASSFILE or --journal-keychain).")
                                   .arg(QStringLiteral("$XDG_DATA_HOME/stonecaster/journal.sqlite")),
                               QStringLiteral("PATH|URI")};
    QCommandLineOption journalKeychain{QStringLiteral("journal-keychain"), QStringLiteral("Read the PostgreSQL journal's password from this entry of the desktop keychain (service \"stonecaster\")."), QStringLiteral("ENTRY")};
    QCommandLineOption watch{QStringLiteral("watch"), QStringLiteral("With --headless: follow a deployment (--deployment, or the newest open one) without driving it, one line per event; exit 0 when it closes.")};
    QCommandLineOption takeControl{QStringLiteral("take-control"), QStringLiteral("With --headless --deployment: take control from the console that drives it (journaled; that console is told), then drive.")};
    QCommandLineOption requestRollback{QStringLiteral("request-rollback"), QStringLiteral("With --headless: ask the driver of a deployment (--deployment, or the newest open one) to roll back, and exit."), QStringLiteral("REASON")};
    QCommandLineOption deployment{QStringLiteral("deployment"), QStringLiteral("Reopen the deployment with this id."), QStringLiteral("ID")};
    QCommandLineOption operatorName{QStringLiteral("operator"), QStringLiteral("Operator name recorded on every action."), QStringLiteral("NAME")};
    QCommandLineOption parseRunbook{QStringLiteral("parse-runbook"), QStringLiteral("Print FILE parsed as JSON and exit (no display needed)."), QStringLiteral("FILE")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the window to FILE once it is shown, then quit."), QStringLiteral("FILE")};
    QCommandLineOption screenshotAfter{QStringLiteral("screenshot-after"), QStringLiteral("With --screenshot: wait SECONDS of real time first (default 1.5)."), QStringLiteral("SECONDS")};
    QCommandLineOption colorScheme{QStringLiteral("color-scheme"), QStringLiteral("system, light or dark."), QStringLiteral("SCHEME")};
    QCommandLineOption demo{QStringLiteral("demo"), QStringLiteral("Watch the built-in demo environment (the default when no --profile is given).")};
    QCommandLineOption scenario{QStringLiteral("scenario"), QStringLiteral("Demo scenario: healthy (default), latency-regression, error-spike, db-errors, green-down, security-alert."), QStringLiteral("NAME")};
    QCommandLineOption profile{QStringLiteral("profile"), QStringLiteral("Environment profile (JSON): metrics provider and queries."), QStringLiteral("FILE")};
    QCommandLineOption timeScale{QStringLiteral("time-scale"), QStringLiteral("Run N times faster than real time (demos and tests; default 1)."), QStringLiteral("N")};
    QCommandLineOption headless{QStringLiteral("headless"), QStringLiteral("Run a deployment without a display, one line per event on stdout (exit 0 reached 100% green, 3 rolled back, 4 stalled).")};
    QCommandLineOption autoAdvance{QStringLiteral("auto-advance"), QStringLiteral("With --headless: shift traffic one step whenever the gate opens.")};
    QCommandLineOption autoConfirm{QStringLiteral("auto-confirm"), QStringLiteral("With --headless: confirm rollback procedure steps that wait for an operator (demos and tests; every such line says so).")};
    QCommandLineOption acceptReading{QStringLiteral("accept-reading"), QStringLiteral("With --headless: run even when part of the runbook could not be read (the reading printed at the start names it; it is journaled as accepted). Without it such a run exits 1.")};
    QCommandLineOption resetTraffic{QStringLiteral("reset-traffic"), QStringLiteral("With --headless: when green already has traffic before the first step (a weight left by an interrupted run), set it to 0% (journaled) and go on; without it the run stops with exit 1.")};
    QCommandLineOption note{QStringLiteral("note"),
                            QStringLiteral("With --headless: journal TEXT as the note of the runbook item ITEM (its id or its exact text) when the run starts; "
                                           "repeatable. A note the item already has is not journaled again."),
                            QStringLiteral("ITEM=TEXT")};
    QCommandLineOption maxStall{QStringLiteral("max-stall"), QStringLiteral("With --headless: give up (exit 4) when the gate stays closed this many minutes of deployment time (default 60)."), QStringLiteral("MINUTES")};
    QCommandLineOption report{QStringLiteral("report"), QStringLiteral("With --headless or --report-only: write the deployment's report to FILE at the end (.pdf, .html or .md, whatever the outcome)."), QStringLiteral("FILE")};
    QCommandLineOption reportOnly{QStringLiteral("report-only"), QStringLiteral("Write the report of a recorded deployment (--deployment, --journal, --report) without running anything; no display needed.")};
    QCommandLineOption statusUpdates{QStringLiteral("status-updates"), QStringLiteral("With --headless: send status updates to the profile's webhooks, on or off (default: on when the profile has a webhook)."), QStringLiteral("on|off")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    QCommandLineOption version{QStringLiteral("version"), QStringLiteral("Show the version.")};

    QList<QCommandLineOption> all() const
    {
        return {runbook,  journal,     journalKeychain, deployment,   operatorName, profile,      demo,         scenario,
                timeScale, headless,   autoAdvance,     autoConfirm,  acceptReading, resetTraffic, note, maxStall, watch,        takeControl,  requestRollback,
                report,   statusUpdates, reportOnly,    parseRunbook, screenshot,   screenshotAfter, colorScheme, help, version};
    }
};

OptionParser parser(const Options &o)
{
    return OptionParser(QStringLiteral("stonecaster-console"), QStringLiteral("StoneCaster Deploy Console: blue/green deployments run from your runbook."), o.all(),
                        {o.note});
}

// The command line's meaning, once OptionParser has checked its form; false with p's error.
bool read(const Options &o, OptionParser &p, CommandLine &cl)
{
    if (p.isSet(o.help)) {
        cl.mode = CommandLine::Mode::Help;
        return true;
    }
    if (p.isSet(o.version)) {
        cl.mode = CommandLine::Mode::Version;
        return true;
    }
    cl.runbookPath = p.value(o.runbook);
    cl.journalPath = p.value(o.journal);
    cl.journalKeychain = p.value(o.journalKeychain);
    if (p.isSet(o.journalKeychain) && !cl.journalPath.startsWith(QLatin1String("postgres"), Qt::CaseInsensitive))
        return p.fail(QStringLiteral("--journal-keychain needs --journal postgresql://...: a SQLite journal has no password"));
    cl.deploymentId = p.value(o.deployment);
    cl.operatorName = p.value(o.operatorName);
    cl.screenshotPath = p.value(o.screenshot);
    cl.colorScheme = p.value(o.colorScheme);
    if (!cl.colorScheme.isEmpty() && !QStringList{QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")}.contains(cl.colorScheme))
        return p.fail(QStringLiteral("--color-scheme must be system, light or dark, not '%1'").arg(cl.colorScheme));
    cl.profilePath = p.value(o.profile);
    if (p.isSet(o.demo) && p.isSet(o.profile))
        return p.fail(QStringLiteral("--demo and --profile exclude each other: the demo is its own environment"));
    if (p.isSet(o.scenario) && p.isSet(o.profile))
        return p.fail(QStringLiteral("--scenario only applies to the demo, not to --profile"));
    cl.demo = !p.isSet(o.profile);
    if (p.isSet(o.scenario))
        cl.scenario = p.value(o.scenario);
    if (p.isSet(o.timeScale)) {
        const auto scale = p.number(o.timeScale, 0.01, 10000);
        if (!scale)
            return false;
        cl.timeScale = *scale;
    }
    if (p.isSet(o.screenshotAfter)) {
        if (!p.isSet(o.screenshot))
            return p.fail(QStringLiteral("--screenshot-after needs --screenshot"));
        const auto seconds = p.number(o.screenshotAfter, 0, 3600, QStringLiteral("a number of seconds from 0 to 3600"));
        if (!seconds)
            return false;
        cl.screenshotAfterMs = int(*seconds * 1000);
    }
    if (p.isSet(o.maxStall)) {
        if (!p.isSet(o.headless))
            return p.fail(QStringLiteral("--max-stall needs --headless"));
        const auto minutes = p.number(o.maxStall, 1.0 / 60'000, 7 * 24 * 60, QStringLiteral("a positive number of minutes"));
        if (!minutes)
            return false;
        cl.maxStallMs = qint64(*minutes * 60'000);
    }
    if (p.isSet(o.autoAdvance) && !p.isSet(o.headless))
        return p.fail(QStringLiteral("--auto-advance needs --headless (in the window, the release manager moves the slider)"));
    if (p.isSet(o.autoConfirm) && !p.isSet(o.headless))
        return p.fail(QStringLiteral("--auto-confirm needs --headless (in the window, the operator confirms each step)"));
    if (p.isSet(o.acceptReading) && !p.isSet(o.headless))
        return p.fail(QStringLiteral("--accept-reading needs --headless (in the window, the release manager confirms the reading)"));
    if (p.isSet(o.note) && !p.isSet(o.headless))
        return p.fail(QStringLiteral("--note needs --headless (in the window, use the item's Note... button)"));
    for (const QString &note : p.values(o.note)) {
        const qsizetype equals = note.indexOf(QLatin1Char('='));
        const QString item = note.left(equals).trimmed(), text = note.mid(equals + 1).trimmed();
        if (equals < 0 || item.isEmpty() || text.isEmpty())
            return p.fail(QStringLiteral("--note must be ITEM=TEXT (a runbook item's id or text, then the note), not '%1'").arg(note));
        cl.notes.append({item, text});
    }
    if (p.isSet(o.resetTraffic) && !p.isSet(o.headless))
        return p.fail(QStringLiteral("--reset-traffic needs --headless (in the window, use \"Set green to 0%\" on the traffic strip)"));
    for (const QCommandLineOption *team : {&o.watch, &o.takeControl, &o.requestRollback}) {
        if (p.isSet(*team) && !p.isSet(o.headless))
            return p.fail(QStringLiteral("--%1 needs --headless (in the window, use the Deployment menu)").arg(team->names().constFirst()));
    }
    if (p.isSet(o.watch) || p.isSet(o.requestRollback)) {
        for (const QCommandLineOption *drive : {&o.autoAdvance, &o.autoConfirm, &o.acceptReading, &o.resetTraffic, &o.takeControl, &o.maxStall}) {
            if (p.isSet(*drive))
                return p.fail(QStringLiteral("--%1 drives a deployment; it cannot be combined with --%2")
                                  .arg(drive->names().constFirst(), p.isSet(o.watch) ? QStringLiteral("watch") : QStringLiteral("request-rollback")));
        }
    }
    if (p.isSet(o.note) && (p.isSet(o.watch) || p.isSet(o.requestRollback)))
        return p.fail(QStringLiteral("--note is taken by the run that drives the deployment; it cannot be combined with --%1")
                          .arg(p.isSet(o.watch) ? QStringLiteral("watch") : QStringLiteral("request-rollback")));
    if (p.isSet(o.watch) && p.isSet(o.requestRollback))
        return p.fail(QStringLiteral("--watch and --request-rollback exclude each other"));
    if (p.isSet(o.takeControl) && !p.isSet(o.deployment))
        return p.fail(QStringLiteral("--take-control needs --deployment ID: it takes over a deployment another console drives"));
    if (p.isSet(o.requestRollback)) {
        cl.rollbackReason = p.value(o.requestRollback).trimmed();
        if (cl.rollbackReason.isEmpty())
            return p.fail(QStringLiteral("--request-rollback needs a reason the driver can act on"));
        cl.headlessAction = CommandLine::HeadlessAction::RequestRollback;
    }
    if (p.isSet(o.watch))
        cl.headlessAction = CommandLine::HeadlessAction::Watch;
    cl.takeControl = p.isSet(o.takeControl);
    if (p.isSet(o.report)) {
        if (!p.isSet(o.headless) && !p.isSet(o.reportOnly))
            return p.fail(QStringLiteral("--report needs --headless or --report-only (in the window: Deployment > Export report...)"));
        cl.reportPath = p.value(o.report);
        if (!reportFormatForPath(cl.reportPath))
            return p.fail(QStringLiteral("--report %1: the format is told by the extension: .pdf, .html or .md").arg(cl.reportPath));
    }
    if (p.isSet(o.statusUpdates)) {
        if (!p.isSet(o.headless))
            return p.fail(QStringLiteral("--status-updates needs --headless (in the window, the operator sends them)"));
        const QString value = p.value(o.statusUpdates);
        if (value != u"on" && value != u"off")
            return p.fail(QStringLiteral("--status-updates must be on or off, not '%1'").arg(value));
        cl.statusUpdates = value == u"on";
    }
    if (p.isSet(o.reportOnly)) {
        for (const QCommandLineOption *g : {&o.headless, &o.autoAdvance, &o.autoConfirm, &o.acceptReading, &o.resetTraffic, &o.note, &o.maxStall, &o.runbook, &o.scenario, &o.timeScale, &o.operatorName,
                                            &o.screenshot, &o.screenshotAfter, &o.colorScheme, &o.parseRunbook, &o.demo}) {
            if (p.isSet(*g))
                return p.fail(QStringLiteral("--report-only cannot be combined with --%1: it runs nothing").arg(g->names().constFirst()));
        }
        if (!p.isSet(o.deployment) || !p.isSet(o.report))
            return p.fail(QStringLiteral("--report-only needs --deployment ID and --report FILE (and --journal PATH unless the default journal)"));
        cl.mode = CommandLine::Mode::ReportOnly;
        return true;
    }
    if (p.isSet(o.headless)) {
        for (const QCommandLineOption *g : {&o.screenshot, &o.screenshotAfter, &o.colorScheme, &o.parseRunbook}) {
            if (p.isSet(*g))
                return p.fail(QStringLiteral("--headless cannot be combined with --%1").arg(g->names().constFirst()));
        }
        cl.mode = CommandLine::Mode::Headless;
        cl.autoAdvance = p.isSet(o.autoAdvance);
        cl.autoConfirm = p.isSet(o.autoConfirm);
        cl.acceptReading = p.isSet(o.acceptReading);
        cl.resetTraffic = p.isSet(o.resetTraffic);
    }
    if (p.isSet(o.parseRunbook)) {
        const QList<const QCommandLineOption *> guiOnly{&o.runbook, &o.journal, &o.journalKeychain, &o.deployment, &o.operatorName, &o.screenshot,
                                                        &o.colorScheme, &o.profile, &o.demo, &o.scenario, &o.timeScale, &o.screenshotAfter};
        for (const QCommandLineOption *g : guiOnly) {
            if (p.isSet(*g))
                return p.fail(QStringLiteral("--parse-runbook cannot be combined with --%1").arg(g->names().constFirst()));
        }
        cl.mode = CommandLine::Mode::ParseRunbook;
        cl.parseRunbookPath = p.value(o.parseRunbook);
    }
    return true;
}

} // namespace

QString CommandLine::helpText()
{
    return parser(Options()).helpText(
        QStringLiteral("\nExit status: 0 success, 1 failure (bad runbook, unreadable journal, no display), 2 bad usage;\n"
                       "with --headless also 3 rolled back (green has no traffic) and 4 stalled (--max-stall).\n"
                       "--report FILE is written whatever the outcome; a report that cannot be written exits 1.\n"));
}

QString CommandLine::manPage(const QString &version)
{
    return parser(Options()).manPage(
        version,
        QStringLiteral("[--demo [--scenario NAME] | --profile FILE] [--runbook FILE] [--journal PATH] [options]\n"
                       "--headless [--demo | --profile FILE] [--auto-advance] [--report FILE] [--status-updates on|off] [options]\n"
                       "--headless --watch | --take-control | --request-rollback REASON --journal postgresql://USER@HOST/DB [options]\n"
                       "--report-only --deployment ID [--journal PATH] --report FILE\n"
                       "--parse-runbook FILE"),
        QStringLiteral("A desktop console that runs blue/green deployments from a team's own runbook. The runbook, a Markdown "
                       "file, becomes checklists, one tab per phase; its traffic plan and threshold rules drive a traffic gate "
                       "and automatic rollback on live metrics from Prometheus; every click is journaled before the window "
                       "shows it as done.\n\n"
                       "Without --profile the console runs the built-in demo environment, a simulator on a free 127.0.0.1 port. "
                       "With --headless it runs a whole deployment without a display, one line per event on standard output. "
                       "--report FILE writes the deployment's report (PDF, self-contained HTML or Markdown, from the extension) "
                       "at the end; --report-only writes a recorded deployment's report without running anything."),
        {{QStringLiteral("Exit status"),
          QStringLiteral("0 success; 1 failure (an unusable runbook, an unreadable journal, no display); 2 bad usage. With "
                         "--headless also 3 rolled back (green has no traffic) and 4 stalled (the gate stayed closed for "
                         "--max-stall minutes). A report (--report) that cannot be written makes the run exit 1, whatever the outcome.")},
         {QStringLiteral("Team mode"),
          QStringLiteral("With --journal postgresql://USER@HOST:PORT/DB?sslmode=verify-full (libpq's URI, never with a password) "
                         "several consoles share one deployment: one drives, the others watch and see every event as it is "
                         "stored. The login's role decides what it may do, in the database itself: members of "
                         "stonecaster_driver drive (check items, move traffic, run procedure steps, take control), members of "
                         "stonecaster_watcher read, add notes and request a rollback. The journal records every action under "
                         "the database login. The user guide (\"Team setup\", docs/team.md) shows how to create the roles.")},
         {QStringLiteral("Environment"),
          QStringLiteral("PGPASSWORD, PGPASSFILE (default ~/.pgpass): the PostgreSQL journal's password, read by libpq; "
                         "--journal-keychain reads it from the desktop keychain instead. PGSSLROOTCERT and libpq's other "
                         "variables apply too.")},
         {QStringLiteral("Files"),
          QStringLiteral("$XDG_DATA_HOME/stonecaster/journal.sqlite: the journal (every deployment's events and metric "
                         "samples) unless --journal names another file or a PostgreSQL database.")},
         {QStringLiteral("See also"), QStringLiteral("stonecaster-sim(1)")}});
}

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine cl;
    const Options o;
    OptionParser p = parser(o);
    if (!p.parse(arguments) || !read(o, p, cl)) {
        cl = CommandLine();
        cl.error = p.error();
    }
    return cl;
}

int runParseRunbook(const QString &path, QTextStream &out, QTextStream &err)
{
    const Runbook runbook = RunbookLoader::load(path);
    err << RunbookJson::diagnosticsText(runbook);
    err.flush();
    if (runbook.hasErrors())
        return CommandLine::ExitFailure;
    out << QString::fromUtf8(QJsonDocument(RunbookJson::toJson(runbook)).toJson(QJsonDocument::Indented));
    out.flush();
    return CommandLine::ExitOk;
}
