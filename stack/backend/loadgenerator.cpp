#include "loadgenerator.h"

#include "backendlogging.h"

#include <QHostAddress>
#include <QHttp1Configuration>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <cmath>

namespace {

constexpr int MaxDurationSeconds = 7 * 24 * 3600;
constexpr double MaxRate = 5000;

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

LoadGenerator::LoadGenerator(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_ticker.setTimerType(Qt::PreciseTimer);
    m_ticker.setInterval(5);
    connect(&m_ticker, &QTimer::timeout, this, &LoadGenerator::tick);
    m_reporter.setInterval(10000);
    connect(&m_reporter, &QTimer::timeout, this, [this] { qCInfo(lcBackend).noquote() << summary(); });
}

QString LoadGenerator::check(const Options &options)
{
    const QUrl &url = options.url;
    if (!url.isValid() || url.scheme() != u"http")
        return QStringLiteral("--load needs an http:// URL, like http://127.0.0.1:8080/app (got \"%1\")").arg(url.toString());
    if (!isLoopbackHost(url.host()))
        return QStringLiteral("--load sends only to a loopback address (127.0.0.1, ::1 or localhost), not to \"%1\"").arg(url.host());
    if (!(options.rate > 0 && options.rate <= MaxRate))
        return QStringLiteral("--rate must be more than 0 and at most %1 requests per second").arg(MaxRate);
    if (options.durationSeconds <= 0 || options.durationSeconds > MaxDurationSeconds)
        return QStringLiteral("--duration must be 1 to %1 seconds").arg(MaxDurationSeconds);
    if (options.maxRequests < 0)
        return QStringLiteral("--max-requests must not be negative");
    if (options.maxInFlight < 1 || options.maxInFlight > 255)
        return QStringLiteral("--max-in-flight must be 1 to 255");
    return {};
}

qint64 LoadGenerator::plannedRequests() const
{
    const qint64 byTime = qint64(std::floor(m_options.rate * m_options.durationSeconds));
    return m_options.maxRequests > 0 ? std::min(m_options.maxRequests, byTime) : byTime;
}

QString LoadGenerator::summary() const
{
    return QStringLiteral("load: %1 s, sent %2 of %3, 2xx %4, 5xx %5, other %6, failed %7, skipped %8, in flight %9")
        .arg(m_clock.isValid() ? m_clock.elapsed() / 1000 : 0)
        .arg(m_stats.sent)
        .arg(plannedRequests())
        .arg(m_stats.ok)
        .arg(m_stats.serverErrors)
        .arg(m_stats.otherStatus)
        .arg(m_stats.failed)
        .arg(m_stats.skipped)
        .arg(m_stats.inFlight);
}

void LoadGenerator::start()
{
    qCInfo(lcBackend).noquote() << QStringLiteral("load: %1 requests per second to %2 for %3 s, at most %4 requests")
                                       .arg(m_options.rate)
                                       .arg(m_options.url.toString())
                                       .arg(m_options.durationSeconds)
                                       .arg(plannedRequests());
    m_clock.start();
    m_ticker.start();
    m_reporter.start();
}

void LoadGenerator::tick()
{
    const qint64 elapsedMs = m_clock.elapsed();
    if (elapsedMs >= qint64(m_options.durationSeconds) * 1000) {
        m_stopped = true;
        m_ticker.stop();
        finishIfDone();
        return;
    }
    // As many as the schedule says by now: the rate holds on average even when a tick is late.
    const qint64 due = std::min(plannedRequests(), qint64(std::floor(elapsedMs * m_options.rate / 1000.0)) + 1);
    while (m_scheduled < due) {
        ++m_scheduled;
        if (m_stats.inFlight >= m_options.maxInFlight)
            ++m_stats.skipped;
        else
            send();
    }
    if (m_scheduled >= plannedRequests()) {
        m_stopped = true;
        m_ticker.stop();
        finishIfDone();
    }
}

void LoadGenerator::send()
{
    const qint64 n = m_stats.sent++;
    QUrl url = m_options.url;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(n % 5 == 0 ? base + u'/' : base + QStringLiteral("/api/orders/%1").arg(n % 100));
    QNetworkRequest request(url);
    request.setTransferTimeout(30000);
    QHttp1Configuration http1;
    http1.setNumberOfConnectionsPerHost(qsizetype(m_options.maxInFlight));
    request.setHttp1Configuration(http1);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkReply *reply = m_network.get(request);
    ++m_stats.inFlight;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        --m_stats.inFlight;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300)
            ++m_stats.ok;
        else if (status >= 500)
            ++m_stats.serverErrors;
        else if (status > 0)
            ++m_stats.otherStatus;
        else
            ++m_stats.failed;
        finishIfDone();
    });
}

void LoadGenerator::finishIfDone()
{
    if (!m_stopped || m_stats.inFlight > 0 || m_finished)
        return;
    m_finished = true;
    m_reporter.stop();
    qCInfo(lcBackend).noquote() << summary() << "(done)";
    Q_EMIT finished();
}
