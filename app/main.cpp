// stonecaster-console: chooses between the headless modes and the window, nothing more.
#include "cli/commandline.h"
#include "core/appsettings.h"
#include "headless/headlessrun.h"
#include "deployment/clock.h"
#include "metrics/metricssession.h"
#include "profile/profileloader.h"
#include "rollout/rolloutsession.h"
#include "sim/demoserver.h"

#include "colorscheme.h"
#include "mainwindow.h"

#include <QApplication>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

bool hasDisplay()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

void setApplicationInfo()
{
    QCoreApplication::setOrganizationName(QStringLiteral("stonecaster"));
    QCoreApplication::setApplicationName(QStringLiteral("stonecaster-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STONECASTER_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const CommandLine cl = CommandLine::parse(arguments);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!cl.error.isEmpty()) {
        err << "stonecaster-console: " << cl.error << "\nTry 'stonecaster-console --help'.\n";
        return CommandLine::ExitUsage;
    }
    switch (cl.mode) {
    case CommandLine::Mode::Help:
        out << CommandLine::helpText();
        return CommandLine::ExitOk;
    case CommandLine::Mode::Version:
        out << "stonecaster-console " << STONECASTER_VERSION << '\n';
        return CommandLine::ExitOk;
    case CommandLine::Mode::ParseRunbook: {
        QCoreApplication app(argc, argv); // no GUI platform: works without a display
        setApplicationInfo();
        return runParseRunbook(cl.parseRunbookPath, out, err);
    }
    case CommandLine::Mode::Headless: {
        QCoreApplication app(argc, argv); // no GUI platform: runs on a machine without a display
        setApplicationInfo();
        return runHeadless(cl, out, err);
    }
    case CommandLine::Mode::Gui:
        break;
    }

    if (!hasDisplay()) {
        err << "stonecaster-console: no display: neither DISPLAY nor WAYLAND_DISPLAY is set.\n"
               "Start it from a desktop session, or headless:\n"
               "  xvfb-run -a stonecaster-console ...                     (a virtual X display)\n"
               "  QT_QPA_PLATFORM=offscreen stonecaster-console --screenshot window.png\n"
               "  stonecaster-console --headless --demo --auto-advance      (a whole deployment, no display)\n"
               "  stonecaster-console --parse-runbook FILE                 (needs no display)\n";
        if (!qEnvironmentVariableIsEmpty("STONECASTER_IN_BUILDROOT"))
            err << "From the repository: packaging/buildroot run xvfb-run -a tools/run-console\n";
        return CommandLine::ExitFailure;
    }

    if (cl.demo && !DemoServer::scenarioFromName(cl.scenario)) {
        err << "stonecaster-console: unknown scenario '" << cl.scenario << "'; one of: " << DemoServer::scenarioNames().join(QStringLiteral(", "))
            << "\n";
        return CommandLine::ExitUsage;
    }

    QApplication app(argc, argv);
    setApplicationInfo();
    QApplication::setApplicationDisplayName(QStringLiteral("StoneCaster Deploy Console"));
    AppSettings settings;
    ColorScheme::apply(&app, cl.colorScheme.isEmpty() ? settings.colorScheme() : ColorScheme::fromString(cl.colorScheme));
    std::unique_ptr<Clock> clock;
    if (cl.timeScale != 1.0)
        clock = std::make_unique<ScaledClock>(cl.timeScale);
    else
        clock = std::make_unique<SystemClock>();

    // The environment: the built-in demo (in-process, on this clock, through the same
    // network code as production) or a profile's.
    std::unique_ptr<DemoServer> demo;
    Profile profile;
    QString environment;
    if (cl.demo) {
        demo = std::make_unique<DemoServer>(clock.get(), *DemoServer::scenarioFromName(cl.scenario));
        const Result<quint16> port = demo->listen(0);
        if (!port) {
            err << "stonecaster-console: the demo environment cannot start: " << port.error() << '\n';
            return CommandLine::ExitFailure;
        }
        profile = ProfileLoader::demoProfile(demo->baseUrl());
        environment = QCoreApplication::translate("main", "DEMO (simulated, scenario %1)").arg(cl.scenario);
    } else {
        Result<Profile> loaded = ProfileLoader::loadFile(cl.profilePath);
        if (!loaded) {
            err << loaded.error() << '\n';
            return CommandLine::ExitFailure;
        }
        profile = loaded.take();
        environment = profile.name;
    }
    MetricsSession metrics(clock.get());
    RolloutSession rollout(clock.get(), &metrics);

    MainWindow window(&settings, clock.get());
    window.setMetricsSession(&metrics, environment, cl.demo);
    window.setRolloutSession(&rollout);
    metrics.start(profile);
    rollout.start(profile);
    const bool usable = window.initialize({cl.runbookPath, cl.journalPath, cl.deploymentId, cl.operatorName});
    if (!usable) {
        // Say it where scripts see it too; the window shows the details.
        err << "stonecaster-console: " << cl.runbookPath << ": the runbook cannot be used (see the window for its diagnostics)\n";
        err.flush();
    }
    window.show();

    if (!cl.screenshotPath.isEmpty()) {
        QTimer::singleShot(cl.screenshotAfterMs, &window, [&window, &cl, &err] {
            const bool saved = window.grab().save(cl.screenshotPath, "PNG");
            if (!saved)
                err << "stonecaster-console: cannot write the screenshot to " << cl.screenshotPath << '\n';
            err.flush();
            QCoreApplication::exit(saved ? CommandLine::ExitOk : CommandLine::ExitFailure);
        });
    }
    return app.exec();
}
