#pragma once

#include <QLoggingCategory>

// The demo environment's one logging category ("stonecaster.sim").
Q_DECLARE_LOGGING_CATEGORY(lcSim)
