#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// What the control endpoint has told a backend service to do wrong. POST /control merges a
// JSON object into it ({"errorRatio":0.2,"latencyMs":400}); GET /control reads it back.
struct FaultSettings {
    double errorRatio = 0;   // share of application requests answered 500, 0..1
    int latencyMs = 0;       // added to every application request, 0..60000
    double dbErrorRatio = 0; // share of simulated database queries that fail, 0..1 (their request answers 500)
    int dbLatencyMs = 0;     // added to every simulated database query, 0..10000
    bool healthy = true;     // false: /health answers 503
    bool down = false;       // true: the service stops listening and exits

    QJsonObject toJson() const;
    // Merges `json` into `settings`. On a problem returns a message naming the field and
    // leaves `settings` as it was. {"reset": true} first restores the defaults.
    static QString merge(const QByteArray &json, FaultSettings &settings);
};
