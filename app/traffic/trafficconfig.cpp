#include "trafficconfig.h"

#include "haproxyruntimecommand.h"

namespace {

Status fail(const Phrase &message)
{
    return Status::failure(message);
}

// HAProxy's CLI splits commands at ';' and words at blanks, so such a name would change
// the command we send instead of naming a server.
bool isHaproxyName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        if (c.isSpace() || c == u';' || c == u'/' || c == u'\\' || c.unicode() < 0x20)
            return false;
    }
    return true;
}

Status checkHttpUrl(const QUrl &url, const char *field)
{
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return fail(phrase("TrafficConfig", "traffic.%1 must be an http or https URL with a host, not \"%2\"").arg(QString::fromLatin1(field)).arg(url.toString()));
    return {};
}

} // namespace

QString nameOf(TrafficConfig::Kind kind)
{
    switch (kind) {
    case TrafficConfig::Kind::Demo: return QStringLiteral("demo");
    case TrafficConfig::Kind::Haproxy: return QStringLiteral("haproxy");
    case TrafficConfig::Kind::Http: return QStringLiteral("http");
    case TrafficConfig::Kind::Command: return QStringLiteral("command");
    }
    return {};
}

std::optional<TrafficConfig::Kind> trafficKindFromName(QStringView name)
{
    for (auto kind : {TrafficConfig::Kind::Demo, TrafficConfig::Kind::Haproxy, TrafficConfig::Kind::Http, TrafficConfig::Kind::Command}) {
        if (name == nameOf(kind))
            return kind;
    }
    return std::nullopt;
}

Status checkTrafficConfig(const TrafficConfig &config)
{
    if (config.timeoutMs <= 0)
        return fail(phrase("TrafficConfig", "traffic.timeoutMs must be positive, not %1").arg(config.timeoutMs));
    switch (config.kind) {
    case TrafficConfig::Kind::Demo:
        return checkHttpUrl(config.demo.baseUrl, "demo.baseUrl");
    case TrafficConfig::Kind::Haproxy: {
        const HaproxyTrafficConfig &h = config.haproxy;
        if (const auto endpoint = HaproxyRuntimeCommand::parseAddress(h.address); !endpoint)
            return fail(phrase("TrafficConfig", "traffic.haproxy.address: %1").arg(endpoint.errorPhrase()));
        const std::pair<const char *, const QString *> names[] = {
            {"backend", &h.backend}, {"blueServer", &h.blueServer}, {"greenServer", &h.greenServer}};
        for (const auto &[field, value] : names) {
            if (!isHaproxyName(*value))
                return fail(phrase("TrafficConfig", "traffic.haproxy.%1 must be a non-empty name without blanks, ';' or '/', not \"%2\"").arg(QString::fromLatin1(field)).arg(*value));
        }
        if (h.blueServer == h.greenServer)
            return fail(phrase("TrafficConfig", "traffic.haproxy.blueServer and greenServer are both \"%1\"; they must name two servers").arg(h.blueServer));
        if (h.weightScale < 1 || h.weightScale > 256)
            return fail(phrase("TrafficConfig", "traffic.haproxy.weightScale must be 1..256 (HAProxy's weight range), not %1").arg(h.weightScale));
        return {};
    }
    case TrafficConfig::Kind::Http: {
        const HttpTrafficConfig &h = config.http;
        if (h.method.isEmpty())
            return fail(phrase("TrafficConfig", "traffic.http.method is empty; use PUT, POST or PATCH"));
        if (const Status s = checkHttpUrl(h.url, "http.url"); !s)
            return s;
        if (const Status s = checkHttpUrl(h.readBackUrl, "http.readBackUrl"); !s)
            return s;
        if (h.blueField.isEmpty() || h.greenField.isEmpty())
            return fail(phrase("TrafficConfig", "traffic.http.blueField and greenField must name where the weights are in the read-back JSON, like \"/blue\""));
        return {};
    }
    case TrafficConfig::Kind::Command:
        if (config.command.program.isEmpty())
            return fail(phrase("TrafficConfig", "traffic.command.program is empty; name the program to run, like \"kubectl\""));
        return {};
    }
    return fail(phrase("TrafficConfig", "unknown traffic controller kind"));
}
