#include "headlessoutput.h"

#include <algorithm>

namespace HeadlessOutput {

void line(QTextStream &out, qint64 elapsedMs, const QString &kind, const QString &text)
{
    const qint64 seconds = std::max<qint64>(0, elapsedMs / 1000);
    out << QStringLiteral("%1:%2:%3 ")
               .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
               .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
               .arg(seconds % 60, 2, 10, QLatin1Char('0'))
        << kind << ' ' << text << '\n';
    out.flush();
}

QString describe(const DeploymentEvent &e)
{
    const auto text = [&e](const char *key) { return e.payload.value(QLatin1String(key)).toString(); };
    QString what;
    switch (e.kind) {
    case DeploymentEvent::Kind::TrafficCommanded:
        what = QStringLiteral("green=%1% (%2)").arg(e.payload.value(QStringLiteral("green")).toInt()).arg(text("reason"));
        break;
    case DeploymentEvent::Kind::TrafficApplied:
        what = QStringLiteral("green=%1% %2").arg(e.payload.value(QStringLiteral("commanded")).toInt()).arg(e.payload.value(QStringLiteral("ok")).toBool() ? QStringLiteral("applied") : QStringLiteral("failed: ") + text("message"));
        break;
    case DeploymentEvent::Kind::RollbackStarted:
        what = QStringLiteral("%1%2").arg(text("reason"), e.payload.value(QStringLiteral("automatic")).toBool() ? QStringLiteral(" (automatic)") : QString());
        break;
    case DeploymentEvent::Kind::RollbackRequested: what = text("reason"); break;
    case DeploymentEvent::Kind::TrafficDrift:
        what = e.payload.value(QStringLiteral("ended")).toBool()
            ? QStringLiteral("ended, green=%1% as commanded").arg(e.payload.value(QStringLiteral("commanded")).toInt())
            : QStringLiteral("commanded green=%1%, %2 %3%").arg(e.payload.value(QStringLiteral("commanded")).toInt()).arg(text("source") == u"measured" ? QStringLiteral("measured") : QStringLiteral("observed")).arg(e.payload.value(QStringLiteral("observed")).toInt());
        break;
    case DeploymentEvent::Kind::ControlTaken:
        what = text("from").isEmpty() ? QStringLiteral("nobody drove") : QStringLiteral("from %1").arg(text("from"));
        break;
    case DeploymentEvent::Kind::NoteSet: what = QStringLiteral("%1: %2").arg(e.itemId, text("text")); break;
    case DeploymentEvent::Kind::RuleBreached: what = text("text"); break;
    case DeploymentEvent::Kind::ReadingConfirmed:
        what = QStringLiteral("%1 (%2)").arg(text("digest").left(12), text("acceptedBy") == QLatin1String("headless run") ? QStringLiteral("accepted by the headless run") : QStringLiteral("confirmed"));
        break;
    case DeploymentEvent::Kind::DeploymentClosed: what = text("outcome"); break;
    case DeploymentEvent::Kind::ItemChecked:
    case DeploymentEvent::Kind::ItemUnchecked:
    case DeploymentEvent::Kind::ItemSkipped: what = e.itemId; break;
    default: break;
    }
    return QStringLiteral("%1 #%2 by %3%4").arg(e.kindName).arg(e.seq).arg(e.operatorName, what.isEmpty() ? QString() : QStringLiteral(": ") + what);
}

} // namespace HeadlessOutput
