// Helper for tst_procedurerunner: starts a deployment on the reference runbook and runs its
// rollback procedure, whose first step ("Stop traffic to green environment") is bound to a
// non-destructive command, SCRIPT. The test kills this process with SIGKILL while that
// step runs and resumes the deployment from the journal.
//
//   procedurehelper JOURNAL_PATH SCRIPT
//
// stdout: "deployment <id>" once started, "running <itemId>" once the step is journaled as
// started (ProcedureRunner::stepStarted), "finished <itemId>" if it ever ends.

#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "procedure/procedurecatalog.h"
#include "procedure/procedurerunner.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "procedurehelper: %s\n", qPrintable(message));
    return 1;
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return fail(QStringLiteral("usage: procedurehelper JOURNAL_PATH SCRIPT"));
    QFile runbook(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
    if (!runbook.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the reference runbook"));

    Journal journal;
    if (Status s = journal.open(args.at(1)); !s)
        return fail(s.error());
    ManualClock clock;
    auto started = Deployment::start(&journal, &clock,
                                     {QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("helper"), QStringLiteral("runbook.md"),
                                      QString::fromUtf8(runbook.readAll())});
    if (!started)
        return fail(started.error());
    Deployment &d = *started.value();

    ActionBinding binding;
    binding.itemText = QStringLiteral("Stop traffic to green environment");
    binding.kind = ActionBinding::Kind::Command;
    binding.destructive = false;
    binding.command.program = args.at(2);
    binding.command.workingDirectory = QFileInfo(args.at(2)).absolutePath();
    binding.command.timeoutMs = 120'000;
    const QList<ProcedureDef> procedures = findProcedures(d.runbook(), {binding});
    if (procedures.isEmpty() || !procedures.first().rollback || !procedures.first().steps.first().binding)
        return fail(QStringLiteral("no bound rollback procedure"));

    say(QStringLiteral("deployment %1").arg(d.id()));
    ActionContext context;
    context.deployment = &d;
    ProcedureRunner runner(&d, procedures.first(), context);
    QObject::connect(&runner, &ProcedureRunner::stepStarted, &app, [](const QString &itemId, bool) { say(QStringLiteral("running %1").arg(itemId)); });
    QObject::connect(&runner, &ProcedureRunner::stepFinished, &app, [](const QString &itemId, bool, const QString &) { say(QStringLiteral("finished %1").arg(itemId)); });
    QObject::connect(&runner, &ProcedureRunner::journalFailed, &app, [](const Phrase &message) { fail(message.english()); });
    if (Status s = runner.start(QStringLiteral("helper rollback"), true); !s)
        return fail(s.error());
    return app.exec();
}
