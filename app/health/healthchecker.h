#pragma once

#include "healthcheckconfig.h"
#include "core/phrase.h"

#include <QObject>
#include <QString>

#include <map>
#include <optional>

class Clock;
class GuardedRequest;
class PollTimer;
class QNetworkAccessManager;

// Checks blue's and green's health endpoints every interval of deployment-clock time and
// keeps the verdict the gate reads (EvaluationInput::greenHealthy). Healthy means a 2xx
// answer; anything else (another status, refused, timed out, TLS error, a redirect off the
// origin, an answer over MaxAnswerBytes) is unhealthy at once, without retries or backoff
// that would hide a failure. Each colour polls on a PollTimer: at most one request in
// flight (a tick that finds one still running is skipped, so a slow endpoint never piles up
// requests), the interval at least PollTimer::MinRealIntervalMs of real time under a fast
// --time-scale.
class HealthChecker : public QObject
{
    Q_OBJECT
public:
    // A health answer is a status and a line or two; more is not a health endpoint.
    static constexpr qint64 MaxAnswerBytes = 1024 * 1024;

    explicit HealthChecker(Clock *clock, QObject *parent = nullptr);
    ~HealthChecker() override;

    // "blue" or "green" (any name works); an empty URL removes the check. A changed URL
    // forgets the old verdict; a running checker checks the new URL at once.
    void setCheck(const QString &color, const HealthCheckConfig &config);
    HealthCheckConfig check(const QString &color) const;
    QStringList colors() const; // the configured ones, sorted

    // start() checks every colour now and then every interval; stop() cancels requests in
    // flight and keeps the last verdicts.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // One round now for every colour that has no request in flight.
    void checkNow();

    // nullopt: not configured or not checked yet.
    std::optional<bool> healthy(const QString &color) const;
    // "200 OK from http://.../health/green", "503 Service Unavailable from ...: body",
    // "...: connection refused ...", "...: no answer, timed out after 2 s".
    Phrase message(const QString &color) const;
    // Clock ms when the last check finished; 0 when never.
    qint64 lastCheckedMs(const QString &color) const;
    bool isChecking(const QString &color) const;
    // The interval actually used: the configured one, or longer under a fast clock.
    qint64 effectiveIntervalMs(const QString &color) const;

Q_SIGNALS:
    // After a finished check whose verdict or message changed, and when a check is removed
    // or its URL changed while it had a verdict.
    void changed(const QString &color);

private:
    struct Check {
        HealthCheckConfig config;
        PollTimer *poll = nullptr; // its interval, its request in flight
        std::optional<bool> healthy;
        Phrase message;
        qint64 lastCheckedMs = 0;
    };

    void checkColor(const QString &color);
    void send(const QString &color, Check &check);
    void onFinished(const QString &color, GuardedRequest *request);

    Clock *m_clock;
    QNetworkAccessManager *m_manager;
    std::map<QString, Check> m_checks; // stable references, sorted colours
    bool m_running = false;
};
