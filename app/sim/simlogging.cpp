#include "simlogging.h"

Q_LOGGING_CATEGORY(lcSim, "stonecaster.sim", QtInfoMsg)
