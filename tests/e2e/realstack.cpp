#include "realstack.h"

#include "realserver.h"
#include "traffic/haproxyruntimecommand.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <cmath>
#include <limits>

namespace {

const QString Script = QStringLiteral(STONECASTER_SOURCE_DIR "/tools/real-stack");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Prometheus writes sample values as strings: "0.25", "NaN", "+Inf", "-Inf".
double sampleValue(const QString &text)
{
    if (text == u"NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == u"+Inf")
        return std::numeric_limits<double>::infinity();
    if (text == u"-Inf")
        return -std::numeric_limits<double>::infinity();
    return text.toDouble();
}

} // namespace

RealStack::RealStack(const QString &name)
    : m_dir(QStringLiteral(STONECASTER_BINARY_DIR "/tests/e2e/real-stack/") + name)
{
}

RealStack::~RealStack()
{
    stop();
}

QUrl RealStack::local(quint16 port, const QString &path)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
}

QUrl RealStack::serviceUrl(Color color, const QString &path) const
{
    return local(port(color == Color::Blue ? QStringLiteral("BLUE_PORT") : QStringLiteral("GREEN_PORT")), path);
}

bool RealStack::fail(const QString &message)
{
    m_error = message;
    m_keep = true; // whatever went wrong, the logs say more
    return false;
}

bool RealStack::runScript(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STONECASTER_BACKEND"), QStringLiteral(STONECASTER_BACKEND));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("bash"), QStringList{Script} + arguments + QStringList{QStringLiteral("--dir"), m_dir});
    const bool finished = process.waitForFinished(timeoutMs);
    m_scriptOutput = QString::fromUtf8(process.readAll());
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        return fail(QStringLiteral("tools/real-stack %1 did not finish within %2 s:\n%3").arg(arguments.join(u' ')).arg(timeoutMs / 1000).arg(m_scriptOutput));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(QStringLiteral("tools/real-stack %1 failed (exit %2):\n%3").arg(arguments.join(u' ')).arg(process.exitCode()).arg(m_scriptOutput));
    return true;
}

bool RealStack::readPorts()
{
    m_ports.clear();
    const QByteArray env = readFile(m_dir + QStringLiteral("/stack.env"));
    for (const QByteArray &line : env.split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (line.startsWith('#') || eq < 0 || !line.left(eq).endsWith("_PORT"))
            continue;
        m_ports.insert(QString::fromLatin1(line.left(eq)), quint16(line.mid(eq + 1).toUInt()));
    }
    if (m_ports.size() != 7)
        return fail(QStringLiteral("%1/stack.env does not have the 7 ports:\n%2").arg(m_dir, QString::fromUtf8(env)));
    return true;
}

bool RealStack::start(const Options &options)
{
    m_error.clear();
    m_keep = false;
    // A stack left from an earlier run of the same test (its watchdog stops it, but not if
    // the machine was rebooted meanwhile): stop it and start afresh.
    if (QFile::exists(m_dir + QStringLiteral("/stack.env")))
        runScript({QStringLiteral("down")}, 60000);
    QDir(m_dir).removeRecursively();
    if (!QDir().mkpath(m_dir))
        return fail(QStringLiteral("cannot create %1").arg(m_dir));
    m_started = true;
    const QStringList up{QStringLiteral("up"),
                         QStringLiteral("--owner"),
                         QString::number(QCoreApplication::applicationPid()),
                         QStringLiteral("--rate"),
                         QString::number(options.rate),
                         QStringLiteral("--duration"),
                         QString::number(options.durationSeconds)};
    if (!runScript(up, 180000) || !readPorts())
        return false;
    // Prometheus scrapes every second; wait until it has HAProxy and both services.
    const QDeadlineTimer deadline(60000);
    while (true) {
        const std::optional<double> up = queryValue(QStringLiteral("count(up{job=~\"haproxy|backend\"} == 1)"));
        if (up && *up == 3)
            return true;
        if (deadline.hasExpired())
            return fail(QStringLiteral("Prometheus at %1 did not scrape HAProxy and both services within 60 s (%2)\n%3")
                            .arg(prometheusUrl().toString(), m_error, logTails()));
        QTest::qWait(250);
    }
}

void RealStack::stop()
{
    if (!m_started)
        return;
    m_started = false;
    runScript({QStringLiteral("down")}, 60000);
    if (m_keep || qEnvironmentVariableIsSet("STONECASTER_KEEP_REAL_STACK")) {
        qInfo("The real stack's logs and configuration are kept in %s", qPrintable(m_dir));
        return;
    }
    QDir(m_dir).removeRecursively();
}

bool RealStack::control(Color color, const QJsonObject &settings)
{
    const RealServer::Exchange answer = RealServer::exchange(m_network, "POST", serviceUrl(color, QStringLiteral("/control")),
                                                             QJsonDocument(settings).toJson(QJsonDocument::Compact), "application/json");
    if (answer.status != 200)
        return fail(QStringLiteral("%1 refused /control %2: HTTP %3 %4 %5")
                        .arg(colorKey(color), QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact)))
                        .arg(answer.status)
                        .arg(answer.error, QString::fromUtf8(answer.body)));
    return true;
}

std::optional<QJsonObject> RealStack::controlState(Color color)
{
    const RealServer::Exchange answer = RealServer::exchange(m_network, "GET", serviceUrl(color, QStringLiteral("/control")));
    if (answer.status != 200) {
        fail(QStringLiteral("GET %1/control: HTTP %2 %3").arg(colorKey(color)).arg(answer.status).arg(answer.error));
        return std::nullopt;
    }
    return QJsonDocument::fromJson(answer.body).object();
}

std::optional<qint64> RealStack::pidOf(const QString &part) const
{
    bool ok = false;
    const qint64 pid = readFile(QStringLiteral("%1/run/%2.pid").arg(m_dir, part)).trimmed().toLongLong(&ok);
    return ok ? std::optional(pid) : std::nullopt;
}

bool RealStack::isRunning(const QString &part) const
{
    const std::optional<qint64> pid = pidOf(part);
    if (!pid)
        return false;
    // Exists and is not a zombie: "PID (comm) STATE ...".
    const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(*pid));
    const qsizetype close = stat.lastIndexOf(')');
    return close > 0 && stat.size() > close + 2 && stat.at(close + 2) != 'Z';
}

bool RealStack::takeDown(Color color)
{
    if (!control(color, QJsonObject{{QStringLiteral("down"), true}}))
        return false;
    const QDeadlineTimer deadline(15000);
    while (isRunning(colorKey(color))) {
        if (deadline.hasExpired())
            return fail(QStringLiteral("%1 was told to go down but its process still runs after 15 s").arg(colorKey(color)));
        QTest::qWait(50);
    }
    return true;
}

bool RealStack::restartStopped()
{
    return runScript({QStringLiteral("up")}, 120000);
}

std::optional<QByteArray> RealStack::runtimeCommand(const QByteArray &command)
{
    const Result<HaproxyEndpoint> endpoint = HaproxyRuntimeCommand::parseAddress(runtimeAddress());
    if (!endpoint) {
        fail(endpoint.error());
        return std::nullopt;
    }
    HaproxyRuntimeCommand c(endpoint.value(), command);
    QSignalSpy finished(&c, &HaproxyRuntimeCommand::finished);
    c.start();
    if (!finished.wait(10000) && finished.isEmpty()) {
        fail(QStringLiteral("HAProxy's Runtime API did not answer `%1` within 10 s").arg(QString::fromUtf8(command)));
        return std::nullopt;
    }
    if (!c.ok()) {
        fail(QStringLiteral("`%1`: %2").arg(QString::fromUtf8(command), c.error().english()));
        return std::nullopt;
    }
    return c.answer();
}

bool RealStack::setWeights(int blue, int green)
{
    const QByteArray setBlue = QStringLiteral("set server %1/blue weight %2").arg(haproxyBackend()).arg(blue).toUtf8();
    const QByteArray setGreen = QStringLiteral("set server %1/green weight %2").arg(haproxyBackend()).arg(green).toUtf8();
    const std::optional<int> greenNow = weight(Color::Green);
    if (!greenNow)
        return false;
    // The rising weight first, so both are never 0 at once.
    for (const QByteArray &command : green > *greenNow ? QList<QByteArray>{setGreen, setBlue} : QList<QByteArray>{setBlue, setGreen}) {
        const std::optional<QByteArray> answer = runtimeCommand(command);
        if (!answer)
            return false;
        if (!answer->trimmed().isEmpty())
            return fail(QStringLiteral("HAProxy refused `%1`: %2").arg(QString::fromUtf8(command), QString::fromUtf8(answer->trimmed())));
    }
    const std::optional<int> blueAfter = weight(Color::Blue);
    const std::optional<int> greenAfter = weight(Color::Green);
    if (blueAfter != blue || greenAfter != green)
        return fail(QStringLiteral("HAProxy's weights are %1/%2 after setting them to %3/%4")
                        .arg(blueAfter.value_or(-1))
                        .arg(greenAfter.value_or(-1))
                        .arg(blue)
                        .arg(green));
    return true;
}

std::optional<int> RealStack::weight(Color color)
{
    const QByteArray command = QStringLiteral("get weight %1/%2").arg(haproxyBackend(), serverName(color)).toUtf8();
    const std::optional<QByteArray> answer = runtimeCommand(command);
    if (!answer)
        return std::nullopt;
    bool ok = false;
    const int w = answer->split(' ').constFirst().trimmed().toInt(&ok); // "64 (initial 0)"
    if (!ok) {
        fail(QStringLiteral("`%1` answered %2").arg(QString::fromUtf8(command), QString::fromUtf8(*answer)));
        return std::nullopt;
    }
    return w;
}

std::optional<QString> RealStack::serverState(Color color)
{
    // "# be_id be_name srv_id srv_name srv_addr srv_op_state ..." then one line per server;
    // srv_op_state: 0 stopped (DOWN), 1 starting, 2 running (UP), 3 stopping.
    const std::optional<QByteArray> answer = runtimeCommand(QStringLiteral("show servers state %1").arg(haproxyBackend()).toUtf8());
    if (!answer)
        return std::nullopt;
    for (const QByteArray &line : answer->split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (line.startsWith('#') || fields.size() < 6 || fields.at(3) != serverName(color).toUtf8())
            continue;
        switch (fields.at(5).toInt()) {
        case 0: return QStringLiteral("DOWN");
        case 1: return QStringLiteral("STARTING");
        case 2: return QStringLiteral("UP");
        case 3: return QStringLiteral("STOPPING");
        }
    }
    fail(QStringLiteral("`show servers state` has no line for %1:\n%2").arg(serverName(color), QString::fromUtf8(*answer)));
    return std::nullopt;
}

bool RealStack::postAlert(const QList<std::pair<QString, QString>> &labels, int minutes)
{
    QJsonObject labelObject;
    for (const auto &[name, value] : labels)
        labelObject.insert(name, value);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QJsonArray body{QJsonObject{
        {QStringLiteral("labels"), labelObject},
        {QStringLiteral("annotations"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("posted by a real-stack test")}}},
        {QStringLiteral("startsAt"), now.toString(Qt::ISODateWithMs)},
        {QStringLiteral("endsAt"), now.addSecs(60 * minutes).toString(Qt::ISODateWithMs)},
    }};
    const RealServer::Exchange answer = RealServer::exchange(m_network, "POST", alertmanagerUrl().resolved(QUrl(QStringLiteral("/api/v2/alerts"))),
                                                             QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json", 10000);
    if (answer.status != 200)
        return fail(QStringLiteral("Alertmanager refused the alert: HTTP %1 %2 %3").arg(answer.status).arg(answer.error, QString::fromUtf8(answer.body)));
    return true;
}

std::optional<QJsonArray> RealStack::alerts(const QList<std::pair<QString, QString>> &matchers)
{
    QUrl url = alertmanagerUrl().resolved(QUrl(QStringLiteral("/api/v2/alerts")));
    QUrlQuery query;
    for (const auto &[name, value] : matchers)
        query.addQueryItem(QStringLiteral("filter"), QStringLiteral("%1=\"%2\"").arg(name, value));
    url.setQuery(query);
    const RealServer::Exchange answer = RealServer::exchange(m_network, "GET", url);
    const QJsonDocument document = QJsonDocument::fromJson(answer.body);
    if (answer.status != 200 || !document.isArray()) {
        fail(QStringLiteral("GET %1: HTTP %2 %3").arg(url.toString()).arg(answer.status).arg(answer.error));
        return std::nullopt;
    }
    return document.array();
}

std::optional<QJsonArray> RealStack::query(const QString &promql)
{
    QUrl url = prometheusUrl().resolved(QUrl(QStringLiteral("/api/v1/query")));
    url.setQuery(QUrlQuery{{QStringLiteral("query"), promql}});
    const RealServer::Exchange answer = RealServer::exchange(m_network, "GET", url);
    const QJsonObject object = QJsonDocument::fromJson(answer.body).object();
    if (answer.status != 200 || object.value(u"status").toString() != u"success") {
        m_error = QStringLiteral("Prometheus: `%1`: HTTP %2 %3 %4").arg(promql).arg(answer.status).arg(answer.error, object.value(u"error").toString());
        return std::nullopt;
    }
    return object.value(u"data").toObject().value(u"result").toArray();
}

std::optional<double> RealStack::queryValue(const QString &promql)
{
    const std::optional<QJsonArray> result = query(promql);
    if (!result)
        return std::nullopt;
    if (result->size() != 1) {
        m_error = QStringLiteral("Prometheus: `%1` gave %2 samples, not one: %3")
                      .arg(promql)
                      .arg(result->size())
                      .arg(QString::fromUtf8(QJsonDocument(*result).toJson(QJsonDocument::Compact)));
        return std::nullopt;
    }
    return sampleValue(result->at(0).toObject().value(u"value").toArray().at(1).toString());
}

QString RealStack::logTails(int lines) const
{
    QString text;
    const QDir logs(m_dir + QStringLiteral("/logs"));
    for (const QString &name : logs.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name)) {
        const QList<QByteArray> all = readFile(logs.filePath(name)).split('\n');
        text += QStringLiteral("--- %1 (last %2 lines)\n").arg(logs.filePath(name)).arg(lines);
        for (qsizetype i = std::max<qsizetype>(0, all.size() - lines - 1); i < all.size(); ++i)
            text += QString::fromUtf8(all.at(i)) + u'\n';
    }
    return text;
}
