#pragma once

#include <QByteArray>

// The process's own CPU time and memory, read from /proc/self as Prometheus's client
// libraries do, written as the standard process_* metrics.
struct ProcessStats {
    double cpuSeconds = 0;     // user + system time
    double residentBytes = 0;
    double virtualBytes = 0;
    double startTimeSeconds = 0; // since the epoch
    double openFds = 0;
    bool ok = false;             // false where /proc could not be read (the metrics are then left out)

    static ProcessStats read();
    void write(QByteArray &out) const;
};
