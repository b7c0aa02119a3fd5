#pragma once

#include "demoapi.h"
#include "demosimulator.h"

#include "core/result.h"

#include <QObject>
#include <QUrl>

class Clock;
class QHttpServer;
class QTcpServer;

// The built-in demo environment on 127.0.0.1: Prometheus's query API and /metrics,
// Alertmanager's alert list, a traffic-weight API and health checks, all answered
// from one DemoSimulator. The console runs it in-process on its own clock; the
// stonecaster-sim executable runs it standalone.
//
//   GET|POST /api/v1/query, /api/v1/query_range   GET /api/v1/status/buildinfo
//   GET /metrics   GET /api/v2/alerts   GET|PUT|POST /api/traffic
//   GET /health/blue, /health/green   GET /-/healthy, /-/ready
class DemoServer : public QObject
{
    Q_OBJECT
public:
    DemoServer(Clock *clock, DemoScenario scenario, QObject *parent = nullptr);
    ~DemoServer() override;

    static std::optional<DemoScenario> scenarioFromName(QStringView name) { return demoScenarioFromName(name); }
    static QStringList scenarioNames() { return demoScenarioNames(); }

    // Listens on 127.0.0.1 only; port 0 picks a free port. Returns the port.
    Result<quint16> listen(quint16 port = 0);
    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    // http://127.0.0.1:PORT (empty before listen()).
    QUrl baseUrl() const;

    DemoSimulator *simulator() const { return m_simulator; }
    DemoScenario scenario() const { return m_simulator->scenario(); }
    TrafficWeights weights() const { return m_simulator->weights(); }
    Status setWeights(int blue, int green) { return m_simulator->setWeights(blue, green); }

private:
    void addRoutes();

    DemoSimulator *m_simulator;
    DemoApi m_api;
    QHttpServer *m_http;
    quint16 m_port = 0;
};
