#include "fakehaproxy.h"

#include <QRegularExpression>
#include <QTcpSocket>

FakeHaproxy::FakeHaproxy(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &FakeHaproxy::onNewConnection);
}

bool FakeHaproxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FakeHaproxy::addServer(const QString &backendServer, int weight)
{
    m_weights.insert(backendServer, weight);
    m_initial.insert(backendServer, weight);
}

void FakeHaproxy::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FakeHaproxy::onReadyRead(QTcpSocket *socket)
{
    if (!socket->canReadLine())
        return;
    const QByteArray command = socket->readLine().trimmed();
    m_commands << command;
    Behaviour behaviour = m_behaviour;
    if (!m_prefix.isEmpty() && command.startsWith(m_prefix))
        behaviour = m_prefixBehaviour;
    switch (behaviour) {
    case Behaviour::NeverAnswer:
        return;
    case Behaviour::CloseWithoutAnswer:
        socket->disconnectFromHost();
        return;
    case Behaviour::IgnoreSet:
        if (command.startsWith("set ")) {
            socket->write("\n");
            socket->disconnectFromHost();
            return;
        }
        break;
    case Behaviour::RefuseSet:
        if (command.startsWith("set ")) {
            socket->write(QByteArray(StaticAlgorithmRefusal) + "\n\n");
            socket->disconnectFromHost();
            return;
        }
        break;
    case Behaviour::Answer:
        break;
    }
    socket->write(answer(command));
    socket->disconnectFromHost();
}

QByteArray FakeHaproxy::answer(const QByteArray &command)
{
    static const QRegularExpression Set(QStringLiteral("^set server (\\S+) weight (\\S+)$"));
    static const QRegularExpression Get(QStringLiteral("^get weight (\\S+)$"));
    const QString text = QString::fromUtf8(command);
    auto known = [this](const QString &name) -> QByteArray {
        if (!name.contains(u'/'))
            return "Require 'backend/server'.\n\n";
        if (!m_weights.contains(name)) {
            const QString backend = name.section(u'/', 0, 0);
            for (auto it = m_weights.cbegin(); it != m_weights.cend(); ++it) {
                if (it.key().section(u'/', 0, 0) == backend)
                    return "No such server.\n\n";
            }
            return "No such backend.\n\n";
        }
        return {};
    };
    if (const QRegularExpressionMatch m = Set.match(text); m.hasMatch()) {
        if (QByteArray refusal = known(m.captured(1)); !refusal.isEmpty())
            return refusal;
        bool ok = false;
        const int weight = m.captured(2).toInt(&ok);
        if (!ok || weight < 0 || weight > 256)
            return "Absolute weight can only be between 0 and 256 inclusive.\n\n";
        m_weights[m.captured(1)] = weight;
        return "\n";
    }
    if (const QRegularExpressionMatch m = Get.match(text); m.hasMatch()) {
        if (QByteArray refusal = known(m.captured(1)); !refusal.isEmpty())
            return refusal;
        return QStringLiteral("%1 (initial %2)\n\n").arg(m_weights.value(m.captured(1))).arg(m_initial.value(m.captured(1))).toUtf8();
    }
    static const QRegularExpression State(QStringLiteral("^show servers state (\\S+)$"));
    if (const QRegularExpressionMatch m = State.match(text); m.hasMatch()) {
        // HAProxy 3.0's format 1 (the columns after srv_admin_state abridged to those that vary least).
        QByteArray table = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight "
                           "srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state "
                           "srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port "
                           "srv_check_addr srv_agent_addr srv_agent_port\n";
        int id = 0;
        bool any = false;
        QStringList names = m_weights.keys();
        names.sort();
        for (const QString &name : std::as_const(names)) {
            if (name.section(u'/', 0, 0) != m.captured(1))
                continue;
            any = true;
            const auto [op, admin] = m_states.value(name, {2, 0});
            table += QStringLiteral("3 %1 %2 %3 127.0.0.1 %4 %5 %6 %7 12 6 3 4 6 0 0 0 - 8080 - 0 0 - - 0\n")
                         .arg(m.captured(1))
                         .arg(++id)
                         .arg(name.section(u'/', 1))
                         .arg(op)
                         .arg(admin)
                         .arg(m_weights.value(name))
                         .arg(m_initial.value(name))
                         .toUtf8();
        }
        if (!any)
            return "Can't find backend.\n\n";
        return table + "\n";
    }
    return "Unknown command: '" + command + "'\n\n";
}
