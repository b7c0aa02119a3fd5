#pragma once

#include "phrase.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

// What one GuardedRequest came back with: an HTTP answer (status > 0), or an error saying why
// there is none (refused, timed out, TLS, a redirect off the origin, an answer over the cap).
struct HttpOutcome {
    int status = 0;   // HTTP status of the final answer; 0 when there is none
    QString reason;   // its reason phrase ("Service Unavailable"), may be empty
    QByteArray body;
    Phrase error;     // set exactly when status is 0
    QUrl url;         // the URL that answered (or failed), no user info

    bool answered() const { return status > 0; }
    bool is2xx() const { return status >= 200 && status < 300; }
    // "503 Service Unavailable".
    QString statusLine() const;
};

// Who answers one kind of request and its limits. The names go into messages, so that an
// operator reads which service failed and what to change.
struct HttpGuards {
    static constexpr qint64 DefaultMaxBodyBytes = 1024 * 1024;

    // Named without a capital, as inside a sentence ("Prometheus", "the traffic API").
    Phrase peer = phrase("GuardedRequest", "the server");
    Phrase setting; // what to check or change: "the metrics base URL (metrics.url in the profile)"; empty: none named
    // Real time for the whole exchange, redirects included, however the bytes trickle in.
    // 0: none of its own, only for a caller that holds a deadline over the exchange itself
    // (TrafficController's per-operation timeout).
    int timeoutMs = 10'000;
    qint64 maxBodyBytes = DefaultMaxBodyBytes; // a larger answer is cut off and fails
};

// One HTTP request with the rules every engine request keeps: redirects followed only within
// the first URL's origin (scheme, host, port), with the same method and body (so credentials
// never go elsewhere and a POST stays a POST); TLS certificates always verified, an error
// failing the request with what to do about it; an overall real-time deadline (Qt's transfer
// timeout restarts with every byte, so a server trickling its answer would defeat it); and a
// cap on the answer's size. Never blocks; finished() comes once, from the event loop, unless
// abort() or deletion came first. Deleting a running request cancels it.
class GuardedRequest : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxRedirects = 5;

    // `request` is the template (headers, TLS configuration); its URL is replaced.
    GuardedRequest(QNetworkAccessManager *manager, const QNetworkRequest &request, const HttpGuards &guards,
                   QObject *parent = nullptr);
    ~GuardedRequest() override;

    void get(const QUrl &url) { send(QByteArrayLiteral("GET"), url); }
    void send(const QByteArray &method, const QUrl &url, const QByteArray &body = {});
    void abort(); // finished() is not emitted afterwards
    bool isFinished() const { return m_finished; }
    const HttpOutcome &outcome() const { return m_outcome; }
    const HttpGuards &guards() const { return m_guards; }
    QByteArray method() const { return m_method; }
    // The URL asked now (after any redirect), as messages show it.
    QString currentUrlText() const { return shown(m_current.isEmpty() ? m_first : m_current); }

    // The first `maxChars` characters of a body on one line, for messages.
    static QString excerpt(const QByteArray &body, int maxChars = 200);
    static bool sameOrigin(const QUrl &a, const QUrl &b);
    // A URL as messages show it: no user info, query or fragment.
    static QString shown(const QUrl &url);

Q_SIGNALS:
    void finished();

private:
    void sendTo(const QUrl &url);
    void onReadyRead();
    void onMetaDataChanged();
    void onReplyFinished();
    void onDeadline();
    void followRedirect(QNetworkReply *reply, int httpStatus);
    void failOverCap(qint64 size, bool declared);
    void fail(const Phrase &message);
    void finish();
    Phrase networkErrorMessage(QNetworkReply *reply) const;
    void dropReply();

    QNetworkAccessManager *m_manager;
    QNetworkRequest m_request;
    HttpGuards m_guards;
    QTimer *m_deadline;
    QByteArray m_method;
    QByteArray m_body;   // sent
    QByteArray m_answer; // received so far
    bool m_answerBegun = false;
    QUrl m_first;
    QUrl m_current;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors;
    int m_redirects = 0;
    bool m_finished = false;
    bool m_aborted = false;
    HttpOutcome m_outcome;
};
