#include "alertmanagerclient.h"

#include "core/clock.h"
#include "core/guardedrequest.h"
#include "core/polltimer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRegularExpression>

#include <algorithm>
#include <tuple>

AlertmanagerClient::AlertmanagerClient(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_manager(new QNetworkAccessManager(this))
    , m_poll(new PollTimer(clock, this))
{
    connect(m_poll, &PollTimer::due, this, &AlertmanagerClient::send);
}

AlertmanagerClient::~AlertmanagerClient()
{
    m_poll->cancelRequest();
}

void AlertmanagerClient::setConfig(const AlertSourceConfig &config)
{
    if (config == m_config)
        return;
    const bool sourceChanged = config.url != m_config.url || config.matchers != m_config.matchers
        || config.authorization != m_config.authorization;
    m_config = config;
    if (sourceChanged) {
        // The last verdict was about other alerts; so is a request in flight.
        m_poll->cancelRequest();
        m_lastPolledMs = 0;
        setState(std::nullopt, {}, {});
    }
    m_poll->setInterval(m_config.intervalMs);
    if (m_running)
        m_poll->start(sourceChanged ? PollTimer::FirstTurn::Now : PollTimer::FirstTurn::AfterInterval);
}

void AlertmanagerClient::start()
{
    m_running = true;
    m_poll->setInterval(m_config.intervalMs);
    m_poll->start(PollTimer::FirstTurn::Now);
}

void AlertmanagerClient::stop()
{
    m_running = false;
    m_poll->stop(); // and cancels a request in flight
}

bool AlertmanagerClient::isPolling() const
{
    return m_poll->isRequestInFlight();
}

qint64 AlertmanagerClient::effectiveIntervalMs() const
{
    return PollTimer::flooredIntervalMs(m_clock, m_config.intervalMs);
}

QString AlertmanagerClient::filterExpression(const QString &label, const QString &value)
{
    static const QRegularExpression plainName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    const auto quoted = [](const QString &text) {
        QString escaped = text;
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
        escaped.replace(QLatin1Char('\n'), QLatin1String("\\n"));
        return QLatin1Char('"') + escaped + QLatin1Char('"');
    };
    // Alertmanager >= 0.27 accepts any UTF-8 label name when it is quoted.
    const QString name = plainName.match(label).hasMatch() ? label : quoted(label);
    return name + QLatin1Char('=') + quoted(value);
}

QUrl AlertmanagerClient::alertsUrl(const AlertSourceConfig &config)
{
    QUrl url = config.url;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/api/v2/alerts"));
    url.setFragment(QString());
    // Built by hand, fully percent-encoded: QUrlQuery would leave '=' and '+' in a value as is.
    QByteArray query = "active=true&silenced=false&inhibited=false";
    for (const auto &[label, value] : config.matchers)
        query += "&filter=" + QUrl::toPercentEncoding(filterExpression(label, value));
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

Result<QList<FiringAlert>> AlertmanagerClient::parseAlerts(const QByteArray &body,
                                                           const QList<std::pair<QString, QString>> &matchers)
{
    using R = Result<QList<FiringAlert>>;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(phrase("AlertmanagerClient", "the answer is not JSON (%1 at offset %2): %3").arg(error.errorString()).arg(error.offset).arg(GuardedRequest::excerpt(body, 120)));
    if (!doc.isArray())
        return R::failure(phrase("AlertmanagerClient", "the answer is not a JSON array of alerts as Alertmanager's API v2 gives: %1").arg(GuardedRequest::excerpt(body, 120)));
    QList<FiringAlert> alerts;
    for (const QJsonValue &value : doc.array()) {
        const QJsonObject alert = value.toObject();
        // Suppressed (silenced or inhibited) and unprocessed alerts do not count.
        if (alert.value(u"status").toObject().value(u"state").toString() != QLatin1String("active"))
            continue;
        const QJsonObject labelObject = alert.value(u"labels").toObject();
        // Again here: a server that ignored the filter must not raise a false alarm.
        const bool matches = std::all_of(matchers.cbegin(), matchers.cend(), [&](const auto &m) {
            const QJsonValue v = labelObject.value(m.first);
            return v.isString() && v.toString() == m.second;
        });
        if (!matches)
            continue;
        FiringAlert firing;
        for (auto it = labelObject.constBegin(); it != labelObject.constEnd(); ++it)
            firing.labels.insert(it.key(), it.value().toString());
        firing.name = firing.labels.value(QStringLiteral("alertname"));
        firing.summary = alert.value(u"annotations").toObject().value(u"summary").toString();
        firing.startsAt = QDateTime::fromString(alert.value(u"startsAt").toString(), Qt::ISODateWithMs);
        firing.fingerprint = alert.value(u"fingerprint").toString();
        alerts.append(firing);
    }
    std::sort(alerts.begin(), alerts.end(), [](const FiringAlert &a, const FiringAlert &b) {
        return std::tie(a.startsAt, a.name, a.fingerprint) < std::tie(b.startsAt, b.name, b.fingerprint);
    });
    return alerts;
}

Phrase AlertmanagerClient::describe(const QList<FiringAlert> &alerts)
{
    if (alerts.isEmpty())
        return phrase("AlertmanagerClient", "no matching alert");
    QList<Phrase> parts;
    for (const FiringAlert &a : alerts) {
        Phrase part = a.name.isEmpty() ? phrase("AlertmanagerClient", "(unnamed alert)") : Phrase::verbatim(a.name);
        if (const QString severity = a.labels.value(QStringLiteral("severity")); !severity.isEmpty())
            part = phrase("AlertmanagerClient", "%1 (%2)", "an alert and its severity").arg(part).arg(severity);
        if (a.startsAt.isValid())
            part = phrase("AlertmanagerClient", "%1 since %2").arg(part).arg(a.startsAt.toLocalTime().toString(QStringLiteral("HH:mm")));
        parts << part;
    }
    // English has no catalogue: its singular is a source of its own.
    return (alerts.size() == 1 ? phrase("AlertmanagerClient", "1 alert firing: %1")
                               : phrase("AlertmanagerClient", "%n alerts firing: %1", nullptr, int(alerts.size())))
        .arg(Phrase::list(parts, QStringLiteral(", ")));
}

void AlertmanagerClient::pollNow()
{
    m_poll->turnNow(); // unless a request is in flight: the running one decides this round
}

void AlertmanagerClient::send()
{
    if (m_config.url.isEmpty()) {
        setState(std::nullopt, {}, phrase("AlertmanagerClient", "No Alertmanager URL is set"));
        return;
    }
    QNetworkRequest request;
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("StoneCaster-Deploy-Console"));
    if (!m_config.authorization.isEmpty())
        request.setRawHeader("Authorization", m_config.authorization);
    HttpGuards guards;
    guards.peer = phrase("AlertmanagerClient", "Alertmanager");
    guards.setting = phrase("AlertmanagerClient", "alerts.url in the profile");
    guards.timeoutMs = m_config.timeoutMs;
    guards.maxBodyBytes = MaxAnswerBytes;
    auto *get = new GuardedRequest(m_manager, request, guards, this);
    m_poll->requestStarted(get);
    connect(get, &GuardedRequest::finished, this, [this, get] { onFinished(get); });
    get->get(alertsUrl(m_config));
}

void AlertmanagerClient::onFinished(GuardedRequest *request)
{
    const HttpOutcome &outcome = request->outcome();
    if (!m_poll->requestFinished(request, outcome.is2xx()))
        return; // cancelled: about another source
    m_lastPolledMs = m_clock->nowMs();
    if (!outcome.answered()) {
        setState(std::nullopt, {}, outcome.error);
        return;
    }
    const QString url = GuardedRequest::shown(outcome.url);
    if (!outcome.is2xx()) {
        const QString body = GuardedRequest::excerpt(outcome.body);
        setState(std::nullopt, {},
                 body.isEmpty() ? phrase("AlertmanagerClient", "Alertmanager at %1 answered %2").arg(url).arg(outcome.statusLine())
                                : phrase("AlertmanagerClient", "Alertmanager at %1 answered %2: %3").arg(url).arg(outcome.statusLine()).arg(body));
        return;
    }
    Result<QList<FiringAlert>> parsed = parseAlerts(outcome.body, m_config.matchers);
    if (!parsed) {
        setState(std::nullopt, {}, phrase("AlertmanagerClient", "Alertmanager at %1: %2").arg(url).arg(parsed.errorPhrase()));
        return;
    }
    QList<FiringAlert> alerts = parsed.take();
    const bool firing = !alerts.isEmpty();
    Phrase message = describe(alerts);
    setState(firing, std::move(alerts), std::move(message));
}

void AlertmanagerClient::setState(std::optional<bool> firing, QList<FiringAlert> alerts, Phrase message)
{
    if (firing == m_firing && alerts == m_alerts && message == m_message)
        return;
    m_firing = firing;
    m_alerts = std::move(alerts);
    m_message = std::move(message);
    Q_EMIT changed();
}
