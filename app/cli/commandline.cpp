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
    QCommandLineOption colorScheme{QStringLiteral("color-scheme"), QStringLiteral("system, light or dark."), QStringLiteral("SCHEME")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
    QCommandLineOption version{QStringLiteral("version"), QStringLiteral("Show the version.")};

    void addTo(QCommandLineParser &p) const
    {
        p.addOptions({runbook, journal, deployment, operatorName, parseRunbook, screenshot, colorScheme, help, version});
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
    return text + QStringLiteral("\nExit status: 0 success, 1 failure (bad runbook, unreadable journal, no display), 2 bad usage.\n");
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
    for (const QCommandLineOption *single : {&o.runbook, &o.journal, &o.deployment, &o.operatorName, &o.parseRunbook, &o.screenshot, &o.colorScheme}) {
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
    if (p.isSet(o.parseRunbook)) {
        const QList<const QCommandLineOption *> guiOnly{&o.runbook, &o.journal, &o.deployment, &o.operatorName, &o.screenshot, &o.colorScheme};
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
