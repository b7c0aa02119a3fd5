#include "clockfactory.h"

#include "clock.h"

#include <QDateTime>

#include <cmath>

std::unique_ptr<Clock> makeClock(double timeScale)
{
    if (timeScale == 1.0)
        return std::make_unique<SystemClock>();
    bool ok = false;
    const qint64 originMs = qEnvironmentVariable(TimeOriginVariable).toLongLong(&ok);
    if (!ok || originMs <= 0)
        return std::make_unique<ScaledClock>(timeScale);
    const qint64 realMs = QDateTime::currentMSecsSinceEpoch();
    return std::make_unique<ScaledClock>(timeScale, originMs + std::llround(double(realMs - originMs) * timeScale));
}
