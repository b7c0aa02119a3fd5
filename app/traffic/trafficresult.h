#pragma once

#include "core/phrase.h"

#include <QMetaType>
#include <QString>

// The outcome of one TrafficController operation (apply or read), as the journal and the
// window need it: what was commanded, what the target reports now, and why it failed.
struct TrafficResult {
    enum class Operation { Apply, Read };
    Operation operation = Operation::Read;
    bool ok = false;
    int commandedGreenPercent = -1; // apply only; -1 for read
    // As read back from the target after the change (or by read()); -1 when not known,
    // e.g. when the operation failed before reading.
    int bluePercent = -1;
    int greenPercent = -1;
    // The raw weights read back (HAProxy's, the demo's, the read-back URL's...); -1 when not known.
    int blueWeight = -1;
    int greenWeight = -1;
    // False when the target cannot be read back (a command controller without a read-back
    // command): then the percentages are the commanded ones, assumed from success.
    bool verified = false;
    // A read that was stopped for a traffic command (TrafficController::apply): it says nothing
    // about whether traffic can be read.
    bool interrupted = false;
    // On failure, what went wrong, with the target's own words kept verbatim
    // ("No such server.", stderr's last line, an HTTP body). On success, a short note or empty.
    // The journal takes its English; the window shows it translated.
    Phrase message;
    // The transcript for the journal and a details view: commands sent and answers, or a
    // program's command line, exit code, stdout and stderr (capped).
    QString details;

    bool observedKnown() const { return greenPercent >= 0; }
};

Q_DECLARE_METATYPE(TrafficResult)
