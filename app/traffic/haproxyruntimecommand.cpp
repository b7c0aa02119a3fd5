#include "haproxyruntimecommand.h"

#include <QLocalSocket>
#include <QTcpSocket>

QString HaproxyEndpoint::toString() const
{
    if (isLocal())
        return QStringLiteral("unix:") + path;
    return host.contains(u':') ? QStringLiteral("[%1]:%2").arg(host).arg(port) : QStringLiteral("%1:%2").arg(host).arg(port);
}

Result<HaproxyEndpoint> HaproxyRuntimeCommand::parseAddress(const QString &address)
{
    static const Phrase Example = phrase("HaproxyRuntimeCommand", "like \"127.0.0.1:9999\" or \"unix:/run/haproxy/admin.sock\"");
    QString text = address.trimmed();
    HaproxyEndpoint endpoint;
    for (const char *prefix : {"unix:", "unix@"}) {
        if (text.startsWith(QLatin1StringView(prefix))) {
            endpoint.path = text.mid(5);
            if (endpoint.path.isEmpty())
                return Result<HaproxyEndpoint>::failure(phrase("HaproxyRuntimeCommand", "\"%1\" names no socket path; write it %2").arg(address).arg(Example));
            return endpoint;
        }
    }
    // haproxy.cfg's own spelling of a TCP address, copied from a "stats socket" line.
    for (const char *prefix : {"ipv4@", "ipv6@"}) {
        if (text.startsWith(QLatin1StringView(prefix)))
            text = text.mid(5);
    }
    const qsizetype colon = text.lastIndexOf(u':');
    bool portOk = false;
    const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&portOk) : 0;
    if (colon <= 0 || !portOk || port == 0 || port > 65535)
        return Result<HaproxyEndpoint>::failure(phrase("HaproxyRuntimeCommand", "\"%1\" is not a host:port or unix:path address; write it %2").arg(address).arg(Example));
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    endpoint.host = host;
    endpoint.port = quint16(port);
    return endpoint;
}

HaproxyRuntimeCommand::HaproxyRuntimeCommand(const HaproxyEndpoint &endpoint, const QByteArray &command, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_command(command)
{
}

HaproxyRuntimeCommand::~HaproxyRuntimeCommand()
{
    // abort(), not close(): nothing is waited for.
    if (m_tcp) {
        m_tcp->disconnect(this);
        m_tcp->abort();
    }
    if (m_local) {
        m_local->disconnect(this);
        m_local->abort();
    }
}

void HaproxyRuntimeCommand::start()
{
    if (m_endpoint.isLocal()) {
        m_local = new QLocalSocket(this);
        m_device = m_local;
        connect(m_local, &QLocalSocket::connected, this, &HaproxyRuntimeCommand::onConnected);
        connect(m_local, &QLocalSocket::readyRead, this, &HaproxyRuntimeCommand::onReadyRead);
        connect(m_local, &QLocalSocket::disconnected, this, &HaproxyRuntimeCommand::onDisconnected);
        connect(m_local, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError e) {
            onError(m_local->errorString(), e == QLocalSocket::PeerClosedError);
        });
        m_local->connectToServer(m_endpoint.path);
    } else {
        m_tcp = new QTcpSocket(this);
        m_device = m_tcp;
        connect(m_tcp, &QTcpSocket::connected, this, &HaproxyRuntimeCommand::onConnected);
        connect(m_tcp, &QTcpSocket::readyRead, this, &HaproxyRuntimeCommand::onReadyRead);
        connect(m_tcp, &QTcpSocket::disconnected, this, &HaproxyRuntimeCommand::onDisconnected);
        connect(m_tcp, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            onError(m_tcp->errorString(), e == QAbstractSocket::RemoteHostClosedError);
        });
        m_tcp->connectToHost(m_endpoint.host, m_endpoint.port);
    }
}

void HaproxyRuntimeCommand::onConnected()
{
    m_connected = true;
    // Without "prompt", HAProxy runs this one command and closes the connection.
    m_device->write(m_command + '\n');
}

void HaproxyRuntimeCommand::onReadyRead()
{
    const QByteArray data = m_device->readAll();
    if (m_answer.size() < MaxAnswerBytes)
        m_answer += data.left(MaxAnswerBytes - m_answer.size());
}

void HaproxyRuntimeCommand::onDisconnected()
{
    onReadyRead();
    done();
}

void HaproxyRuntimeCommand::onError(const QString &message, bool peerClosed)
{
    // HAProxy closing after its answer is the normal end; disconnected() follows.
    if (peerClosed && m_connected) {
        onDisconnected();
        return;
    }
    if (m_done)
        return;
    m_error = (m_connected ? phrase("HaproxyRuntimeCommand", "the connection to %1 broke: %2") : phrase("HaproxyRuntimeCommand", "cannot connect to %1: %2"))
                  .arg(m_endpoint.toString())
                  .arg(message);
    done();
}

void HaproxyRuntimeCommand::done()
{
    if (m_done)
        return;
    m_done = true;
    // Queued, so a handler that deletes us does not do it inside the socket's signal.
    QMetaObject::invokeMethod(this, &HaproxyRuntimeCommand::finished, Qt::QueuedConnection);
}
