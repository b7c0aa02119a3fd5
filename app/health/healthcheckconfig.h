#pragma once

#include <QUrl>
#include <QtGlobal>

// One colour's health check: GET `url`, healthy when the answer's status is 2xx.
struct HealthCheckConfig {
    QUrl url;                 // empty: no check for that colour
    qint64 intervalMs = 5000; // deployment-clock ms between checks
    int timeoutMs = 2000;     // real ms per request (network time, not clock time)

    bool operator==(const HealthCheckConfig &) const = default;
};

// Green's and blue's health checks (the profile's "health" section): GET, healthy on 2xx.
// A colour without a URL is not checked (the gate then waits for green's).
struct HealthChecksConfig {
    HealthCheckConfig green;
    HealthCheckConfig blue;

    bool operator==(const HealthChecksConfig &) const = default;
};
