#include "promhistogram.h"

#include <QLocale>
#include <QString>

#include <algorithm>

PromHistogram::PromHistogram(QList<double> upperBounds)
    : m_bounds(std::move(upperBounds))
    , m_counts(m_bounds.size(), 0)
{
    std::sort(m_bounds.begin(), m_bounds.end());
}

void PromHistogram::observe(double value)
{
    const auto it = std::lower_bound(m_bounds.cbegin(), m_bounds.cend(), value); // first bound >= value: le is inclusive
    if (it != m_bounds.cend())
        ++m_counts[it - m_bounds.cbegin()];
    ++m_count;
    m_sum += value;
}

void PromHistogram::write(QByteArray &out, const QByteArray &name, const QByteArray &labels) const
{
    const QByteArray prefix = labels.isEmpty() ? QByteArray() : labels + ',';
    quint64 cumulative = 0;
    for (qsizetype i = 0; i < m_bounds.size(); ++i) {
        cumulative += m_counts.at(i);
        out += name + "_bucket{" + prefix + "le=\"" + promNumber(m_bounds.at(i)) + "\"} " + QByteArray::number(cumulative) + '\n';
    }
    out += name + "_bucket{" + prefix + "le=\"+Inf\"} " + QByteArray::number(m_count) + '\n';
    const QByteArray braces = labels.isEmpty() ? QByteArray() : '{' + labels + '}';
    out += name + "_sum" + braces + ' ' + promNumber(m_sum) + '\n';
    out += name + "_count" + braces + ' ' + QByteArray::number(m_count) + '\n';
}

QList<double> PromHistogram::requestBuckets()
{
    return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

QList<double> PromHistogram::queryBuckets()
{
    return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
}

QByteArray promNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toLatin1();
}
