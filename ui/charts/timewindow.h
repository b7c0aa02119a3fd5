#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// How much history a chart shows: a sliding window ending now, or everything since the
// deployment started.
enum class TimeWindow { Last5Minutes, Last30Minutes, Last2Hours, WholeDeployment };
inline constexpr int TimeWindowCount = 4;

// "Last 5 min", ..., "Whole deployment": the time-window control's entries.
QString timeWindowName(TimeWindow window);
// The window's length; 0 for WholeDeployment, which depends on when the deployment started.
qint64 timeWindowDurationMs(TimeWindow window);
// Where a window starts that ends at `nowMs`. WholeDeployment starts at `deploymentStartMs`, or,
// while that is unknown (0), at `oldestSampleMs`; and is at least a minute long, so a deployment
// that just began is not drawn as a sliver.
qint64 timeWindowStartMs(TimeWindow window, qint64 nowMs, qint64 deploymentStartMs, std::optional<qint64> oldestSampleMs);
