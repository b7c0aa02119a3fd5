#pragma once

#include "core/appsettings.h"

class QApplication;

// Applies the light, dark or system palette to the whole application.
namespace ColorScheme {
void apply(QApplication *app, AppSettings::ColorScheme scheme);
AppSettings::ColorScheme fromString(const QString &name);
}
