#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrl>

class DemoSimulator;

// One answer of the demo's HTTP API, before it becomes an HTTP response.
struct DemoApiReply {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
};

// The bodies of the demo environment's HTTP API, apart from the HTTP server so they can be
// tested and reasoned about without sockets: Prometheus's query API and /metrics,
// Alertmanager's alert list, the traffic weights and the health checks. Times default
// to the simulator's clock.
class DemoApi
{
public:
    // Prometheus refuses range queries with more points per series than this.
    static constexpr qint64 MaxPointsPerSeries = 11'000;

    explicit DemoApi(DemoSimulator *simulator) : m_simulator(simulator) {}

    // GET/POST /api/v1/query: query, time (unix seconds or RFC 3339; default now).
    DemoApiReply query(const QHash<QString, QString> &params) const;
    // GET/POST /api/v1/query_range: query, start, end, step (seconds or 15s/1m...).
    DemoApiReply queryRange(const QHash<QString, QString> &params) const;
    // GET /api/v1/status/buildinfo, for clients that check what they talk to.
    DemoApiReply buildInfo() const;
    // GET /metrics: every series now, in the text exposition format 0.0.4.
    DemoApiReply metrics() const;
    // GET /api/v2/alerts: Alertmanager v2 JSON. `active=false` leaves active alerts out.
    DemoApiReply alerts(const QHash<QString, QString> &params, const QUrl &baseUrl) const;
    // GET /api/traffic: {"blue":100,"green":0}.
    DemoApiReply traffic() const;
    // PUT/POST /api/traffic with {"blue":N,"green":M}, 0..256 each.
    DemoApiReply setTraffic(const QByteArray &body);
    // GET /health/<color>: 200 {"status":"ok"}, 503 when down, 404 for another name.
    DemoApiReply health(const QString &color) const;

    static DemoApiReply error(int status, const QString &message); // {"error": ...}

private:
    DemoSimulator *m_simulator;
};
