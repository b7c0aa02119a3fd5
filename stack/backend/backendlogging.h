#pragma once

#include <QLoggingCategory>

// The backend service's and load generator's one logging category.
Q_DECLARE_LOGGING_CATEGORY(lcBackend)
