#pragma once

#include <QString>

class QTextStream;
class RunbookReading;

// The runbook's reading (RunbookReading) as a headless run shows it before anything moves:
// the same reading the window's reading view lists, one "reading" line per line of its text.
namespace HeadlessReading {

// Prints the reading as lines "00:00:00 reading ..." (deployment time `elapsedMs`).
void print(QTextStream &out, qint64 elapsedMs, const RunbookReading &reading);
// Why a run stops on a reading with unread parts, naming every one:
// "the runbook could not be read completely: line 12: ...; line 40: ... (--accept-reading runs it anyway)".
QString unreadMessage(const RunbookReading &reading);

} // namespace HeadlessReading
