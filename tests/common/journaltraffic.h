#pragma once
// Test setup shared by tests that start from traffic already shifted: the journal gets the
// command and its successful result, as the console that shifted it would have written them.
#include "deployment/deployment.h"
#include "traffic/trafficresult.h"

#include <QTest>

inline void journalGreenAt(Deployment *deployment, int greenPercent, const QString &reason)
{
    QVERIFY(deployment->recordTrafficCommand(greenPercent, reason, false).ok());
    TrafficResult result;
    result.operation = TrafficResult::Operation::Apply;
    result.ok = true;
    result.commandedGreenPercent = greenPercent;
    result.greenPercent = greenPercent;
    result.bluePercent = 100 - greenPercent;
    QVERIFY(deployment->recordTrafficResult(result).ok());
}
