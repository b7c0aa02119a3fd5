#include "reportsources.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "metrics/metricssession.h"
#include "metrics/samplestore.h"
#include "profile/profile.h"
#include "report/reportdataloader.h"
#include "session/consolesession.h"

namespace ReportSources {

ReportEnvironment environment(const Profile &profile, const QString &name, bool simulated)
{
    ReportEnvironment env;
    env.name = name.isEmpty() ? profile.name : name;
    env.simulated = simulated;
    for (const MetricQuery &q : profile.metrics.queries)
        env.queries[size_t(q.metric)] = q.expression;
    env.greenHealthUrl = profile.health.green.url.toString(QUrl::RemoveUserInfo);
    if (!profile.alerts.url.isEmpty()) {
        QStringList matchers;
        for (const auto &[key, value] : profile.alerts.matchers)
            matchers << key + QLatin1Char('=') + value;
        env.alertSource = QStringLiteral("Alertmanager %1 (alerts with %2)").arg(profile.alerts.url.toString(QUrl::RemoveUserInfo), matchers.join(QStringLiteral(", ")));
    }
    env.ruleForMs = profile.ruleForMs;
    env.normalResponseTime = profile.metrics.normalResponseTime;
    env.pollIntervalMs = profile.metrics.pollIntervalMs;
    env.webhooksConfigured = !profile.webhooks.isEmpty();
    return env;
}

Result<ReportData> openDeployment(ConsoleSession *session)
{
    Deployment *deployment = session->deployment();
    if (!deployment || !session->journal())
        return Result<ReportData>::failure(phrase("ReportSources", "no deployment is open"));
    ReportDataLoader::Request request;
    request.deploymentId = deployment->id();
    request.nowMs = session->clock()->nowMs();
    QHash<SeriesKey, std::vector<Sample>> samples;
    if (MetricsSession *metrics = session->metrics()) {
        request.environment = environment(session->profile(), session->environmentName(), session->isSimulated());
        const SampleStore *store = metrics->store();
        for (const SeriesKey &key : store->keys())
            samples.insert(key, store->samples(key));
        request.samples = &samples;
        request.normalMs = metrics->normalResponseTimeMs();
    }
    return ReportDataLoader::load(session->journal(), request);
}

Result<ReportData> recorded(Journal *journal, const QString &deploymentId, const ReportEnvironment &environment, qint64 nowMs)
{
    ReportDataLoader::Request request;
    request.deploymentId = deploymentId;
    request.environment = environment;
    request.nowMs = nowMs;
    return ReportDataLoader::load(journal, request);
}

} // namespace ReportSources
