#pragma once

#include <QString>
#include <QTimeZone>

struct ReportData;

// How a report writes times, durations and values, the same in every format: clock times in
// the report's time zone, deployment time as "T+H:MM:SS" since the start.
class ReportText
{
public:
    explicit ReportText(const ReportData &data);
    ReportText(qint64 startMs, const QTimeZone &zone);

    QString dateTime(qint64 ms) const;   // "2027-01-15 09:31:38 UTC"
    QString time(qint64 ms) const;       // "09:31:38"
    QString sinceStart(qint64 ms) const; // "T+0:01:33"
    QString at(qint64 ms) const;         // "09:31:38 (T+0:01:33)"
    qint64 startMs() const { return m_startMs; }

    static QString duration(qint64 ms);  // "143 ms", "45 s", "4 min 05 s", "1 h 02 min"
    // A measured value with its unit, never in exponents: "412.5 ms", "531 ms", "0.06 %".
    static QString value(double value, const QString &unit);
    // A threshold as the runbook wrote it (no rounding): "2 %", "527.4 ms".
    static QString threshold(double value, const QString &unit);

private:
    qint64 m_startMs;
    QTimeZone m_zone;
};
