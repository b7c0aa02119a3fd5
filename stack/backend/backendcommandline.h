#pragma once

#include "backendservice.h"
#include "loadgenerator.h"

#include <QStringList>

// stonecaster-backend's command line: a service (--color blue|green --port N) or the load
// generator (--load URL). `error` is set for bad usage (exit 2); `help` for --help.
struct BackendCommandLine {
    enum class Mode { Service, Load };
    Mode mode = Mode::Service;
    BackendService::Options service;
    LoadGenerator::Options load;
    QString error;
    QString helpText;
    bool help = false;

    static BackendCommandLine parse(const QStringList &arguments);
};
