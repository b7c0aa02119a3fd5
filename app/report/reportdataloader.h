#pragma once

#include "core/result.h"
#include "report/reportdata.h"

class Journal;

// Gathers a report's data: the deployment's events and runbook from the journal, its samples
// from the live store when the caller has them (the window, the headless run) or else from the
// journal's archive (--report-only), and "normal" from the samples when not given.
class ReportDataLoader
{
public:
    struct Request {
        QString deploymentId;
        ReportEnvironment environment;
        qint64 nowMs = 0; // the clock's time: where a running deployment's report ends
        const QHash<SeriesKey, std::vector<Sample>> *samples = nullptr; // null: read the archive
        std::optional<double> normalMs; // nullopt: measured from the samples as the console does
        QTimeZone timeZone = QTimeZone::systemTimeZone();
    };

    static Result<ReportData> load(Journal *journal, const Request &request);
    // "normal": as journaled with a breach of an "x normal" rule, else as NormalBaseline measures
    // it over blue's p95 before the first shift.
    static std::optional<double> measureNormal(const ReportData &data);
};
