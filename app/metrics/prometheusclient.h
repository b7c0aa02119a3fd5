#pragma once

#include "core/result.h"
#include "prometheusreply.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

class QNetworkAccessManager;

// Sends PromQL queries to a Prometheus-compatible HTTP API (/api/v1/query and
// /api/v1/query_range, POST form-encoded) through one QNetworkAccessManager, never
// blocking. Each call returns a PrometheusReply (see there: caller-owned, finished()
// from the event loop).
//
// - The base URL may carry a path prefix (https://host/prometheus); the API path is
//   appended to it.
// - The Authorization header value is given by the caller and never logged.
// - TLS certificates are always verified; a TLS error fails the request with a message
//   naming the host. Extra CA certificates (an internal CA) may be added, never ignored.
// - Redirects are followed only within the base URL's origin (scheme, host and port);
//   the request is sent again as a POST with the same form. Anywhere else is an error.
// - The timeout is in real milliseconds for the whole exchange, since it is about the
//   network, not clock time; an answer over maxAnswerBytes() fails (see GuardedRequest).
class PrometheusClient : public QObject
{
    Q_OBJECT
public:
    // A range answer of 11,000 points per series for a few series is a few MiB; more than
    // this is a query that selects far too much.
    static constexpr qint64 MaxAnswerBytes = 64 * 1024 * 1024;

    explicit PrometheusClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    QUrl baseUrl() const { return m_baseUrl; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    void setMaxAnswerBytes(qint64 bytes) { m_maxAnswerBytes = bytes; }
    qint64 maxAnswerBytes() const { return m_maxAnswerBytes; }
    // The whole header value, e.g. "Bearer abc" or "Basic dXNlcjpwdw=="; empty for none.
    void setAuthorization(const QByteArray &headerValue) { m_authorization = headerValue; }
    // Trusted in addition to the system's CA certificates (verification stays on).
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates) { m_extraCaCertificates = certificates; }

    // An instant query evaluated at `timeMs` (clock time, sent as unix seconds), so the
    // answer's sample time is the caller's time, not the server's.
    PrometheusReply *query(const QString &expression, qint64 timeMs);
    // A range query from startMs to endMs inclusive, every stepMs. Prometheus refuses
    // more than 11,000 points per series; the caller splits longer ranges.
    PrometheusReply *queryRange(const QString &expression, qint64 startMs, qint64 endMs, qint64 stepMs);

    // Whether `url` can be a base URL: http or https with a host.
    static Status checkBaseUrl(const QUrl &url);
    // base + "/api/v1/" + endpoint, keeping the base's path prefix.
    static QUrl endpointUrl(const QUrl &base, const QString &endpoint);
    // Milliseconds as unix seconds with exactly the digits needed: 1800000000123 -> "1800000000.123".
    static QByteArray formatSeconds(qint64 ms);

private:
    PrometheusReply *post(const QString &endpoint, const QList<std::pair<QByteArray, QByteArray>> &form);

    QNetworkAccessManager *m_manager;
    QUrl m_baseUrl;
    int m_timeoutMs = 5000;
    qint64 m_maxAnswerBytes = MaxAnswerBytes;
    QByteArray m_authorization;
    QList<QSslCertificate> m_extraCaCertificates;
};
