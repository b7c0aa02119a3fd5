#include "headlessreading.h"

#include "headless/headlessoutput.h"
#include "runbook/runbookreading.h"

#include <QStringList>
#include <QTextStream>

namespace HeadlessReading {

void print(QTextStream &out, qint64 elapsedMs, const RunbookReading &reading)
{
    const QStringList lines = reading.text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &text : lines)
        HeadlessOutput::line(out, elapsedMs, QStringLiteral("reading"), text);
    HeadlessOutput::line(out, elapsedMs, QStringLiteral("reading"), QStringLiteral("digest %1").arg(reading.digest()));
}

QString unreadMessage(const RunbookReading &reading)
{
    QStringList parts;
    for (const Diagnostic &d : reading.unread())
        parts << RunbookReading::unreadText(d);
    return QStringLiteral("the runbook could not be read completely: %1 (--accept-reading runs it anyway)").arg(parts.join(QStringLiteral("; ")));
}

} // namespace HeadlessReading
