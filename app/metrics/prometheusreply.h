#pragma once

#include "core/result.h"
#include "prometheusqueryresult.h"

#include <QObject>
#include <QUrl>

#include <optional>

class GuardedRequest;

// One query sent by PrometheusClient. finished() is emitted exactly once, always from the
// event loop (never inside PrometheusClient::query()), unless the reply is aborted or
// deleted first. Then either ok() and result(), or error(): a message naming the URL and
// what to check. The caller owns the reply and deletes it (deleteLater() in the slot is
// fine); deleting a running reply cancels its request.
class PrometheusReply : public QObject
{
    Q_OBJECT
public:
    ~PrometheusReply() override;

    bool isFinished() const { return m_result.has_value(); }
    bool ok() const { return m_result && m_result->ok(); }
    // Empty while running and on success.
    QString error() const { return m_result ? m_result->error() : QString(); }
    Phrase errorPhrase() const { return m_result ? m_result->errorPhrase() : Phrase(); }
    // Only valid when ok().
    const PrometheusQueryResult &result() const { return m_result->value(); }
    // The endpoint asked (no user info, no query string), for messages.
    QUrl url() const { return m_url; }
    // Cancels the request; finished() is not emitted afterwards.
    void abort();

Q_SIGNALS:
    void finished();

private:
    friend class PrometheusClient;
    // Takes `request` (its exchange: redirects, TLS, deadline, size cap) and reads its answer.
    PrometheusReply(GuardedRequest *request, const QUrl &url, QObject *parent);
    void finishLater(const Phrase &message); // a failure found before anything was sent
    void onRequestFinished();
    void finish(Result<PrometheusQueryResult> result);

    GuardedRequest *m_request;
    QUrl m_url; // the endpoint as first asked
    bool m_aborted = false;
    std::optional<Result<PrometheusQueryResult>> m_result;
};
