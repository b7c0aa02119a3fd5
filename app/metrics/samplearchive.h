#pragma once

#include "core/result.h"
#include "metrics/metric.h"

#include <QHash>
#include <QList>

#include <vector>

class Journal;

// Keeps a deployment's metric samples in the journal, so a reopened deployment redraws
// its history and reports have the raw data. Writes are batched (one transaction per
// call); a sample written twice keeps the newer value.
class SampleArchive
{
public:
    struct Entry {
        SeriesKey key;
        Sample sample;
    };

    explicit SampleArchive(Journal *journal);

    Status write(const QString &deploymentId, const QList<Entry> &entries);
    Result<QHash<SeriesKey, std::vector<Sample>>> read(const QString &deploymentId) const;

private:
    Journal *m_journal;
};
