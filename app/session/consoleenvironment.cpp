#include "consoleenvironment.h"

#include "core/clock.h"
#include "core/clockfactory.h"
#include "profile/profileloader.h"
#include "sim/demoserver.h"


ConsoleEnvironment::~ConsoleEnvironment()
{
    m_demo.reset(); // before the clock it runs on
}

QString ConsoleEnvironment::usageError(const Options &options)
{
    if (options.demo && !DemoServer::scenarioFromName(options.scenario))
        return QStringLiteral("unknown scenario '%1'; one of: %2").arg(options.scenario, DemoServer::scenarioNames().join(QStringLiteral(", ")));
    // A scaled clock asks the servers about its own time, N times ahead of the real one: a real
    // Prometheus has no samples there (no data, then empty answers once past its 5-minute
    // lookback), and holds and `for` durations would pass N times faster than the servers
    // measure. Only servers on the same scaled timeline answer it correctly: a standalone
    // simulator started with the same --time-scale and the same STONECASTER_TIME_ORIGIN_MS.
    if (!options.demo && options.timeScale != 1.0 && qEnvironmentVariable(TimeOriginVariable).toLongLong() <= 0)
        return QStringLiteral("--time-scale %1 cannot be used with --profile: a real environment (Prometheus, the load balancer, "
                              "Alertmanager) keeps real time, and a scaled clock would ask it about moments that have not happened "
                              "yet. Use --time-scale with --demo, or with a simulator started with the same --time-scale and "
                              "%2 set to one real time (ms since the epoch) for both")
            .arg(QString::number(options.timeScale), QString::fromLatin1(TimeOriginVariable));
    return {};
}

Result<std::unique_ptr<ConsoleEnvironment>> ConsoleEnvironment::create(const Options &options)
{
    if (const QString error = usageError(options); !error.isEmpty())
        return Result<std::unique_ptr<ConsoleEnvironment>>::failure(error);
    std::unique_ptr<ConsoleEnvironment> env(new ConsoleEnvironment);
    env->m_clock = makeClock(options.timeScale);

    if (options.demo) {
        env->m_demo = std::make_unique<DemoServer>(env->m_clock.get(), *DemoServer::scenarioFromName(options.scenario));
        const Result<quint16> port = env->m_demo->listen(0);
        if (!port)
            return Result<std::unique_ptr<ConsoleEnvironment>>::failure(phrase("ConsoleEnvironment", "the demo environment cannot start: %1").arg(port.errorPhrase()));
        env->m_profile = ProfileLoader::demoProfile(env->m_demo->baseUrl());
        env->m_scenario = options.scenario;
        // Journaled as the deployment's environment: language-neutral, never translated.
        env->m_name = QStringLiteral("DEMO (simulated, scenario %1)").arg(options.scenario);
    } else {
        Result<Profile> loaded = ProfileLoader::loadFile(options.profilePath);
        if (!loaded)
            return Result<std::unique_ptr<ConsoleEnvironment>>::failure(loaded.errorPhrase());
        env->m_profile = loaded.take();
        env->m_name = env->m_profile.name;
    }
    return env;
}

QString ConsoleEnvironment::defaultService() const
{
    return m_demo ? QStringLiteral("demo") : m_profile.name;
}

QString ConsoleEnvironment::defaultVersion() const
{
    return m_demo ? QStringLiteral("demo (%1)").arg(m_scenario) : QStringLiteral("headless run");
}
