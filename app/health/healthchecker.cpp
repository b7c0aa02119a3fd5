#include "healthchecker.h"

#include "core/clock.h"
#include "core/guardedhttpget.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

#include <algorithm>
#include <cmath>

HealthChecker::HealthChecker(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_manager(new QNetworkAccessManager(this))
{
    m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HealthChecker::~HealthChecker()
{
    for (auto &[color, check] : m_checks)
        cancel(check);
}

void HealthChecker::setCheck(const QString &color, const HealthCheckConfig &config)
{
    auto it = m_checks.find(color);
    if (config.url.isEmpty()) {
        if (it == m_checks.end())
            return;
        cancel(it->second);
        delete it->second.timer;
        const bool hadVerdict = it->second.healthy.has_value() || !it->second.message.isEmpty();
        m_checks.erase(it);
        if (hadVerdict)
            Q_EMIT changed(color);
        return;
    }
    if (it == m_checks.end()) {
        it = m_checks.emplace(color, Check{}).first;
        it->second.timer = new ClockTimer(m_clock, this);
        connect(it->second.timer, &ClockTimer::timeout, this, [this, color] { checkColor(color); });
    }
    Check &check = it->second;
    if (check.config == config)
        return;
    const bool urlChanged = check.config.url != config.url;
    check.config = config;
    if (urlChanged) {
        // The old verdict was about another endpoint, and so is a request in flight.
        cancel(check);
        const bool hadVerdict = check.healthy.has_value() || !check.message.isEmpty();
        check.healthy.reset();
        check.message.clear();
        check.lastCheckedMs = 0;
        if (hadVerdict)
            Q_EMIT changed(color);
    }
    if (m_running) {
        startTimer(color, check);
        if (urlChanged)
            checkColor(color);
    }
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
        startTimer(color, check);
    checkNow();
}

void HealthChecker::stop()
{
    m_running = false;
    for (auto &[color, check] : m_checks) {
        check.timer->stop();
        cancel(check);
    }
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

QString HealthChecker::message(const QString &color) const
{
    const auto it = m_checks.find(color);
    return it == m_checks.end() ? QString() : it->second.message;
}

qint64 HealthChecker::lastCheckedMs(const QString &color) const
{
    const auto it = m_checks.find(color);
    return it == m_checks.end() ? 0 : it->second.lastCheckedMs;
}

bool HealthChecker::isChecking(const QString &color) const
{
    const auto it = m_checks.find(color);
    return it != m_checks.end() && it->second.inFlight;
}

qint64 HealthChecker::effectiveIntervalMs(const QString &color) const
{
    // A scaled clock shrinks the real time between checks; keep at least a quarter of a
    // second of real time so a fast demo does not hammer the endpoint.
    const qint64 floorMs = qint64(std::ceil(m_clock->scale() * MinRealIntervalMs));
    return std::max({check(color).intervalMs, floorMs, qint64(1)});
}

void HealthChecker::startTimer(const QString &color, Check &check)
{
    check.timer->setSingleShot(false);
    check.timer->start(effectiveIntervalMs(color));
}

void HealthChecker::cancel(Check &check)
{
    if (GuardedHttpGet *request = check.inFlight) {
        check.inFlight = nullptr;
        request->abort();
        request->deleteLater();
    }
}

void HealthChecker::checkColor(const QString &color)
{
    const auto it = m_checks.find(color);
    if (it == m_checks.end() || it->second.inFlight)
        return; // never pile up: the running request decides this round
    Check &check = it->second;
    QNetworkRequest request;
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("StoneCaster-Deploy-Console"));
    auto *get = new GuardedHttpGet(m_manager, request, check.config.timeoutMs, this);
    check.inFlight = get;
    connect(get, &GuardedHttpGet::finished, this, [this, color, get] { onFinished(color, get); });
    get->start(check.config.url);
}

void HealthChecker::onFinished(const QString &color, GuardedHttpGet *request)
{
    request->deleteLater();
    const auto it = m_checks.find(color);
    if (it == m_checks.end() || it->second.inFlight != request)
        return;
    Check &check = it->second;
    check.inFlight = nullptr;

    const HttpGetOutcome &outcome = request->outcome();
    bool healthy = false;
    QString message;
    if (!outcome.answered()) {
        message = outcome.error;
    } else {
        healthy = outcome.is2xx();
        const QString url = outcome.url.toDisplayString(QUrl::RemoveUserInfo);
        message = QStringLiteral("%1 from %2").arg(outcome.statusLine(), url);
        if (!healthy) {
            if (const QString body = GuardedHttpGet::excerpt(outcome.body); !body.isEmpty())
                message += QStringLiteral(": ") + body;
        }
    }
    check.lastCheckedMs = m_clock->nowMs();
    const bool differs = check.healthy != healthy || check.message != message;
    check.healthy = healthy;
    check.message = message;
    if (differs)
        Q_EMIT changed(color);
}
