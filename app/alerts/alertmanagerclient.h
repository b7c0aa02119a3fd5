#pragma once

#include "alertsourceconfig.h"
#include "core/result.h"
#include "firingalert.h"

#include <QList>
#include <QObject>

#include <optional>

class Clock;
class GuardedRequest;
class PollTimer;
class QNetworkAccessManager;

// Asks an Alertmanager (GET /api/v2/alerts) every interval of deployment-clock time whether
// an alert matching the configured labels is firing, for EvaluationInput::securityAlertFiring.
// The matchers go to the server as Alertmanager filters and are applied again here, so a
// server (or proxy) that ignores the filter cannot cause a false alarm; only alerts whose
// status.state is "active" count (not "suppressed", not "unprocessed"). A failed poll (HTTP
// error, not JSON, timeout, refused, TLS) makes the verdict unknown (nullopt), never "not
// firing". It polls on a PollTimer: one request in flight at a time, the interval at least
// PollTimer::MinRealIntervalMs of real time under a fast --time-scale. Redirects, TLS,
// timeouts and the answer's size as in GuardedRequest.
class AlertmanagerClient : public QObject
{
    Q_OBJECT
public:
    // Thousands of alerts with their labels and annotations fit; more is not an answer to read.
    static constexpr qint64 MaxAnswerBytes = 16 * 1024 * 1024;

    explicit AlertmanagerClient(Clock *clock, QObject *parent = nullptr);
    ~AlertmanagerClient() override;

    // A changed URL or matchers forget the last verdict; a running client polls again at once.
    void setConfig(const AlertSourceConfig &config);
    AlertSourceConfig config() const { return m_config; }

    void start(); // polls now and then every interval
    void stop();  // cancels a request in flight, keeps the last verdict
    bool isRunning() const { return m_running; }
    void pollNow(); // unless a request is in flight
    bool isPolling() const;

    // nullopt: never answered, or the last poll failed (unknown is not "not firing").
    std::optional<bool> firing() const { return m_firing; }
    QList<FiringAlert> alerts() const { return m_alerts; }
    // "1 alert firing: SecurityIncident (critical) since 12:04", "no matching alert", or the error.
    Phrase message() const { return m_message; }
    qint64 lastPolledMs() const { return m_lastPolledMs; } // clock ms of the last finished poll, 0 never
    qint64 effectiveIntervalMs() const;

    // base + "/api/v2/alerts?active=true&silenced=false&inhibited=false&filter=..." (one
    // filter per matcher).
    static QUrl alertsUrl(const AlertSourceConfig &config);
    // Alertmanager's matcher syntax: label="value" with \ " and newlines escaped.
    static QString filterExpression(const QString &label, const QString &value);
    // The active alerts of an /api/v2/alerts answer that match every matcher.
    static Result<QList<FiringAlert>> parseAlerts(const QByteArray &body,
                                                  const QList<std::pair<QString, QString>> &matchers);
    static Phrase describe(const QList<FiringAlert> &alerts);

Q_SIGNALS:
    void changed(); // the verdict, the alert set or the message changed

private:
    void send();
    void onFinished(GuardedRequest *request);
    void setState(std::optional<bool> firing, QList<FiringAlert> alerts, Phrase message);

    Clock *m_clock;
    QNetworkAccessManager *m_manager;
    PollTimer *m_poll;
    AlertSourceConfig m_config;
    bool m_running = false;
    std::optional<bool> m_firing;
    QList<FiringAlert> m_alerts;
    Phrase m_message;
    qint64 m_lastPolledMs = 0;
};
