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

QString failureText(int httpStatus, const QString &message)
{
    // The journaled words usually begin with the status line already.
    const QString status = QString::number(httpStatus);
    return httpStatus > 0 && !message.startsWith(status) && !message.startsWith(QStringLiteral("HTTP ") + status) ? QStringLiteral("HTTP %1: %2").arg(status, message) : message;
}

// The failed attempts before a delivery's last result, in the server's words: "delivered after 2
// attempts" alone would hide that the webhook answered 500 first.
QString earlierFailures(const ReportData &data, const QString &updateId, const StatusUpdateDelivery &d, const ReportText &text)
{
    QStringList failures;
    for (const DeploymentEvent &e : data.events) {
        if (e.kind != DeploymentEvent::Kind::StatusUpdateFailed || e.itemId != updateId || e.atMs == d.atMs
            || e.payload.value(QStringLiteral("webhook")).toString() != d.webhook)
            continue;
        failures << QStringLiteral("attempt %1 failed at %2: %3")
                        .arg(QString::number(e.payload.value(QStringLiteral("attempt")).toInt(1)), text.at(e.atMs),
                             failureText(e.payload.value(QStringLiteral("httpStatus")).toInt(), e.payload.value(QStringLiteral("message")).toString()));
    }
    return failures.isEmpty() ? QString() : QStringLiteral("; ") + failures.join(QStringLiteral("; "));
}

ReportCell deliveryText(const ReportData &data, const QString &updateId, const StatusUpdateDelivery &d, const ReportText &text)
{
    const QString attempts = d.attempts > 1 ? QStringLiteral(" after %1 attempts").arg(d.attempts) : QString();
    const QString before = earlierFailures(data, updateId, d, text);
    if (d.delivered)
        return ReportCell(QStringLiteral("delivered%1 (HTTP %2) at %3%4").arg(attempts, QString::number(d.httpStatus), text.at(d.atMs), before), Tone::Good);
    if (d.atMs == 0)
        return ReportCell(QStringLiteral("retried (attempt %1), no answer journaled%2").arg(QString::number(d.attempts), before), Tone::Warn);
    if (d.retryInMs > 0)
        return ReportCell(QStringLiteral("failed%1 at %2: %3; to be retried in %4%5")
                              .arg(attempts, text.at(d.atMs), failureText(d.httpStatus, d.message), ReportText::duration(d.retryInMs), before),
                          Tone::Warn);
    return ReportCell(QStringLiteral("FAILED%1 at %2: %3; given up%4").arg(attempts, text.at(d.atMs), failureText(d.httpStatus, d.message), before), Tone::Bad);
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
            facts << ReportFact{d.webhook, deliveryText(data, u.id, d, text)};
        const Tone tone = u.failedSomewhere() ? Tone::Bad : u.deliveredAnywhere() ? Tone::Good : Tone::Warn;
        doc.entry(QStringLiteral("%1 %2: %3").arg(text.at(u.atMs), triggerName(u.trigger), u.title), tone, facts, u.text);
    }
}
