#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

class QIODevice;
class QLocalSocket;
class QTcpSocket;

// Where HAProxy's Runtime API listens: a TCP host and port or a UNIX socket path.
struct HaproxyEndpoint {
    QString host; // empty for a UNIX socket
    quint16 port = 0;
    QString path; // UNIX socket
    bool isLocal() const { return !path.isEmpty(); }
    QString toString() const;
};

// One command to HAProxy's Runtime API in its non-interactive mode: connect, send the
// command line, read until HAProxy closes the connection. finished() comes exactly once,
// from the event loop; the answer is kept verbatim (HAProxy ends it with an empty line).
// Deleting the object stops it without finished().
class HaproxyRuntimeCommand : public QObject
{
    Q_OBJECT
public:
    // Answers larger than this are cut; ours are a line or two.
    static constexpr qsizetype MaxAnswerBytes = 64 * 1024;

    HaproxyRuntimeCommand(const HaproxyEndpoint &endpoint, const QByteArray &command, QObject *parent = nullptr);
    ~HaproxyRuntimeCommand() override;

    void start();

    const QByteArray &command() const { return m_command; }
    // False when the connection failed; error() says why. A refusal by HAProxy is ok() with
    // HAProxy's text in answer().
    bool ok() const { return m_error.isEmpty(); }
    const Phrase &error() const { return m_error; }
    const QByteArray &answer() const { return m_answer; }
    // True once connected: a failure after that is HAProxy closing or resetting, not an
    // unreachable address.
    bool connected() const { return m_connected; }

    // "127.0.0.1:9999", "[::1]:9999", "host:9999", "ipv4@127.0.0.1:9999", "unix:/path", "unix@/path".
    static Result<HaproxyEndpoint> parseAddress(const QString &address);

Q_SIGNALS:
    void finished();

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onError(const QString &message, bool peerClosed);
    void done();

    HaproxyEndpoint m_endpoint;
    QByteArray m_command;
    QTcpSocket *m_tcp = nullptr;
    QLocalSocket *m_local = nullptr;
    QIODevice *m_device = nullptr;
    QByteArray m_answer;
    Phrase m_error;
    bool m_connected = false;
    bool m_done = false;
};
