#include "readable.h"

QString readableDuration(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 120'000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'g', 3);
    return QStringLiteral("%1 min").arg(double(ms) / 60'000.0, 0, 'g', 3);
}

QString readableSize(qint64 bytes)
{
    constexpr qint64 KiB = 1024;
    constexpr qint64 MiB = 1024 * KiB;
    if (bytes < KiB)
        return QStringLiteral("%1 bytes").arg(bytes);
    if (bytes < MiB)
        return QStringLiteral("%1 KiB").arg(double(bytes) / KiB, 0, 'g', 4);
    return QStringLiteral("%1 MiB").arg(double(bytes) / MiB, 0, 'g', 4);
}
