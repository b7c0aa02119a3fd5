#include "timewindow.h"

#include <QCoreApplication>

#include <algorithm>

QString timeWindowName(TimeWindow window)
{
    switch (window) {
    case TimeWindow::Last5Minutes: return QCoreApplication::translate("TimeWindow", "Last 5 min");
    case TimeWindow::Last30Minutes: return QCoreApplication::translate("TimeWindow", "Last 30 min");
    case TimeWindow::Last2Hours: return QCoreApplication::translate("TimeWindow", "Last 2 h");
    case TimeWindow::WholeDeployment: return QCoreApplication::translate("TimeWindow", "Whole deployment");
    }
    return {};
}

qint64 timeWindowDurationMs(TimeWindow window)
{
    switch (window) {
    case TimeWindow::Last5Minutes: return 5 * 60'000;
    case TimeWindow::Last30Minutes: return 30 * 60'000;
    case TimeWindow::Last2Hours: return 120 * 60'000;
    case TimeWindow::WholeDeployment: return 0;
    }
    return 0;
}

qint64 timeWindowStartMs(TimeWindow window, qint64 nowMs, qint64 deploymentStartMs, std::optional<qint64> oldestSampleMs)
{
    if (const qint64 duration = timeWindowDurationMs(window); duration > 0)
        return nowMs - duration;
    qint64 start = deploymentStartMs > 0 ? deploymentStartMs : nowMs;
    if (deploymentStartMs <= 0 && oldestSampleMs)
        start = std::min(start, *oldestSampleMs);
    return std::min(start, nowMs - 60'000);
}
