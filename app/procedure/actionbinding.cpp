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

Phrase ActionBinding::describePhrase() const
{
    switch (kind) {
    case Kind::TrafficToBlue: return phrase("ActionBinding", "sends all traffic to blue and waits until green is observed at 0 %");
    case Kind::VerifyBlueStable: {
        const double minutes = double(windowMs) / 60000.0;
        return phrase("ActionBinding", "watches blue for %1 min: every decision point and automatic trigger must hold")
            .arg(Phrase::number(minutes, QString::number(minutes, 'g', 3)));
    }
    case Kind::HealthChecks: {
        QStringList list;
        for (const QUrl &u : urls)
            list << u.toDisplayString();
        return phrase("ActionBinding", "checks %1 answer 2xx")
            .arg(list.isEmpty() ? phrase("ActionBinding", "blue's health endpoint") : Phrase::verbatim(list.join(QStringLiteral(", "))));
    }
    case Kind::Http:
        return bodyContains.isEmpty() ? phrase("ActionBinding", "GET %1, expects %2").arg(url.toDisplayString()).arg(expectStatus)
                                      : phrase("ActionBinding", "GET %1, expects %2 and \"%3\" in the body").arg(url.toDisplayString()).arg(expectStatus).arg(bodyContains);
    case Kind::Tcp: return phrase("ActionBinding", "connects to %1 port %2").arg(host).arg(port);
    case Kind::Command: return phrase("ActionBinding", "runs %1").arg(command.commandLine());
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
