// stonecaster-sim: the demo environment on its own, for a real Prometheus to scrape or a
// console on another machine to use.
#include "core/clock.h"
#include "core/clockfactory.h"
#include "core/optionparser.h"
#include "sim/demoserver.h"
#include "sim/simcommandline.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

// Only async-signal-safe work here: the event loop reads the byte and quits.
void onSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t n = ::write(signalPipe[1], &byte, 1);
}

bool quitOnTerminationSignals(QCoreApplication *app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const ssize_t n = ::read(signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("stonecaster"));
    QCoreApplication::setApplicationName(QStringLiteral("stonecaster-sim"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const SimCommandLine cl = SimCommandLine::parse(QCoreApplication::arguments());
    if (!cl.error.isEmpty()) {
        OptionParser::printUsageError(err, QStringLiteral("stonecaster-sim"), cl.error);
        return SimCommandLine::ExitUsage;
    }
    switch (cl.mode) {
    case SimCommandLine::Mode::Help:
        out << SimCommandLine::helpText();
        return SimCommandLine::ExitOk;
    case SimCommandLine::Mode::ListScenarios:
        for (int i = 0; i < DemoScenarioCount; ++i)
            out << nameOf(DemoScenario(i)) << '\t' << demoScenarioDescription(DemoScenario(i)) << '\n';
        return SimCommandLine::ExitOk;
    case SimCommandLine::Mode::Run:
        break;
    }

    if (!quitOnTerminationSignals(&app)) {
        err << "stonecaster-sim: cannot install the SIGTERM/SIGINT handlers\n";
        return SimCommandLine::ExitFailure;
    }
    const std::unique_ptr<Clock> clock = makeClock(cl.timeScale);
    DemoServer server(clock.get(), cl.scenario);
    const Result<quint16> port = server.listen(cl.port);
    if (!port) {
        err << "stonecaster-sim: " << port.error() << '\n';
        return SimCommandLine::ExitFailure;
    }
    // One line, flushed at once: scripts and tests wait for it to learn the port.
    out << "stonecaster-sim: scenario " << nameOf(cl.scenario) << " listening on " << server.baseUrl().toString() << Qt::endl;
    const int status = QCoreApplication::exec();
    err << "stonecaster-sim: stopped\n";
    return status;
}
