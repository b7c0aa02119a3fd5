#include "backendlogging.h"

Q_LOGGING_CATEGORY(lcBackend, "stonecaster.backend", QtInfoMsg)
