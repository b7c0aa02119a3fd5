#pragma once
// Report data for tests: the fixed journal's scenario written to a temporary file and loaded
// as the console would load it, with a fixed environment and time zone.
#include "reportjournal.h"

#include "report/reportdata.h"
#include "report/reportdataloader.h"

#include <QTemporaryDir>

class ReportFixture
{
public:
    static ReportEnvironment environment()
    {
        ReportEnvironment env;
        env.name = QStringLiteral("DEMO (simulated, scenario latency-regression)");
        env.simulated = true;
        env.queries[size_t(Metric::ErrorRate)] = QStringLiteral("demo_error_ratio{color=\"${color}\"}");
        env.queries[size_t(Metric::ResponseTime)] =
            QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(demo_request_duration_seconds_bucket{color=\"${color}\"}[1m])))");
        env.queries[size_t(Metric::DbErrorRate)] = QStringLiteral("demo_db_error_ratio{color=\"${color}\"}");
        env.greenHealthUrl = QStringLiteral("http://127.0.0.1:9090/health/green");
        env.alertSource = QStringLiteral("Alertmanager http://127.0.0.1:9090 (alerts with category=security, service=checkout)");
        env.webhooksConfigured = true;
        env.pollIntervalMs = 10'000; // the fixed journal's samples are 10 s apart
        return env;
    }

    // The scenario's data; nullopt (with error()) when the journal cannot be written or read.
    std::optional<ReportData> load(ReportJournal::Scenario scenario)
    {
        m_journal = std::make_unique<Journal>();
        if (const Status s = m_journal->open(m_dir.filePath(QStringLiteral("report-%1.sqlite").arg(++m_count))); !s)
            return fail(s.error());
        const Result<QString> id = ReportJournal::write(m_journal.get(), scenario);
        if (!id)
            return fail(id.error());
        ReportDataLoader::Request request;
        request.deploymentId = id.value();
        request.environment = environment();
        request.nowMs = ReportJournal::StartMs + (scenario == ReportJournal::Scenario::InProgress ? 39 * ReportJournal::Minute : 80 * ReportJournal::Minute);
        request.timeZone = QTimeZone::UTC;
        Result<ReportData> data = ReportDataLoader::load(m_journal.get(), request);
        if (!data)
            return fail(data.error());
        return data.take();
    }

    QString error() const { return m_error; }
    // STONECASTER_REPORT_TEST_DIR keeps what the tests write there, to look at.
    QString folder() const
    {
        const QString kept = qEnvironmentVariable("STONECASTER_REPORT_TEST_DIR");
        return kept.isEmpty() ? m_dir.path() : kept;
    }
    Journal *journal() const { return m_journal.get(); }

private:
    std::optional<ReportData> fail(const QString &message)
    {
        m_error = message;
        return std::nullopt;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Journal> m_journal;
    int m_count = 0;
    QString m_error;
};
