#pragma once

#include <QObject>

// What the window tells beyond its own view about the deployment it shows: said to screen
// readers by the traffic strip, and carried to the desktop (DesktopNotifier) while the window is
// in the background. One list, so what is news is named once.
namespace News {
Q_NAMESPACE

enum class Kind {
    GateOpened,            // the runbook's thresholds allow the next step
    DecisionPointBreached, // "consider rollback"
    AutomaticRollback,     // a trigger sent traffic back to blue
    RollbackStarted,       // an operator (here or on another console) rolled back
    TrafficDrift,          // traffic found elsewhere than commanded
    StatusUpdateDue,       // stakeholders wait for the 15-minute update
};
Q_ENUM_NS(Kind)

} // namespace News
