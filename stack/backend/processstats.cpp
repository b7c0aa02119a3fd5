#include "processstats.h"

#include "promhistogram.h"

#include <QDir>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace {

QByteArray readAll(const char *path)
{
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll(); // /proc files report size 0; readAll reads until the end anyway
}

// Seconds since the epoch at boot, from /proc/stat's btime.
double bootTime()
{
    const QByteArray stat = readAll("/proc/stat");
    for (const QByteArray &line : stat.split('\n')) {
        if (line.startsWith("btime "))
            return line.mid(6).trimmed().toDouble();
    }
    return 0;
}

} // namespace

ProcessStats ProcessStats::read()
{
    ProcessStats s;
    const QByteArray stat = readAll("/proc/self/stat");
    // The command name in parentheses may hold spaces: fields are counted after the last ')'.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return s;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' '); // fields[0] is field 3 (state)
    if (fields.size() < 22)
        return s;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    const double pageSize = double(sysconf(_SC_PAGESIZE));
    s.cpuSeconds = (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks; // utime (14), stime (15)
    s.startTimeSeconds = bootTime() + fields.at(19).toDouble() / ticks;          // starttime (22)
    s.virtualBytes = fields.at(20).toDouble();                                   // vsize (23)
    s.residentBytes = fields.at(21).toDouble() * pageSize;                       // rss (24), pages
    s.openFds = double(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot).size());
    s.ok = true;
    return s;
}

void ProcessStats::write(QByteArray &out) const
{
    if (!ok)
        return;
    out += "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n"
           "# TYPE process_cpu_seconds_total counter\n"
           "process_cpu_seconds_total " + promNumber(cpuSeconds) + "\n"
           "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
           "# TYPE process_resident_memory_bytes gauge\n"
           "process_resident_memory_bytes " + promNumber(residentBytes) + "\n"
           "# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n"
           "# TYPE process_virtual_memory_bytes gauge\n"
           "process_virtual_memory_bytes " + promNumber(virtualBytes) + "\n"
           "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n"
           "# TYPE process_start_time_seconds gauge\n"
           "process_start_time_seconds " + promNumber(startTimeSeconds) + "\n"
           "# HELP process_open_fds Number of open file descriptors.\n"
           "# TYPE process_open_fds gauge\n"
           "process_open_fds " + promNumber(openFds) + "\n";
}
