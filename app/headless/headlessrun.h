#pragma once

#include "cli/commandline.h"

class QTextStream;
class ReportChartRenderer;

// `stonecaster-console --headless`: runs one deployment on the demo (or a --profile's
// environment) without a display and prints one line per event, each starting with the
// deployment time HH:MM:SS (clock time since the start):
//   traffic green=N% (reason)      every command
//   gate open|closed (reasons)     when the gate opens or closes, and whenever its reasons change
//                                  (a countdown or a moving value is not a change; GateNarrator)
//   waiting M:SS (gate ...)        every minute of deployment time while the run waits
//   leftover ...                   green had traffic before the first step and --reset-traffic set it to 0 %
//   breach RULE_ID comparison      a decision point breached
//   trigger RULE_ID comparison     an automatic trigger breached
//   rollback reason                traffic was sent back to blue
//   note ITEM_ID: text             --note: journaled on that item (at the start; "(already in
//                                  the journal)" when the item has that note already)
//   error message                  a command failed, the journal refused a write...
//   done outcome                   the end: completed, rolled-back, stalled
//   status-update ID ...          an update sent to the profile's webhooks, its deliveries
//   report FILE                    --report: the report, written at the end whatever the outcome
// Checklist items before the shift are journaled as skipped with the reason "headless run".
// Status updates go to the profile's webhooks every 15 minutes of deployment time from the first
// shift, and at once on a rollback (--status-updates, on by default when there is a webhook).
// The first step waits for the target's traffic to be read back: green already on a share then
// (a weight an interrupted run left) ends the run with exit 1, unless --reset-traffic.
// Exit status: 0 reached 100 % green, 3 rolled back with observed green traffic at 0,
// 4 the gate stayed closed for --max-stall with no trigger, 1 on error.
// A report that cannot be written exits 1. Needs a QCoreApplication; with --report, a
// QApplication for `charts`, which draws the report's charts.
int runHeadless(const CommandLine &commandLine, QTextStream &out, QTextStream &err, ReportChartRenderer *charts = nullptr);
