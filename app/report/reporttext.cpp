#include "reporttext.h"

#include "gate/rulestatus.h"
#include "report/reportdata.h"

#include <QDateTime>

#include <cmath>

ReportText::ReportText(const ReportData &data)
    : ReportText(data.state.startedAtMs, data.timeZone)
{
}

ReportText::ReportText(qint64 startMs, const QTimeZone &zone)
    : m_startMs(startMs)
    , m_zone(zone)
{
}

QString ReportText::dateTime(qint64 ms) const
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, m_zone);
    QString zone = t.timeZoneAbbreviation();
    if (zone.isEmpty() || zone == u"UTC+00:00" || zone == u"GMT")
        zone = m_zone.id() == "UTC" ? QStringLiteral("UTC") : zone;
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1Char(' ') + zone;
}

QString ReportText::time(qint64 ms) const
{
    return QDateTime::fromMSecsSinceEpoch(ms, m_zone).toString(QStringLiteral("HH:mm:ss"));
}

QString ReportText::sinceStart(qint64 ms) const
{
    const qint64 delta = ms - m_startMs;
    const qint64 seconds = std::abs(delta) / 1000;
    return QStringLiteral("T%1%2:%3:%4")
        .arg(delta < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(seconds / 3600)
        .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString ReportText::at(qint64 ms) const
{
    return time(ms) + QStringLiteral(" (") + sinceStart(ms) + QLatin1Char(')');
}

QString ReportText::duration(qint64 ms)
{
    if (ms >= 0 && ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    const qint64 seconds = std::max<qint64>(0, (ms + 500) / 1000);
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600) {
        const qint64 s = seconds % 60;
        return s == 0 ? QStringLiteral("%1 min").arg(seconds / 60) : QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(s, 2, 10, QLatin1Char('0'));
    }
    const qint64 minutes = (seconds + 30) / 60;
    return QStringLiteral("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString ReportText::value(double value, const QString &unit)
{
    if (!std::isfinite(value))
        return std::isnan(value) ? QStringLiteral("no value (NaN)") : QStringLiteral("infinite");
    // One decimal from 10 up, more below, trailing zeros dropped: 412.5 ms, 531 ms, 0.06 %.
    const double magnitude = std::abs(value);
    const int decimals = magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
    QString number = QString::number(value, 'f', decimals);
    while (number.contains(u'.') && (number.endsWith(u'0') || number.endsWith(u'.')))
        number.chop(1);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

QString ReportText::threshold(double value, const QString &unit)
{
    const QString number = formatRuleNumber(value);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}
