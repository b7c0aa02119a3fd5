#include "metricssession.h"

#include "core/clock.h"
#include "core/polltimer.h"
#include "metrics/normalbaseline.h"
#include "metrics/samplearchive.h"
#include "metrics/samplerecorder.h"
#include "secrets/secretresolver.h"

MetricsSession::MetricsSession(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_poller(&m_store, clock)
    , m_secrets(new SecretResolver(this))
{
    connect(&m_poller, &MetricsPoller::pollFinished, this, &MetricsSession::sayPollHealth);
}

Phrase MetricsSession::pollingText() const
{
    const double seconds = double(effectivePollIntervalMs()) / 1000.0;
    return phrase("MetricsSession", "Polling %1 every %2 s").arg(m_config.baseUrl.toDisplayString()).arg(Phrase::number(seconds, QString::number(seconds)));
}

void MetricsSession::sayPollHealth()
{
    if (m_state != State::Polling)
        return;
    int asked = 0;
    int failing = 0;
    int stale = 0;
    Phrase lastError;
    const qint64 now = m_clock->nowMs();
    for (const MetricQuery &q : std::as_const(m_config.queries)) {
        if (q.metric == Metric::TrafficShare)
            continue; // green's share is 0 % (no data) before the first step
        for (Color color : {Color::Blue, Color::Green}) {
            ++asked;
            const SeriesKey key{q.metric, color};
            if (const Phrase error = m_store.error(key); !error.isEmpty()) {
                ++failing;
                lastError = phrase("MetricsSession", "%1: %2").arg(seriesPhrase(key.metric, key.color)).arg(error);
            } else if (color == Color::Blue && m_store.latest(key) && !m_store.isFresh(key, now)) {
                ++stale; // answered, but with old samples (green may simply have no traffic yet)
            }
        }
    }
    Phrase text = pollingText();
    if (failing > 0 && failing == asked)
        text = phrase("MetricsSession", "%1: no query is answered (%2)").arg(text).arg(lastError);
    else if (failing > 0)
        text = phrase("MetricsSession", "%1: %2 of %3 queries fail (%4)").arg(text).arg(failing).arg(asked).arg(lastError);
    else if (stale > 0)
        text = phrase("MetricsSession", "%1: %2 of blue's series answer with samples older than %3 s").arg(text).arg(stale).arg(m_store.freshnessMs() / 1000);
    if (!(text == m_status))
        setState(State::Polling, text);
}

MetricsSession::~MetricsSession()
{
    detachDeployment();
}

void MetricsSession::setState(State state, const Phrase &text)
{
    m_state = state;
    m_status = text;
    Q_EMIT stateChanged(state, text.english());
}

void MetricsSession::start(const MetricsConfig &config)
{
    stop();
    m_config = config;
    const int generation = ++m_generation;
    setState(State::Connecting, phrase("MetricsSession", "Connecting to %1").arg(config.baseUrl.toDisplayString()));
    m_secrets->resolveAuthorization(config.auth, this, [this, generation](Result<QByteArray> authorization) {
        if (generation != m_generation)
            return;
        if (!authorization) {
            setState(State::Failed, phrase("MetricsSession", "Cannot authenticate to the metrics provider: %1").arg(authorization.errorPhrase()));
            return;
        }
        MetricsConfig config = m_config;
        config.authorization = authorization.value();
        config.pollIntervalMs = effectivePollIntervalMs();
        if (Status s = m_poller.setConfig(config); !s) {
            setState(State::Failed, s.errorPhrase());
            return;
        }
        if (Status s = m_poller.start(); !s) {
            setState(State::Failed, s.errorPhrase());
            return;
        }
        backfillDeployment();
        setState(State::Polling, pollingText());
    });
}

void MetricsSession::stop()
{
    ++m_generation;
    m_poller.stop();
    m_poller.cancelBackfill();
    if (m_state != State::Idle)
        setState(State::Idle, phrase("MetricsSession", "Not polling"));
}

Status MetricsSession::attachDeployment(Journal *journal, const QString &deploymentId, qint64 startedAtMs, bool record)
{
    detachDeployment();
    m_store.clear();
    const auto stored = SampleArchive(journal).read(deploymentId);
    if (!stored)
        return Status::failure(stored.error());
    for (auto it = stored.value().cbegin(); it != stored.value().cend(); ++it)
        m_store.merge(it.key(), it.value());
    // Record only what arrives from now on; the stored samples are already on disk.
    if (record) {
        m_recorder = std::make_unique<SampleRecorder>(&m_store, journal, deploymentId);
        connect(m_recorder.get(), &SampleRecorder::writeFailed, this, &MetricsSession::recordingFailed);
    }
    m_deploymentStartMs = startedAtMs;
    if (m_state == State::Polling)
        backfillDeployment(); // else when polling starts
    return {};
}

void MetricsSession::backfillDeployment()
{
    if (!m_deploymentStartMs)
        return;
    // From one baseline window before the start: "normal" may be measured over it.
    qint64 from = *m_deploymentStartMs;
    if (m_config.normalResponseTime.source == NormalResponseTime::Source::Measured)
        from -= m_config.normalResponseTime.windowMs;
    const qint64 now = m_clock->nowMs();
    if (now > from)
        (void)m_poller.backfill(from, now);
}

void MetricsSession::detachDeployment()
{
    m_poller.cancelBackfill();
    m_deploymentStartMs.reset();
    m_recorder.reset(); // flushes
}

std::optional<double> MetricsSession::normalResponseTimeMs() const
{
    return NormalBaseline::compute(m_store, m_config.normalResponseTime, m_firstShiftMs.value_or(m_clock->nowMs()), effectivePollIntervalMs());
}

qint64 MetricsSession::effectivePollIntervalMs() const
{
    return PollTimer::flooredIntervalMs(m_clock, m_config.pollIntervalMs);
}
