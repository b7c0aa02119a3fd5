#include "statusupdate.h"

QString StatusUpdate::nameOf(Trigger trigger)
{
    switch (trigger) {
    case Trigger::Scheduled: return QStringLiteral("scheduled");
    case Trigger::Rollback: return QStringLiteral("rollback");
    case Trigger::AutomaticTrigger: return QStringLiteral("trigger");
    case Trigger::Manual: return QStringLiteral("manual");
    }
    return {};
}
