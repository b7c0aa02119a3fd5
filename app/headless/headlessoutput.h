#pragma once

#include "journal/deploymentevent.h"

#include <QString>
#include <QTextStream>

// The headless runs' output: one line per event, "HH:MM:SS kind text", the time being
// deployment time (clock time since the deployment started).
namespace HeadlessOutput {

void line(QTextStream &out, qint64 elapsedMs, const QString &kind, const QString &text);
// An event as a watching console prints it: "traffic-commanded #12 by alice: green=10% (...)".
QString describe(const DeploymentEvent &event);

} // namespace HeadlessOutput
