#include "backendmetrics.h"

#include "faultsettings.h"
#include "processstats.h"

BackendMetrics::BackendMetrics()
    : m_pageDuration(PromHistogram::requestBuckets())
    , m_apiDuration(PromHistogram::requestBuckets())
    , m_queryDuration(PromHistogram::queryBuckets())
{
}

QByteArray BackendMetrics::handlerName(Handler handler)
{
    return handler == Handler::Page ? QByteArrayLiteral("page") : QByteArrayLiteral("api");
}

void BackendMetrics::countRequest(Handler handler, int status, double seconds)
{
    ++m_requests[{handler, status}];
    (handler == Handler::Page ? m_pageDuration : m_apiDuration).observe(seconds);
}

void BackendMetrics::countQuery(double seconds, bool failed)
{
    ++m_queries;
    if (failed)
        ++m_queryErrors;
    m_queryDuration.observe(seconds);
}

QByteArray BackendMetrics::exposition(const FaultSettings &faults, double memoryLimitBytes) const
{
    QByteArray out;
    out.reserve(8192);
    out += "# HELP http_requests_total Application requests answered, by handler (page or api) and status code.\n"
           "# TYPE http_requests_total counter\n";
    // Both handlers always have a 200 line, so rate() has a series from the first scrape.
    QMap<std::pair<Handler, int>, quint64> requests = m_requests;
    for (Handler h : {Handler::Page, Handler::Api})
        requests.insert({h, 200}, m_requests.value({h, 200}));
    for (auto it = requests.cbegin(); it != requests.cend(); ++it)
        out += "http_requests_total{handler=\"" + handlerName(it.key().first) + "\",code=\"" + QByteArray::number(it.key().second) + "\"} "
            + QByteArray::number(it.value()) + '\n';

    out += "# HELP http_request_duration_seconds Time from a request's arrival to its answer, by handler.\n"
           "# TYPE http_request_duration_seconds histogram\n";
    m_pageDuration.write(out, "http_request_duration_seconds", "handler=\"page\"");
    m_apiDuration.write(out, "http_request_duration_seconds", "handler=\"api\"");

    out += "# HELP db_client_queries_total Simulated database queries made, failed ones included.\n"
           "# TYPE db_client_queries_total counter\n"
           "db_client_queries_total " + QByteArray::number(m_queries) + "\n"
           "# HELP db_client_errors_total Simulated database queries that failed.\n"
           "# TYPE db_client_errors_total counter\n"
           "db_client_errors_total " + QByteArray::number(m_queryErrors) + "\n"
           "# HELP db_client_query_duration_seconds Simulated database query time.\n"
           "# TYPE db_client_query_duration_seconds histogram\n";
    m_queryDuration.write(out, "db_client_query_duration_seconds", {});

    ProcessStats::read().write(out);
    out += "# HELP stonecaster_backend_memory_limit_bytes The memory the service is given (--memory-limit-mb), like a container's limit.\n"
           "# TYPE stonecaster_backend_memory_limit_bytes gauge\n"
           "stonecaster_backend_memory_limit_bytes " + promNumber(memoryLimitBytes) + "\n"
           "# HELP stonecaster_backend_injected_error_ratio Share of requests told to fail through /control.\n"
           "# TYPE stonecaster_backend_injected_error_ratio gauge\n"
           "stonecaster_backend_injected_error_ratio " + promNumber(faults.errorRatio) + "\n"
           "# HELP stonecaster_backend_injected_latency_seconds Latency added to every request through /control.\n"
           "# TYPE stonecaster_backend_injected_latency_seconds gauge\n"
           "stonecaster_backend_injected_latency_seconds " + promNumber(faults.latencyMs / 1000.0) + "\n"
           "# HELP stonecaster_backend_injected_db_error_ratio Share of database queries told to fail through /control.\n"
           "# TYPE stonecaster_backend_injected_db_error_ratio gauge\n"
           "stonecaster_backend_injected_db_error_ratio " + promNumber(faults.dbErrorRatio) + "\n"
           "# HELP stonecaster_backend_healthy 1 while /health answers 200.\n"
           "# TYPE stonecaster_backend_healthy gauge\n"
           "stonecaster_backend_healthy " + QByteArray(faults.healthy ? "1" : "0") + "\n";
    return out;
}
