#include "reportonlyrun.h"

#include "core/clock.h"
#include "headless/headlessreport.h"
#include "journal/journal.h"
#include "profile/profileloader.h"
#include "report/reportdata.h"
#include "session/reportsources.h"

#include <QTextStream>

int runReportOnly(const CommandLine &cl, QTextStream &out, QTextStream &err, ReportChartRenderer *charts)
{
    const auto fail = [&err](const QString &message) {
        err << "stonecaster-console: " << message << '\n';
        err.flush();
        return CommandLine::ExitFailure;
    };
    ReportEnvironment environment;
    if (!cl.profilePath.isEmpty()) {
        const Result<Profile> profile = ProfileLoader::loadFile(cl.profilePath);
        if (!profile)
            return fail(profile.error());
        environment = ReportSources::environment(profile.value(), {}, false);
    }
    Journal journal;
    const QString path = cl.journalPath.isEmpty() ? Journal::defaultPath() : cl.journalPath;
    if (Status s = journal.open(path); !s)
        return fail(s.error());
    SystemClock clock;
    Result<ReportData> data = ReportSources::recorded(&journal, cl.deploymentId, environment, clock.nowMs());
    if (!data)
        return fail(data.error());
    const bool running = data.value().running();
    if (Status s = writeReportAndWait(std::make_shared<const ReportData>(data.take()), cl.reportPath, charts); !s)
        return fail(s.error());
    out << "report " << cl.reportPath << (running ? " (the deployment is still running: the report says so on every page)" : "") << '\n';
    out.flush();
    return CommandLine::ExitOk;
}
