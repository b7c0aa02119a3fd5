#pragma once

#include "prometheusqueryresult.h"

#include <QByteArrayView>

#include <optional>

// A one-pass reader for the JSON of a successful Prometheus query answer, without
// building a document tree: a 100,000-point range answer is the case it exists for.
// It accepts any key order and skips keys it does not know, but it gives up (Unreadable)
// on anything unusual, leaving exact messages to PrometheusResponse's QJsonDocument path.
class PrometheusJsonScanner
{
public:
    enum class Outcome {
        Success,    // `out` holds the answer
        NotSuccess, // well-formed, but "status" is not "success": an error body
        Unreadable, // not JSON or not the expected shape
    };
    static Outcome scan(QByteArrayView body, PrometheusQueryResult &out);

    // A sample value as Prometheus writes it: "1.5", "1e-05", "NaN", "+Inf", "-Inf".
    static std::optional<double> parseValue(QByteArrayView text);
    // A timestamp in unix seconds ("1800000000.123") to milliseconds, exactly for up
    // to three decimals (rounded beyond).
    static std::optional<qint64> parseTimeMs(QByteArrayView number);
};
