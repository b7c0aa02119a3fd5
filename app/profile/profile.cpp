#include "profile.h"

QString SecretRef::describe() const
{
    switch (source) {
    case Source::None:
        return QStringLiteral("no secret");
    case Source::Environment:
        return QStringLiteral("environment variable %1").arg(name);
    case Source::Keychain:
        return QStringLiteral("keychain entry %1/%2").arg(service, name);
    }
    return {};
}

const MetricQuery *Profile::query(Metric metric) const
{
    for (const MetricQuery &q : queries) {
        if (q.metric == metric)
            return &q;
    }
    return nullptr;
}

MetricsConfig Profile::metricsConfig(const QByteArray &authorization) const
{
    MetricsConfig config;
    config.baseUrl = metricsBaseUrl;
    config.timeoutMs = int(timeoutMs);
    config.pollIntervalMs = pollIntervalMs;
    config.authorization = authorization;
    config.queries = queries;
    return config;
}
