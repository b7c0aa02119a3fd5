#include "statusupdatessection.h"

#include "report/reportdata.h"
#include "report/reportdocument.h"
#include "report/reporttext.h"

namespace {

using Tone = ReportCell::Tone;

QString triggerName(const QString &trigger)
{
    if (trigger == u"scheduled")
        return QStringLiteral("Scheduled update");
    if (trigger == u"rollback")
        return QStringLiteral("Rollback notice");
    if (trigger == u"trigger")
        return QStringLiteral("Automatic trigger notice");
    if (trigger == u"manual")
        return QStringLiteral("Update");
    return QStringLiteral("Update (%1)").arg(trigger);
}

ReportCell deliveryText(const StatusUpdateDelivery &d, const ReportText &text)
{
    const QString attempts = d.attempts > 1 ? QStringLiteral(" after %1 attempts").arg(d.attempts) : QString();
    if (d.delivered)
        return ReportCell(QStringLiteral("delivered%1 (HTTP %2) at %3").arg(attempts, QString::number(d.httpStatus), text.at(d.atMs)), Tone::Good);
    const QString status = d.httpStatus > 0 ? QStringLiteral("HTTP %1: ").arg(d.httpStatus) : QString();
    if (d.atMs == 0)
        return ReportCell(QStringLiteral("retried (attempt %1), no answer journaled").arg(d.attempts), Tone::Warn);
    if (d.retryInMs > 0)
        return ReportCell(QStringLiteral("failed%1 at %2: %3%4; to be retried in %5")
                              .arg(attempts, text.at(d.atMs), status, d.message, ReportText::duration(d.retryInMs)),
                          Tone::Warn);
    return ReportCell(QStringLiteral("FAILED%1 at %2: %3%4; given up").arg(attempts, text.at(d.atMs), status, d.message), Tone::Bad);
}

} // namespace

void StatusUpdatesSection::add(ReportDocument &doc, const ReportData &data, const ReportText &text)
{
    doc.heading(QStringLiteral("Status updates"), QStringLiteral("status-updates"));
    if (data.state.statusUpdates.isEmpty()) {
        doc.paragraph(data.environment.webhooksConfigured ? QStringLiteral("No status update was sent.")
                                                          : QStringLiteral("No status update was sent (the profile names no webhook)."),
                      Tone::Muted);
        return;
    }
    for (const StatusUpdateRecord &u : data.state.statusUpdates) {
        QList<ReportFact> facts;
        for (const StatusUpdateDelivery &d : u.deliveries)
            facts << ReportFact{d.webhook, deliveryText(d, text)};
        const Tone tone = u.failedSomewhere() ? Tone::Bad : u.deliveredAnywhere() ? Tone::Good : Tone::Warn;
        doc.entry(QStringLiteral("%1 %2: %3").arg(text.at(u.atMs), triggerName(u.trigger), u.title), tone, facts, u.text);
    }
}
