#include "core/processrunner.h"
#include "gate/ruleevaluator.h"
#include "profile/profileloader.h"
#include "rollout/metriccoverage.h"
#include "runbook/runbookloader.h"

#include <QDir>
#include <QFileInfo>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

// The English of each phrase (what the journal and the headless modes say).
QStringList englishTexts(const QList<Phrase> &phrases)
{
    QStringList texts;
    for (const Phrase &p : phrases)
        texts << p.english();
    return texts;
}

} // namespace

class TestProfileLoader : public QObject
{
    Q_OBJECT

private:
    static QByteArray resource(const QString &name)
    {
        QFile file(name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot open %s", qPrintable(name));
        return file.readAll();
    }
    // The demo profile with one change applied through a JSON path.
    static QByteArray demoWith(const QStringList &path, const QJsonValue &value)
    {
        QJsonObject root = QJsonDocument::fromJson(resource(QStringLiteral(":/profiles/demo.json"))).object();
        std::function<QJsonObject(QJsonObject, int)> set = [&](QJsonObject object, int depth) {
            const QString &key = path[depth];
            if (depth == path.size() - 1) {
                if (value.isUndefined())
                    object.remove(key);
                else
                    object.insert(key, value);
            } else {
                object.insert(key, set(object.value(key).toObject(), depth + 1));
            }
            return object;
        };
        return QJsonDocument(set(root, 0)).toJson(QJsonDocument::Indented);
    }

    // Bindings: the demo profile with its "bindings" array replaced by these lines, written by
    // hand (one binding a line, keys in the order given) so that line and column are known.
    static QByteArray demoWithBindings(const QList<QByteArray> &lines)
    {
        QByteArray json = resource(QStringLiteral(":/profiles/demo.json"));
        const qsizetype start = json.indexOf("\"bindings\": [");
        const qsizetype end = json.lastIndexOf(']');
        if (start < 0 || end < start)
            qFatal("the demo profile has no bindings array");
        QByteArray array = "\"bindings\": [\n";
        for (qsizetype i = 0; i < lines.size(); ++i)
            array += "        " + lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
        array += "    ]";
        return json.left(start) + array + json.mid(end + 1);
    }

private Q_SLOTS:
    void shippedProfilesLoad_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("demo") << QStringLiteral(":/profiles/demo.json");
        QTest::newRow("example prometheus") << QStringLiteral(":/profiles/example-prometheus.json");
    }
    void shippedProfilesLoad()
    {
        QFETCH(QString, file);
        const auto profile = ProfileLoader::parse(resource(file), file);
        QVERIFY2(profile.ok(), qPrintable(profile.error()));
        QCOMPARE(profile.value().metrics.queries.size(), MetricCount);
        for (int i = 0; i < MetricCount; ++i) {
            const MetricQuery *query = profile.value().metrics.query(Metric(i));
            QVERIFY2(query, qPrintable(metricKey(Metric(i))));
            QVERIFY(query->expression.contains(QStringLiteral("${color}")));
        }
    }

    // Issue 13: a profile for a stack without page-load and CPU metrics loads. Against the
    // reference runbook page load time is only a target: nothing needed is missing for it. CPU
    // has a decision point ("If resource utilization > 90%, consider rollback"): that one rule is
    // named with its line. The window lists both as not monitored.
    void queriesOnlyForWhatTheRunbookGatesOn()
    {
        QJsonObject root = QJsonDocument::fromJson(resource(QStringLiteral(":/profiles/demo.json"))).object();
        QJsonObject metrics = root.value(u"metrics").toObject();
        QJsonObject queries = metrics.value(u"queries").toObject();
        queries.remove(QStringLiteral("page_load_time"));
        queries.remove(QStringLiteral("resource_utilization"));
        metrics.insert(QStringLiteral("queries"), queries);
        root.insert(QStringLiteral("metrics"), metrics);
        const auto loaded = ProfileLoader::parse(QJsonDocument(root).toJson(), QStringLiteral("stack.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(!loaded.value().metrics.query(Metric::PageLoadTime));
        QVERIFY(!loaded.value().metrics.query(Metric::ResourceUtilization));
        const QList<Metric> monitored = monitoredMetrics(loaded.value().metrics);
        QCOMPARE(monitored.size(), MetricCount - 2);
        QVERIFY(!monitored.contains(Metric::PageLoadTime));

        const Runbook reference = RunbookLoader::loadBundled();
        QVERIFY(!reference.hasErrors());
        const QStringList cpu = englishTexts(unqueriedGatingRules(reference, loaded.value().metrics, QStringLiteral("deployment-runbook.md"), QStringLiteral("stack.json")));
        QCOMPARE(cpu.size(), 1);
        const auto cpuRule = std::find_if(reference.rules.cbegin(), reference.rules.cend(),
                                          [](const Rule &r) { return r.id == u"decision-point.resource_utilization"; });
        QVERIFY(cpuRule != reference.rules.cend());
        QCOMPARE(cpu.first(), QStringLiteral("deployment-runbook.md:%1: the decision point \"%2\" is judged on resource_utilization, but the profile "
                                             "stack.json has no query for it (add metrics.queries.resource_utilization, or take the rule out of the runbook)")
                                  .arg(cpuRule->line)
                                  .arg(cpuRule->text.trimmed()));
        // Without page load time alone, nothing is missing.
        Profile withCpu = loaded.value();
        withCpu.metrics.queries.append(MetricQuery{Metric::ResourceUtilization, QStringLiteral("cpu{color=\"${color}\"}"), ValueUnit::Ratio});
        QVERIFY(unqueriedGatingRules(reference, withCpu.metrics, QStringLiteral("deployment-runbook.md"), QStringLiteral("stack.json")).isEmpty());

        // Without the error rate query, each gating rule on it is named with its runbook line.
        withCpu.metrics.queries.removeIf([](const MetricQuery &q) { return q.metric == Metric::ErrorRate; });
        const QStringList problems = englishTexts(unqueriedGatingRules(reference, withCpu.metrics, QStringLiteral("deployment-runbook.md"), QStringLiteral("stack.json")));
        QVERIFY(!problems.isEmpty());
        for (const Rule &rule : reference.rules) {
            if (rule.metric != RuleMetric::ErrorRate || !RuleEvaluator::isGating(rule.tier))
                continue;
            const QString at = QStringLiteral("deployment-runbook.md:%1: ").arg(rule.line);
            QVERIFY2(std::any_of(problems.cbegin(), problems.cend(), [&](const QString &p) { return p.startsWith(at) && p.contains(rule.text.trimmed()); }),
                     qPrintable(problems.join(u'\n')));
        }
        QVERIFY2(problems.first().contains(QLatin1String("the profile stack.json has no query for it (add metrics.queries.error_rate")),
                 qPrintable(problems.first()));
        QCOMPARE(int(problems.size()), int(std::count_if(reference.rules.cbegin(), reference.rules.cend(), [](const Rule &r) {
                     return r.metric == RuleMetric::ErrorRate && RuleEvaluator::isGating(r.tier);
                 })));
    }

    void exampleProfileValues()
    {
        const auto loaded = ProfileLoader::parse(resource(QStringLiteral(":/profiles/example-prometheus.json")), QStringLiteral("example.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const Profile &profile = loaded.value();
        QCOMPARE(profile.metrics.baseUrl, QUrl(QStringLiteral("https://prometheus.example.com")));
        QCOMPARE(profile.metrics.pollIntervalMs, 2000);
        QCOMPARE(profile.metrics.timeoutMs, 5000);
        QCOMPARE(profile.metrics.maxSampleAgeMs, qint64(60'000)); // a sample's own age is checked
        QCOMPARE(profile.metrics.auth.type, HttpAuth::Type::Bearer);
        QCOMPARE(profile.metrics.auth.secret.source, SecretRef::Source::Environment);
        QCOMPARE(profile.metrics.auth.secret.name, QStringLiteral("STONECASTER_PROMETHEUS_TOKEN"));
        QCOMPARE(profile.metrics.query(Metric::ResponseTime)->unit, ValueUnit::Seconds);
        QCOMPARE(profile.metrics.query(Metric::ErrorRate)->unit, ValueUnit::Ratio);
        QCOMPARE(profile.metrics.normalResponseTime.source, NormalResponseTime::Source::Measured);
        QCOMPARE(profile.metrics.normalResponseTime.windowMs, 10 * 60 * 1000);
        QVERIFY(profile.metrics.authorization.isEmpty()); // resolved when polling starts, never read from the file
        QCOMPARE(profile.metrics.queries.size(), MetricCount);
        // Traffic, health, alerts and `for` durations.
        QVERIFY(profile.traffic);
        QCOMPARE(profile.traffic->kind, TrafficConfig::Kind::Haproxy);
        QCOMPARE(profile.traffic->haproxy.address, QStringLiteral("unix:/run/haproxy/admin.sock"));
        QCOMPARE(profile.traffic->haproxy.backend, QStringLiteral("checkout"));
        QCOMPARE(profile.traffic->timeoutMs, 10000);
        QCOMPARE(profile.health.green.url, QUrl(QStringLiteral("https://checkout-green.internal.example.com/healthz")));
        QCOMPARE(profile.health.green.intervalMs, 5000);
        QCOMPARE(profile.alerts.url, QUrl(QStringLiteral("https://alertmanager.example.com")));
        QCOMPARE(profile.alerts.matchers.size(), 2);
        QCOMPARE(profile.ruleForMs.value(QStringLiteral("auto-rollback.error_rate")), 60'000);
        QCOMPARE(profile.ruleForMs.value(QStringLiteral("decision-point.error_rate")), 120'000);
    }

    void trafficControllers_data()
    {
        QTest::addColumn<QJsonObject>("traffic");
        QTest::addColumn<int>("kind");
        QTest::newRow("http") << QJsonObject{{QStringLiteral("controller"), QStringLiteral("http")},
                                             {QStringLiteral("http"),
                                              QJsonObject{{QStringLiteral("method"), QStringLiteral("post")},
                                                          {QStringLiteral("url"), QStringLiteral("https://lb.example.com/api/weights")},
                                                          {QStringLiteral("readBackUrl"), QStringLiteral("https://lb.example.com/api/weights")},
                                                          {QStringLiteral("auth"), QJsonObject{{QStringLiteral("type"), QStringLiteral("bearer")},
                                                                                               {QStringLiteral("token"), QJsonObject{{QStringLiteral("env"), QStringLiteral("LB_TOKEN")}}}}},
                                                          {QStringLiteral("headers"), QJsonObject{{QStringLiteral("X-Team"), QStringLiteral("payments")}}}}}}
                              << int(TrafficConfig::Kind::Http);
        QTest::newRow("command") << QJsonObject{{QStringLiteral("controller"), QStringLiteral("command")},
                                                {QStringLiteral("command"),
                                                 QJsonObject{{QStringLiteral("program"), QStringLiteral("kubectl")},
                                                             {QStringLiteral("arguments"), QJsonArray{QStringLiteral("patch"), QStringLiteral("--weight=${green}")}}}}}
                                 << int(TrafficConfig::Kind::Command);
        QTest::newRow("haproxy") << QJsonObject{{QStringLiteral("controller"), QStringLiteral("haproxy")},
                                                {QStringLiteral("haproxy"),
                                                 QJsonObject{{QStringLiteral("address"), QStringLiteral("127.0.0.1:9999")}, {QStringLiteral("backend"), QStringLiteral("app")}}}}
                                 << int(TrafficConfig::Kind::Haproxy);
    }
    void trafficControllers()
    {
        QFETCH(QJsonObject, traffic);
        QFETCH(int, kind);
        const auto loaded = ProfileLoader::parse(demoWith({QStringLiteral("traffic")}, traffic), QStringLiteral("p.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(loaded.value().traffic);
        QCOMPARE(int(loaded.value().traffic->kind), kind);
        if (kind == int(TrafficConfig::Kind::Http)) {
            QCOMPARE(loaded.value().traffic->http.method, QByteArray("POST"));
            QCOMPARE(loaded.value().traffic->http.auth.secret.name, QStringLiteral("LB_TOKEN"));
            QCOMPARE(loaded.value().traffic->http.headers.size(), 1);
        }
        if (kind == int(TrafficConfig::Kind::Command))
            QCOMPARE(loaded.value().traffic->command.arguments, (QStringList{QStringLiteral("patch"), QStringLiteral("--weight=${green}")}));
    }

    void demoProfileMovesEveryAddressToTheSimulator()
    {
        const Profile profile = ProfileLoader::demoProfile(QUrl(QStringLiteral("http://127.0.0.1:40123")));
        QVERIFY(profile.traffic);
        QCOMPARE(profile.traffic->kind, TrafficConfig::Kind::Demo);
        QCOMPARE(profile.traffic->demo.baseUrl, QUrl(QStringLiteral("http://127.0.0.1:40123")));
        QCOMPARE(profile.health.green.url, QUrl(QStringLiteral("http://127.0.0.1:40123/health/green")));
        QCOMPARE(profile.health.blue.url, QUrl(QStringLiteral("http://127.0.0.1:40123/health/blue")));
        QCOMPARE(profile.alerts.url, QUrl(QStringLiteral("http://127.0.0.1:40123")));
        QVERIFY(profile.alerts.matchers.contains(std::pair{QStringLiteral("category"), QStringLiteral("security")}));
    }

    void demoProfilePointsAtTheSimulator()
    {
        const Profile profile = ProfileLoader::demoProfile(QUrl(QStringLiteral("http://127.0.0.1:40123")));
        QCOMPARE(profile.metrics.baseUrl.port(), 40123);
        QCOMPARE(profile.metrics.auth.type, HttpAuth::Type::None);
        QCOMPARE(profile.metrics.queries.size(), MetricCount);
    }

    void defaults()
    {
        const auto loaded = ProfileLoader::parse(demoWith({QStringLiteral("metrics"), QStringLiteral("pollIntervalSeconds")}, QJsonValue::Undefined), QStringLiteral("p.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().metrics.pollIntervalMs, 2000); // the default
    }

    void fixedNormal()
    {
        const auto loaded = ProfileLoader::parse(demoWith({QStringLiteral("metrics"), QStringLiteral("normalResponseTime")},
                                                          QJsonObject{{QStringLiteral("milliseconds"), 180}}),
                                                 QStringLiteral("p.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().metrics.normalResponseTime.source, NormalResponseTime::Source::Fixed);
        QCOMPARE(loaded.value().metrics.normalResponseTime.fixedMs, 180.0);
    }

    void keychainSecret()
    {
        const auto loaded = ProfileLoader::parse(
            demoWith({QStringLiteral("metrics"), QStringLiteral("auth")},
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                 {QStringLiteral("username"), QStringLiteral("oncall")},
                                 {QStringLiteral("password"), QJsonObject{{QStringLiteral("keychain"), QStringLiteral("prod-prom")}}}}),
            QStringLiteral("p.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const HttpAuth &auth = loaded.value().metrics.auth;
        QCOMPARE(auth.type, HttpAuth::Type::Basic);
        QCOMPARE(auth.username, QStringLiteral("oncall"));
        QCOMPARE(auth.secret.source, SecretRef::Source::Keychain);
        QCOMPARE(auth.secret.service, QStringLiteral("stonecaster"));
        QCOMPARE(auth.secret.name, QStringLiteral("prod-prom"));
    }

    void badProfiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected"); // the full first line of the message

        QTest::newRow("syntax error: missing comma") << QByteArray("{\n  \"name\": \"x\"\n  \"metrics\": {}\n}\n")
                                                     << QStringLiteral("p.json:3:3: invalid JSON: expected \",\" or \"}\" before this (a missing comma?)");
        QTest::newRow("syntax error: truncated") << QByteArray("{\n  \"name\": \"x\",\n") << QStringLiteral("p.json:3:1: invalid JSON: unterminated object");
        QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("p.json:1:1: a profile is a JSON object ({ ... })");
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("p.json:1:1: invalid JSON: illegal value");
        QTest::newRow("unknown top-level key") << demoWith({QStringLiteral("metrix")}, 1)
                                               << QStringLiteral("unknown key \"metrix\" in the top level (expected one of: name, description, metrics, traffic, health, alerts, rules, bindings, webhooks)");
        QTest::newRow("missing metrics") << demoWith({QStringLiteral("metrics")}, QJsonValue::Undefined)
                                         << QStringLiteral("missing key \"metrics\" in the top level");
        QTest::newRow("unknown metric") << demoWith({QStringLiteral("metrics"), QStringLiteral("queries"), QStringLiteral("latency")}, QJsonObject{})
                                        << QStringLiteral("unknown key \"latency\" in \"metrics.queries\" (expected one of: error_rate, response_time, db_error_rate, db_query_time, resource_utilization, page_load_time, traffic_share)");
        QTest::newRow("no colour placeholder")
            << demoWith({QStringLiteral("metrics"), QStringLiteral("queries"), QStringLiteral("error_rate")},
                        QJsonObject{{QStringLiteral("query"), QStringLiteral("sum(errors)")}, {QStringLiteral("unit"), QStringLiteral("ratio")}})
            << QStringLiteral("the error_rate query has no ${color} placeholder: blue and green are queried separately");
        QTest::newRow("time unit on a rate")
            << demoWith({QStringLiteral("metrics"), QStringLiteral("queries"), QStringLiteral("error_rate")},
                        QJsonObject{{QStringLiteral("query"), QStringLiteral("e{c=\"${color}\"}")}, {QStringLiteral("unit"), QStringLiteral("seconds")}})
            << QStringLiteral("the error_rate query's unit is \"seconds\"; expected ratio or percent");
        QTest::newRow("unknown unit")
            << demoWith({QStringLiteral("metrics"), QStringLiteral("queries"), QStringLiteral("response_time")},
                        QJsonObject{{QStringLiteral("query"), QStringLiteral("t{c=\"${color}\"}")}, {QStringLiteral("unit"), QStringLiteral("minutes")}})
            << QStringLiteral("the response_time query's unit is \"minutes\"; expected seconds or milliseconds");
        QTest::newRow("token written in the file")
            << demoWith({QStringLiteral("metrics"), QStringLiteral("auth")},
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("bearer")}, {QStringLiteral("token"), QStringLiteral("s3cr3t")}})
            << QStringLiteral("\"metrics.auth.token\" must not hold the secret itself: write {\"env\": \"VARIABLE\"} or {\"keychain\": \"KEY\"}, and keep the value there");
        QTest::newRow("both env and keychain")
            << demoWith({QStringLiteral("metrics"), QStringLiteral("auth")},
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("bearer")},
                                    {QStringLiteral("token"), QJsonObject{{QStringLiteral("env"), QStringLiteral("A")}, {QStringLiteral("keychain"), QStringLiteral("B")}}}})
            << QStringLiteral("\"metrics.auth.token\" needs exactly one of \"env\" and \"keychain\"");
        QTest::newRow("unknown auth type")
            << demoWith({QStringLiteral("metrics"), QStringLiteral("auth")}, QJsonObject{{QStringLiteral("type"), QStringLiteral("oauth")}})
            << QStringLiteral("unknown auth type \"oauth\" (expected none, bearer or basic)");
        QTest::newRow("not a URL") << demoWith({QStringLiteral("metrics"), QStringLiteral("url")}, QStringLiteral("prometheus:9090"))
                                   << QStringLiteral("\"prometheus:9090\" is not an http:// or https:// URL");
        QTest::newRow("password in the URL") << demoWith({QStringLiteral("metrics"), QStringLiteral("url")}, QStringLiteral("https://u:p@prom.example.com"))
                                             << QStringLiteral("the URL must not carry a user or password; use \"auth\"");
        QTest::newRow("other provider") << demoWith({QStringLiteral("metrics"), QStringLiteral("provider")}, QStringLiteral("datadog"))
                                        << QStringLiteral("unknown metrics provider \"datadog\" (this version speaks to \"prometheus\")");
        QTest::newRow("poll interval zero") << demoWith({QStringLiteral("metrics"), QStringLiteral("pollIntervalSeconds")}, 0)
                                            << QStringLiteral("\"metrics.pollIntervalSeconds\" must be a number from 0.1 to 3600");
        QTest::newRow("poll interval as text") << demoWith({QStringLiteral("metrics"), QStringLiteral("pollIntervalSeconds")}, QStringLiteral("2s"))
                                               << QStringLiteral("\"metrics.pollIntervalSeconds\" must be a number from 0.1 to 3600");
        QTest::newRow("both normal sources")
            << demoWith({QStringLiteral("metrics"), QStringLiteral("normalResponseTime")},
                        QJsonObject{{QStringLiteral("milliseconds"), 180}, {QStringLiteral("measuredOverMinutes"), 5}})
            << QStringLiteral("\"metrics.normalResponseTime\" needs exactly one of \"measuredOverMinutes\" (blue's p95 before the first shift) and \"milliseconds\" (given)");
        QTest::newRow("unknown traffic controller") << demoWith({QStringLiteral("traffic"), QStringLiteral("controller")}, QStringLiteral("nginx"))
                                                    << QStringLiteral("unknown traffic controller \"nginx\" (expected demo, haproxy, http or command)");
        QTest::newRow("haproxy without backend")
            << demoWith({QStringLiteral("traffic")}, QJsonObject{{QStringLiteral("controller"), QStringLiteral("haproxy")},
                                                                 {QStringLiteral("haproxy"), QJsonObject{{QStringLiteral("address"), QStringLiteral("127.0.0.1:9999")}}}})
            << QStringLiteral("missing key \"backend\" in \"traffic.haproxy\"");
        QTest::newRow("haproxy weight scale too large")
            << demoWith({QStringLiteral("traffic")}, QJsonObject{{QStringLiteral("controller"), QStringLiteral("haproxy")},
                                                                 {QStringLiteral("haproxy"), QJsonObject{{QStringLiteral("address"), QStringLiteral("127.0.0.1:9999")},
                                                                                                         {QStringLiteral("backend"), QStringLiteral("app")},
                                                                                                         {QStringLiteral("weightScale"), 1000}}}})
            << QStringLiteral("\"traffic.haproxy.weightScale\" must be a whole number from 1 to 256");
        QTest::newRow("authorization header in the file")
            << demoWith({QStringLiteral("traffic")}, QJsonObject{{QStringLiteral("controller"), QStringLiteral("http")},
                                                                 {QStringLiteral("http"), QJsonObject{{QStringLiteral("url"), QStringLiteral("https://lb/api")},
                                                                                                      {QStringLiteral("readBackUrl"), QStringLiteral("https://lb/api")},
                                                                                                      {QStringLiteral("headers"), QJsonObject{{QStringLiteral("Authorization"), QStringLiteral("Bearer s3cret")}}}}}})
            << QStringLiteral("the Authorization header must not be written in the profile; use \"auth\"");
        QTest::newRow("command arguments not strings")
            << demoWith({QStringLiteral("traffic")}, QJsonObject{{QStringLiteral("controller"), QStringLiteral("command")},
                                                                 {QStringLiteral("command"), QJsonObject{{QStringLiteral("program"), QStringLiteral("kubectl")},
                                                                                                         {QStringLiteral("arguments"), QJsonArray{1, 2}}}}})
            << QStringLiteral("\"traffic.command.arguments\" must be an array of strings");
        QTest::newRow("health URL") << demoWith({QStringLiteral("health"), QStringLiteral("green")}, QStringLiteral("green:8080/health"))
                                    << QStringLiteral("\"green:8080/health\" is not an http:// or https:// URL");
        QTest::newRow("alerts without matchers") << demoWith({QStringLiteral("alerts"), QStringLiteral("matchers")}, QJsonValue::Undefined)
                                                 << QStringLiteral("\"alerts\" needs \"matchers\", the labels a security alert has, like {\"category\": \"security\"}");
        QTest::newRow("for as text") << demoWith({QStringLiteral("rules")}, QJsonObject{{QStringLiteral("for"), QJsonObject{{QStringLiteral("auto-rollback.error_rate"), QStringLiteral("1m")}}}})
                                     << QStringLiteral("\"rules.for.auto-rollback.error_rate\" must be a number from 0 to 86400");
    }
    void badProfiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto loaded = ProfileLoader::parse(json, QStringLiteral("p.json"));
        QVERIFY(!loaded.ok());
        const QString first = loaded.error().section(u'\n', 0, 0);
        QVERIFY2(first.startsWith(QStringLiteral("p.json:")), qPrintable(first));
        if (expected.startsWith(QStringLiteral("p.json:")))
            QCOMPARE(first, expected);
        else
            QVERIFY2(first.endsWith(QStringLiteral(": ") + expected), qPrintable(first + QStringLiteral("\n expected: ") + expected));
    }

    // Key errors point at the key's own line, so an editor can jump there.
    void keyErrorLine()
    {
        QByteArray json = resource(QStringLiteral(":/profiles/demo.json"));
        json.replace("\"timeoutSeconds\"", "\"timeoutSecs\"");
        const auto loaded = ProfileLoader::parse(json, QStringLiteral("demo.json"));
        QVERIFY(!loaded.ok());
        const int expectedLine = int(json.left(json.indexOf("\"timeoutSecs\"")).count('\n')) + 1;
        QVERIFY2(loaded.error().startsWith(QStringLiteral("demo.json:%1:9: unknown key \"timeoutSecs\"").arg(expectedLine)), qPrintable(loaded.error()));
    }

    // Every problem at once, not just the first.
    void allErrorsReported()
    {
        QByteArray json = resource(QStringLiteral(":/profiles/demo.json"));
        json.replace("\"unit\": \"ratio\"", "\"unit\": \"fraction\"");
        const auto loaded = ProfileLoader::parse(json, QStringLiteral("p.json"));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().count(QStringLiteral("unit is \"fraction\"")), 4); // the four ratio queries
    }

    void bindingsLoad()
    {
        const QByteArray json = demoWithBindings({
            "{ \"text\": \"Stop traffic to green environment\", \"action\": \"traffic-to-blue\" }",
            "{ \"text\": \"Verify blue environment is stable\", \"action\": \"verify-blue-stable\", \"windowSeconds\": 90 }",
            "{ \"text\": \"Check all services are running\", \"action\": \"health\", \"urls\": [\"http://blue:8080/health\", \"https://deps.example.com/ok\"], \"timeoutSeconds\": 4 }",
            "{ \"text\": \"Check health endpoints\", \"action\": \"http\", \"url\": \"http://green:8080/health\", \"expectStatus\": 204, \"bodyContains\": \"ok\", \"timeoutSeconds\": 3 }",
            "{ \"item\": \"verify-database-connectivity\", \"action\": \"tcp\", \"host\": \"db.internal\", \"port\": 5432, \"destructive\": true }",
            "{ \"text\": \"Execute database rollback scripts\", \"action\": \"command\", \"program\": \"./scripts/db-rollback.sh\", \"arguments\": [\"rollback.sql\", \"--yes\"], \"workingDirectory\": \"work\", \"environment\": {\"PGHOST\": \"db\"}, \"timeoutSeconds\": 120, \"script\": \"scripts/rollback.sql\" }",
            "{ \"text\": \"Verify data integrity\", \"action\": \"command\", \"program\": \"kubectl\", \"arguments\": [\"get\", \"pods\"], \"destructive\": false }",
            "{ \"text\": \"Check for data loss\", \"action\": \"command\", \"program\": \"/usr/local/bin/check-loss\" }",
        });
        const auto loaded = ProfileLoader::parse(json, QStringLiteral("p.json"), QStringLiteral("/srv/profiles"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const QList<ActionBinding> &b = loaded.value().bindings;
        QCOMPARE(b.size(), 8);

        QCOMPARE(b[0].kind, ActionBinding::Kind::TrafficToBlue);
        QCOMPARE(b[0].itemText, QStringLiteral("Stop traffic to green environment"));
        QVERIFY(b[0].itemId.isEmpty());
        QVERIFY(!b[0].destructive);

        QCOMPARE(b[1].kind, ActionBinding::Kind::VerifyBlueStable);
        QCOMPARE(b[1].windowMs, qint64(90'000));
        QVERIFY(!b[1].destructive);

        QCOMPARE(b[2].kind, ActionBinding::Kind::HealthChecks);
        QCOMPARE(b[2].urls, (QList<QUrl>{QUrl(QStringLiteral("http://blue:8080/health")), QUrl(QStringLiteral("https://deps.example.com/ok"))}));
        QCOMPARE(b[2].timeoutMs, 4000);
        QVERIFY(!b[2].destructive);

        QCOMPARE(b[3].kind, ActionBinding::Kind::Http);
        QCOMPARE(b[3].url, QUrl(QStringLiteral("http://green:8080/health")));
        QCOMPARE(b[3].expectStatus, 204);
        QCOMPARE(b[3].bodyContains, QStringLiteral("ok"));
        QCOMPARE(b[3].timeoutMs, 3000);
        QVERIFY(!b[3].destructive);

        QCOMPARE(b[4].kind, ActionBinding::Kind::Tcp);
        QCOMPARE(b[4].itemId, QStringLiteral("verify-database-connectivity"));
        QVERIFY(b[4].itemText.isEmpty());
        QCOMPARE(b[4].host, QStringLiteral("db.internal"));
        QCOMPARE(b[4].port, 5432);
        QVERIFY(b[4].destructive); // explicit

        QCOMPARE(b[5].kind, ActionBinding::Kind::Command);
        QVERIFY(b[5].destructive); // the default for commands
        QCOMPARE(b[5].command.program, QStringLiteral("/srv/profiles/scripts/db-rollback.sh"));
        QCOMPARE(b[5].command.arguments, (QStringList{QStringLiteral("rollback.sql"), QStringLiteral("--yes")}));
        QCOMPARE(b[5].command.workingDirectory, QStringLiteral("/srv/profiles/work"));
        QCOMPARE(b[5].command.environment.value(QStringLiteral("PGHOST")), QStringLiteral("db"));
        QCOMPARE(b[5].command.timeoutMs, 120'000);
        QCOMPARE(b[5].command.script, QStringLiteral("/srv/profiles/scripts/rollback.sql"));
        // Each binding knows its line in the profile (for messages about it).
        const auto lineOf = [&json](const QByteArray &token) { return int(json.left(json.indexOf(token)).count('\n')) + 1; };
        QCOMPARE(b[5].line, lineOf("\"Execute database rollback scripts\""));
        QCOMPARE(b[4].line, lineOf("\"verify-database-connectivity\""));
        QVERIFY(b[4].line < b[5].line);

        QCOMPARE(b[6].command.program, QStringLiteral("kubectl")); // a bare name: looked up on PATH when it runs
        QCOMPARE(b[6].command.workingDirectory, QStringLiteral("/srv/profiles")); // default: the profile's folder
        QVERIFY(!b[6].destructive); // explicit false
        QCOMPARE(b[6].command.timeoutMs, 10 * 60 * 1000);

        QCOMPARE(b[7].command.program, QStringLiteral("/usr/local/bin/check-loss"));
        QVERIFY(b[7].destructive);
    }

    void badBindings_data()
    {
        QTest::addColumn<QByteArray>("binding");
        QTest::addColumn<QByteArray>("at"); // the token the message points at, on the binding's line ("bindings": the array's line)
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown action") << QByteArray("{ \"text\": \"Stop traffic to green environment\", \"action\": \"teleport\" }") << QByteArray("\"action\"")
                                        << QStringLiteral("\"bindings\"[1]: unknown action \"teleport\" (expected traffic-to-blue, verify-blue-stable, health, http, tcp or command)");
        QTest::newRow("both item and text") << QByteArray("{ \"item\": \"stop-traffic\", \"text\": \"Stop traffic to green environment\", \"action\": \"traffic-to-blue\" }")
                                            << QByteArray("\"stop-traffic\"")
                                            << QStringLiteral("\"bindings\"[1] needs exactly one of \"item\" (an item id) or \"text\" (the item's text)");
        QTest::newRow("neither item nor text") << QByteArray("{ \"action\": \"traffic-to-blue\" }") << QByteArray("\"bindings\"")
                                               << QStringLiteral("\"bindings\"[1] needs exactly one of \"item\" (an item id) or \"text\" (the item's text)");
        QTest::newRow("missing program") << QByteArray("{ \"text\": \"Run smoke tests\", \"action\": \"command\", \"arguments\": [\"x\"] }") << QByteArray("\"Run smoke tests\"")
                                         << QStringLiteral("missing key \"program\" in \"bindings.Run smoke tests\"");
        QTest::newRow("tcp without port") << QByteArray("{ \"text\": \"Check database health\", \"action\": \"tcp\", \"host\": \"db\" }") << QByteArray("\"Check database health\"")
                                          << QStringLiteral("\"bindings\"[1]: missing key \"port\"");
        QTest::newRow("bad URL") << QByteArray("{ \"text\": \"Check health endpoints\", \"action\": \"http\", \"url\": \"green:8080/health\" }") << QByteArray("\"url\"")
                                 << QStringLiteral("\"green:8080/health\" is not an http:// or https:// URL");
        QTest::newRow("bad health URL") << QByteArray("{ \"text\": \"Check all services are running\", \"action\": \"health\", \"urls\": [\"ftp://blue/health\"] }")
                                        << QByteArray("\"urls\"") << QStringLiteral("\"bindings\"[1]: \"ftp://blue/health\" is not an http:// or https:// URL");
        QTest::newRow("unknown key") << QByteArray("{ \"text\": \"Check health endpoints\", \"action\": \"http\", \"url\": \"http://green/health\", \"expect\": 200 }")
                                     << QByteArray("\"expect\"") << QStringLiteral("unknown key \"expect\" in \"bindings.Check health endpoints\"");
        QTest::newRow("shell key on a command") << QByteArray("{ \"text\": \"Run smoke tests\", \"action\": \"command\", \"program\": \"x\", \"shell\": true }")
                                                << QByteArray("\"shell\"") << QStringLiteral("unknown key \"shell\" in \"bindings.Run smoke tests\"");
        QTest::newRow("destructive not a boolean") << QByteArray("{ \"text\": \"Run smoke tests\", \"action\": \"command\", \"program\": \"x\", \"destructive\": \"no\" }")
                                                   << QByteArray("\"destructive\"") << QStringLiteral("\"bindings\"[1]: \"destructive\" must be true or false");
        QTest::newRow("port out of range") << QByteArray("{ \"text\": \"Check database health\", \"action\": \"tcp\", \"host\": \"db\", \"port\": 70000 }")
                                           << QByteArray("\"port\"") << QStringLiteral("\"bindings.Check database health.port\" must be a whole number from 1 to 65535");
        // Keys before "text", over several lines: each message points at its own key, inside
        // this binding (they used to be looked for after the text, in the next binding or nowhere).
        QTest::newRow("keys before the text") << QByteArray("{\n      \"action\": \"tcp\",\n      \"port\": 70000,\n      \"host\": \"db\",\n      \"text\": \"Check database health\" }")
                                              << QByteArray("\"port\"") << QStringLiteral("\"bindings.Check database health.port\" must be a whole number from 1 to 65535");
        QTest::newRow("unknown key before the text") << QByteArray("{\n      \"expect\": 200,\n      \"action\": \"http\",\n      \"url\": \"http://green/health\",\n      \"text\": \"Check health endpoints\" }")
                                                     << QByteArray("\"expect\"") << QStringLiteral("unknown key \"expect\" in \"bindings.Check health endpoints\"");
    }
    void badBindings()
    {
        QFETCH(QByteArray, binding);
        QFETCH(QByteArray, at);
        QFETCH(QString, message);
        // A valid binding first, so the bad one is [1] and not on the array's first line.
        const QByteArray json = demoWithBindings({"{ \"text\": \"Route traffic back to blue\", \"action\": \"traffic-to-blue\" }", binding});
        const auto loaded = ProfileLoader::parse(json, QStringLiteral("p.json"), QStringLiteral("/srv/profiles"));
        QVERIFY(!loaded.ok());
        const QString first = loaded.error().section(u'\n', 0, 0);
        // Where the message points: FILE:LINE:COLUMN.
        qsizetype offset = -1;
        if (at == "\"bindings\"")
            offset = json.indexOf(at);
        else
            offset = json.indexOf(at, json.indexOf(binding));
        QVERIFY(offset >= 0);
        const qsizetype lineStart = json.lastIndexOf('\n', offset - 1) + 1;
        const int line = int(json.left(offset).count('\n')) + 1;
        const int column = int(offset - lineStart) + 1;
        const QString where = QStringLiteral("p.json:%1:%2: ").arg(line).arg(column);
        QVERIFY2(first.startsWith(where), qPrintable(first + QStringLiteral("\n expected at: ") + where));
        QVERIFY2(first.contains(message), qPrintable(first + QStringLiteral("\n expected: ") + message));
    }

    void bindingsMustBeAnArray()
    {
        const auto loaded = ProfileLoader::parse(demoWith({QStringLiteral("bindings")}, QJsonObject{}), QStringLiteral("p.json"));
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().contains(QLatin1String("\"bindings\" must be an array of objects")), qPrintable(loaded.error()));
    }

    void demoProfileBindingsRun()
    {
        const Profile profile = ProfileLoader::demoProfile(QUrl(QStringLiteral("http://127.0.0.1:40123")));
        QVERIFY(profile.bindings.size() >= 10);
        int commands = 0, urls = 0, tcp = 0;
        for (const ActionBinding &b : profile.bindings) {
            switch (b.kind) {
            case ActionBinding::Kind::Command: {
                ++commands;
                const Result<QString> program = ProcessRunner::resolveProgram(b.command.program);
                QVERIFY2(program.ok(), qPrintable(program.error()));
                QVERIFY(QFileInfo(program.value()).isFile());
                QVERIFY(QFileInfo(program.value()).isExecutable());
                QVERIFY2(QFileInfo(b.command.workingDirectory).isDir(), qPrintable(b.command.workingDirectory));
                if (!b.command.script.isEmpty())
                    QVERIFY2(QFileInfo(b.command.script).isFile(), qPrintable(b.command.script));
                break;
            }
            case ActionBinding::Kind::Http:
                ++urls;
                QCOMPARE(b.url.host(), QStringLiteral("127.0.0.1"));
                QCOMPARE(b.url.port(), 40123);
                QCOMPARE(b.url.scheme(), QStringLiteral("http"));
                break;
            case ActionBinding::Kind::HealthChecks:
                QVERIFY(!b.urls.isEmpty());
                for (const QUrl &u : b.urls) {
                    ++urls;
                    QCOMPARE(u.host(), QStringLiteral("127.0.0.1"));
                    QCOMPARE(u.port(), 40123);
                }
                break;
            case ActionBinding::Kind::Tcp:
                ++tcp;
                QCOMPARE(b.host, QStringLiteral("127.0.0.1"));
                QCOMPARE(b.port, 40123);
                break;
            case ActionBinding::Kind::TrafficToBlue:
            case ActionBinding::Kind::VerifyBlueStable: break;
            }
        }
        QVERIFY(commands >= 3);
        QVERIFY(urls >= 3);
        QVERIFY(tcp >= 1);
        // The rollback script is destructive, the integrity check is not.
        for (const ActionBinding &b : profile.bindings) {
            if (b.itemText == QLatin1String("Execute database rollback scripts"))
                QVERIFY(b.destructive);
            if (b.itemText == QLatin1String("Verify data integrity"))
                QVERIFY(!b.destructive);
        }
    }

    void files_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << QStringLiteral("nope.json") << QStringLiteral("nope.json: cannot open the profile: ");
        QTest::newRow("directory") << QStringLiteral("dir") << QStringLiteral("dir: is a directory, not a profile");
        QTest::newRow("FIFO") << QStringLiteral("fifo") << QStringLiteral("fifo: not a regular file");
        QTest::newRow("character device") << QStringLiteral("/dev/zero") << QStringLiteral("/dev/zero: not a regular file");
    }
    void files()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("dir")));
        QCOMPARE(::mkfifo(QFile::encodeName(dir.filePath(QStringLiteral("fifo"))).constData(), 0600), 0);
        // In a thread: a loader that waits for the FIFO's writer or reads the device for ever
        // fails the test instead of blocking it (the FIFO is then unblocked).
        const auto inDir = [&dir](const QString &file) { return QDir::isAbsolutePath(file) ? file : dir.filePath(file); };
        const QString path = inDir(name);
        auto done = std::make_shared<std::atomic<bool>>(false);
        auto loaded = std::make_shared<std::optional<Result<Profile>>>();
        std::thread([done, loaded, path] {
            *loaded = ProfileLoader::loadFile(path);
            *done = true;
        }).detach();
        (void)QTest::qWaitFor([&] { return done->load(); }, 20'000);
        if (!*done) {
            if (const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK); fd >= 0)
                ::close(fd);
            QFAIL(qPrintable(path + QStringLiteral(": the loader did not return within 20 s")));
        }
        QVERIFY(!loaded->value().ok());
        QVERIFY2(loaded->value().error().startsWith(inDir(expected)), qPrintable(loaded->value().error()));
    }
};

QTEST_GUILESS_MAIN(TestProfileLoader)
#include "tst_profileloader.moc"
