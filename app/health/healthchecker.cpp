#include "healthchecker.h"

#include "core/clock.h"
#include "core/guardedrequest.h"
#include "core/polltimer.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

HealthChecker::HealthChecker(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_manager(new QNetworkAccessManager(this))
{
}

HealthChecker::~HealthChecker()
{
    for (auto &[color, check] : m_checks)
        check.poll->cancelRequest();
}

void HealthChecker::setCheck(const QString &color, const HealthCheckConfig &config)
{
    auto it = m_checks.find(color);
    if (config.url.isEmpty()) {
        if (it == m_checks.end())
            return;
        delete it->second.poll; // cancels its request
        const bool hadVerdict = it->second.healthy.has_value() || !it->second.message.isEmpty();
        m_checks.erase(it);
        if (hadVerdict)
            Q_EMIT changed(color);
        return;
    }
    if (it == m_checks.end()) {
        it = m_checks.emplace(color, Check{}).first;
        it->second.poll = new PollTimer(m_clock, this);
        connect(it->second.poll, &PollTimer::due, this, [this, color] { send(color, m_checks.at(color)); });
    }
    Check &check = it->second;
    if (check.config == config)
        return;
    const bool urlChanged = check.config.url != config.url;
    check.config = config;
    if (urlChanged) {
        // The old verdict was about another endpoint, and so is a request in flight.
        check.poll->cancelRequest();
        const bool hadVerdict = check.healthy.has_value() || !check.message.isEmpty();
        check.healthy.reset();
        check.message = {};
        check.lastCheckedMs = 0;
        if (hadVerdict)
            Q_EMIT changed(color);
    }
    check.poll->setInterval(config.intervalMs);
    if (m_running)
        check.poll->start(urlChanged ? PollTimer::FirstTurn::Now : PollTimer::FirstTurn::AfterInterval);
}

HealthCheckConfig HealthChecker::check(const QString &color) const
{
    const auto it = m_checks.find(color);
    return it == m_checks.end() ? HealthCheckConfig{} : it->second.config;
}

QStringList HealthChecker::colors() const
{
    QStringList list;
    for (const auto &[color, check] : m_checks)
        list << color;
    return list;
}

void HealthChecker::start()
{
    m_running = true;
    for (auto &[color, check] : m_checks)
        check.poll->start(PollTimer::FirstTurn::Now);
}

void HealthChecker::stop()
{
    m_running = false;
    for (auto &[color, check] : m_checks)
        check.poll->stop(); // and cancels its request
}

void HealthChecker::checkNow()
{
    for (const QString &color : colors())
        checkColor(color);
}

std::optional<bool> HealthChecker::healthy(const QString &color) const
{
    const auto it = m_checks.find(color);
    return it == m_checks.end() ? std::nullopt : it->second.healthy;
}

Phrase HealthChecker::message(const QString &color) const
{
    const auto it = m_checks.find(color);
    return it == m_checks.end() ? Phrase() : it->second.message;
}

qint64 HealthChecker::lastCheckedMs(const QString &color) const
{
    const auto it = m_checks.find(color);
    return it == m_checks.end() ? 0 : it->second.lastCheckedMs;
}

bool HealthChecker::isChecking(const QString &color) const
{
    const auto it = m_checks.find(color);
    return it != m_checks.end() && it->second.poll->isRequestInFlight();
}

qint64 HealthChecker::effectiveIntervalMs(const QString &color) const
{
    return PollTimer::flooredIntervalMs(m_clock, check(color).intervalMs);
}

void HealthChecker::checkColor(const QString &color)
{
    // Never piles up: a request in flight decides this round.
    if (const auto it = m_checks.find(color); it != m_checks.end())
        it->second.poll->turnNow();
}

void HealthChecker::send(const QString &color, Check &check)
{
    QNetworkRequest request;
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("StoneCaster-Deploy-Console"));
    HttpGuards guards;
    guards.peer = color == QLatin1String("green") ? phrase("HealthChecker", "green's health endpoint")
        : color == QLatin1String("blue")          ? phrase("HealthChecker", "blue's health endpoint")
                                                  : phrase("HealthChecker", "%1's health endpoint").arg(color);
    guards.setting = phrase("HealthChecker", "health.%1 in the profile").arg(color);
    guards.timeoutMs = check.config.timeoutMs;
    guards.maxBodyBytes = MaxAnswerBytes;
    auto *get = new GuardedRequest(m_manager, request, guards, this);
    check.poll->requestStarted(get);
    connect(get, &GuardedRequest::finished, this, [this, color, get] { onFinished(color, get); });
    get->get(check.config.url);
}

void HealthChecker::onFinished(const QString &color, GuardedRequest *request)
{
    const auto it = m_checks.find(color);
    const HttpOutcome &outcome = request->outcome();
    if (it == m_checks.end()) {
        request->deleteLater();
        return;
    }
    if (!it->second.poll->requestFinished(request, outcome.answered()))
        return; // not the request this check waits for (any more)
    Check &check = it->second;
    bool healthy = false;
    Phrase message;
    if (!outcome.answered()) {
        message = outcome.error;
    } else {
        healthy = outcome.is2xx();
        const QString url = outcome.url.toDisplayString(QUrl::RemoveUserInfo);
        const QString body = healthy ? QString() : GuardedRequest::excerpt(outcome.body);
        message = body.isEmpty() ? phrase("HealthChecker", "%1 from %2").arg(outcome.statusLine()).arg(url)
                                 : phrase("HealthChecker", "%1 from %2: %3").arg(outcome.statusLine()).arg(url).arg(body);
    }
    check.lastCheckedMs = m_clock->nowMs();
    const bool differs = check.healthy != healthy || check.message != message;
    check.healthy = healthy;
    check.message = message;
    if (differs)
        Q_EMIT changed(color);
}
