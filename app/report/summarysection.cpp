#include "summarysection.h"

#include "deployment/checklistlayout.h"
#include "report/reportdata.h"
#include "report/reportdocument.h"
#include "report/reporttext.h"

#include <QSet>

#include <algorithm>

namespace {

using Tone = ReportCell::Tone;

QString outcomeText(const ReportData &data)
{
    if (!data.state.closed)
        return QStringLiteral("In progress");
    switch (data.state.outcome.value_or(DeploymentOutcome::Aborted)) {
    case DeploymentOutcome::Completed: return QStringLiteral("Completed");
    case DeploymentOutcome::RolledBack: return QStringLiteral("Rolled back");
    case DeploymentOutcome::Aborted: return QStringLiteral("Aborted");
    }
    return {};
}

// Everyone who did something, in the order they first appear, with what they did first.
QString operatorsText(const ReportData &data)
{
    QStringList names;
    for (const DeploymentEvent &e : data.events) {
        if (!e.operatorName.isEmpty() && !names.contains(e.operatorName))
            names << e.operatorName;
    }
    QStringList described;
    for (const QString &name : std::as_const(names)) {
        QStringList roles;
        if (name == data.state.startedBy)
            roles << QStringLiteral("started it");
        if (data.state.closed && name == data.state.closedBy)
            roles << QStringLiteral("closed it");
        described << (roles.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, roles.join(QStringLiteral(", "))));
    }
    return described.join(QStringLiteral(", "));
}

QString trafficText(const ReportData &data)
{
    const TrafficState &t = data.state.traffic;
    int highest = 0;
    for (const DeploymentEvent &e : data.events) {
        if (e.kind == DeploymentEvent::Kind::TrafficApplied && e.payload.value(QStringLiteral("ok")).toBool())
            highest = std::max(highest, e.payload.value(QStringLiteral("commanded")).toInt());
    }
    QString text = QStringLiteral("reached %1 % on green").arg(highest);
    if (t.rollbackActive || t.rollbackAtMs > 0)
        text += QStringLiteral("; %1 % on green after the rollback").arg(t.stepGreen);
    else if (t.stepGreen != highest)
        text += QStringLiteral("; %1 % on green at the end").arg(t.stepGreen);
    if (t.observedGreen)
        text += QStringLiteral(" (last observed %1 %)").arg(*t.observedGreen);
    return text;
}

bool touchesItem(DeploymentEvent::Kind kind)
{
    switch (kind) {
    case DeploymentEvent::Kind::ItemChecked:
    case DeploymentEvent::Kind::ItemUnchecked:
    case DeploymentEvent::Kind::ItemSkipped:
    case DeploymentEvent::Kind::NoteSet:
    case DeploymentEvent::Kind::StepFinished:
    case DeploymentEvent::Kind::StepSkipped:
    case DeploymentEvent::Kind::CheckRan: return true;
    default: return false;
    }
}

void addPhases(ReportDocument &doc, const ReportData &data, const ReportText &text)
{
    const Runbook &runbook = data.runbook;
    const int planLine = runbook.trafficPlan.isEmpty() ? -1 : runbook.trafficPlan.first().line;
    QList<QList<ReportCell>> rows;
    for (const RunbookSection &section : runbook.sections) {
        if (section.kind != SectionKind::Phase)
            continue;
        QSet<QString> items;
        int done = 0, skipped = 0, open = 0;
        bool holdsPlan = false;
        for (const RunbookItem *item : runbook.checkableItems(section.id)) {
            items.insert(item->id);
            holdsPlan = holdsPlan || item->line == planLine;
            switch (data.state.item(item->id).status) {
            case ItemState::Status::Done: ++done; break;
            case ItemState::Status::Skipped: ++skipped; break;
            case ItemState::Status::Open: ++open; break;
            }
        }
        std::optional<qint64> first, last;
        for (const DeploymentEvent &e : data.events) {
            const bool traffic = holdsPlan && (e.kind == DeploymentEvent::Kind::TrafficCommanded || e.kind == DeploymentEvent::Kind::TrafficApplied);
            if (!traffic && !(touchesItem(e.kind) && items.contains(e.itemId)))
                continue;
            first = first ? std::min(*first, e.atMs) : e.atMs;
            last = last ? std::max(*last, e.atMs) : e.atMs;
        }
        const bool finished = open == 0 && !items.isEmpty();
        QString planned = QStringLiteral("no window");
        if (section.window)
            planned = QStringLiteral("T+%1–%2 min").arg(section.window->startMinutes).arg(section.window->endMinutes);
        QList<ReportCell> row{ChecklistLayout::tabTitle(section), ReportCell(planned, Tone::Plain, true)};
        if (!first) {
            row << ReportCell(QStringLiteral("—"), Tone::Muted) << ReportCell(QStringLiteral("—"), Tone::Muted)
                << QStringLiteral("%1 done, %2 skipped, %3 open").arg(done).arg(skipped).arg(open);
            const qint64 endMinutes = (data.endMs() - data.state.startedAtMs) / 60'000;
            if (section.window && endMinutes >= section.window->endMinutes)
                row << ReportCell(QStringLiteral("not started; its window ended at T+%1 min").arg(section.window->endMinutes), Tone::Warn);
            else
                row << ReportCell(QStringLiteral("not started"), Tone::Muted);
            rows << row;
            continue;
        }
        const qint64 until = finished ? *last : std::max(*last, data.endMs());
        row << ReportCell(QStringLiteral("%1 → %2").arg(text.sinceStart(*first), finished ? text.sinceStart(*last) : QStringLiteral("open")), Tone::Plain, true)
            << ReportCell(text.duration(until - *first), Tone::Plain, true);
        row.insert(4, QStringLiteral("%1 done, %2 skipped, %3 open").arg(done).arg(skipped).arg(open));
        if (!section.window) {
            row << ReportCell(finished ? QStringLiteral("finished") : QStringLiteral("in progress"), Tone::Muted);
        } else {
            const qint64 windowEndMs = data.state.startedAtMs + qint64(section.window->endMinutes) * 60'000;
            const qint64 plannedMs = qint64(section.window->endMinutes - section.window->startMinutes) * 60'000;
            const qint64 overMs = until - windowEndMs;
            if (overMs > 0)
                row << ReportCell(QStringLiteral("OVER-RUN: %1 %2 past its window").arg(finished ? QStringLiteral("finished") : QStringLiteral("still open"),
                                                                                        text.duration(overMs)),
                                  Tone::Bad);
            else if (until - *first > plannedMs)
                row << ReportCell(QStringLiteral("took %1 longer than its %2 window").arg(text.duration(until - *first - plannedMs), text.duration(plannedMs)), Tone::Warn);
            else
                row << ReportCell(finished ? QStringLiteral("within its window") : QStringLiteral("in its window"), Tone::Good);
        }
        rows << row;
    }
    if (rows.isEmpty())
        return;
    doc.heading(QStringLiteral("Phases"), QStringLiteral("phases"), 3);
    doc.paragraph(QStringLiteral("Time spent in each phase, from its first to its last recorded action (traffic commands count for the phase holding "
                                 "the traffic plan), against the window the runbook plans for it, counted from the deployment's start."));
    doc.table({QStringLiteral("Phase"), QStringLiteral("Planned"), QStringLiteral("Active"), QStringLiteral("Time spent"), QStringLiteral("Items"),
               QStringLiteral("Against plan")},
              rows);
}

} // namespace

void SummarySection::add(ReportDocument &doc, const ReportData &data, const ReportText &text)
{
    const DeploymentState &s = data.state;
    doc.heading(QStringLiteral("Summary"), QStringLiteral("summary"));
    QString outcome = outcomeText(data);
    if (s.closed && !s.closeNote.isEmpty())
        outcome += QStringLiteral(": ") + s.closeNote;
    else if (!s.closed && s.traffic.rollbackActive)
        outcome += QStringLiteral(" (rolling back: %1)").arg(s.traffic.rollbackReason);
    const Tone tone = doc.outcomeTone;
    int done = 0, skipped = 0, open = 0;
    for (const RunbookItem *item : data.runbook.checkableItems()) {
        switch (s.item(item->id).status) {
        case ItemState::Status::Done: ++done; break;
        case ItemState::Status::Skipped: ++skipped; break;
        case ItemState::Status::Open: ++open; break;
        }
    }
    QList<ReportFact> facts{
        {QStringLiteral("Service"), s.service},
        {QStringLiteral("Version"), ReportCell(s.version, Tone::Plain, true)},
        {QStringLiteral("Outcome"), ReportCell(outcome, tone)},
        {QStringLiteral("Operators"), operatorsText(data)},
        {QStringLiteral("Started"), ReportCell(text.dateTime(s.startedAtMs), Tone::Plain, true)},
        {QStringLiteral("Ended"), s.closed ? ReportCell(text.dateTime(s.closedAtMs), Tone::Plain, true)
                                           : ReportCell(QStringLiteral("still running at %1").arg(text.dateTime(data.endMs())), Tone::Warn)},
        {QStringLiteral("Total time"), ReportCell(text.duration(data.endMs() - s.startedAtMs) + (s.closed ? QString() : QStringLiteral(" so far")), Tone::Plain, true)},
        {QStringLiteral("Traffic"), trafficText(data)},
    };
    if (s.traffic.rollbackAtMs > 0)
        facts << ReportFact{QStringLiteral("Rollback"), ReportCell(QStringLiteral("%1 at %2").arg(s.traffic.rollbackReason, text.at(s.traffic.rollbackAtMs)), Tone::Bad)};
    facts << ReportFact{QStringLiteral("Checklist"), QStringLiteral("%1 done, %2 skipped, %3 open of %4 items").arg(done).arg(skipped).arg(open).arg(done + skipped + open)};
    // As journaled at the start; the console's own name for it when the journal has none.
    const QString environment = !s.environment.isEmpty() ? s.environment : data.environment.name;
    // The console names the built-in demo "DEMO (simulated, ...)".
    const bool simulated = !s.environment.isEmpty() ? s.environment.startsWith(u"DEMO") : data.environment.simulated;
    facts << ReportFact{QStringLiteral("Environment"), environment.isEmpty() ? ReportCell(QStringLiteral("not recorded"), Tone::Muted)
                                                                             : ReportCell(environment, simulated ? Tone::Warn : Tone::Plain)};
    facts << ReportFact{QStringLiteral("Runbook"), ReportCell(QStringLiteral("%1 (SHA-256 %2)").arg(s.runbookName, s.runbookSha256.left(12)), Tone::Plain)};
    facts << ReportFact{QStringLiteral("Deployment id"), ReportCell(s.id, Tone::Muted, true)};
    doc.facts(facts);
    addPhases(doc, data, text);
}
