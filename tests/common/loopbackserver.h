#pragma once
// The listening part of the tests' fake HTTP servers: a QTcpServer (or a QSslServer with the
// given configuration) on 127.0.0.1 with a free port, bound to a Qt HTTP server.
#include <QAbstractHttpServer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpServer>

namespace LoopbackServer {

// The port, or 0 when it could not listen. The server is a child of `http`.
inline quint16 listen(QAbstractHttpServer *http, const QSslConfiguration *tls = nullptr)
{
    QTcpServer *server = nullptr;
    if (tls) {
        auto *ssl = new QSslServer(http);
        ssl->setSslConfiguration(*tls);
        server = ssl;
    } else {
        server = new QTcpServer(http);
    }
    if (!server->listen(QHostAddress::LocalHost, 0) || !http->bind(server))
        return 0;
    return server->serverPort();
}

} // namespace LoopbackServer
