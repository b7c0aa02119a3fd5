#pragma once

#include "backendmetrics.h"
#include "faultsettings.h"
#include "ratiogate.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QHttpServerResponder>

#include <map>

class QTcpServer;

// One colour of the real stack's application (blue or green): answers GET / and anything
// under /app/ after simulated work (a few database queries), counts what it answered on
// /metrics in Prometheus's text format, says whether it is healthy on /health and takes
// faults to inject on /control, which answers only on a loopback address. Slow answers
// wait on timers, never in the event loop, so requests are served concurrently.
class BackendService : public QAbstractHttpServer
{
    Q_OBJECT
public:
    struct Options {
        QString color = QStringLiteral("blue");
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 port = 0; // 0: any free port
        double memoryLimitBytes = 256.0 * 1024 * 1024;
    };

    explicit BackendService(Options options, QObject *parent = nullptr);
    ~BackendService() override;

    // Starts listening; false with `error` set when the address cannot be bound.
    bool listen(QString *error);
    quint16 port() const { return m_port; }
    bool isListening() const;
    const Options &options() const { return m_options; }
    const FaultSettings &faults() const { return m_faults; }
    const BackendMetrics &metrics() const { return m_metrics; }
    int pendingRequests() const { return int(m_pending.size()); }

    // Whether /control may be answered on a connection that arrived at `local`.
    static bool controlAllowedOn(const QHostAddress &local);

Q_SIGNALS:
    // Told {"down": true}: the service has stopped listening; the program exits.
    void wentDown();

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;

private:
    void serveApplication(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void serveControl(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void goDown();

    Options m_options;
    QTcpServer *m_tcp = nullptr;
    quint16 m_port = 0;
    FaultSettings m_faults;
    BackendMetrics m_metrics;
    RatioGate m_errorGate;
    RatioGate m_dbErrorGate;
    quint64 m_nextId = 0;
    std::map<quint64, QHttpServerResponder> m_pending; // answers waiting on their timer
};
