#pragma once

#include "metrics/metric.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>

// The real stack for one test: what `tools/real-stack up` starts (blue and green
// stonecaster-backend behind HAProxy, Prometheus scraping HAProxy's exporter and both
// services every second, Alertmanager, a load generator through HAProxy), in its own folder
// under the build tree, started by that same script so that the test runs exactly what a
// person starts by hand. The test drives it: faults per colour through the services'
// /control, weights through HAProxy's Runtime API, alerts into Alertmanager, instant queries
// to Prometheus. Stopped with `tools/real-stack down` when the object goes; should the test
// process die first, the script's watchdog (--owner) stops the stack within a second. The
// folder (logs/, config/, profile.json) is removed after a passing test and kept after a
// failing one (call keepLogs() from the test's cleanup() when QTest::currentTestFailed()),
// and always with STONECASTER_KEEP_REAL_STACK set.
//
// Every call blocks while running the event loop; failures return false / nullopt with
// error() saying what happened, for QVERIFY2.
class RealStack
{
public:
    struct Options {
        double rate = 50;        // load generator, requests per second
        int durationSeconds = 600;
    };

    // `name` names the folder: <build>/tests/e2e/real-stack/<name>, emptied at start().
    explicit RealStack(const QString &name);
    ~RealStack();
    RealStack(const RealStack &) = delete;
    RealStack &operator=(const RealStack &) = delete;

    // tools/real-stack up, then waits until Prometheus has scraped HAProxy and both services.
    bool start(const Options &options);
    bool start() { return start(Options{}); }
    // tools/real-stack down; removes the folder unless keepLogs() was called or something failed.
    void stop();
    void keepLogs() { m_keep = true; }
    QString error() const { return m_error; }

    QString directory() const { return m_dir; }
    QString profilePath() const { return m_dir + QStringLiteral("/profile.json"); }
    // One of stack/config/default-ports.env's names: PROMETHEUS_PORT, BLUE_PORT, ...
    quint16 port(const QString &name) const { return m_ports.value(name); }
    QUrl prometheusUrl() const { return local(port(QStringLiteral("PROMETHEUS_PORT"))); }
    QUrl alertmanagerUrl() const { return local(port(QStringLiteral("ALERTMANAGER_PORT"))); }
    QUrl frontendUrl() const { return local(port(QStringLiteral("HAPROXY_FRONTEND_PORT")), QStringLiteral("/app/")); }
    QUrl haproxyMetricsUrl() const { return local(port(QStringLiteral("HAPROXY_METRICS_PORT")), QStringLiteral("/metrics")); }
    QUrl serviceUrl(Color color, const QString &path = {}) const;
    QUrl healthUrl(Color color) const { return serviceUrl(color, QStringLiteral("/health")); }
    // HAProxy's Runtime API, as the profile's traffic.haproxy.address writes it.
    QString runtimeAddress() const { return QStringLiteral("127.0.0.1:%1").arg(port(QStringLiteral("HAPROXY_RUNTIME_PORT"))); }
    static QString haproxyBackend() { return QStringLiteral("app"); }
    static QString serverName(Color color) { return colorKey(color); }
    static constexpr int WeightScale = 256; // blue starts at 256, green at 0

    // POST /control: {"errorRatio":0.2}, {"latencyMs":400}, {"dbErrorRatio":0.05},
    // {"dbLatencyMs":50}, {"healthy":false}, {"reset":true}.
    bool control(Color color, const QJsonObject &settings);
    std::optional<QJsonObject> controlState(Color color);
    // {"down":true}: the service stops; waits until its process has exited.
    bool takeDown(Color color);
    // tools/real-stack up again: starts whatever is not running (a service taken down, a
    // finished load generator) on the same ports.
    bool restartStopped();
    // A part of the stack by the script's name (blue, green, haproxy, prometheus, alertmanager,
    // load, watchdog) has a live process.
    bool isRunning(const QString &part) const;

    // One Runtime API command, HAProxy's answer as it came ("" after a successful `set`).
    std::optional<QByteArray> runtimeCommand(const QByteArray &command);
    // set server app/blue weight B and app/green weight G (the rising one first), checked.
    bool setWeights(int blue, int green);
    // `get weight app/SERVER`'s current weight.
    std::optional<int> weight(Color color);
    // The server's operational state from `show servers state app`: "UP", "DOWN", ...
    std::optional<QString> serverState(Color color);

    // An alert as Prometheus would send it, active for `minutes`.
    bool postAlert(const QList<std::pair<QString, QString>> &labels, int minutes = 60);
    // Alertmanager's active alerts (GET /api/v2/alerts), optionally filtered by labels.
    std::optional<QJsonArray> alerts(const QList<std::pair<QString, QString>> &matchers = {});

    // An instant query: the result vector ([{metric, value}]).
    std::optional<QJsonArray> query(const QString &promql);
    // An instant query that must give one sample: its value (NaN and infinities as such);
    // nullopt when Prometheus returns no sample, with error() saying so.
    std::optional<double> queryValue(const QString &promql);

    // The end of every log of the stack, for failure messages.
    QString logTails(int lines = 12) const;

private:
    static QUrl local(quint16 port, const QString &path = {});
    bool runScript(const QStringList &arguments, int timeoutMs);
    bool readPorts();
    bool fail(const QString &message);
    std::optional<qint64> pidOf(const QString &part) const;

    QString m_dir;
    QHash<QString, quint16> m_ports;
    QNetworkAccessManager m_network;
    QString m_error;
    QString m_scriptOutput;
    bool m_started = false;
    bool m_keep = false;
};
