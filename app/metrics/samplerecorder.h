#pragma once

#include "metrics/samplearchive.h"
#include "metrics/metric.h"

#include <QHash>
#include <QObject>
#include <QTimer>

class SampleStore;

// Copies a deployment's samples from the store into the journal in batches: a few
// seconds of real time per transaction, so a fast --time-scale or a large backfill
// costs a handful of fsyncs, not one per sample. A crash loses at most the last batch,
// which the next backfill from Prometheus fills again.
class SampleRecorder : public QObject
{
    Q_OBJECT
public:
    SampleRecorder(SampleStore *store, Journal *journal, const QString &deploymentId, QObject *parent = nullptr);
    ~SampleRecorder() override; // flushes

    void setFlushIntervalMs(int ms) { m_timer.setInterval(ms); }
    Status flush();

Q_SIGNALS:
    void writeFailed(const QString &message);

private:
    void onInserted(SeriesKey key, qint64 fromMs);

    SampleStore *m_store;
    SampleArchive m_archive;
    QString m_deploymentId;
    QHash<SeriesKey, qint64> m_dirtyFrom; // per series, the oldest time not yet written
    QTimer m_timer;
    QString m_lastError;
};
