#pragma once

#include "core/phrase.h"

#include "core/result.h"
#include "metrics/metricspoller.h"
#include "metrics/samplestore.h"
#include "metrics/metricsconfig.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class Clock;
class Journal;
class SampleRecorder;
class SecretResolver;

// The live metrics of one environment, wired together: the source's secret is resolved,
// the poller fills the sample store, and while a deployment is open its samples go to the
// journal and its history is redrawn from the journal and backfilled from Prometheus.
// The window and (later) the rule evaluator read the store.
class MetricsSession : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Polling, Failed };
    Q_ENUM(State)

    MetricsSession(Clock *clock, QObject *parent = nullptr);
    ~MetricsSession() override;

    // Resolves the source's secret (asynchronously) and starts polling.
    void start(const MetricsConfig &config);
    void stop();

    // Loads the deployment's stored samples and backfills the whole deployment from the
    // provider (which also fills any gap while the console was closed). With `record`, new
    // samples go to the journal; a closed deployment keeps the ones it has.
    Status attachDeployment(Journal *journal, const QString &deploymentId, qint64 startedAtMs, bool record = true);
    void detachDeployment();

    // The first traffic shift ends the window "normal" response time is measured over.
    void setFirstShiftMs(std::optional<qint64> ms) { m_firstShiftMs = ms; }
    std::optional<double> normalResponseTimeMs() const;

    const MetricsConfig &config() const { return m_config; }
    // The configured poll interval, or longer under a fast --time-scale: at least
    // PollTimer::MinRealIntervalMs of real time, or 14 requests a round no longer fit and every
    // series would read as stale. Freshness (two intervals) and the backfill's step follow it.
    qint64 effectivePollIntervalMs() const;
    SampleStore *store() { return &m_store; }
    MetricsPoller *poller() { return &m_poller; }
    Clock *clock() const { return m_clock; }
    State state() const { return m_state; }
    // A person's one-line status: "Polling https://prom... every 2 s", or what is wrong.
    QString statusText() const { return m_status.english(); }
    const Phrase &statusPhrase() const { return m_status; } // for the window, translated

Q_SIGNALS:
    void stateChanged(MetricsSession::State state, const QString &text);
    // Writing samples to the journal failed (the journal error, once per distinct error).
    void recordingFailed(const QString &message);

private:
    void setState(State state, const Phrase &text);
    // After each poll: the status says when queries fail (every one, or how many), not only
    // the series and the gate.
    void sayPollHealth();
    Phrase pollingText() const;
    void backfillDeployment();

    Clock *m_clock;
    SampleStore m_store;
    MetricsPoller m_poller;
    SecretResolver *m_secrets;
    std::unique_ptr<SampleRecorder> m_recorder;
    MetricsConfig m_config;
    std::optional<qint64> m_firstShiftMs;
    std::optional<qint64> m_deploymentStartMs; // while a deployment is attached
    State m_state = State::Idle;
    Phrase m_status;
    int m_generation = 0; // ignores secret answers for an earlier start()
};
