#pragma once

#include <QString>

// Quantities in messages, as a person reads them.

// Real time: 300 -> "300 ms", 1500 -> "1.5 s", 2000 -> "2 s", 90000 -> "90 s", 900000 -> "15 min".
QString readableDuration(qint64 ms);
// 900 -> "900 bytes", 1536 -> "1.5 KiB", 67108864 -> "64 MiB".
QString readableSize(qint64 bytes);
