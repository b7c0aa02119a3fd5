#include "deploymentstate.h"

#include <QJsonArray>

#include <algorithm>

void DeploymentState::setItemStatus(const DeploymentEvent &e, ItemState::Status status, const QString &skipReason)
{
    ItemState &s = m_items[e.itemId];
    s.status = status;
    s.by = e.operatorName;
    s.atMs = e.atMs;
    s.skipReason = skipReason;
}

namespace {

bool isStatusUpdate(DeploymentEvent::Kind kind)
{
    return kind == DeploymentEvent::Kind::StatusUpdateSent || kind == DeploymentEvent::Kind::StatusUpdateFailed
        || kind == DeploymentEvent::Kind::StatusUpdateRetried;
}

} // namespace

bool StatusUpdateRecord::deliveredAnywhere() const
{
    return std::any_of(deliveries.cbegin(), deliveries.cend(), [](const StatusUpdateDelivery &d) { return d.delivered; });
}

bool StatusUpdateRecord::failedSomewhere() const
{
    return std::any_of(deliveries.cbegin(), deliveries.cend(), [](const StatusUpdateDelivery &d) { return !d.delivered && d.retryInMs == 0 && d.attempts > 0 && d.atMs > 0; });
}

StatusUpdateRecord *DeploymentState::statusUpdate(const QString &id)
{
    for (StatusUpdateRecord &u : statusUpdates) {
        if (u.id == id)
            return &u;
    }
    return nullptr;
}

const StatusUpdateRecord *DeploymentState::statusUpdate(const QString &id) const
{
    return const_cast<DeploymentState *>(this)->statusUpdate(id);
}

void DeploymentState::applyStatusUpdate(const DeploymentEvent &e)
{
    StatusUpdateRecord *update = statusUpdate(e.itemId);
    if (!update) {
        statusUpdates.append(StatusUpdateRecord{});
        update = &statusUpdates.last();
        update->id = e.itemId;
        update->by = e.operatorName;
        update->atMs = e.atMs;
    }
    if (e.kind != DeploymentEvent::Kind::StatusUpdateRetried) {
        update->trigger = e.payload.value(QStringLiteral("trigger")).toString(update->trigger);
        update->title = e.payload.value(QStringLiteral("title")).toString(update->title);
        update->text = e.payload.value(QStringLiteral("text")).toString(update->text);
    }
    const QString webhook = e.payload.value(QStringLiteral("webhook")).toString();
    auto delivery = std::find_if(update->deliveries.begin(), update->deliveries.end(), [&webhook](const StatusUpdateDelivery &d) { return d.webhook == webhook; });
    if (delivery == update->deliveries.end()) {
        update->deliveries.append(StatusUpdateDelivery{});
        delivery = update->deliveries.end() - 1;
        delivery->webhook = webhook;
    }
    delivery->attempts = std::max(delivery->attempts, e.payload.value(QStringLiteral("attempt")).toInt(1));
    switch (e.kind) {
    case DeploymentEvent::Kind::StatusUpdateSent:
        delivery->delivered = true;
        delivery->httpStatus = e.payload.value(QStringLiteral("httpStatus")).toInt();
        delivery->message.clear();
        delivery->retryInMs = 0;
        delivery->atMs = e.atMs;
        break;
    case DeploymentEvent::Kind::StatusUpdateFailed:
        delivery->delivered = false;
        delivery->httpStatus = e.payload.value(QStringLiteral("httpStatus")).toInt();
        delivery->message = e.payload.value(QStringLiteral("message")).toString();
        delivery->retryInMs = qint64(e.payload.value(QStringLiteral("retryInMs")).toDouble());
        delivery->atMs = e.atMs;
        break;
    default: break;
    }
}

QString DeploymentState::apply(const DeploymentEvent &e)
{
    if (e.kind != DeploymentEvent::Kind::DeploymentStarted && !started)
        return QStringLiteral("event %1 (%2) comes before the deployment started").arg(e.seq).arg(e.kindName);
    // The delivery of an update sent before the close may be answered after it.
    if (closed && e.kind != DeploymentEvent::Kind::Unknown && !isStatusUpdate(e.kind))
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
        environment = e.payload.value(QStringLiteral("environment")).toString();
        traffic.stepSinceMs = e.atMs;
        traffic.commandHistory.append({e.atMs, 0});
        break;
    case DeploymentEvent::Kind::ItemChecked: setItemStatus(e, ItemState::Status::Done); break;
    case DeploymentEvent::Kind::ItemUnchecked: setItemStatus(e, ItemState::Status::Open); break;
    case DeploymentEvent::Kind::ItemSkipped: setItemStatus(e, ItemState::Status::Skipped, e.payload.value(QStringLiteral("reason")).toString()); break;
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
    case DeploymentEvent::Kind::TrafficCommanded: {
        const int green = e.payload.value(QStringLiteral("green")).toInt(-1);
        if (green < 0 || green > 100)
            return QStringLiteral("event %1 commands %2 % on green").arg(e.seq).arg(green);
        traffic.commandedGreen = green;
        traffic.commandReason = e.payload.value(QStringLiteral("reason")).toString();
        traffic.commandAutomatic = e.payload.value(QStringLiteral("automatic")).toBool();
        traffic.commandedAtMs = e.atMs;
        traffic.awaitingResult = true;
        traffic.commandHistory.append({e.atMs, green});
        break;
    }
    case DeploymentEvent::Kind::TrafficApplied: {
        const int commanded = e.payload.value(QStringLiteral("commanded")).toInt(-1);
        const bool ok = e.payload.value(QStringLiteral("ok")).toBool();
        const int observed = e.payload.value(QStringLiteral("observedGreen")).toInt(-1);
        // An unverified result's split is the command, assumed, not an observation.
        const bool verified = e.payload.value(QStringLiteral("verified")).toBool(true);
        if (!verified && e.payload.value(QStringLiteral("ok")).toBool())
            traffic.observedGreen.reset();
        else if (observed >= 0)
            traffic.observedGreen = observed;
        // A result for a command that a later one superseded is history, not the state.
        if (commanded != traffic.commandedGreen)
            break;
        traffic.awaitingResult = false;
        traffic.lastOk = ok;
        traffic.lastVerified = verified || !ok;
        traffic.lastMessage = e.payload.value(QStringLiteral("message")).toString();
        if (ok && commanded >= 0) {
            if (commanded != traffic.stepGreen) {
                traffic.stepGreen = commanded;
                traffic.stepSinceMs = e.atMs;
            }
            // Green got traffic from the moment the command left, not when its result came back:
            // "normal" is measured on blue up to there.
            if (commanded > 0 && !traffic.firstShiftMs)
                traffic.firstShiftMs = traffic.commandedAtMs;
            if (commanded == 100)
                traffic.reachedFull = true;
        }
        break;
    }
    case DeploymentEvent::Kind::TrafficDrift:
        if (e.payload.value(QStringLiteral("ended")).toBool()) {
            traffic.driftObserved.reset();
            traffic.driftSource.clear();
        } else {
            traffic.driftObserved = e.payload.value(QStringLiteral("observed")).toInt();
            traffic.driftSource = e.payload.value(QStringLiteral("source")).toString();
        }
        break;
    case DeploymentEvent::Kind::GateOverridden:
        traffic.overrides.append({e.atMs, e.operatorName, e.payload.value(QStringLiteral("from")).toInt(),
                                  e.payload.value(QStringLiteral("to")).toInt(), e.payload.value(QStringLiteral("reason")).toString(),
                                  e.payload.value(QStringLiteral("blockedBy")).toVariant().toStringList()});
        break;
    case DeploymentEvent::Kind::RuleBreached:
        traffic.breaches.append({e.atMs, e.payload.value(QStringLiteral("ruleId")).toString(), e.payload.value(QStringLiteral("text")).toString()});
        break;
    case DeploymentEvent::Kind::RollbackStarted:
        traffic.rollbackActive = true;
        traffic.rollbackAutomatic = e.payload.value(QStringLiteral("automatic")).toBool();
        traffic.rollbackReason = e.payload.value(QStringLiteral("reason")).toString();
        traffic.rollbackRuleId = e.payload.value(QStringLiteral("ruleId")).toString();
        traffic.rollbackAtMs = e.atMs;
        break;
    case DeploymentEvent::Kind::ProcedureStarted: {
        ProcedureRecord &p = procedures[e.itemId];
        // A new run of a procedure that finished: its steps (and their items) start afresh;
        // the earlier run's events stay in the journal.
        const QJsonArray restart = e.payload.value(QStringLiteral("restartSteps")).toArray();
        for (const QJsonValue &step : restart) {
            steps.remove(step.toString());
            if (m_items.contains(step.toString()))
                setItemStatus(DeploymentEvent::make(e.kind, e.deploymentId, e.atMs, e.operatorName, step.toString()), ItemState::Status::Open);
        }
        p.run = std::max(1, e.payload.value(QStringLiteral("run")).toInt(1));
        p.status = ProcedureRecord::Status::Running;
        p.title = e.payload.value(QStringLiteral("title")).toString();
        p.reason = e.payload.value(QStringLiteral("reason")).toString();
        p.automatic = e.payload.value(QStringLiteral("automatic")).toBool();
        p.by = e.operatorName;
        p.startedAtMs = e.atMs;
        p.finishedAtMs = 0;
        p.finishReason.clear();
        break;
    }
    case DeploymentEvent::Kind::ProcedureFinished: {
        if (!procedures.contains(e.itemId))
            return QStringLiteral("event %1 finishes procedure %2, which never started").arg(e.seq).arg(e.itemId);
        ProcedureRecord &p = procedures[e.itemId];
        p.status = e.payload.value(QStringLiteral("outcome")).toString() == u"completed" ? ProcedureRecord::Status::Completed
                                                                                           : ProcedureRecord::Status::Aborted;
        p.finishedAtMs = e.atMs;
        p.finishReason = e.payload.value(QStringLiteral("reason")).toString();
        break;
    }
    case DeploymentEvent::Kind::StepStarted: {
        StepRecord &s = steps[e.itemId];
        s.status = StepRecord::Status::Running;
        s.procedureId = e.payload.value(QStringLiteral("procedure")).toString();
        ++s.attempts;
        s.by = e.operatorName;
        s.startedAtMs = e.atMs;
        s.finishedAtMs = 0;
        s.action = e.payload.value(QStringLiteral("action")).toString();
        s.description = e.payload.value(QStringLiteral("description")).toString();
        s.confirmed = e.payload.value(QStringLiteral("confirmed")).toBool();
        s.run = RunMark::fromJson(e.payload.value(QStringLiteral("run")).toObject());
        s.exitCode.reset();
        s.message.clear();
        s.output.clear();
        s.awaiting.clear();
        break;
    }
    case DeploymentEvent::Kind::StepFinished: {
        StepRecord &s = steps[e.itemId];
        const bool ok = e.payload.value(QStringLiteral("ok")).toBool();
        s.status = ok ? StepRecord::Status::Done : StepRecord::Status::Failed;
        s.procedureId = e.payload.value(QStringLiteral("procedure")).toString();
        s.finishedAtMs = e.atMs;
        if (s.startedAtMs == 0) // confirmed by hand: it never "ran"
            s.startedAtMs = e.atMs;
        s.by = e.operatorName;
        s.confirmed = s.confirmed || e.payload.value(QStringLiteral("confirmed")).toBool();
        const QJsonValue exit = e.payload.value(QStringLiteral("exitCode"));
        s.exitCode = exit.isDouble() ? std::optional<int>(exit.toInt()) : std::nullopt;
        s.message = e.payload.value(QStringLiteral("message")).toString();
        s.output = e.payload.value(QStringLiteral("output")).toString();
        s.awaiting.clear();
        if (ok)
            setItemStatus(e, ItemState::Status::Done);
        break;
    }
    case DeploymentEvent::Kind::StepSkipped: {
        StepRecord &s = steps[e.itemId];
        s.status = StepRecord::Status::Skipped;
        s.procedureId = e.payload.value(QStringLiteral("procedure")).toString();
        s.skipReason = e.payload.value(QStringLiteral("reason")).toString();
        s.finishedAtMs = e.atMs;
        s.by = e.operatorName;
        s.awaiting.clear();
        setItemStatus(e, ItemState::Status::Skipped, s.skipReason);
        break;
    }
    case DeploymentEvent::Kind::StepAwaiting: {
        StepRecord &s = steps[e.itemId];
        s.procedureId = e.payload.value(QStringLiteral("procedure")).toString();
        s.awaiting = e.payload.value(QStringLiteral("why")).toString();
        break;
    }
    case DeploymentEvent::Kind::CheckRan: {
        CheckRecord &c = checks[e.itemId];
        c.ok = e.payload.value(QStringLiteral("ok")).toBool();
        c.by = e.operatorName;
        c.atMs = e.atMs;
        c.durationMs = qint64(e.payload.value(QStringLiteral("durationMs")).toDouble());
        c.action = e.payload.value(QStringLiteral("action")).toString();
        const QJsonValue exit = e.payload.value(QStringLiteral("exitCode"));
        c.exitCode = exit.isDouble() ? std::optional<int>(exit.toInt()) : std::nullopt;
        c.message = e.payload.value(QStringLiteral("message")).toString();
        c.output = e.payload.value(QStringLiteral("output")).toString();
        if (c.ok)
            setItemStatus(e, ItemState::Status::Done);
        else if (m_items.value(e.itemId).status == ItemState::Status::Done)
            setItemStatus(e, ItemState::Status::Open); // the latest evidence says it no longer holds
        break;
    }
    case DeploymentEvent::Kind::ControlTaken:
        controlChanges.append({e.atMs, e.payload.value(QStringLiteral("from")).toString(), e.operatorName});
        break;
    case DeploymentEvent::Kind::RollbackRequested:
        rollbackRequests.append({e.atMs, e.operatorName, e.payload.value(QStringLiteral("reason")).toString()});
        break;
    case DeploymentEvent::Kind::ReadingConfirmed: {
        const QString digest = e.payload.value(QStringLiteral("digest")).toString();
        if (digest.isEmpty())
            return QStringLiteral("event %1 confirms a reading without its digest").arg(e.seq);
        readingConfirmation = ReadingConfirmation{e.atMs, e.operatorName, digest, e.payload.value(QStringLiteral("reading")).toString(),
                                                  e.payload.value(QStringLiteral("acceptedBy")).toString() == QLatin1String("headless run")};
        break;
    }
    case DeploymentEvent::Kind::GateChanged:
        traffic.gateOpen = e.payload.value(QStringLiteral("open")).toBool();
        traffic.gateReasons = e.payload.value(QStringLiteral("reasons")).toVariant().toStringList();
        traffic.gateReasonKeys = e.payload.value(QStringLiteral("keys")).toVariant().toStringList();
        traffic.gateSinceMs = e.atMs;
        break;
    case DeploymentEvent::Kind::StatusUpdateSent:
    case DeploymentEvent::Kind::StatusUpdateFailed:
    case DeploymentEvent::Kind::StatusUpdateRetried:
        if (e.itemId.isEmpty())
            return QStringLiteral("event %1 (%2) names no status update").arg(e.seq).arg(e.kindName);
        applyStatusUpdate(e);
        break;
    case DeploymentEvent::Kind::Unknown:
        unknownEvents.append(e);
        break;
    }
    lastSeq = e.seq;
    return {};
}
