#pragma once

#include "core/result.h"
#include "prometheusqueryresult.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Turns the body of a Prometheus /api/v1/query or /api/v1/query_range answer into a
// PrometheusQueryResult, or into a message a person can act on. Pure and synchronous.
//
// A successful body is read by PrometheusJsonScanner, a scanner for the Prometheus shape
// that is several times faster than QJsonDocument on large range answers (see
// bench_prometheusresponse). Error bodies, non-JSON bodies and anything the scanner does
// not take are read with QJsonDocument, which also words the messages.
class PrometheusResponse
{
public:
    // httpStatus: the HTTP status code (0 when unknown); reasonPhrase: the server's
    // reason phrase, if any (otherwise a standard one is used in messages).
    static Result<PrometheusQueryResult> parse(const QByteArray &body, int httpStatus,
                                               const QString &reasonPhrase = {});

    // The same answer read only with QJsonDocument: the reference the tests compare the
    // scanner with, and the benchmark's baseline.
    static Result<PrometheusQueryResult> parseWithJsonDocument(const QByteArray &body, int httpStatus,
                                                               const QString &reasonPhrase = {});

    // "503 Service Unavailable" (the phrase given, or the standard one for the code).
    static QString statusText(int httpStatus, const QString &reasonPhrase = {});
    // The first bytes of a body, printable and on one line, for messages.
    static QString quoteStart(QByteArrayView body, int maxBytes = 120);
};
