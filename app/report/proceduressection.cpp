#include "proceduressection.h"

#include "procedure/procedurecatalog.h"
#include "report/reportdata.h"
#include "report/reportdocument.h"
#include "report/reporttext.h"

namespace {

using Tone = ReportCell::Tone;

QString procedureStatus(const ProcedureRecord &p)
{
    switch (p.status) {
    case ProcedureRecord::Status::Running: return QStringLiteral("not finished");
    case ProcedureRecord::Status::Completed: return QStringLiteral("completed");
    case ProcedureRecord::Status::Aborted: return QStringLiteral("aborted");
    }
    return {};
}

ReportCell stepState(const StepRecord *step, const ItemState &item)
{
    if (!step) {
        if (item.status == ItemState::Status::Done)
            return ReportCell(QStringLiteral("done (checked in the checklist)"), Tone::Good);
        if (item.status == ItemState::Status::Skipped)
            return ReportCell(QStringLiteral("skipped: %1").arg(item.skipReason), Tone::Warn);
        return ReportCell(QStringLiteral("pending"), Tone::Muted);
    }
    switch (step->status) {
    case StepRecord::Status::Pending:
        return step->awaiting.isEmpty() ? ReportCell(QStringLiteral("pending"), Tone::Muted)
                                        : ReportCell(QStringLiteral("waiting for an operator (%1)").arg(step->awaiting), Tone::Warn);
    case StepRecord::Status::Running: return ReportCell(QStringLiteral("running (no result journaled)"), Tone::Warn);
    case StepRecord::Status::Done: return ReportCell(QStringLiteral("done"), Tone::Good);
    case StepRecord::Status::Failed: return ReportCell(QStringLiteral("FAILED"), Tone::Bad);
    case StepRecord::Status::Skipped: return ReportCell(QStringLiteral("skipped: %1").arg(step->skipReason), Tone::Warn);
    }
    return {};
}

} // namespace

void ProceduresSection::add(ReportDocument &doc, const ReportData &data, const ReportText &text)
{
    doc.heading(QStringLiteral("Rollback and emergency procedures"), QStringLiteral("procedures"));
    QStringList notRun;
    bool any = false;
    for (const ProcedureDef &def : findProcedures(data.runbook, {})) {
        const auto record = data.state.procedures.constFind(def.id);
        if (record == data.state.procedures.cend()) {
            notRun << def.title;
            continue;
        }
        any = true;
        const ProcedureRecord &p = record.value();
        doc.heading(QStringLiteral("%1: %2").arg(def.title, procedureStatus(p)), QStringLiteral("procedure-") + def.id, 3);
        QList<ReportFact> facts{{QStringLiteral("Started"), ReportCell(text.at(p.startedAtMs), Tone::Plain, true)},
                                {QStringLiteral("Why"), p.reason.isEmpty() ? QStringLiteral("not recorded") : p.reason},
                                {QStringLiteral("Started by"), p.automatic ? QStringLiteral("the console, automatically (console of %1)").arg(p.by) : p.by}};
        if (p.finishedAtMs > 0)
            facts << ReportFact{QStringLiteral("Finished"), ReportCell(QStringLiteral("%1, after %2").arg(text.at(p.finishedAtMs), ReportText::duration(p.finishedAtMs - p.startedAtMs)),
                                                                       p.status == ProcedureRecord::Status::Completed ? Tone::Good : Tone::Bad, true)};
        if (!p.finishReason.isEmpty())
            facts << ReportFact{QStringLiteral("Aborted because"), ReportCell(p.finishReason, Tone::Bad)};
        doc.facts(facts);
        QList<QList<ReportCell>> rows;
        QList<std::pair<QString, const StepRecord *>> outputs;
        int number = 0;
        for (const ProcedureStep &step : def.steps) {
            ++number;
            const auto found = data.state.steps.constFind(step.itemId);
            const StepRecord *record = found == data.state.steps.cend() ? nullptr : &found.value();
            const ItemState item = data.state.item(step.itemId);
            QString by = record ? record->by : item.by;
            if (record && record->confirmed)
                by += QStringLiteral(" (confirmed)");
            QString result;
            if (record) {
                result = record->message;
                if (!record->description.isEmpty())
                    result = result.isEmpty() ? record->description : record->description + QStringLiteral(": ") + result;
                if (record->attempts > 1)
                    result += QStringLiteral(" (%1 attempts)").arg(record->attempts);
                if (!record->output.isEmpty())
                    outputs << std::pair{QStringLiteral("%1. %2").arg(number).arg(step.text), record};
            }
            const qint64 at = record ? (record->finishedAtMs > 0 ? record->finishedAtMs : record->startedAtMs) : item.atMs;
            rows << QList<ReportCell>{ReportCell(QString::number(number), Tone::Muted, true),
                                      step.groupTitle.isEmpty() ? step.text : QStringLiteral("%1 (%2)").arg(step.text, step.groupTitle),
                                      stepState(record, item),
                                      ReportCell(by, Tone::Plain),
                                      ReportCell(at > 0 ? text.sinceStart(at) : QString(), Tone::Plain, true),
                                      ReportCell(record && record->exitCode ? QString::number(*record->exitCode) : QString(),
                                                 record && record->exitCode && *record->exitCode != 0 ? Tone::Bad : Tone::Plain, true),
                                      result};
        }
        doc.table({QStringLiteral("#"), QStringLiteral("Step"), QStringLiteral("State"), QStringLiteral("By"), QStringLiteral("When"), QStringLiteral("Exit"),
                   QStringLiteral("Result")},
                  rows);
        for (const auto &[title, record] : std::as_const(outputs)) {
            const QString exit = record->exitCode ? QStringLiteral(", exit status %1").arg(*record->exitCode) : QString();
            doc.preformatted(QStringLiteral("Output of step %1 (its tail%2)").arg(title, exit), record->output);
        }
    }
    if (!any)
        doc.paragraph(QStringLiteral("No rollback or emergency procedure was started."), Tone::Muted);
    if (!notRun.isEmpty())
        doc.paragraph(QStringLiteral("Not run: %1.").arg(notRun.join(QStringLiteral(", "))), Tone::Muted);
}
