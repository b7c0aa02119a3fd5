#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <utility>

// The small pieces of Prometheus's and Alertmanager's wire formats the demo server
// speaks, kept apart from the routes so they can be tested on their own.
namespace PromFormat {

// Prometheus's `time`/`start`/`end`: unix seconds with an optional fraction, or RFC 3339.
// Returns milliseconds since the epoch (Prometheus keeps milliseconds too).
Result<qint64> parseTimeMs(QStringView text);
// Prometheus's `step`: seconds with an optional fraction, or a duration like 15s, 1m30s, 500ms.
Result<qint64> parseDurationMs(QStringView text);

// A sample value as Prometheus writes it: shortest round-trip decimal, NaN, +Inf, -Inf.
QString formatValue(double value);
// A timestamp as Prometheus's JSON writes it: unix seconds as a number.
double jsonTime(qint64 ms);
// RFC 3339 in UTC with milliseconds, as Alertmanager writes times.
QString rfc3339(qint64 ms);

// application/x-www-form-urlencoded ('+' is a space), as Go's url.ParseQuery reads it.
// The first value of a repeated key wins, as Go's Request.FormValue does.
QHash<QString, QString> parseForm(QByteArrayView encoded);

// Prometheus's label set fingerprint (FNV-1a 64 over sorted name/value pairs), which
// Alertmanager shows as 16 hex digits.
QString fingerprint(QList<std::pair<QString, QString>> labels);

// The text exposition format's content type.
inline constexpr char ExpositionContentType[] = "text/plain; version=0.0.4; charset=utf-8";
// A label value escaped for the text exposition format.
QString escapeLabelValue(const QString &value);

} // namespace PromFormat
