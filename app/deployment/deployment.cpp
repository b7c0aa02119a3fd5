#include "deployment.h"

#include "core/clock.h"
#include "core/redactor.h"
#include "gate/rulestatus.h"
#include "journal/journal.h"
#include "traffic/trafficresult.h"
#include "runbook/runbookparser.h"

#include <QJsonArray>
#include <QUuid>

namespace {

bool isAnnotation(DeploymentEvent::Kind kind)
{
    return kind == DeploymentEvent::Kind::NoteSet || kind == DeploymentEvent::Kind::RollbackRequested;
}

// What the console acting on automatic triggers journals about the rollback it sends.
bool isAutomaticRollback(DeploymentEvent::Kind kind, const QJsonObject &payload)
{
    switch (kind) {
    case DeploymentEvent::Kind::RollbackStarted: return payload.value(QStringLiteral("automatic")).toBool();
    case DeploymentEvent::Kind::TrafficCommanded:
        return payload.value(QStringLiteral("automatic")).toBool() && payload.value(QStringLiteral("green")).toInt(-1) == 0;
    case DeploymentEvent::Kind::TrafficApplied: return payload.value(QStringLiteral("commanded")).toInt(-1) == 0;
    case DeploymentEvent::Kind::RuleBreached: return true;
    default: return false;
    }
}

} // namespace

Deployment::Deployment(Journal *journal, Clock *clock, Runbook runbook, const QString &operatorName)
    : m_journal(journal)
    , m_clock(clock)
    , m_runbook(std::move(runbook))
    , m_reading(m_runbook)
    , m_readingDigest(m_reading.digest())
    , m_operator(operatorName)
{
    connect(m_journal, &Journal::changedElsewhere, this, [this] { (void)refresh(); });
    connect(m_journal, &Journal::connectionChanged, this, &Deployment::readOnlyChanged);
}

Deployment::~Deployment()
{
    if (!m_state.id.isEmpty())
        m_journal->unwatch(m_state.id);
}

bool Deployment::journalConnected() const
{
    return m_journal->isConnected();
}

Status Deployment::refresh()
{
    const Result<QList<DeploymentEvent>> events = m_journal->events(m_state.id, m_state.lastSeq);
    if (!events)
        return Status::failure(events.error());
    for (const DeploymentEvent &e : events.value()) {
        if (e.seq <= m_state.lastSeq)
            continue; // applied meanwhile (a notification and a catch-up crossing)
        if (!isAnnotation(e.kind))
            m_refreshedDecisions = true;
        if (const QString error = m_state.apply(e); !error.isEmpty())
            return Status::failure(phrase("Deployment", "%1: deployment %2: %3").arg(m_journal->path()).arg(m_state.id).arg(error));
        announce(e);
        Q_EMIT eventApplied(e, true);
    }
    if (!events.value().isEmpty())
        Q_EMIT refreshed();
    return {};
}

Result<std::unique_ptr<Deployment>> Deployment::start(Journal *journal, Clock *clock, const StartInfo &info, const QString &environment)
{
    using R = Result<std::unique_ptr<Deployment>>;
    if (info.service.trimmed().isEmpty())
        return R::failure(phrase("Deployment", "a deployment needs the name of the service"));
    if (info.version.trimmed().isEmpty())
        return R::failure(phrase("Deployment", "a deployment needs the version or git ref being deployed"));
    if (info.operatorName.trimmed().isEmpty())
        return R::failure(phrase("Deployment", "a deployment needs the operator's name"));
    Runbook runbook = RunbookParser::parse(info.runbookText, info.runbookName);
    if (runbook.hasErrors())
        return R::failure(phrase("Deployment", "the runbook %1 has errors; fix them before starting a deployment").arg(info.runbookName));

    const Result<QString> sha = journal->storeRunbook(info.runbookName, info.runbookText);
    if (!sha)
        return R::failure(sha.error());
    std::unique_ptr<Deployment> d(new Deployment(journal, clock, std::move(runbook), info.operatorName.trimmed()));
    DeploymentEvent e = DeploymentEvent::make(DeploymentEvent::Kind::DeploymentStarted, QUuid::createUuid().toString(QUuid::WithoutBraces),
                                              clock->nowMs(), d->m_operator, {},
                                              {{QStringLiteral("service"), info.service.trimmed()},
                                               {QStringLiteral("version"), info.version.trimmed()},
                                               {QStringLiteral("runbookSha256"), sha.value()},
                                               {QStringLiteral("runbookName"), info.runbookName},
                                               {QStringLiteral("environment"), environment}});
    if (Status s = journal->append(e); !s)
        return R::failure(s.error());
    d->m_state.apply(e);
    d->m_operator = e.operatorName; // in a shared journal: the login, as the database recorded it
    journal->watch(e.deploymentId);
    return R(std::move(d));
}

Result<std::unique_ptr<Deployment>> Deployment::open(Journal *journal, Clock *clock, const QString &deploymentId, const QString &operatorName)
{
    using R = Result<std::unique_ptr<Deployment>>;
    Result<QList<DeploymentEvent>> events = journal->events(deploymentId);
    if (!events)
        return R::failure(events.error());
    if (events.value().isEmpty() || events.value().first().kind != DeploymentEvent::Kind::DeploymentStarted)
        return R::failure(phrase("Deployment", "%1: no deployment %2 in this journal").arg(journal->path()).arg(deploymentId));
    const QString sha = events.value().first().payload.value(QStringLiteral("runbookSha256")).toString();
    const Result<Journal::StoredRunbook> stored = journal->runbook(sha);
    if (!stored)
        return R::failure(stored.error());
    std::unique_ptr<Deployment> d(new Deployment(journal, clock, RunbookParser::parse(stored.value().text, stored.value().name), operatorName));
    for (const DeploymentEvent &e : events.value()) {
        const QString error = d->m_state.apply(e);
        if (!error.isEmpty())
            return R::failure(phrase("Deployment", "%1: deployment %2: %3").arg(journal->path()).arg(deploymentId).arg(error));
    }
    journal->watch(deploymentId);
    return R(std::move(d));
}

Phrase Deployment::readOnlyPhrase() const
{
    if (m_state.closed)
        return phrase("Deployment", "the deployment is closed");
    if (!journalConnected())
        return m_journal->isOpen() ? Phrase::verbatim(m_journal->connectionProblem()) : phrase("Deployment", "the journal is not open");
    if (!m_lockLapse.isEmpty())
        return m_lockLapse;
    if (!m_heldBy.isEmpty())
        return phrase("Deployment", "another console drives this deployment: %1").arg(m_heldBy);
    return {};
}

void Deployment::setHeldBy(const QString &holder, const Phrase &lockLapse)
{
    if (m_heldBy == holder && m_lockLapse == lockLapse)
        return;
    m_heldBy = holder;
    m_lockLapse = lockLapse;
    Q_EMIT readOnlyChanged();
}

Result<bool> Deployment::lockHolds() const
{
    return m_journal->fenceHolds(m_state.id);
}

Status Deployment::checkWritable(const QString &itemId) const
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed; its checklist can no longer change"));
    if (!m_heldBy.isEmpty() || !m_lockLapse.isEmpty())
        return Status::failure(readOnlyPhrase());
    const RunbookItem *item = m_runbook.item(itemId);
    if (!item)
        return Status::failure(phrase("Deployment", "no item \"%1\" in the runbook").arg(itemId));
    if (!item->checkable)
        return Status::failure(phrase("Deployment", "\"%1\" is not a checklist item").arg(item->text));
    return {};
}

namespace {

// Every text of an event with the known secrets replaced: whatever path a secret took into an
// event (a program's output, a server's error, a note), it is not written to disk.
QJsonValue redacted(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return Redactor::redact(value.toString());
    case QJsonValue::Array: {
        QJsonArray array;
        for (const QJsonValue &v : value.toArray())
            array.append(redacted(v));
        return array;
    }
    case QJsonValue::Object: {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            *it = redacted(*it);
        return object;
    }
    default: return value;
    }
}

} // namespace

Status Deployment::checkRecordable(DeploymentEvent::Kind kind, const QJsonObject &payload) const
{
    if (!journalConnected())
        return Status::failure(readOnlyPhrase());
    const bool driving = m_heldBy.isEmpty() && m_lockLapse.isEmpty();
    if (driving || isAnnotation(kind))
        return {};
    if (m_actsOnTriggers.value_or(false) && isAutomaticRollback(kind, payload))
        return {};
    return Status::failure(readOnlyPhrase());
}

bool Deployment::mayAnnotate() const
{
    return !m_state.closed && journalConnected() && !m_journal->isReadOnly();
}

void Deployment::setActsOnTriggers(bool acts)
{
    if (m_actsOnTriggers == acts)
        return;
    m_actsOnTriggers = acts;
    Q_EMIT readOnlyChanged(); // what the Rollout may do changed
}

Status Deployment::record(DeploymentEvent::Kind kind, const QString &itemId, const QJsonObject &payload)
{
    if (Status s = checkRecordable(kind, payload); !s)
        return s;
    const bool driving = m_heldBy.isEmpty() && m_lockLapse.isEmpty();
    // A note, a request or a watching console's automatic rollback does not depend on what
    // another console just wrote: after reading it, it is written on top.
    const bool retry = isAnnotation(kind) || (!driving && isAutomaticRollback(kind, payload));
    const QJsonObject safe = Redactor::isEmpty() ? payload : redacted(payload).toObject();
    for (int attempt = 0;; ++attempt) {
        m_refreshedDecisions = false;
        DeploymentEvent e = DeploymentEvent::make(kind, m_state.id, m_clock->nowMs(), m_operator, itemId, safe);
        bool conflict = false;
        // Only on top of the last event this console knows: what it decided on is what is stored.
        if (Status s = m_journal->append(e, m_state.lastSeq, &conflict); !s) {
            if (!conflict)
                return s;
            // Another console wrote meanwhile: show what it did, and let the person (or the
            // caller) decide again on that.
            if (Status r = refresh(); !r)
                return Status::failure(phrase("Deployment", "%1; reading what it wrote failed too: %2").arg(s.errorPhrase()).arg(r.errorPhrase()));
            // Nor does anything decided here depend on notes and rollback requests that came in
            // meanwhile (the window shows them as they arrive): written on top of them too.
            if ((retry || !m_refreshedDecisions) && attempt < 3 && !m_state.closed)
                continue;
            return Status::failure(phrase("Deployment", "another console changed the deployment just now; this console shows what it did. Try again if it still applies"));
        }
        const QString error = m_state.apply(e);
        Q_ASSERT(error.isEmpty());
        announce(e);
        Q_EMIT eventApplied(e, false);
        return {};
    }
}

void Deployment::announce(const DeploymentEvent &e)
{
    switch (e.kind) {
    case DeploymentEvent::Kind::DeploymentClosed: Q_EMIT closedChanged(); break;
    case DeploymentEvent::Kind::TrafficCommanded:
    case DeploymentEvent::Kind::TrafficApplied:
    case DeploymentEvent::Kind::GateOverridden:
    case DeploymentEvent::Kind::RuleBreached:
    case DeploymentEvent::Kind::RollbackStarted:
    case DeploymentEvent::Kind::TrafficDrift: Q_EMIT trafficChanged(); break;
    case DeploymentEvent::Kind::ReadingConfirmed: Q_EMIT readingConfirmedChanged(); break;
    case DeploymentEvent::Kind::GateChanged: break; // the Rollout that records it says gateChanged()
    case DeploymentEvent::Kind::StatusUpdateSent:
    case DeploymentEvent::Kind::StatusUpdateFailed:
    case DeploymentEvent::Kind::StatusUpdateRetried: Q_EMIT statusUpdatesChanged(); break;
    case DeploymentEvent::Kind::ProcedureStarted:
    case DeploymentEvent::Kind::ProcedureFinished: Q_EMIT procedureChanged(e.itemId); break;
    case DeploymentEvent::Kind::StepStarted:
    case DeploymentEvent::Kind::StepFinished:
    case DeploymentEvent::Kind::StepSkipped:
    case DeploymentEvent::Kind::StepAwaiting:
        Q_EMIT itemChanged(e.itemId);
        Q_EMIT procedureChanged(e.payload.value(QStringLiteral("procedure")).toString());
        break;
    case DeploymentEvent::Kind::DeploymentStarted:
    case DeploymentEvent::Kind::ControlTaken:
    case DeploymentEvent::Kind::RollbackRequested: // eventApplied() says it
    case DeploymentEvent::Kind::Unknown: break;
    default: Q_EMIT itemChanged(e.itemId); break;
    }
}

Status Deployment::check(const QString &itemId)
{
    if (Status s = checkWritable(itemId); !s)
        return s;
    if (m_state.item(itemId).status == ItemState::Status::Done)
        return {};
    return record(DeploymentEvent::Kind::ItemChecked, itemId);
}

Status Deployment::uncheck(const QString &itemId)
{
    if (Status s = checkWritable(itemId); !s)
        return s;
    if (m_state.item(itemId).status == ItemState::Status::Open)
        return {};
    return record(DeploymentEvent::Kind::ItemUnchecked, itemId);
}

Status Deployment::skip(const QString &itemId, const QString &reason)
{
    if (Status s = checkWritable(itemId); !s)
        return s;
    if (reason.trimmed().isEmpty())
        return Status::failure(phrase("Deployment", "skipping an item needs a reason"));
    return record(DeploymentEvent::Kind::ItemSkipped, itemId, {{QStringLiteral("reason"), reason.trimmed()}});
}

Status Deployment::requestRollback(const QString &reason)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed; there is nothing to roll back from here"));
    if (reason.trimmed().isEmpty())
        return Status::failure(phrase("Deployment", "a rollback request needs a reason the driver can act on"));
    return record(DeploymentEvent::Kind::RollbackRequested, {}, {{QStringLiteral("reason"), reason.trimmed()}});
}

Status Deployment::confirmReading(bool headless)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    if (isReadingConfirmed())
        return {};
    return record(DeploymentEvent::Kind::ReadingConfirmed, {},
                  {{QStringLiteral("digest"), m_readingDigest},
                   {QStringLiteral("reading"), m_reading.text()},
                   {QStringLiteral("acceptedBy"), headless ? QStringLiteral("headless run") : QStringLiteral("operator")}});
}

Status Deployment::recordControlTaken(const QString &from)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    return record(DeploymentEvent::Kind::ControlTaken, {}, {{QStringLiteral("from"), from}});
}

Status Deployment::setNote(const QString &itemId, const QString &text)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed; its checklist can no longer change"));
    if (!m_runbook.item(itemId))
        return Status::failure(phrase("Deployment", "no item \"%1\" in the runbook").arg(itemId));
    if (m_state.item(itemId).note == text.trimmed())
        return {};
    return record(DeploymentEvent::Kind::NoteSet, itemId, {{QStringLiteral("text"), text.trimmed()}});
}

Status Deployment::close(DeploymentOutcome outcome, const QString &note)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is already closed"));
    return record(DeploymentEvent::Kind::DeploymentClosed, {},
                  {{QStringLiteral("outcome"), nameOf(outcome)}, {QStringLiteral("note"), note.trimmed()}});
}

Status Deployment::recordTrafficCommand(int greenPercent, const QString &reason, bool automatic)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed; traffic is no longer commanded from it"));
    if (greenPercent < 0 || greenPercent > 100)
        return Status::failure(phrase("Deployment", "%1 % is not a traffic share").arg(greenPercent));
    return record(DeploymentEvent::Kind::TrafficCommanded, {},
                  {{QStringLiteral("green"), greenPercent}, {QStringLiteral("reason"), reason}, {QStringLiteral("automatic"), automatic}});
}

Status Deployment::recordTrafficResult(const TrafficResult &result)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    // Details are a transcript (commands and answers); cap them so a chatty program cannot bloat the journal.
    constexpr qsizetype MaxDetails = 16 * 1024;
    return record(DeploymentEvent::Kind::TrafficApplied, {},
                  {{QStringLiteral("commanded"), result.commandedGreenPercent},
                   {QStringLiteral("ok"), result.ok},
                   {QStringLiteral("observedGreen"), result.greenPercent},
                   {QStringLiteral("verified"), result.verified},
                   {QStringLiteral("message"), result.message.english()},
                   {QStringLiteral("details"), result.details.right(MaxDetails)}});
}

Status Deployment::recordTrafficDrift(int commanded, int observed, const QString &source, bool ended, const QString &detail)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    return record(DeploymentEvent::Kind::TrafficDrift, {},
                  {{QStringLiteral("commanded"), commanded},
                   {QStringLiteral("observed"), observed},
                   {QStringLiteral("source"), source},
                   {QStringLiteral("ended"), ended},
                   {QStringLiteral("detail"), detail}});
}

Status Deployment::recordOverride(int fromPercent, int toPercent, const QString &reason, const QStringList &blockedBy)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    if (reason.trimmed().isEmpty())
        return Status::failure(phrase("Deployment", "overriding the gate needs a reason"));
    return record(DeploymentEvent::Kind::GateOverridden, {},
                  {{QStringLiteral("from"), fromPercent},
                   {QStringLiteral("to"), toPercent},
                   {QStringLiteral("reason"), reason.trimmed()},
                   {QStringLiteral("blockedBy"), QJsonArray::fromStringList(blockedBy)}});
}

Status Deployment::recordBreach(const RuleStatus &status, const QString &query, std::optional<double> blueValue)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    QJsonObject payload{{QStringLiteral("ruleId"), status.ruleId},
                        {QStringLiteral("tier"), nameOf(status.tier)},
                        {QStringLiteral("state"), nameOf(status.state)},
                        {QStringLiteral("text"), status.describe()},
                        {QStringLiteral("unit"), status.unit}};
    if (status.value)
        payload.insert(QStringLiteral("value"), *status.value);
    if (status.threshold)
        payload.insert(QStringLiteral("threshold"), *status.threshold);
    // How long it had breached and had to (the rule's `for`), for the decision record.
    payload.insert(QStringLiteral("sinceMs"), double(status.sinceMs));
    payload.insert(QStringLiteral("heldMs"), double(status.heldMs));
    payload.insert(QStringLiteral("forMs"), double(status.forMs));
    if (!query.isEmpty())
        payload.insert(QStringLiteral("query"), query);
    if (blueValue)
        payload.insert(QStringLiteral("blueValue"), *blueValue);
    return record(DeploymentEvent::Kind::RuleBreached, {}, payload);
}

Status Deployment::recordGateChange(bool open, int atPercent, std::optional<int> nextPercent, const QStringList &reasons, const QStringList &keys)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    return record(DeploymentEvent::Kind::GateChanged, {},
                  {{QStringLiteral("open"), open},
                   {QStringLiteral("atPercent"), atPercent},
                   {QStringLiteral("nextPercent"), nextPercent ? QJsonValue(*nextPercent) : QJsonValue()},
                   {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)},
                   {QStringLiteral("keys"), QJsonArray::fromStringList(keys)}});
}

Status Deployment::recordStatusUpdate(DeploymentEvent::Kind kind, const QString &updateId, const QJsonObject &payload)
{
    if (kind != DeploymentEvent::Kind::StatusUpdateSent && kind != DeploymentEvent::Kind::StatusUpdateFailed
        && kind != DeploymentEvent::Kind::StatusUpdateRetried)
        return Status::failure(phrase("Deployment", "%1 is not a status update's event").arg(DeploymentEvent::nameOf(kind)));
    if (updateId.isEmpty())
        return Status::failure(phrase("Deployment", "a status update needs an id"));
    // Allowed after the close: an update sent before it may be answered after it.
    return record(kind, updateId, payload);
}

Status Deployment::recordRollback(const QString &reason, const QString &ruleId, bool automatic)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    return record(DeploymentEvent::Kind::RollbackStarted, {},
                  {{QStringLiteral("reason"), reason}, {QStringLiteral("ruleId"), ruleId}, {QStringLiteral("automatic"), automatic}});
}

Status Deployment::recordProcedureStarted(const QString &procedureId, const QString &title, const QString &reason, bool automatic,
                                          const QStringList &restartSteps)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    QJsonObject payload{{QStringLiteral("title"), title}, {QStringLiteral("reason"), reason}, {QStringLiteral("automatic"), automatic}};
    if (!restartSteps.isEmpty()) {
        payload.insert(QStringLiteral("run"), m_state.procedures.value(procedureId).run + 1);
        payload.insert(QStringLiteral("restartSteps"), QJsonArray::fromStringList(restartSteps));
    }
    return record(DeploymentEvent::Kind::ProcedureStarted, procedureId, payload);
}

Status Deployment::recordProcedureFinished(const QString &procedureId, bool completed, const QString &reason)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    return record(DeploymentEvent::Kind::ProcedureFinished, procedureId,
                  {{QStringLiteral("outcome"), completed ? QStringLiteral("completed") : QStringLiteral("aborted")}, {QStringLiteral("reason"), reason}});
}

Status Deployment::recordStepStarted(const QString &procedureId, const QString &itemId, const QString &action, const QString &description,
                                     bool confirmed, const RunMark &run)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    QJsonObject payload{{QStringLiteral("procedure"), procedureId},
                        {QStringLiteral("action"), action},
                        {QStringLiteral("description"), description},
                        {QStringLiteral("confirmed"), confirmed}};
    if (!run.isEmpty())
        payload.insert(QStringLiteral("run"), run.toJson());
    return record(DeploymentEvent::Kind::StepStarted, itemId, payload);
}

namespace {
QJsonObject outcomePayload(const ActionOutcome &outcome)
{
    QJsonObject payload{{QStringLiteral("ok"), outcome.ok},
                        {QStringLiteral("message"), outcome.message},
                        {QStringLiteral("output"), outcome.output.right(Deployment::OutputCap)},
                        {QStringLiteral("durationMs"), double(outcome.durationMs)}};
    if (outcome.exitCode)
        payload.insert(QStringLiteral("exitCode"), *outcome.exitCode);
    return payload;
}
} // namespace

Status Deployment::recordStepFinished(const QString &procedureId, const QString &itemId, const ActionOutcome &outcome, bool confirmed)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    QJsonObject payload = outcomePayload(outcome);
    payload.insert(QStringLiteral("procedure"), procedureId);
    payload.insert(QStringLiteral("confirmed"), confirmed);
    return record(DeploymentEvent::Kind::StepFinished, itemId, payload);
}

Status Deployment::recordStepSkipped(const QString &procedureId, const QString &itemId, const QString &reason)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    if (reason.trimmed().isEmpty())
        return Status::failure(phrase("Deployment", "skipping a step needs a reason"));
    return record(DeploymentEvent::Kind::StepSkipped, itemId, {{QStringLiteral("procedure"), procedureId}, {QStringLiteral("reason"), reason.trimmed()}});
}

Status Deployment::recordStepAwaiting(const QString &procedureId, const QString &itemId, const QString &why)
{
    if (m_state.closed)
        return Status::failure(phrase("Deployment", "the deployment is closed"));
    return record(DeploymentEvent::Kind::StepAwaiting, itemId, {{QStringLiteral("procedure"), procedureId}, {QStringLiteral("why"), why}});
}

Status Deployment::recordCheck(const QString &itemId, const QString &action, const ActionOutcome &outcome)
{
    if (Status s = checkWritable(itemId); !s)
        return s;
    QJsonObject payload = outcomePayload(outcome);
    payload.insert(QStringLiteral("action"), action);
    return record(DeploymentEvent::Kind::CheckRan, itemId, payload);
}

Deployment::Progress Deployment::progress(const QString &sectionId) const
{
    Progress p;
    for (const RunbookItem *item : m_runbook.checkableItems(sectionId)) {
        ++p.total;
        switch (m_state.item(item->id).status) {
        case ItemState::Status::Done: ++p.done; break;
        case ItemState::Status::Skipped: ++p.skipped; break;
        case ItemState::Status::Open: break;
        }
    }
    return p;
}

qint64 Deployment::elapsedMs() const
{
    const qint64 end = m_state.closed ? m_state.closedAtMs : m_clock->nowMs();
    return std::max<qint64>(0, end - m_state.startedAtMs);
}

QStringList Deployment::orphanedItemIds() const
{
    QStringList orphans;
    for (const QString &id : m_state.touchedItemIds()) {
        if (!m_runbook.item(id))
            orphans.append(id);
    }
    orphans.sort();
    return orphans;
}
