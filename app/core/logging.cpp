#include "logging.h"

Q_LOGGING_CATEGORY(lcEngine, "stonecaster.engine", QtInfoMsg)
