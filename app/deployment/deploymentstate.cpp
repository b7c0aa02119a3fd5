#include "deploymentstate.h"

QString DeploymentState::apply(const DeploymentEvent &e)
{
    if (e.kind != DeploymentEvent::Kind::DeploymentStarted && !started)
        return QStringLiteral("event %1 (%2) comes before the deployment started").arg(e.seq).arg(e.kindName);
    if (closed && e.kind != DeploymentEvent::Kind::Unknown)
        return QStringLiteral("event %1 (%2) comes after the deployment was closed").arg(e.seq).arg(e.kindName);
    switch (e.kind) {
    case DeploymentEvent::Kind::DeploymentStarted:
        if (started)
            return QStringLiteral("event %1 starts the deployment a second time").arg(e.seq);
        started = true;
        id = e.deploymentId;
        startedBy = e.operatorName;
        startedAtMs = e.atMs;
        service = e.payload.value(QStringLiteral("service")).toString();
        version = e.payload.value(QStringLiteral("version")).toString();
        runbookSha256 = e.payload.value(QStringLiteral("runbookSha256")).toString();
        runbookName = e.payload.value(QStringLiteral("runbookName")).toString();
        break;
    case DeploymentEvent::Kind::ItemChecked: {
        ItemState &s = m_items[e.itemId];
        s.status = ItemState::Status::Done;
        s.by = e.operatorName;
        s.atMs = e.atMs;
        s.skipReason.clear();
        break;
    }
    case DeploymentEvent::Kind::ItemUnchecked: {
        ItemState &s = m_items[e.itemId];
        s.status = ItemState::Status::Open;
        s.by = e.operatorName;
        s.atMs = e.atMs;
        s.skipReason.clear();
        break;
    }
    case DeploymentEvent::Kind::ItemSkipped: {
        ItemState &s = m_items[e.itemId];
        s.status = ItemState::Status::Skipped;
        s.by = e.operatorName;
        s.atMs = e.atMs;
        s.skipReason = e.payload.value(QStringLiteral("reason")).toString();
        break;
    }
    case DeploymentEvent::Kind::NoteSet: {
        ItemState &s = m_items[e.itemId];
        s.note = e.payload.value(QStringLiteral("text")).toString();
        s.noteBy = e.operatorName;
        s.noteAtMs = e.atMs;
        break;
    }
    case DeploymentEvent::Kind::DeploymentClosed:
        closed = true;
        closedAtMs = e.atMs;
        closedBy = e.operatorName;
        outcome = outcomeFromString(e.payload.value(QStringLiteral("outcome")).toString());
        closeNote = e.payload.value(QStringLiteral("note")).toString();
        break;
    case DeploymentEvent::Kind::Unknown:
        unknownEvents.append(e);
        break;
    }
    lastSeq = e.seq;
    return {};
}
