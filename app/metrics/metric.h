#pragma once

#include "core/phrase.h"
#include "runbook/runbook.h"

#include <QHashFunctions>
#include <QString>

#include <optional>

// The time series the console watches, per colour. Values are kept in the runbook's
// units whatever the source returns: rates and utilisation in percent, times in
// milliseconds, traffic share in percent of requests.
enum class Metric {
    ErrorRate,
    ResponseTime, // p95
    DbErrorRate,
    DbQueryTime,
    ResourceUtilization, // the larger of CPU and memory use
    PageLoadTime,
    TrafficShare, // observed share of requests
};
inline constexpr int MetricCount = 7;

enum class Color { Blue, Green };

struct SeriesKey {
    Metric metric = Metric::ErrorRate;
    Color color = Color::Green;
    friend bool operator==(SeriesKey, SeriesKey) = default;
};
inline size_t qHash(SeriesKey key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, int(key.metric), int(key.color));
}

struct Sample {
    qint64 timeMs = 0; // wall-clock (or scaled-clock) time of the sample
    double value = 0;  // in the runbook's units, see Metric; may be NaN or infinite
    friend bool operator==(const Sample &, const Sample &) = default;
};

// The profile's key and the JSON name: "error_rate", "response_time", ..., "traffic_share".
QString metricKey(Metric metric);
std::optional<Metric> metricFromKey(QStringView key);
// A person's name: "Error rate", "Response time (p95)", ...; the phrase is what the window
// translates, metricDisplayName() its English.
Phrase metricDisplayPhrase(Metric metric);
QString metricDisplayName(Metric metric);
// One colour's series of a metric, for messages: "Error rate (green)".
Phrase seriesPhrase(Metric metric, Color color);
// The unit values are kept in: "%" or "ms".
QString metricUnit(Metric metric);
QString colorKey(Color color); // "blue" / "green"

// The series a rule is evaluated on; nullopt for the non-numeric rules (service down,
// security alert).
std::optional<Metric> metricForRule(RuleMetric metric);
