#include "reportdataloader.h"

#include "journal/journal.h"
#include "metrics/normalbaseline.h"
#include "metrics/samplearchive.h"
#include "metrics/samplestore.h"
#include "runbook/runbookparser.h"

#include <algorithm>

Result<ReportData> ReportDataLoader::load(Journal *journal, const Request &request)
{
    using R = Result<ReportData>;
    if (!journal || !journal->isOpen())
        return R::failure(phrase("ReportDataLoader", "the journal is not open"));
    Result<QList<DeploymentEvent>> events = journal->events(request.deploymentId);
    if (!events)
        return R::failure(events.error());
    if (events.value().isEmpty() || events.value().first().kind != DeploymentEvent::Kind::DeploymentStarted)
        return R::failure(phrase("ReportDataLoader", "%1: no deployment %2 in this journal").arg(journal->path()).arg(request.deploymentId));
    ReportData data;
    data.events = events.take();
    for (const DeploymentEvent &e : std::as_const(data.events)) {
        if (const QString error = data.state.apply(e); !error.isEmpty())
            return R::failure(phrase("ReportDataLoader", "%1: deployment %2: %3").arg(journal->path()).arg(request.deploymentId).arg(error));
    }
    const Result<Journal::StoredRunbook> stored = journal->runbook(data.state.runbookSha256);
    if (!stored)
        return R::failure(stored.error());
    data.runbook = RunbookParser::parse(stored.value().text, stored.value().name);
    if (request.samples) {
        data.samples = *request.samples;
    } else {
        SampleArchive archive(journal);
        Result<QHash<SeriesKey, std::vector<Sample>>> samples = archive.read(request.deploymentId);
        if (!samples)
            return R::failure(samples.error());
        data.samples = samples.take();
    }
    // A closed deployment's samples end at its close (the live store keeps polling after it).
    if (data.state.closed) {
        for (std::vector<Sample> &series : data.samples) {
            const auto after = std::upper_bound(series.begin(), series.end(), data.state.closedAtMs,
                                                [](qint64 t, const Sample &s) { return t < s.timeMs; });
            series.erase(after, series.end());
        }
    }
    data.lastRecordedMs = data.events.last().atMs;
    for (const std::vector<Sample> &series : std::as_const(data.samples)) {
        if (!series.empty())
            data.lastRecordedMs = std::max(data.lastRecordedMs, series.back().timeMs);
    }
    data.environment = request.environment;
    data.generatedAtMs = request.nowMs;
    data.timeZone = request.timeZone;
    data.normalMs = request.normalMs ? request.normalMs : measureNormal(data);
    return data;
}

std::optional<double> ReportDataLoader::measureNormal(const ReportData &data)
{
    // What the console used is in the journal when an "x normal" rule was breached.
    for (const DeploymentEvent &e : data.events) {
        if (e.kind != DeploymentEvent::Kind::RuleBreached || !e.payload.value(QStringLiteral("threshold")).isDouble())
            continue;
        for (const Rule &rule : data.runbook.rules) {
            if (rule.id == e.payload.value(QStringLiteral("ruleId")).toString() && rule.unit == RuleUnit::TimesNormal && rule.value && *rule.value > 0)
                return e.payload.value(QStringLiteral("threshold")).toDouble() / *rule.value;
        }
    }
    SampleStore store;
    const std::vector<Sample> &blue = data.series(Metric::ResponseTime, Color::Blue);
    store.merge({Metric::ResponseTime, Color::Blue}, std::span<const Sample>(blue.data(), blue.size()));
    const qint64 windowEnd = data.state.traffic.firstShiftMs.value_or(data.endMs());
    return NormalBaseline::compute(store, data.environment.normalResponseTime, windowEnd, data.environment.pollIntervalMs);
}
