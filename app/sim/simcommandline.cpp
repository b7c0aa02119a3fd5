#include "simcommandline.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <cmath>

namespace {

struct Options {
    QCommandLineOption scenario{QStringLiteral("scenario"), QStringLiteral("What happens once green takes traffic: %1.").arg(demoScenarioNames().join(QStringLiteral(", "))), QStringLiteral("NAME")};
    QCommandLineOption port{QStringLiteral("port"), QStringLiteral("TCP port on 127.0.0.1 (0, the default, picks a free one)."), QStringLiteral("N")};
    QCommandLineOption timeScale{QStringLiteral("time-scale"), QStringLiteral("Run simulated time N times faster than real time (default 1)."), QStringLiteral("N")};
    QCommandLineOption listScenarios{QStringLiteral("list-scenarios"), QStringLiteral("Print the scenarios and what they do, then exit.")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};

    void addTo(QCommandLineParser &p) const { p.addOptions({scenario, port, timeScale, listScenarios, help}); }
};

QString unknownScenario(const QString &name)
{
    return QStringLiteral("unknown scenario '%1'; valid scenarios: %2").arg(name, demoScenarioNames().join(QStringLiteral(", ")));
}

} // namespace

QString SimCommandLine::helpText()
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("StoneCaster demo environment: Prometheus query API, /metrics, Alertmanager alerts, "
                                               "a traffic-weight API and health checks on 127.0.0.1."));
    Options().addTo(p);
    QString text = p.helpText();
    text.replace(QRegularExpression(QStringLiteral("^Usage: \\S*")), QStringLiteral("Usage: stonecaster-sim"));
    text += QStringLiteral("\nScenarios:\n");
    for (int i = 0; i < DemoScenarioCount; ++i)
        text += QStringLiteral("  %1  %2\n").arg(nameOf(DemoScenario(i)), -20).arg(demoScenarioDescription(DemoScenario(i)));
    return text + QStringLiteral("\nWhen ready it prints: stonecaster-sim: scenario NAME listening on http://127.0.0.1:PORT\n"
                                 "Exit status: 0 stopped by SIGTERM/SIGINT, 1 port not available, 2 bad usage.\n");
}

SimCommandLine SimCommandLine::parse(const QStringList &arguments)
{
    SimCommandLine cl;
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
    for (const QCommandLineOption *single : {&o.scenario, &o.port, &o.timeScale}) {
        if (p.values(*single).size() > 1) {
            cl.error = QStringLiteral("--%1 given more than once").arg(single->names().constFirst());
            return cl;
        }
    }
    if (p.isSet(o.help)) {
        cl.mode = Mode::Help;
        return cl;
    }
    if (p.isSet(o.listScenarios)) {
        cl.mode = Mode::ListScenarios;
        return cl;
    }
    if (!p.isSet(o.scenario)) {
        cl.error = QStringLiteral("--scenario is required; valid scenarios: %1").arg(demoScenarioNames().join(QStringLiteral(", ")));
        return cl;
    }
    const std::optional<DemoScenario> scenario = demoScenarioFromName(p.value(o.scenario));
    if (!scenario) {
        cl.error = unknownScenario(p.value(o.scenario));
        return cl;
    }
    cl.scenario = *scenario;
    if (p.isSet(o.port)) {
        bool ok = false;
        const uint port = p.value(o.port).toUInt(&ok);
        if (!ok || port > 65535) {
            cl.error = QStringLiteral("--port must be 0..65535, not '%1'").arg(p.value(o.port));
            return cl;
        }
        cl.port = quint16(port);
    }
    if (p.isSet(o.timeScale)) {
        bool ok = false;
        const double scale = p.value(o.timeScale).toDouble(&ok);
        if (!ok || !std::isfinite(scale) || scale <= 0) {
            cl.error = QStringLiteral("--time-scale must be a number above 0, not '%1'").arg(p.value(o.timeScale));
            return cl;
        }
        cl.timeScale = scale;
    }
    return cl;
}
