#pragma once

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QList>
#include <QMap>
#include <QUrl>

#include <functional>
#include <list>

class QSslConfiguration;

// A Prometheus stand-in on 127.0.0.1 (a free port) for the client and poller tests. It
// records every request and answers with what the test's handler returns; by default
// instant queries get one sample of value 1 and range queries one series whose values
// are the sample times in seconds (so merged history can be checked point by point).
class FakePrometheus : public QAbstractHttpServer
{
    Q_OBJECT
public:
    struct Request {
        QString path;
        QByteArray method;
        QMap<QString, QString> form; // POST body fields (and URL query fields)
        QByteArray authorization;
        QByteArray contentType;
    };
    struct Answer {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        QByteArray location; // a Location header, for redirects
        bool hold = false;   // leave the request unanswered until releaseHeld() (or forever)
    };
    using Handler = std::function<Answer(const Request &)>;

    explicit FakePrometheus(QObject *parent = nullptr);
    ~FakePrometheus() override;

    // Listens on 127.0.0.1, plain or with TLS; false when that failed.
    bool listenLocal(const QSslConfiguration *tls = nullptr);
    quint16 port() const { return m_port; }
    // http(s)://<host>:<port><path>; host 127.0.0.1 unless given.
    QUrl url(const QString &path = {}, const QString &host = QStringLiteral("127.0.0.1")) const;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    const QList<Request> &requests() const { return m_requests; }
    int requestCount(const QString &path = {}) const;
    int heldCount() const { return int(m_held.size()); }
    void releaseHeld(const Answer &answer);

    static Answer defaultAnswer(const Request &request);
    // Bodies in Prometheus's shape. Values are written as given ("1.5", "NaN", "+Inf").
    static QByteArray vectorBody(double timeSeconds, const QList<QByteArray> &values);
    static QByteArray scalarBody(double timeSeconds, const QByteArray &value);
    static QByteArray matrixBody(double startSeconds, double stepSeconds, int points, int seriesCount = 1);
    static QByteArray errorBody(const QByteArray &errorType, const QByteArray &error);

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;

private:
    static void respond(QHttpServerResponder &responder, const Answer &answer);

    Handler m_handler;
    QList<Request> m_requests;
    std::list<QHttpServerResponder> m_held;
    quint16 m_port = 0;
    bool m_tls = false;
};
