#include "samplerecorder.h"

#include "metrics/samplestore.h"

#include <algorithm>

SampleRecorder::SampleRecorder(SampleStore *store, Journal *journal, const QString &deploymentId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_archive(journal)
    , m_deploymentId(deploymentId)
{
    // Real time on purpose: this paces disk writes, not deployment logic.
    m_timer.setInterval(2000);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { (void)flush(); });
    connect(store, &SampleStore::samplesInserted, this, &SampleRecorder::onInserted);
}

SampleRecorder::~SampleRecorder()
{
    (void)flush();
}

void SampleRecorder::onInserted(SeriesKey key, qint64 fromMs)
{
    const auto it = m_dirtyFrom.find(key);
    if (it == m_dirtyFrom.end())
        m_dirtyFrom.insert(key, fromMs);
    else
        *it = std::min(*it, fromMs);
    if (!m_timer.isActive())
        m_timer.start();
}

Status SampleRecorder::flush()
{
    m_timer.stop();
    if (m_dirtyFrom.isEmpty())
        return {};
    QList<SampleArchive::Entry> entries;
    for (auto it = m_dirtyFrom.cbegin(); it != m_dirtyFrom.cend(); ++it) {
        const auto &series = m_store->samples(it.key());
        auto from = std::lower_bound(series.cbegin(), series.cend(), it.value(), [](const Sample &s, qint64 t) { return s.timeMs < t; });
        for (; from != series.cend(); ++from)
            entries.append({it.key(), *from});
    }
    const Status written = m_archive.write(m_deploymentId, entries);
    if (!written) {
        // Keep the dirty marks: the next batch retries. Say it once per distinct error.
        if (written.error() != m_lastError) {
            m_lastError = written.error();
            Q_EMIT writeFailed(written.error());
        }
        m_timer.start();
        return written;
    }
    m_lastError.clear();
    m_dirtyFrom.clear();
    return {};
}
