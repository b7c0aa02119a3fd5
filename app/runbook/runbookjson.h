#pragma once

#include "runbook.h"

#include <QJsonObject>

// The runbook as JSON, the format of `stonecaster-console --parse-runbook` (documented in docs/runbook.md).
namespace RunbookJson {
QJsonObject toJson(const Runbook &runbook);
// "FILE:LINE: severity: message" lines, one per diagnostic.
QString diagnosticsText(const Runbook &runbook);
}
