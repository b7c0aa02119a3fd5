#include "commandline.h"

#include "runbook/runbookjson.h"
#include "runbook/runbookloader.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

namespace {

struct Options {
    QCommandLineOption runbook{QStringLiteral("runbook"), QStringLiteral("Open FILE instead of the bundled reference runbook."), QStringLiteral("FILE")};
    QCommandLineOption journal{QStringLiteral("journal"), QStringLiteral("Journal database (default: %1).").arg(QStringLiteral("$XDG_DATA_HOME/stonecaster/journal.sqlite")), QStringLiteral("PATH")};
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
    QCommandLineOption maxStall{QStringLiteral("max-stall"), QStringLiteral("With --headless: give up (exit 4) when the gate stays closed this many minutes of deployment time (default 60)."), QStringLiteral("MINUTES")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    QCommandLineOption version{QStringLiteral("version"), QStringLiteral("Show the version.")};

    void addTo(QCommandLineParser &p) const
    {
        p.addOptions({runbook, journal, deployment, operatorName, profile, demo, scenario, timeScale, headless, autoAdvance, autoConfirm, maxStall, parseRunbook,
                      screenshot, screenshotAfter, colorScheme, help, version});
    }
};

} // namespace

QString CommandLine::helpText()
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("StoneCaster Deploy Console: blue/green deployments run from your runbook."));
    Options().addTo(p);
    QString text = p.helpText();
    text.replace(QRegularExpression(QStringLiteral("^Usage: \\S*")), QStringLiteral("Usage: stonecaster-console"));
    return text
        + QStringLiteral("\nExit status: 0 success, 1 failure (bad runbook, unreadable journal, no display), 2 bad usage;\n"
                         "with --headless also 3 rolled back (green has no traffic) and 4 stalled (--max-stall).\n");
}

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine cl;
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const Options o;
    o.addTo(p);
    if (!p.parse(arguments)) {
        cl.error = p.errorText();
        return cl;
    }
    if (!p.positionalArguments().isEmpty()) {
        cl.error = QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().first());
        return cl;
    }
    for (const QCommandLineOption *single : {&o.runbook, &o.journal, &o.deployment, &o.operatorName, &o.parseRunbook, &o.screenshot, &o.colorScheme,
                                             &o.profile, &o.scenario, &o.timeScale, &o.screenshotAfter, &o.maxStall}) {
        if (p.values(*single).size() > 1) {
            cl.error = QStringLiteral("--%1 given more than once").arg(single->names().constFirst());
            return cl;
        }
        if (p.isSet(*single) && p.value(*single).isEmpty()) {
            cl.error = QStringLiteral("--%1 needs a non-empty value").arg(single->names().constFirst());
            return cl;
        }
    }
    if (p.isSet(o.help)) {
        cl.mode = Mode::Help;
        return cl;
    }
    if (p.isSet(o.version)) {
        cl.mode = Mode::Version;
        return cl;
    }
    cl.runbookPath = p.value(o.runbook);
    cl.journalPath = p.value(o.journal);
    cl.deploymentId = p.value(o.deployment);
    cl.operatorName = p.value(o.operatorName);
    cl.screenshotPath = p.value(o.screenshot);
    cl.colorScheme = p.value(o.colorScheme);
    if (!cl.colorScheme.isEmpty() && !QStringList{QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")}.contains(cl.colorScheme)) {
        cl.error = QStringLiteral("--color-scheme must be system, light or dark, not '%1'").arg(cl.colorScheme);
        return cl;
    }
    cl.profilePath = p.value(o.profile);
    if (p.isSet(o.demo) && p.isSet(o.profile)) {
        cl.error = QStringLiteral("--demo and --profile exclude each other: the demo is its own environment");
        return cl;
    }
    if (p.isSet(o.scenario) && p.isSet(o.profile)) {
        cl.error = QStringLiteral("--scenario only applies to the demo, not to --profile");
        return cl;
    }
    cl.demo = !p.isSet(o.profile);
    if (p.isSet(o.scenario))
        cl.scenario = p.value(o.scenario);
    if (p.isSet(o.timeScale)) {
        bool ok = false;
        cl.timeScale = p.value(o.timeScale).toDouble(&ok);
        if (!ok || !(cl.timeScale >= 0.01 && cl.timeScale <= 10000)) {
            cl.error = QStringLiteral("--time-scale must be a number from 0.01 to 10000, not '%1'").arg(p.value(o.timeScale));
            return cl;
        }
    }
    if (p.isSet(o.screenshotAfter)) {
        bool ok = false;
        const double seconds = p.value(o.screenshotAfter).toDouble(&ok);
        if (!ok || !(seconds >= 0 && seconds <= 3600) || !p.isSet(o.screenshot)) {
            cl.error = p.isSet(o.screenshot) ? QStringLiteral("--screenshot-after must be a number of seconds from 0 to 3600")
                                             : QStringLiteral("--screenshot-after needs --screenshot");
            return cl;
        }
        cl.screenshotAfterMs = int(seconds * 1000);
    }
    if (p.isSet(o.maxStall)) {
        bool ok = false;
        const double minutes = p.value(o.maxStall).toDouble(&ok);
        if (!ok || !(minutes > 0 && minutes <= 7 * 24 * 60) || !p.isSet(o.headless)) {
            cl.error = p.isSet(o.headless) ? QStringLiteral("--max-stall must be a positive number of minutes")
                                           : QStringLiteral("--max-stall needs --headless");
            return cl;
        }
        cl.maxStallMs = qint64(minutes * 60'000);
    }
    if (p.isSet(o.autoAdvance) && !p.isSet(o.headless)) {
        cl.error = QStringLiteral("--auto-advance needs --headless (in the window, the release manager moves the slider)");
        return cl;
    }
    if (p.isSet(o.autoConfirm) && !p.isSet(o.headless)) {
        cl.error = QStringLiteral("--auto-confirm needs --headless (in the window, the operator confirms each step)");
        return cl;
    }
    if (p.isSet(o.headless)) {
        for (const QCommandLineOption *g : {&o.screenshot, &o.screenshotAfter, &o.colorScheme, &o.parseRunbook}) {
            if (p.isSet(*g)) {
                cl.error = QStringLiteral("--headless cannot be combined with --%1").arg(g->names().constFirst());
                return cl;
            }
        }
        cl.mode = Mode::Headless;
        cl.autoAdvance = p.isSet(o.autoAdvance);
        cl.autoConfirm = p.isSet(o.autoConfirm);
    }
    if (p.isSet(o.parseRunbook)) {
        const QList<const QCommandLineOption *> guiOnly{&o.runbook, &o.journal, &o.deployment, &o.operatorName, &o.screenshot, &o.colorScheme,
                                                        &o.profile, &o.demo, &o.scenario, &o.timeScale, &o.screenshotAfter};
        for (const QCommandLineOption *g : guiOnly) {
            if (p.isSet(*g)) {
                cl.error = QStringLiteral("--parse-runbook cannot be combined with --%1").arg(g->names().constFirst());
                return cl;
            }
        }
        cl.mode = Mode::ParseRunbook;
        cl.parseRunbookPath = p.value(o.parseRunbook);
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
