#pragma once

#include <QByteArrayList>
#include <QHash>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

// A fake HAProxy Runtime API on 127.0.0.1 for controller tests: the non-interactive
// protocol (one command line per connection, answer, close) for `set server B/S weight N`,
// `get weight B/S` and `show servers state B`, with HAProxy's own answers, and ways to misbehave.
class FakeHaproxy : public QObject
{
    Q_OBJECT
public:
    enum class Behaviour {
        Answer,             // like HAProxy
        CloseWithoutAnswer, // reads the command, closes without a byte
        NeverAnswer,        // reads the command, keeps the connection open, says nothing
        IgnoreSet,          // answers `set` as a success without changing anything
        RefuseSet,          // refuses `set` as HAProxy does for a backend with a static algorithm
    };

    explicit FakeHaproxy(QObject *parent = nullptr);

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(port()); }

    void setBehaviour(Behaviour behaviour) { m_behaviour = behaviour; }
    // Behaviour for commands starting with `prefix` ("get weight"); others answer normally.
    void setBehaviourFor(const QByteArray &prefix, Behaviour behaviour)
    {
        m_prefix = prefix;
        m_prefixBehaviour = behaviour;
    }
    // "backend/server" -> weight; the initial weight is the first one set here.
    void addServer(const QString &backendServer, int weight);
    int weight(const QString &backendServer) const { return m_weights.value(backendServer, -1); }
    // The state `show servers state` reports: srv_op_state (2 running, 0 DOWN) and
    // srv_admin_state (0x01 maintenance, 0x08 drain); every server starts running, admin 0.
    void setServerState(const QString &backendServer, int operational, int admin)
    {
        m_states.insert(backendServer, {operational, admin});
    }
    const QByteArrayList &commands() const { return m_commands; }

    // The answer HAProxy 3.0 gives to one command line (checked against it in tst_haproxy_e2e).
    QByteArray answer(const QByteArray &command);
    static constexpr char StaticAlgorithmRefusal[] = "Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.";

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    QTcpServer m_server;
    Behaviour m_behaviour = Behaviour::Answer;
    QByteArray m_prefix;
    Behaviour m_prefixBehaviour = Behaviour::Answer;
    QHash<QString, int> m_weights;
    QHash<QString, int> m_initial;
    QHash<QString, std::pair<int, int>> m_states;
    QByteArrayList m_commands;
};
