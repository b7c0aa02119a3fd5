#include "simcommandline.h"

#include "core/optionparser.h"

#include <cmath>
#include <limits>

namespace {

struct Options {
    QCommandLineOption scenario{QStringLiteral("scenario"), QStringLiteral("What happens once green takes traffic: %1.").arg(demoScenarioNames().join(QStringLiteral(", "))), QStringLiteral("NAME")};
    QCommandLineOption port{QStringLiteral("port"), QStringLiteral("TCP port on 127.0.0.1 (0, the default, picks a free one)."), QStringLiteral("N")};
    QCommandLineOption timeScale{QStringLiteral("time-scale"), QStringLiteral("Run simulated time N times faster than real time (default 1)."), QStringLiteral("N")};
    QCommandLineOption listScenarios{QStringLiteral("list-scenarios"), QStringLiteral("Print the scenarios and what they do, then exit.")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
};

OptionParser parser(const Options &o)
{
    return OptionParser(QStringLiteral("stonecaster-sim"),
                        QStringLiteral("StoneCaster demo environment: Prometheus query API, /metrics, Alertmanager alerts, "
                                       "a traffic-weight API and health checks on 127.0.0.1."),
                        {o.scenario, o.port, o.timeScale, o.listScenarios, o.help});
}

QString unknownScenario(const QString &name)
{
    return QStringLiteral("unknown scenario '%1'; valid scenarios: %2").arg(name, demoScenarioNames().join(QStringLiteral(", ")));
}

bool read(const Options &o, OptionParser &p, SimCommandLine &cl)
{
    if (p.isSet(o.help)) {
        cl.mode = SimCommandLine::Mode::Help;
        return true;
    }
    if (p.isSet(o.listScenarios)) {
        cl.mode = SimCommandLine::Mode::ListScenarios;
        return true;
    }
    if (!p.isSet(o.scenario))
        return p.fail(QStringLiteral("--scenario is required; valid scenarios: %1").arg(demoScenarioNames().join(QStringLiteral(", "))));
    const std::optional<DemoScenario> scenario = demoScenarioFromName(p.value(o.scenario));
    if (!scenario)
        return p.fail(unknownScenario(p.value(o.scenario)));
    cl.scenario = *scenario;
    if (p.isSet(o.port)) {
        bool ok = false;
        const uint port = p.value(o.port).toUInt(&ok);
        if (!ok || port > 65535)
            return p.fail(QStringLiteral("--port must be 0..65535, not '%1'").arg(p.value(o.port)));
        cl.port = quint16(port);
    }
    if (p.isSet(o.timeScale)) {
        const auto scale = p.number(o.timeScale, std::nextafter(0.0, 1.0), std::numeric_limits<double>::max(), QStringLiteral("a number above 0"));
        if (!scale)
            return false;
        cl.timeScale = *scale;
    }
    return true;
}

} // namespace

QString SimCommandLine::helpText()
{
    QString scenarios = QStringLiteral("\nScenarios:\n");
    for (int i = 0; i < DemoScenarioCount; ++i)
        scenarios += QStringLiteral("  %1  %2\n").arg(nameOf(DemoScenario(i)), -20).arg(demoScenarioDescription(DemoScenario(i)));
    return parser(Options()).helpText(scenarios
                                      + QStringLiteral("\nWhen ready it prints: stonecaster-sim: scenario NAME listening on http://127.0.0.1:PORT\n"
                                                       "Exit status: 0 stopped by SIGTERM/SIGINT, 1 port not available, 2 bad usage.\n"));
}

QString SimCommandLine::manPage(const QString &version)
{
    QString scenarios;
    for (int i = 0; i < DemoScenarioCount; ++i)
        scenarios += QStringLiteral("%1: %2\n\n").arg(nameOf(DemoScenario(i)), demoScenarioDescription(DemoScenario(i)));
    return parser(Options()).manPage(
        version, QStringLiteral("--scenario NAME [--port N] [--time-scale N]\n--list-scenarios"),
        QStringLiteral("The StoneCaster Deploy Console's demo environment, standalone: it answers Prometheus's query API "
                       "(/api/v1/query, /api/v1/query_range), serves its gauges on /metrics for a real Prometheus to scrape, "
                       "answers Alertmanager's alert API, takes traffic weights on /api/traffic and health checks on "
                       "/health/blue and /health/green, all on 127.0.0.1. When ready it prints "
                       "\"stonecaster-sim: scenario NAME listening on http://127.0.0.1:PORT\"."),
        {{QStringLiteral("Scenarios"), scenarios},
         {QStringLiteral("Exit status"), QStringLiteral("0 stopped by SIGTERM or SIGINT; 1 the port is not available; 2 bad usage.")},
         {QStringLiteral("See also"), QStringLiteral("stonecaster-console(1)")}});
}

SimCommandLine SimCommandLine::parse(const QStringList &arguments)
{
    SimCommandLine cl;
    const Options o;
    OptionParser p = parser(o);
    if (!p.parse(arguments) || !read(o, p, cl)) {
        cl = SimCommandLine();
        cl.error = p.error();
    }
    return cl;
}
