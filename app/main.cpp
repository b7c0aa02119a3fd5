// stonecaster-console: chooses between the headless modes and the window, nothing more.
#include "cli/commandline.h"
#include "core/redactor.h"
#include "core/optionparser.h"
#include "core/appsettings.h"
#include "headless/headlessrun.h"
#include "headless/reportonlyrun.h"
#include "session/consoleenvironment.h"
#include "session/consolesession.h"
#include "session/journalpassword.h"

#include "colorscheme.h"
#include "common/icons.h"
#include "mainwindow.h"
#include "translations.h"
#include "report/widgetchartrenderer.h"

#include <QApplication>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>
#include <sys/stat.h>

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

// The report's charts are the window's own, drawn offscreen: a QApplication on the offscreen
// platform, so that a headless run needs no display. The argument list keeps the program's
// own arguments and adds the platform (not the environment, which procedure scripts inherit).
struct OffscreenArguments {
    explicit OffscreenArguments(int argc, char *argv[])
    {
        for (int i = 0; i < argc; ++i)
            pointers.push_back(argv[i]);
        pointers.push_back(platformOption.data());
        pointers.push_back(platformName.data());
        pointers.push_back(nullptr);
        count = argc + 2;
    }
    QByteArray platformOption = QByteArrayLiteral("-platform");
    QByteArray platformName = QByteArrayLiteral("offscreen");
    std::vector<char *> pointers;
    int count = 0;
};

void setApplicationInfo()
{
    QCoreApplication::setOrganizationName(QStringLiteral("stonecaster"));
    QCoreApplication::setApplicationName(QStringLiteral("stonecaster-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STONECASTER_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    // What the console writes (the journal and its -wal/-shm, reports, screenshots, settings)
    // holds what happened in production: the operator's alone. And no known secret reaches
    // the log.
    ::umask(077);
    Redactor::installMessageFilter();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const CommandLine cl = CommandLine::parse(arguments);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!cl.error.isEmpty()) {
        OptionParser::printUsageError(err, QStringLiteral("stonecaster-console"), cl.error);
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
        if (cl.reportPath.isEmpty()) {
            QCoreApplication app(argc, argv); // no GUI platform: runs on a machine without a display
            setApplicationInfo();
            return runHeadless(cl, out, err);
        }
        OffscreenArguments offscreen(argc, argv);
        QApplication app(offscreen.count, offscreen.pointers.data());
        setApplicationInfo();
        WidgetChartRenderer charts;
        return runHeadless(cl, out, err, &charts);
    }
    case CommandLine::Mode::ReportOnly: {
        OffscreenArguments offscreen(argc, argv);
        QApplication app(offscreen.count, offscreen.pointers.data());
        setApplicationInfo();
        WidgetChartRenderer charts;
        return runReportOnly(cl, out, err, &charts);
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

    const ConsoleEnvironment::Options environmentOptions{cl.demo, cl.scenario, cl.profilePath, cl.timeScale};
    if (const QString usage = ConsoleEnvironment::usageError(environmentOptions); !usage.isEmpty()) {
        err << "stonecaster-console: " << usage << "\n";
        return CommandLine::ExitUsage;
    }

    QApplication app(argc, argv);
    setApplicationInfo();
    Translations::install(&app); // the window only: what is journaled or printed stays English
    QApplication::setApplicationDisplayName(QStringLiteral("StoneCaster Deploy Console"));
    // The desktop entry: its icon and name for the window, and for the desktop notifications.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.stonecaster.DeployConsole"));
    // Icons: the desktop's theme first, the console's own (compiled in) where it has none; the
    // window icon org.stonecaster.DeployConsole, installed or bundled.
    Icons::install();
    AppSettings settings;
    ColorScheme::apply(&app, cl.colorScheme.isEmpty() ? settings.colorScheme() : ColorScheme::fromString(cl.colorScheme));

    // The environment: the built-in demo (in-process, on this clock, through the same
    // network code as production) or a profile's.
    Result<std::unique_ptr<ConsoleEnvironment>> environment = ConsoleEnvironment::create(environmentOptions);
    if (!environment) {
        err << (cl.demo ? "stonecaster-console: " : "") << environment.error() << '\n';
        return CommandLine::ExitFailure;
    }
    ConsoleSession session(environment.value()->clock());
    session.setEnvironment(environment.value()->profile(), environment.value()->name(), environment.value()->isSimulated());

    MainWindow window(&settings, &session);
    session.startEnvironment();
    QString journalPassword;
    if (!cl.journalKeychain.isEmpty()) {
        const Result<QString> read = readJournalPassword(cl.journalKeychain);
        if (!read) {
            err << "stonecaster-console: " << read.error() << '\n';
            return CommandLine::ExitFailure;
        }
        journalPassword = read.value();
    }
    const bool usable = window.initialize({cl.runbookPath, cl.journalPath, cl.deploymentId, cl.operatorName, journalPassword, cl.demo ? QString() : cl.profilePath});
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
