#include "traffictimelinesection.h"

#include "report/reportdata.h"
#include "report/reportdocument.h"
#include "report/reporttext.h"

#include <QJsonArray>

namespace {

using Tone = ReportCell::Tone;

ReportCell verdict(const DeploymentEvent &command, const DeploymentEvent *override, int from, int to)
{
    const QString reason = command.payload.value(QStringLiteral("reason")).toString();
    if (override) {
        const QStringList blockedBy = override->payload.value(QStringLiteral("blockedBy")).toVariant().toStringList();
        return ReportCell(QStringLiteral("OVERRIDDEN by %1: \"%2\". The gate was closed: %3")
                              .arg(override->operatorName, override->payload.value(QStringLiteral("reason")).toString(),
                                   blockedBy.isEmpty() ? QStringLiteral("(no reasons recorded)") : blockedBy.join(QStringLiteral("; "))),
                          Tone::Bad);
    }
    if (to == 0 && (reason.startsWith(u"automatic trigger") || reason.contains(u"rollback")))
        return ReportCell(QStringLiteral("rollback: %1").arg(reason), Tone::Bad);
    if (to < from)
        return ReportCell(QStringLiteral("step back (always allowed): %1").arg(reason), Tone::Warn);
    if (reason.startsWith(u"retry"))
        return ReportCell(reason, Tone::Warn);
    if (to == from)
        return ReportCell(reason, Tone::Muted);
    return ReportCell(QStringLiteral("gate open: %1").arg(reason), Tone::Good);
}

} // namespace

void TrafficTimelineSection::add(ReportDocument &doc, const ReportData &data, const ReportText &text)
{
    doc.heading(QStringLiteral("Traffic timeline"), QStringLiteral("traffic-timeline"));
    QList<QList<ReportCell>> rows;
    int previous = 0;
    const DeploymentEvent *pendingOverride = nullptr;
    for (qsizetype i = 0; i < data.events.size(); ++i) {
        const DeploymentEvent &e = data.events[i];
        if (e.kind == DeploymentEvent::Kind::GateOverridden) {
            pendingOverride = &e;
            continue;
        }
        if (e.kind != DeploymentEvent::Kind::TrafficCommanded)
            continue;
        const int green = e.payload.value(QStringLiteral("green")).toInt();
        const DeploymentEvent *override = pendingOverride && pendingOverride->payload.value(QStringLiteral("to")).toInt() == green ? pendingOverride : nullptr;
        pendingOverride = nullptr;
        // Its result: the next traffic-applied for this percentage before another command.
        const DeploymentEvent *result = nullptr;
        for (qsizetype j = i + 1; j < data.events.size(); ++j) {
            const DeploymentEvent &r = data.events[j];
            if (r.kind == DeploymentEvent::Kind::TrafficCommanded)
                break;
            if (r.kind == DeploymentEvent::Kind::TrafficApplied && r.payload.value(QStringLiteral("commanded")).toInt() == green) {
                result = &r;
                break;
            }
        }
        const bool automatic = e.payload.value(QStringLiteral("automatic")).toBool();
        const QString by = automatic ? QStringLiteral("automatic (console of %1)").arg(e.operatorName) : e.operatorName;
        ReportCell outcome(QStringLiteral("no result recorded (the console stopped while it was sent)"), Tone::Warn);
        if (result) {
            const bool ok = result->payload.value(QStringLiteral("ok")).toBool();
            const int observed = result->payload.value(QStringLiteral("observedGreen")).toInt(-1);
            const QString message = result->payload.value(QStringLiteral("message")).toString();
            if (ok)
                outcome = ReportCell(QStringLiteral("applied after %1%2").arg(ReportText::duration(result->atMs - e.atMs),
                                                                                observed >= 0 ? QStringLiteral("; green observed at %1 %").arg(observed) : QString()),
                                     Tone::Good);
            else
                outcome = ReportCell(QStringLiteral("FAILED: %1").arg(message.isEmpty() ? QStringLiteral("no message") : message), Tone::Bad);
        }
        rows << QList<ReportCell>{ReportCell(text.at(e.atMs), Tone::Plain, true),
                                  ReportCell(QStringLiteral("%1 % → %2 %").arg(previous).arg(green), Tone::Plain, true),
                                  by,
                                  verdict(e, override, previous, green),
                                  outcome};
        previous = green;
    }
    if (rows.isEmpty()) {
        doc.paragraph(QStringLiteral("No traffic was moved: all traffic stayed on blue."), Tone::Muted);
        return;
    }
    doc.paragraph(QStringLiteral("Every traffic command in the order it was journaled (before it was sent), with the gate's verdict at that "
                                 "moment and the traffic controller's answer."));
    doc.table({QStringLiteral("Time"), QStringLiteral("Green"), QStringLiteral("By"), QStringLiteral("Gate's verdict"), QStringLiteral("Result")}, rows);
}
