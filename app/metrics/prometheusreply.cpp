#include "prometheusreply.h"

#include "core/guardedrequest.h"
#include "prometheusresponse.h"

#include <QTimer>

PrometheusReply::PrometheusReply(GuardedRequest *request, const QUrl &url, QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_url(url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment))
{
    m_request->setParent(this);
    connect(m_request, &GuardedRequest::finished, this, &PrometheusReply::onRequestFinished);
}

PrometheusReply::~PrometheusReply()
{
    abort();
}

void PrometheusReply::abort()
{
    m_aborted = true;
    m_request->abort();
}

void PrometheusReply::finishLater(const Phrase &message)
{
    QTimer::singleShot(0, this, [this, message] {
        if (!m_aborted)
            finish(Result<PrometheusQueryResult>::failure(message));
    });
}

void PrometheusReply::onRequestFinished()
{
    const HttpOutcome &outcome = m_request->outcome();
    if (!outcome.answered()) {
        finish(Result<PrometheusQueryResult>::failure(outcome.error));
        return;
    }
    auto parsed = PrometheusResponse::parse(outcome.body, outcome.status, outcome.reason);
    if (!parsed.ok())
        parsed = Result<PrometheusQueryResult>::failure(
            phrase("PrometheusReply", "%1: %2").arg(GuardedRequest::shown(outcome.url)).arg(parsed.errorPhrase()));
    finish(std::move(parsed));
}

void PrometheusReply::finish(Result<PrometheusQueryResult> result)
{
    if (m_result)
        return;
    m_result = std::move(result);
    Q_EMIT finished();
}
