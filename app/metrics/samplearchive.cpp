#include "samplearchive.h"

#include "journal/journal.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

SampleArchive::SampleArchive(Journal *journal)
    : m_journal(journal)
{
}

Status SampleArchive::write(const QString &deploymentId, const QList<Entry> &entries)
{
    if (entries.isEmpty())
        return {};
    if (Status s = m_journal->beginWrite(QStringLiteral("a transaction for samples")); !s)
        return s;
    QSqlQuery q(m_journal->database());
    // Portable upsert: SQLite >= 3.24 and PostgreSQL >= 9.5 both accept it.
    q.prepare(QStringLiteral("INSERT INTO samples (deployment_id, metric, color, at_ms, value) VALUES (?, ?, ?, ?, ?) "
                             "ON CONFLICT (deployment_id, metric, color, at_ms) DO UPDATE SET value = excluded.value"));
    for (const Entry &entry : entries) {
        q.bindValue(0, deploymentId);
        q.bindValue(1, metricKey(entry.key.metric));
        q.bindValue(2, colorKey(entry.key.color));
        q.bindValue(3, entry.sample.timeMs);
        q.bindValue(4, std::isnan(entry.sample.value) ? QVariant(QMetaType::fromType<double>()) : QVariant(entry.sample.value));
        if (!q.exec()) {
            const QString error = q.lastError().text();
            q.finish();
            m_journal->rollbackWrite();
            return Status::failure(phrase("SampleArchive", "%1: writing samples failed: %2").arg(m_journal->path()).arg(error));
        }
    }
    q.finish();
    return m_journal->commitWrite(QStringLiteral("samples"));
}

Result<QHash<SeriesKey, std::vector<Sample>>> SampleArchive::read(const QString &deploymentId) const
{
    using Series = QHash<SeriesKey, std::vector<Sample>>;
    QSqlQuery q(m_journal->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT metric, color, at_ms, value FROM samples WHERE deployment_id = ? ORDER BY metric, color, at_ms"));
    q.addBindValue(deploymentId);
    if (!q.exec())
        return Result<Series>::failure(phrase("SampleArchive", "%1: reading samples failed: %2").arg(m_journal->path()).arg(q.lastError().text()));
    Series series;
    while (q.next()) {
        const auto metric = metricFromKey(q.value(0).toString());
        const QString color = q.value(1).toString();
        if (!metric || (color != u"blue" && color != u"green"))
            continue; // written by a newer console; not ours to interpret
        const SeriesKey key{*metric, color == u"blue" ? Color::Blue : Color::Green};
        const QVariant value = q.value(3);
        series[key].push_back(Sample{q.value(2).toLongLong(), value.isNull() ? std::nan("") : value.toDouble()});
    }
    return series;
}
