#pragma once

#include "promhistogram.h"

#include <QByteArray>
#include <QMap>

#include <utility>

struct FaultSettings;

// What a backend service counts, written for Prometheus on /metrics. The colour is not a
// label here: Prometheus adds it from its scrape configuration (`color` on each target), as
// it would add a pod's labels, so the same binary serves both.
class BackendMetrics
{
public:
    enum class Handler { Page, Api };

    BackendMetrics();

    void countRequest(Handler handler, int status, double seconds);
    void countQuery(double seconds, bool failed);
    quint64 requests(Handler handler, int status) const { return m_requests.value({handler, status}); }
    quint64 queries() const { return m_queries; }
    quint64 queryErrors() const { return m_queryErrors; }

    // The whole exposition, with the process's own metrics and the injected faults as gauges.
    QByteArray exposition(const FaultSettings &faults, double memoryLimitBytes) const;

    static QByteArray handlerName(Handler handler); // "page" / "api"

private:
    QMap<std::pair<Handler, int>, quint64> m_requests;
    PromHistogram m_pageDuration;
    PromHistogram m_apiDuration;
    PromHistogram m_queryDuration;
    quint64 m_queries = 0;
    quint64 m_queryErrors = 0;
};
