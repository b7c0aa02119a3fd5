#pragma once

#include "core/result.h"
#include "report/reportdata.h"

struct Profile;
class ConsoleSession;
class Journal;

// Where a report's data comes from in a console: the profile says what was evaluated (queries,
// health URL, alert source), the open deployment's live sample store has its samples. The
// report library sits below the profile, so the profile is read here.
namespace ReportSources {
ReportEnvironment environment(const Profile &profile, const QString &name, bool simulated);
// The open deployment's report data, with the samples and "normal" the console has now.
Result<ReportData> openDeployment(ConsoleSession *session);
// A recorded deployment's, samples read from the journal (--report-only).
Result<ReportData> recorded(Journal *journal, const QString &deploymentId, const ReportEnvironment &environment, qint64 nowMs);
}
