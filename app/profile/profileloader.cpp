#include "profileloader.h"

#include "core/regularfile.h"

#include "profile/profilejsonreader.h"
#include "profile/webhookssection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cmath>

namespace {

const QString ColorPlaceholder = QStringLiteral("${color}");

HttpAuth readAuth(ProfileJsonReader &reader, const QJsonObject &parent, const QStringList &path)
{
    HttpAuth result;
    const auto auth = reader.object(parent, path, QStringLiteral("auth"), false);
    if (!auth)
        return result;
    const QStringList at = path + QStringList{QStringLiteral("auth")};
    const QString type = reader.string(*auth, at, QStringLiteral("type"), true).value_or(QString());
    if (type == u"none") {
        reader.checkKeys(*auth, at, {QStringLiteral("type")});
    } else if (type == u"bearer") {
        reader.checkKeys(*auth, at, {QStringLiteral("type"), QStringLiteral("token")});
        result.type = HttpAuth::Type::Bearer;
        result.secret = reader.secret(*auth, at, QStringLiteral("token"));
    } else if (type == u"basic") {
        reader.checkKeys(*auth, at, {QStringLiteral("type"), QStringLiteral("username"), QStringLiteral("password")});
        result.type = HttpAuth::Type::Basic;
        result.username = reader.string(*auth, at, QStringLiteral("username"), true).value_or(QString());
        result.secret = reader.secret(*auth, at, QStringLiteral("password"));
    } else if (!type.isEmpty()) {
        reader.error(at + QStringList{QStringLiteral("type")}, phrase("ProfileLoader", "unknown auth type \"%1\" (expected none, bearer or basic)").arg(type));
    }
    return result;
}

void readQueries(ProfileJsonReader &reader, const QJsonObject &metrics, const QStringList &path, Profile &profile)
{
    const auto queries = reader.object(metrics, path, QStringLiteral("queries"), true);
    if (!queries)
        return;
    const QStringList at = path + QStringList{QStringLiteral("queries")};
    QStringList known;
    for (int i = 0; i < MetricCount; ++i)
        known << metricKey(Metric(i));
    reader.checkKeys(*queries, at, known);
    for (int i = 0; i < MetricCount; ++i) {
        const Metric metric = Metric(i);
        const QString key = metricKey(metric);
        // Each query is optional here: which ones a deployment needs depends on the runbook's
        // gating rules (unqueriedGatingRules, checked when a deployment starts).
        const auto query = reader.object(*queries, at, key, false);
        if (!query)
            continue;
        const QStringList qat = at + QStringList{key};
        reader.checkKeys(*query, qat, {QStringLiteral("query"), QStringLiteral("unit")});
        const auto expression = reader.string(*query, qat, QStringLiteral("query"), true);
        const auto unitName = reader.string(*query, qat, QStringLiteral("unit"), true);
        if (expression && !expression->contains(ColorPlaceholder))
            reader.error(qat + QStringList{QStringLiteral("query")},
                         phrase("ProfileLoader", "the %1 query has no %2 placeholder: blue and green are queried separately").arg(key).arg(ColorPlaceholder));
        std::optional<ValueUnit> unit;
        if (unitName) {
            unit = unitFromName(*unitName);
            if (!unit || !unitFits(metric, *unit)) {
                reader.error(qat + QStringList{QStringLiteral("unit")}, phrase("ProfileLoader", "the %1 query's unit is \"%2\"; expected %3").arg(key).arg(*unitName).arg(fittingUnits(metric)));
                unit.reset();
            }
        }
        if (expression && unit)
            profile.metrics.queries.append(MetricQuery{metric, *expression, *unit});
    }
}

void readNormal(ProfileJsonReader &reader, const QJsonObject &metrics, const QStringList &path, Profile &profile)
{
    const auto normal = reader.object(metrics, path, QStringLiteral("normalResponseTime"), false);
    if (!normal)
        return; // default: measured over 10 minutes
    const QStringList at = path + QStringList{QStringLiteral("normalResponseTime")};
    reader.checkKeys(*normal, at, {QStringLiteral("measuredOverMinutes"), QStringLiteral("milliseconds")});
    const bool measured = normal->contains(u"measuredOverMinutes");
    if (measured == normal->contains(u"milliseconds")) {
        reader.error(at, phrase("ProfileLoader", "%1 needs exactly one of \"measuredOverMinutes\" (blue's p95 before the first shift) and \"milliseconds\" (given)").arg(ProfileJsonReader::where(at)));
        return;
    }
    if (measured) {
        if (const auto ms = reader.duration(*normal, at, QStringLiteral("measuredOverMinutes"), 60'000, 1, 24 * 60)) {
            profile.metrics.normalResponseTime.source = NormalResponseTime::Source::Measured;
            profile.metrics.normalResponseTime.windowMs = *ms;
        }
    } else {
        const double ms = normal->value(u"milliseconds").toDouble(-1);
        if (!(ms > 0 && ms < 3'600'000)) {
            reader.error(at + QStringList{QStringLiteral("milliseconds")}, phrase("ProfileLoader", "\"milliseconds\" must be a positive number"));
            return;
        }
        profile.metrics.normalResponseTime.source = NormalResponseTime::Source::Fixed;
        profile.metrics.normalResponseTime.fixedMs = ms;
    }
}

void readTraffic(ProfileJsonReader &reader, const QJsonObject &root, Profile &profile)
{
    const auto traffic = reader.object(root, {}, QStringLiteral("traffic"), false);
    if (!traffic)
        return;
    const QStringList at{QStringLiteral("traffic")};
    const QString kindName = reader.string(*traffic, at, QStringLiteral("controller"), true).value_or(QString());
    const std::optional<TrafficConfig::Kind> kind = trafficKindFromName(kindName);
    if (!kindName.isEmpty() && !kind) {
        reader.error(at + QStringList{QStringLiteral("controller")},
                     phrase("ProfileLoader", "unknown traffic controller \"%1\" (expected demo, haproxy, http or command)").arg(kindName));
        return;
    }
    if (!kind)
        return;
    const QString kindKey = nameOf(*kind);
    reader.checkKeys(*traffic, at, {QStringLiteral("controller"), QStringLiteral("timeoutSeconds"), kindKey});
    TrafficConfig config;
    config.kind = *kind;
    config.timeoutMs = int(reader.duration(*traffic, at, QStringLiteral("timeoutSeconds"), 1000, 0.1, 600).value_or(config.timeoutMs));
    const auto settings = reader.object(*traffic, at, kindKey, *kind != TrafficConfig::Kind::Demo);
    const QStringList sat = at + QStringList{kindKey};
    const QJsonObject s = settings.value_or(QJsonObject());
    switch (*kind) {
    case TrafficConfig::Kind::Demo:
        reader.checkKeys(s, sat, {QStringLiteral("url")});
        // The built-in demo sets the address itself; a profile for a standalone simulator gives it.
        config.demo.baseUrl = reader.url(s, sat, QStringLiteral("url"), false).value_or(QUrl());
        break;
    case TrafficConfig::Kind::Haproxy: {
        HaproxyTrafficConfig &h = config.haproxy;
        reader.checkKeys(s, sat, {QStringLiteral("address"), QStringLiteral("backend"), QStringLiteral("blueServer"), QStringLiteral("greenServer"),
                                  QStringLiteral("weightScale")});
        h.address = reader.string(s, sat, QStringLiteral("address"), true).value_or(QString());
        h.backend = reader.string(s, sat, QStringLiteral("backend"), true).value_or(QString());
        h.blueServer = reader.string(s, sat, QStringLiteral("blueServer"), false).value_or(h.blueServer);
        h.greenServer = reader.string(s, sat, QStringLiteral("greenServer"), false).value_or(h.greenServer);
        h.weightScale = reader.integer(s, sat, QStringLiteral("weightScale"), 1, 256).value_or(h.weightScale);
        break;
    }
    case TrafficConfig::Kind::Http: {
        HttpTrafficConfig &h = config.http;
        reader.checkKeys(s, sat, {QStringLiteral("method"), QStringLiteral("url"), QStringLiteral("headers"), QStringLiteral("body"),
                                  QStringLiteral("auth"), QStringLiteral("readBackUrl"), QStringLiteral("blueField"), QStringLiteral("greenField")});
        h.method = reader.string(s, sat, QStringLiteral("method"), false).value_or(QString::fromLatin1(h.method)).toUpper().toLatin1();
        h.url = reader.url(s, sat, QStringLiteral("url"), true).value_or(QUrl());
        for (const auto &[name, value] : reader.stringMap(s, sat, QStringLiteral("headers"))) {
            if (name.compare(u"authorization", Qt::CaseInsensitive) == 0)
                reader.error(sat + QStringList{QStringLiteral("headers"), name},
                             phrase("ProfileLoader", "the Authorization header must not be written in the profile; use \"auth\""));
            else
                h.headers.append({name.toLatin1(), value.toUtf8()});
        }
        h.bodyTemplate = reader.string(s, sat, QStringLiteral("body"), false).value_or(h.bodyTemplate);
        h.auth = readAuth(reader, s, sat);
        h.readBackUrl = reader.url(s, sat, QStringLiteral("readBackUrl"), true).value_or(QUrl());
        h.blueField = reader.string(s, sat, QStringLiteral("blueField"), false).value_or(h.blueField);
        h.greenField = reader.string(s, sat, QStringLiteral("greenField"), false).value_or(h.greenField);
        break;
    }
    case TrafficConfig::Kind::Command: {
        CommandTrafficConfig &c = config.command;
        reader.checkKeys(s, sat, {QStringLiteral("program"), QStringLiteral("arguments"), QStringLiteral("workingDirectory"), QStringLiteral("environment"),
                                  QStringLiteral("readProgram"), QStringLiteral("readArguments")});
        c.program = reader.string(s, sat, QStringLiteral("program"), true).value_or(QString());
        c.arguments = reader.strings(s, sat, QStringLiteral("arguments"));
        c.workingDirectory = reader.string(s, sat, QStringLiteral("workingDirectory"), false).value_or(QString());
        for (const auto &[name, value] : reader.stringMap(s, sat, QStringLiteral("environment")))
            c.environment.insert(name, value);
        c.readProgram = reader.string(s, sat, QStringLiteral("readProgram"), false).value_or(QString());
        c.readArguments = reader.strings(s, sat, QStringLiteral("readArguments"));
        break;
    }
    }
    if (reader.failed())
        return;
    // The demo's address is filled in by ProfileLoader::demoProfile() when not given.
    if (!(*kind == TrafficConfig::Kind::Demo && config.demo.baseUrl.isEmpty())) {
        if (const Status checked = checkTrafficConfig(config); !checked)
            reader.error(at, checked.errorPhrase());
    }
    profile.traffic = config;
}

void readHealth(ProfileJsonReader &reader, const QJsonObject &root, Profile &profile)
{
    const auto health = reader.object(root, {}, QStringLiteral("health"), false);
    if (!health)
        return;
    const QStringList at{QStringLiteral("health")};
    reader.checkKeys(*health, at, {QStringLiteral("green"), QStringLiteral("blue"), QStringLiteral("intervalSeconds"), QStringLiteral("timeoutSeconds")});
    profile.health.green.url = reader.url(*health, at, QStringLiteral("green"), true).value_or(QUrl());
    profile.health.blue.url = reader.url(*health, at, QStringLiteral("blue"), false).value_or(QUrl());
    HealthCheckConfig &green = profile.health.green;
    green.intervalMs = reader.duration(*health, at, QStringLiteral("intervalSeconds"), 1000, 0.1, 3600).value_or(green.intervalMs);
    green.timeoutMs = int(reader.duration(*health, at, QStringLiteral("timeoutSeconds"), 1000, 0.1, 300).value_or(green.timeoutMs));
    profile.health.blue.intervalMs = green.intervalMs;
    profile.health.blue.timeoutMs = green.timeoutMs;
}

void readAlerts(ProfileJsonReader &reader, const QJsonObject &root, Profile &profile)
{
    const auto alerts = reader.object(root, {}, QStringLiteral("alerts"), false);
    if (!alerts)
        return;
    const QStringList at{QStringLiteral("alerts")};
    reader.checkKeys(*alerts, at,
                     {QStringLiteral("provider"), QStringLiteral("url"), QStringLiteral("matchers"), QStringLiteral("intervalSeconds"),
                      QStringLiteral("timeoutSeconds"), QStringLiteral("auth")});
    const auto provider = reader.string(*alerts, at, QStringLiteral("provider"), true);
    if (provider && *provider != u"alertmanager")
        reader.error(at + QStringList{QStringLiteral("provider")}, phrase("ProfileLoader", "unknown alert provider \"%1\" (this version speaks to \"alertmanager\")").arg(*provider));
    profile.alerts.url = reader.url(*alerts, at, QStringLiteral("url"), true).value_or(QUrl());
    profile.alerts.matchers = reader.stringMap(*alerts, at, QStringLiteral("matchers"));
    if (!alerts->contains(u"matchers") || profile.alerts.matchers.isEmpty())
        reader.error(at, phrase("ProfileLoader", "\"alerts\" needs \"matchers\", the labels a security alert has, like {\"category\": \"security\"}"));
    profile.alerts.intervalMs = reader.duration(*alerts, at, QStringLiteral("intervalSeconds"), 1000, 0.1, 3600).value_or(profile.alerts.intervalMs);
    profile.alerts.timeoutMs = int(reader.duration(*alerts, at, QStringLiteral("timeoutSeconds"), 1000, 0.1, 300).value_or(profile.alerts.timeoutMs));
    profile.alerts.auth = readAuth(reader, *alerts, at);
}

void readRules(ProfileJsonReader &reader, const QJsonObject &root, Profile &profile)
{
    const auto rules = reader.object(root, {}, QStringLiteral("rules"), false);
    if (!rules)
        return;
    const QStringList at{QStringLiteral("rules")};
    reader.checkKeys(*rules, at, {QStringLiteral("for")});
    const auto durations = reader.object(*rules, at, QStringLiteral("for"), false);
    if (!durations)
        return;
    const QStringList fat = at + QStringList{QStringLiteral("for")};
    for (auto it = durations->begin(); it != durations->end(); ++it) {
        if (const auto ms = reader.duration(*durations, fat, it.key(), 1000, 0, 24 * 3600))
            profile.ruleForMs.insert(it.key(), *ms);
    }
}

// Paths in a binding are relative to the profile's folder; a bare program name is looked up
// on PATH when it runs.
QString resolved(const QString &path, const QString &folder, bool bareIsCommand)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path) || (bareIsCommand && !path.contains(u'/')))
        return path;
    return QDir::cleanPath(QDir(folder).absoluteFilePath(path));
}

void readBindings(ProfileJsonReader &reader, const QJsonObject &root, Profile &profile)
{
    const QJsonValue value = root.value(u"bindings");
    if (value.isUndefined())
        return;
    const QStringList at{QStringLiteral("bindings")};
    if (!value.isArray()) {
        reader.error(at, phrase("ProfileLoader", "\"bindings\" must be an array of objects"));
        return;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isObject()) {
            reader.error(at, phrase("ProfileLoader", "\"bindings\"[%1] must be an object").arg(i));
            continue;
        }
        const QJsonObject b = array[i].toObject();
        ActionBinding binding;
        // Messages name the binding by the item it names; they are located by its place in the array.
        const QString name = b.value(u"item").toString(b.value(u"text").toString());
        const QString label = QStringLiteral("\"bindings\"[%1]").arg(i);
        // (One without a name fails at once, at the array.)
        const QStringList bat = name.isEmpty() ? at : at + QStringList{ProfileJsonReader::element(i, name)};
        binding.line = reader.lineOf(bat + QStringList{b.contains(u"item") ? QStringLiteral("item") : QStringLiteral("text")});
        if (b.contains(u"item") == b.contains(u"text")) {
            reader.error(bat, phrase("ProfileLoader", "%1 needs exactly one of \"item\" (an item id) or \"text\" (the item's text)").arg(label));
            continue;
        }
        if (b.contains(u"item"))
            binding.itemId = reader.string(b, bat, QStringLiteral("item"), true).value_or(QString());
        else
            binding.itemText = reader.string(b, bat, QStringLiteral("text"), true).value_or(QString());
        const QString kindName = reader.string(b, bat, QStringLiteral("action"), true).value_or(QString());
        const std::optional<ActionBinding::Kind> kind = actionKindFromName(kindName);
        if (!kind) {
            if (!kindName.isEmpty())
                reader.error(bat + QStringList{QStringLiteral("action")},
                             phrase("ProfileLoader", "%1: unknown action \"%2\" (expected traffic-to-blue, verify-blue-stable, health, http, tcp or command)").arg(label).arg(kindName));
            continue;
        }
        binding.kind = *kind;
        QStringList known{QStringLiteral("item"), QStringLiteral("text"), QStringLiteral("action"), QStringLiteral("destructive")};
        switch (*kind) {
        case ActionBinding::Kind::TrafficToBlue: break;
        case ActionBinding::Kind::VerifyBlueStable:
            known << QStringLiteral("windowSeconds");
            binding.windowMs = reader.duration(b, bat, QStringLiteral("windowSeconds"), 1000, 1, 24 * 3600).value_or(binding.windowMs);
            break;
        case ActionBinding::Kind::HealthChecks:
            known << QStringLiteral("urls") << QStringLiteral("timeoutSeconds");
            for (const QString &u : reader.strings(b, bat, QStringLiteral("urls"))) {
                const QUrl parsed(u, QUrl::StrictMode);
                if (!parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https") || parsed.host().isEmpty())
                    reader.error(bat + QStringList{QStringLiteral("urls")}, phrase("ProfileLoader", "%1: \"%2\" is not an http:// or https:// URL").arg(label).arg(u));
                else
                    binding.urls << parsed;
            }
            break;
        case ActionBinding::Kind::Http:
            known << QStringLiteral("url") << QStringLiteral("expectStatus") << QStringLiteral("bodyContains") << QStringLiteral("timeoutSeconds");
            binding.url = reader.url(b, bat, QStringLiteral("url"), true).value_or(QUrl());
            binding.expectStatus = reader.integer(b, bat, QStringLiteral("expectStatus"), 100, 599).value_or(binding.expectStatus);
            if (b.contains(u"bodyContains"))
                binding.bodyContains = reader.string(b, bat, QStringLiteral("bodyContains"), false).value_or(QString());
            break;
        case ActionBinding::Kind::Tcp:
            known << QStringLiteral("host") << QStringLiteral("port") << QStringLiteral("timeoutSeconds");
            binding.host = reader.string(b, bat, QStringLiteral("host"), true).value_or(QString());
            binding.port = reader.integer(b, bat, QStringLiteral("port"), 1, 65535).value_or(0);
            if (!b.contains(u"port"))
                reader.error(bat, phrase("ProfileLoader", "%1: missing key \"port\"").arg(label));
            break;
        case ActionBinding::Kind::Command: {
            known << QStringLiteral("program") << QStringLiteral("arguments") << QStringLiteral("workingDirectory") << QStringLiteral("environment")
                  << QStringLiteral("timeoutSeconds") << QStringLiteral("script");
            CommandSpec &c = binding.command;
            c.program = resolved(reader.string(b, bat, QStringLiteral("program"), true).value_or(QString()), profile.folder, true);
            c.arguments = reader.strings(b, bat, QStringLiteral("arguments"));
            c.workingDirectory = resolved(reader.string(b, bat, QStringLiteral("workingDirectory"), false).value_or(QString()), profile.folder, false);
            if (c.workingDirectory.isEmpty())
                c.workingDirectory = profile.folder;
            for (const auto &[key, v] : reader.stringMap(b, bat, QStringLiteral("environment")))
                c.environment.insert(key, v);
            c.timeoutMs = int(reader.duration(b, bat, QStringLiteral("timeoutSeconds"), 1000, 0.1, 24 * 3600).value_or(c.timeoutMs));
            c.script = resolved(reader.string(b, bat, QStringLiteral("script"), false).value_or(QString()), profile.folder, false);
            binding.destructive = true; // scripts change things unless the profile says otherwise
            break;
        }
        }
        if (*kind == ActionBinding::Kind::Http || *kind == ActionBinding::Kind::Tcp || *kind == ActionBinding::Kind::HealthChecks)
            binding.timeoutMs = int(reader.duration(b, bat, QStringLiteral("timeoutSeconds"), 1000, 0.1, 600).value_or(binding.timeoutMs));
        const QJsonValue destructive = b.value(u"destructive");
        if (!destructive.isUndefined()) {
            if (!destructive.isBool())
                reader.error(bat + QStringList{QStringLiteral("destructive")}, phrase("ProfileLoader", "%1: \"destructive\" must be true or false").arg(label));
            binding.destructive = destructive.toBool(binding.destructive);
        }
        reader.checkKeys(b, bat, known);
        profile.bindings.append(binding);
    }
}

void readMetrics(ProfileJsonReader &reader, const QJsonObject &root, Profile &profile)
{
    const auto metrics = reader.object(root, {}, QStringLiteral("metrics"), true);
    if (!metrics)
        return;
    const QStringList at{QStringLiteral("metrics")};
    reader.checkKeys(*metrics, at,
                     {QStringLiteral("provider"), QStringLiteral("url"), QStringLiteral("timeoutSeconds"), QStringLiteral("pollIntervalSeconds"),
                      QStringLiteral("auth"), QStringLiteral("queries"), QStringLiteral("normalResponseTime"), QStringLiteral("maxSampleAgeSeconds")});
    const auto provider = reader.string(*metrics, at, QStringLiteral("provider"), true);
    if (provider && *provider != u"prometheus")
        reader.error(at + QStringList{QStringLiteral("provider")}, phrase("ProfileLoader", "unknown metrics provider \"%1\" (this version speaks to \"prometheus\")").arg(*provider));
    if (const auto url = reader.string(*metrics, at, QStringLiteral("url"), true)) {
        const QUrl parsed(*url, QUrl::StrictMode);
        if (!parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https") || parsed.host().isEmpty())
            reader.error(at + QStringList{QStringLiteral("url")}, phrase("ProfileLoader", "\"%1\" is not an http:// or https:// URL").arg(*url));
        else if (!parsed.userInfo().isEmpty())
            reader.error(at + QStringList{QStringLiteral("url")}, phrase("ProfileLoader", "the URL must not carry a user or password; use \"auth\""));
        else
            profile.metrics.baseUrl = parsed;
    }
    profile.metrics.timeoutMs = int(reader.duration(*metrics, at, QStringLiteral("timeoutSeconds"), 1000, 0.1, 300).value_or(profile.metrics.timeoutMs));
    profile.metrics.pollIntervalMs = reader.duration(*metrics, at, QStringLiteral("pollIntervalSeconds"), 1000, 0.1, 3600).value_or(profile.metrics.pollIntervalMs);
    // Optional: the age a sample may have when asked (its own time, from timestamp()); see MetricsConfig.
    profile.metrics.maxSampleAgeMs = reader.duration(*metrics, at, QStringLiteral("maxSampleAgeSeconds"), 1000, 1, 3600).value_or(0);
    profile.metrics.auth = readAuth(reader, *metrics, at);
    readQueries(reader, *metrics, at, profile);
    readNormal(reader, *metrics, at, profile);
}

} // namespace

Result<Profile> ProfileLoader::loadFile(const QString &fileName)
{
    using R = Result<Profile>;
    // A FIFO or a device is refused at once, never waited on or read for ever.
    const RegularFile file = RegularFile::read(fileName, 4 * 1024 * 1024);
    switch (file.problem) {
    case RegularFile::Problem::None: return parse(file.bytes, fileName);
    case RegularFile::Problem::Directory: return R::failure(phrase("ProfileLoader", "%1: is a directory, not a profile").arg(fileName));
    case RegularFile::Problem::NotRegular: return R::failure(phrase("ProfileLoader", "%1: not a regular file (%2); a profile is a JSON file").arg(fileName).arg(file.detail));
    case RegularFile::Problem::TooLarge: return R::failure(phrase("ProfileLoader", "%1: %2 bytes is too large for a profile").arg(fileName).arg(file.size));
    case RegularFile::Problem::Missing:
    case RegularFile::Problem::Unreadable: break;
    }
    return R::failure(phrase("ProfileLoader", "%1: cannot open the profile: %2").arg(fileName).arg(file.detail));
}

Result<Profile> ProfileLoader::parse(const QByteArray &json, const QString &fileName, const QString &folder)
{
    ProfileJsonReader reader(json, fileName);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        qsizetype offset = parseError.offset;
        Phrase message = Phrase::verbatim(parseError.errorString());
        // Qt calls a missing comma between members an unterminated object, and points one
        // past the next key's opening quote; say what is likely wrong, at the key.
        if ((parseError.error == QJsonParseError::UnterminatedObject || parseError.error == QJsonParseError::UnterminatedArray)
            && offset < json.size()) {
            if (offset > 0 && json[offset - 1] == '"')
                --offset;
            message = parseError.error == QJsonParseError::UnterminatedObject ? phrase("ProfileLoader", "expected \",\" or \"}\" before this (a missing comma?)")
                                                                                : phrase("ProfileLoader", "expected \",\" or \"]\" before this (a missing comma?)");
        }
        reader.errorAt(offset, phrase("ProfileLoader", "invalid JSON: %1").arg(message));
        return Result<Profile>::failure(reader.messagePhrase());
    }
    if (!document.isObject()) {
        reader.errorAt(0, phrase("ProfileLoader", "a profile is a JSON object ({ ... })"));
        return Result<Profile>::failure(reader.messagePhrase());
    }
    const QJsonObject root = document.object();
    reader.checkKeys(root, {},
                     {QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("metrics"), QStringLiteral("traffic"), QStringLiteral("health"),
                      QStringLiteral("alerts"), QStringLiteral("rules"), QStringLiteral("bindings"), QStringLiteral("webhooks")});
    Profile profile;
    profile.fileName = fileName;
    profile.folder = folder.isEmpty() ? QFileInfo(fileName).absolutePath() : folder;
    profile.name = reader.string(root, {}, QStringLiteral("name"), true).value_or(QString());
    if (root.contains(u"description"))
        profile.description = reader.string(root, {}, QStringLiteral("description"), false).value_or(QString());
    readMetrics(reader, root, profile);
    readTraffic(reader, root, profile);
    readHealth(reader, root, profile);
    readAlerts(reader, root, profile);
    readRules(reader, root, profile);
    readBindings(reader, root, profile);
    profile.webhooks = readWebhooks(reader, root);
    if (reader.failed())
        return Result<Profile>::failure(reader.messagePhrase());
    return profile;
}

Result<QString> ProfileLoader::demoScriptsFolder()
{
    static QTemporaryDir folder(QDir::temp().filePath(QStringLiteral("stonecaster-demo-XXXXXX")));
    static const Result<QString> written = []() -> Result<QString> {
        if (!folder.isValid())
            return Result<QString>::failure(phrase("ProfileLoader", "cannot create a folder for the demo's scripts: %1").arg(folder.errorString()));
        const QDir from(QStringLiteral(":/demo"));
        for (const QString &name : from.entryList(QDir::Files)) {
            const QString target = folder.filePath(name);
            QFile::remove(target);
            if (!QFile::copy(from.filePath(name), target))
                return Result<QString>::failure(phrase("ProfileLoader", "cannot write the demo script %1").arg(target));
            QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
            if (name.endsWith(u".sh"))
                permissions |= QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
            QFile::setPermissions(target, permissions);
        }
        return folder.path();
    }();
    return written;
}

Profile ProfileLoader::demoProfile(const QUrl &simulatorUrl)
{
    QFile file(QStringLiteral(":/profiles/demo.json"));
    const bool opened = file.open(QIODevice::ReadOnly);
    Q_ASSERT(opened); // a resource compiled into the binary
    const Result<QString> scripts = demoScriptsFolder();
    if (!scripts)
        qWarning("%s", qPrintable(scripts.error()));
    Result<Profile> loaded = parse(opened ? file.readAll() : QByteArray(), QStringLiteral(":/profiles/demo.json"),
                                   scripts ? scripts.value() : QDir::tempPath());
    Q_ASSERT(loaded.ok()); // pinned by tst_profileloader
    Profile profile = loaded.ok() ? loaded.take() : Profile{};
    profile.fileName.clear();
    // The file names the standalone simulator's default address; the in-process one listens elsewhere.
    const auto moved = [&simulatorUrl](QUrl url) {
        if (url.isEmpty())
            return simulatorUrl;
        url.setScheme(simulatorUrl.scheme());
        url.setHost(simulatorUrl.host());
        url.setPort(simulatorUrl.port());
        return url;
    };
    profile.metrics.baseUrl = simulatorUrl;
    if (profile.traffic)
        profile.traffic->demo.baseUrl = simulatorUrl;
    for (HealthCheckConfig *check : {&profile.health.green, &profile.health.blue}) {
        if (!check->url.isEmpty())
            check->url = moved(check->url);
    }
    if (!profile.alerts.url.isEmpty())
        profile.alerts.url = moved(profile.alerts.url);
    for (ActionBinding &b : profile.bindings) {
        for (QUrl &u : b.urls)
            u = moved(u);
        if (!b.url.isEmpty())
            b.url = moved(b.url);
        if (b.kind == ActionBinding::Kind::Tcp) {
            b.host = simulatorUrl.host();
            b.port = simulatorUrl.port();
        }
    }
    return profile;
}
