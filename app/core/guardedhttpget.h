#pragma once

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

// What one GuardedHttpGet came back with: an HTTP answer (status > 0), or an error saying why
// there is none (refused, timed out, TLS, a redirect off the origin).
struct HttpGetOutcome {
    int status = 0;   // HTTP status of the final answer; 0 when there is none
    QString reason;   // its reason phrase ("Service Unavailable"), may be empty
    QByteArray body;
    QString error;    // set exactly when status is 0
    QUrl url;         // the URL that answered (or failed), no user info

    bool answered() const { return status > 0; }
    bool is2xx() const { return status >= 200 && status < 300; }
    // "503 Service Unavailable".
    QString statusLine() const;
};

// One GET for the health checker and the Alertmanager client, with the rules every engine
// request keeps (see PrometheusClient): redirects followed only within the first URL's
// origin (scheme, host, port), TLS certificates always verified (an error fails the request
// with a message), and a real-time limit on the whole exchange, since a timeout is about
// the network, not clock time. Never blocks; finished() comes once, from the event loop,
// unless abort() or deletion came first.
class GuardedHttpGet : public QObject
{
    Q_OBJECT
public:
    // `request` is the template (headers); its URL is replaced.
    GuardedHttpGet(QNetworkAccessManager *manager, const QNetworkRequest &request, int timeoutMs,
                   QObject *parent = nullptr);
    ~GuardedHttpGet() override;

    void start(const QUrl &url);
    void abort(); // finished() is not emitted afterwards
    bool isFinished() const { return m_finished; }
    const HttpGetOutcome &outcome() const { return m_outcome; }

    // The first `maxChars` characters of a body on one line, for messages.
    static QString excerpt(const QByteArray &body, int maxChars = 200);
    // 2000 -> "2 s", 1500 -> "1.5 s".
    static QString formatSeconds(int ms);
    static bool sameOrigin(const QUrl &a, const QUrl &b);

Q_SIGNALS:
    void finished();

private:
    void send(const QUrl &url);
    void onReplyFinished();
    void onTimeout();
    void fail(const QString &message);
    void finish();
    QString networkErrorMessage(QNetworkReply *reply) const;
    void dropReply();

    QNetworkAccessManager *m_manager;
    QNetworkRequest m_request;
    int m_timeoutMs;
    QTimer *m_deadline;
    QUrl m_first;
    QUrl m_current;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors;
    int m_redirects = 0;
    bool m_finished = false;
    bool m_aborted = false;
    HttpGetOutcome m_outcome;
};
