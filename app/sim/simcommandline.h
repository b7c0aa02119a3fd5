#pragma once

#include "demoscenario.h"

#include <QString>
#include <QStringList>

// stonecaster-sim's command line: --scenario NAME [--port N] [--time-scale N].
struct SimCommandLine {
    enum class Mode { Run, Help, ListScenarios };

    Mode mode = Mode::Run;
    DemoScenario scenario = DemoScenario::Healthy;
    quint16 port = 0;       // 0 = a free port, printed when ready
    double timeScale = 1.0; // clock time runs this many times faster than real time

    QString error; // set when the command line is unusable (exit status 2)

    static SimCommandLine parse(const QStringList &arguments);
    static QString helpText();
    // stonecaster-sim(1), from the same option table as --help.
    static QString manPage(const QString &version);

    static constexpr int ExitOk = 0;
    static constexpr int ExitFailure = 1; // the port could not be bound
    static constexpr int ExitUsage = 2;
};
