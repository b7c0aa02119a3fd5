#pragma once

#include <QByteArray>
#include <QString>

// A file that must be a regular file (a runbook, a profile), read whole up to a limit. It is
// opened without blocking and judged by the opened descriptor, so a FIFO (which would wait for
// a writer for ever), a device (/dev/zero never ends) or a socket is refused at once, also
// when the path is replaced between a look and the open.
struct RegularFile {
    enum class Problem { None, Missing, Directory, NotRegular, TooLarge, Unreadable };
    Problem problem = Problem::None;
    QString detail; // the system's words, or what the path is instead ("a FIFO")
    qint64 size = 0;
    QByteArray bytes;

    // `cut`: a larger file gives its first maxBytes (size says how large it is) instead of TooLarge.
    static RegularFile read(const QString &path, qint64 maxBytes, bool cut = false);
};
