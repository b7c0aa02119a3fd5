#pragma once

#include "core/result.h"
#include "profile/profile.h"

#include <memory>

class Clock;
class DemoServer;

// What the console runs against, as the command line chose it: the clock (real, or scaled by
// --time-scale), and either the built-in demo (a simulator started in-process on a free
// 127.0.0.1 port, reached through the same network code as production) or a profile's
// environment. The window and the headless run both start from one of these.
class ConsoleEnvironment
{
public:
    struct Options {
        bool demo = true;
        QString scenario = QStringLiteral("healthy");
        QString profilePath; // used when !demo
        double timeScale = 1;
    };

    ~ConsoleEnvironment();

    // A message for a choice that can never work ("unknown scenario 'x'; one of: ..."), or
    // empty. Checked before anything starts (exit status 2 on the command line).
    static QString usageError(const Options &options);
    // Starts the demo or loads the profile; fails with a message a person can act on.
    static Result<std::unique_ptr<ConsoleEnvironment>> create(const Options &options);

    Clock *clock() const { return m_clock.get(); }
    const Profile &profile() const { return m_profile; }
    // "DEMO (simulated, scenario healthy)", or the profile's name.
    QString name() const { return m_name; }
    bool isSimulated() const { return m_demo != nullptr; }
    DemoServer *demo() const { return m_demo.get(); }
    // The service and version a deployment started without asking records (the headless run).
    QString defaultService() const;
    QString defaultVersion() const;

private:
    ConsoleEnvironment() = default;

    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<DemoServer> m_demo; // after m_clock: it runs on it
    Profile m_profile;
    QString m_name;
    QString m_scenario;
};
