#pragma once

#include <QByteArray>
#include <QList>

// A Prometheus histogram: cumulative buckets by upper bound, a sum and a count, written in
// the text exposition format as NAME_bucket{...,le="..."}, NAME_sum and NAME_count.
class PromHistogram
{
public:
    explicit PromHistogram(QList<double> upperBounds);

    void observe(double value);
    quint64 count() const { return m_count; }
    double sum() const { return m_sum; }

    // `labels` is what goes inside the braces before `le` (`handler="api"`), or empty.
    void write(QByteArray &out, const QByteArray &name, const QByteArray &labels) const;

    // 5 ms to 10 s, Prometheus's client libraries' default buckets.
    static QList<double> requestBuckets();
    // 1 ms to 2.5 s, for database queries.
    static QList<double> queryBuckets();

private:
    QList<double> m_bounds;
    QList<quint64> m_counts; // per bucket, not cumulative
    quint64 m_count = 0;
    double m_sum = 0;
};

// A number as the text format writes it ("0.005", "12", "1.5e-07").
QByteArray promNumber(double value);
