#pragma once

#include "metric.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

// The "data" of a successful Prometheus query answer, whatever its result type.
enum class PrometheusResultType { Vector, Matrix, Scalar, String };

QString prometheusResultTypeName(PrometheusResultType type); // "vector", "matrix", ...

// One series of a vector or matrix (a vector series has one sample). Sample times are
// the server's evaluation times converted to milliseconds; values are as returned, NaN
// and infinities included.
struct PrometheusSeries {
    QMap<QString, QString> labels;
    std::vector<Sample> samples;
};

struct PrometheusQueryResult {
    PrometheusResultType resultType = PrometheusResultType::Vector;
    // Vector and matrix: one entry per series. Scalar: one unlabeled series with one
    // sample. String: empty (see stringValue).
    QList<PrometheusSeries> series;
    QString stringValue;   // resultType String only
    qint64 stringTimeMs = 0;
    QStringList warnings;  // "warnings": the data may be incomplete
    QStringList infos;     // "infos" (Prometheus 3): possible query issues
};
