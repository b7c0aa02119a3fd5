#pragma once

#include "traffic/trafficresult.h"

#include <QDebug>
#include <QSignalSpy>

// The next applied/observed result a spy caught, waiting up to `timeoutMs` for it; a
// default (failed) result when none came. Failure messages are printed, so a failing
// comparison in a test shows why the controller said no.
inline TrafficResult waitForResult(QSignalSpy &spy, int timeoutMs)
{
    if (spy.isEmpty() && !spy.wait(timeoutMs))
        qWarning("no result within %d ms", timeoutMs);
    if (spy.isEmpty())
        return {};
    const TrafficResult r = spy.takeFirst().at(0).value<TrafficResult>();
    if (!r.ok)
        qInfo().noquote() << "message:" << r.message.english();
    return r;
}
