#include "actionbinding.h"

#include "runbook/runbook.h"

#include <QFileInfo>

#include <array>
#include <optional>

namespace {

constexpr std::array<std::pair<ActionBinding::Kind, const char *>, 6> KindNames{{
    {ActionBinding::Kind::TrafficToBlue, "traffic-to-blue"},
    {ActionBinding::Kind::VerifyBlueStable, "verify-blue-stable"},
    {ActionBinding::Kind::HealthChecks, "health"},
    {ActionBinding::Kind::Http, "http"},
    {ActionBinding::Kind::Tcp, "tcp"},
    {ActionBinding::Kind::Command, "command"},
}};

QString folded(const QString &text)
{
    return text.simplified().toCaseFolded();
}

} // namespace

bool ActionBinding::matches(const RunbookItem &item) const
{
    if (!itemId.isEmpty())
        return item.id == itemId;
    return !itemText.isEmpty() && folded(item.text) == folded(itemText);
}

QString ActionBinding::describe() const
{
    switch (kind) {
    case Kind::TrafficToBlue: return QStringLiteral("sends all traffic to blue and waits until green is observed at 0 %");
    case Kind::VerifyBlueStable:
        return QStringLiteral("watches blue for %1 min: every decision point and automatic trigger must hold").arg(double(windowMs) / 60000.0, 0, 'g', 3);
    case Kind::HealthChecks: {
        QStringList list;
        for (const QUrl &u : urls)
            list << u.toDisplayString();
        return QStringLiteral("checks %1 answer 2xx").arg(list.isEmpty() ? QStringLiteral("blue's health endpoint") : list.join(QStringLiteral(", ")));
    }
    case Kind::Http:
        return QStringLiteral("GET %1, expects %2%3")
            .arg(url.toDisplayString())
            .arg(expectStatus)
            .arg(bodyContains.isEmpty() ? QString() : QStringLiteral(" and \"%1\" in the body").arg(bodyContains));
    case Kind::Tcp: return QStringLiteral("connects to %1 port %2").arg(host).arg(port);
    case Kind::Command: return QStringLiteral("runs %1").arg(command.commandLine());
    }
    return {};
}

QString nameOf(ActionBinding::Kind kind)
{
    for (const auto &[k, name] : KindNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<ActionBinding::Kind> actionKindFromName(QStringView name)
{
    for (const auto &[k, n] : KindNames) {
        if (name == QLatin1String(n))
            return k;
    }
    return std::nullopt;
}

const ActionBinding *bindingFor(const QList<ActionBinding> &bindings, const RunbookItem &item)
{
    const ActionBinding *byText = nullptr;
    for (const ActionBinding &b : bindings) {
        if (!b.itemId.isEmpty() && b.itemId == item.id)
            return &b;
        if (!byText && b.itemId.isEmpty() && b.matches(item))
            byText = &b;
    }
    return byText;
}
