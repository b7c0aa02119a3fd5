#pragma once

#include <QString>

#include <optional>

// How a bound action (a procedure step or a checklist item's check) ended.
struct ActionOutcome {
    bool ok = false;
    std::optional<int> exitCode; // programs only
    QString message;             // one line: "exit status 0", "503 Service Unavailable", "timed out after 2 min"
    QString output;              // the tail of what it printed (capped), or the exchange's summary
    qint64 durationMs = 0;       // real time
};
