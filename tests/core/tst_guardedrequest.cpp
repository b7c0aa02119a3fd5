// GuardedRequest against a raw HTTP server (QTcpServer, so a test can trickle bytes, leave out
// the length or never answer): redirects within the origin with the method and body kept,
// anywhere else refused; the overall deadline, which a server trickling its answer cannot
// stretch; the body size cap; messages that name the peer, the URL and the setting to check.
// TLS failing closed is tested through its users (tst_prometheusclient, tst_healthchecker).
#include "core/guardedrequest.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <functional>

namespace {

constexpr int WaitMs = 10000;

// Accepts HTTP/1.1 requests and hands each, parsed, to `handler` with its socket, which
// writes whatever answer a test needs (or nothing).
class RawHttpServer : public QTcpServer
{
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        QByteArray body;
    };
    std::function<void(const Request &, QTcpSocket *)> handler;
    QList<Request> requests;

    bool listenLocal() { return listen(QHostAddress::LocalHost, 0); }
    QUrl url(const QString &path) const { return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path)); }

    static void answer(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &extraHeaders = {})
    {
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: " + QByteArray::number(body.size())
                      + "\r\n" + extraHeaders + "\r\n" + body);
    }

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(handle);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            qsizetype length = 0;
            for (const QByteArray &line : lines) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer->size() < end + 4 + length)
                return;
            const QList<QByteArray> first = lines.first().trimmed().split(' ');
            Request r{first.value(0), first.value(1), buffer->mid(end + 4, length)};
            buffer->remove(0, end + 4 + length);
            requests.append(r);
            if (handler)
                handler(r, socket);
        });
    }
};

QNetworkRequest json()
{
    QNetworkRequest request;
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return request;
}

HttpGuards guards(int timeoutMs = 5000, qint64 maxBodyBytes = HttpGuards::DefaultMaxBodyBytes)
{
    HttpGuards g;
    g.peer = Phrase::verbatim(QStringLiteral("the test API"));
    g.setting = Phrase::verbatim(QStringLiteral("test.url in the profile"));
    g.timeoutMs = timeoutMs;
    g.maxBodyBytes = maxBodyBytes;
    return g;
}

// Sends and waits; the request's outcome, its error printed when there is one.
HttpOutcome exchange(GuardedRequest &request, const QByteArray &method, const QUrl &url, const QByteArray &body = {})
{
    QSignalSpy finished(&request, &GuardedRequest::finished);
    request.send(method, url, body);
    if (finished.isEmpty() && !finished.wait(WaitMs))
        qWarning("no outcome within %d ms", WaitMs);
    if (!request.outcome().error.english().isEmpty())
        qInfo().noquote() << "error:" << request.outcome().error.english();
    return request.outcome();
}

} // namespace

class TestGuardedRequest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<RawHttpServer>();
        QVERIFY(m_server->listenLocal());
    }
    void cleanup() { m_server.reset(); }

    void answers()
    {
        m_server->handler = [](const RawHttpServer::Request &, QTcpSocket *s) { RawHttpServer::answer(s, 503, "down for maintenance"); };
        GuardedRequest request(&m_network, {}, guards());
        const HttpOutcome o = exchange(request, "GET", m_server->url(QStringLiteral("/health?x=1")));
        QVERIFY(o.answered());
        QCOMPARE(o.status, 503);
        QVERIFY(!o.is2xx());
        QCOMPARE(o.body, QByteArray("down for maintenance"));
        QCOMPARE(o.statusLine(), QStringLiteral("503 X"));
        QCOMPARE(m_server->requests.first().path, QByteArray("/health?x=1"));
    }

    // Qt would turn a redirected POST into a GET without its body (301/302/303).
    void redirectWithinTheOriginKeepsMethodAndBody_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("absolute");
        QTest::newRow("POST 302, relative") << QByteArray("POST") << 302 << false;
        QTest::newRow("PUT 303, absolute") << QByteArray("PUT") << 303 << true;
        QTest::newRow("PATCH 307") << QByteArray("PATCH") << 307 << false;
        QTest::newRow("POST 301") << QByteArray("POST") << 301 << true;
    }
    void redirectWithinTheOriginKeepsMethodAndBody()
    {
        QFETCH(QByteArray, method);
        QFETCH(int, status);
        QFETCH(bool, absolute);
        const QByteArray location = absolute ? m_server->url(QStringLiteral("/moved")).toEncoded() : QByteArray("/moved");
        m_server->handler = [&](const RawHttpServer::Request &r, QTcpSocket *s) {
            if (r.path == "/moved")
                RawHttpServer::answer(s, 200, "done");
            else
                RawHttpServer::answer(s, status, {}, "Location: " + location + "\r\n");
        };
        GuardedRequest request(&m_network, json(), guards());
        const HttpOutcome o = exchange(request, method, m_server->url(QStringLiteral("/weights")), R"({"green":10})");
        QVERIFY(o.is2xx());
        QCOMPARE(o.body, QByteArray("done"));
        QCOMPARE(o.url, m_server->url(QStringLiteral("/moved")));
        QCOMPARE(m_server->requests.size(), 2);
        QCOMPARE(m_server->requests.at(1).method, method);
        QCOMPARE(m_server->requests.at(1).body, QByteArray(R"({"green":10})"));
    }

    void redirectOffTheOriginIsRefused()
    {
        RawHttpServer elsewhere;
        QVERIFY(elsewhere.listenLocal());
        const QByteArray location = elsewhere.url(QStringLiteral("/steal")).toEncoded();
        m_server->handler = [&](const RawHttpServer::Request &, QTcpSocket *s) {
            RawHttpServer::answer(s, 307, {}, "Location: " + location + "\r\n");
        };
        GuardedRequest request(&m_network, json(), guards());
        const HttpOutcome o = exchange(request, "POST", m_server->url(QStringLiteral("/weights")), "secret body");
        QVERIFY(!o.answered());
        const QString origin = QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort());
        for (const QString &part : {QStringLiteral("redirected to ") + QString::fromLatin1(location), QStringLiteral("which is not on ") + origin,
                                    QStringLiteral("same scheme, host and port"),
                                    QStringLiteral("Set test.url in the profile to the address the test API is really served from")})
            QVERIFY2(o.error.english().contains(part), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(part, o.error.english())));
        QTest::qWait(50);
        QCOMPARE(elsewhere.requests.size(), 0);
    }

    void redirectLoopEnds()
    {
        m_server->handler = [](const RawHttpServer::Request &, QTcpSocket *s) { RawHttpServer::answer(s, 307, {}, "Location: /again\r\n"); };
        GuardedRequest request(&m_network, {}, guards());
        const HttpOutcome o = exchange(request, "GET", m_server->url(QStringLiteral("/start")));
        QVERIFY2(o.error.english().contains(QLatin1String("more than 5 times")), qPrintable(o.error.english()));
        QVERIFY2(o.error.english().contains(QLatin1String("check test.url in the profile")), qPrintable(o.error.english()));
        QCOMPARE(m_server->requests.size(), 1 + GuardedRequest::MaxRedirects);
    }

    // Headers at once, then one byte every 20 ms of a 100,000-byte body: every byte restarts
    // Qt's transfer timeout, never the deadline.
    void aTricklingServerMeetsTheDeadline()
    {
        QPointer<QTimer> trickle;
        qint64 sent = 0;
        m_server->handler = [&](const RawHttpServer::Request &, QTcpSocket *s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
            trickle = new QTimer(s);
            QObject::connect(trickle, &QTimer::timeout, s, [s, &sent] {
                s->write("x");
                ++sent;
            });
            trickle->start(20);
        };
        GuardedRequest request(&m_network, {}, guards(300));
        const HttpOutcome o = exchange(request, "GET", m_server->url(QStringLiteral("/slow")));
        QVERIFY(!o.answered());
        QVERIFY2(o.error.english().startsWith(QStringLiteral("No complete answer from the test API at %1 within 300 ms").arg(m_server->url(QStringLiteral("/slow")).toString())),
                 qPrintable(o.error.english()));
        QVERIFY2(o.error.english().contains(QLatin1String("the rest was still arriving")), qPrintable(o.error.english()));
        QVERIFY(trickle && trickle->isActive()); // the server was still sending when the request gave up
        QVERIFY(sent < 100'000);
        trickle->stop();
    }

    void aSilentServerMeetsTheDeadline()
    {
        GuardedRequest request(&m_network, {}, guards(300));
        const HttpOutcome o = exchange(request, "GET", m_server->url(QStringLiteral("/silent")));
        QVERIFY(!o.answered());
        QVERIFY2(o.error.english().startsWith(QStringLiteral("No answer from the test API at %1 within 300 ms").arg(m_server->url(QStringLiteral("/silent")).toString())),
                 qPrintable(o.error.english()));
        QCOMPARE(m_server->requests.size(), 1);
    }

    void bodySizeCap_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("withLength");
        QTest::addColumn<QString>("message"); // empty: answered
        QTest::newRow("at the cap") << 1000 << true << QString();
        QTest::newRow("over it, length declared")
            << 5000 << true << "The test API at %1 answered with 4.883 KiB, more than the 1000 bytes this console reads from it; the answer was not read";
        QTest::newRow("over it, no length (read to the end)")
            << 5000 << false << "The test API at %1 sent more than 1000 bytes, the most this console reads from it; the answer was cut off";
        QTest::newRow("far over it, no length") << 3'000'000 << false << "sent more than 1000 bytes";
    }
    void bodySizeCap()
    {
        QFETCH(int, size);
        QFETCH(bool, withLength);
        QFETCH(QString, message);
        m_server->handler = [&](const RawHttpServer::Request &, QTcpSocket *s) {
            const QByteArray body(size, 'x');
            if (withLength) {
                RawHttpServer::answer(s, 200, body);
            } else {
                s->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body);
                s->disconnectFromHost();
            }
        };
        GuardedRequest request(&m_network, {}, guards(WaitMs, 1000));
        const HttpOutcome o = exchange(request, "GET", m_server->url(QStringLiteral("/big")));
        if (message.isEmpty()) {
            QVERIFY2(o.is2xx(), qPrintable(o.error.english()));
            QCOMPARE(o.body.size(), size);
            return;
        }
        QVERIFY(!o.answered());
        QVERIFY(o.body.isEmpty());
        const QString expected = message.contains(QLatin1String("%1")) ? message.arg(m_server->url(QStringLiteral("/big")).toString()) : message;
        QVERIFY2(o.error.english().contains(expected), qPrintable(o.error.english()));
    }

    void connectionRefusedNamesPeerAndSetting()
    {
        const quint16 port = m_server->serverPort();
        m_server.reset(); // nothing listens there now
        GuardedRequest request(&m_network, {}, guards());
        const HttpOutcome o = exchange(request, "GET", QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(port)));
        QVERIFY(!o.answered());
        QCOMPARE(o.error.english(), QStringLiteral("Could not connect to the test API at http://127.0.0.1:%1/x: connection refused by 127.0.0.1:%1; "
                                         "is it running there and is the port right? Check test.url in the profile")
                              .arg(port));
        m_server = std::make_unique<RawHttpServer>(); // for cleanup()
    }

    void aBadUrlFailsFromTheEventLoop()
    {
        GuardedRequest request(&m_network, {}, guards());
        QSignalSpy finished(&request, &GuardedRequest::finished);
        request.get(QUrl(QStringLiteral("ftp://example.com/x")));
        QCOMPARE(finished.count(), 0); // a caller connects after the call
        QVERIFY(finished.wait(WaitMs));
        QVERIFY2(request.outcome().error.english().contains(QLatin1String("is not an http:// or https:// URL with a host; check test.url in the profile")),
                 qPrintable(request.outcome().error.english()));
    }

    void abortAndDeletionEndSilently()
    {
        m_server->handler = [](const RawHttpServer::Request &, QTcpSocket *) {}; // never answers
        auto *request = new GuardedRequest(&m_network, {}, guards());
        QSignalSpy finished(request, &GuardedRequest::finished);
        request->get(m_server->url(QStringLiteral("/hold")));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests.size(), 1, WaitMs);
        request->abort();
        QTest::qWait(50);
        QCOMPARE(finished.count(), 0);
        delete request;
        QTest::qWait(50); // nothing may touch the deleted request
    }

    void excerpts_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("maxChars");
        QTest::addColumn<QString>("excerpt");
        QTest::newRow("one line") << QByteArray("  a\n  b\tc ") << 200 << "a b c";
        QTest::newRow("cut with an ellipsis") << QByteArray("abcdefgh") << 5 << "abcde\u2026";
        QTest::newRow("UTF-8 counted in characters") << QByteArray("gr\xc3\xbcn gr\xc3\xbcn") << 4 << "gr\u00fcn\u2026";
        QTest::newRow("empty") << QByteArray() << 10 << "";
    }
    void excerpts()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, maxChars);
        QFETCH(QString, excerpt);
        QCOMPARE(GuardedRequest::excerpt(body, maxChars), excerpt);
    }

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<RawHttpServer> m_server;
};

QTEST_GUILESS_MAIN(TestGuardedRequest)
#include "tst_guardedrequest.moc"
