#include "timewindow.h"

#include <QCoreApplication>

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
