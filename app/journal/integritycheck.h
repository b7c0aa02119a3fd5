#pragma once

#include <QString>

#include <functional>

class QObject;
class QThread;

// SQLite's PRAGMA quick_check on a journal file. Small files are checked where they are opened;
// a large one (it grows by about 100 MB a day of metric samples, a third of a second of
// checking each) in a thread of its own on its own connection, so opening never waits on it.
namespace IntegrityCheck {

// The problems quick_check finds (empty: the file is sound), or why it could not run.
struct Outcome {
    bool ran = false;
    QString problems; // "*** in database main *** Page 4: ..." (the first three), or the error
};

// Runs the check on `path` through a new connection in the calling thread.
Outcome run(const QString &path);
// Runs it in a new thread; `done` is called on `context`'s thread. `context` must outlive the
// thread: wait() on it (through a QPointer: it deletes itself once finished) before `context` goes.
QThread *start(const QString &path, QObject *context, std::function<void(const Outcome &)> done);

} // namespace IntegrityCheck
