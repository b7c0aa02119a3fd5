#include "haproxycontroller.h"

#include <QRegularExpression>

#include <cmath>

HaproxyController::HaproxyController(const HaproxyTrafficConfig &config, QObject *parent)
    : TrafficController(parent)
    , m_config(config)
    , m_endpoint(HaproxyRuntimeCommand::parseAddress(config.address))
{
}

HaproxyController::~HaproxyController() = default;

Phrase HaproxyController::description() const
{
    return phrase("HaproxyController", "HAProxy runtime API at %1 (backend %2)")
        .arg(m_endpoint ? m_endpoint.value().toString() : m_config.address)
        .arg(m_config.backend);
}

std::pair<int, int> HaproxyController::weightsFor(int greenPercent, int weightScale)
{
    const int green = int(std::lround(double(greenPercent) * weightScale / 100.0));
    return {weightScale - green, green};
}

std::optional<int> HaproxyController::parseWeight(const QByteArray &answer)
{
    static const QRegularExpression Weight(QStringLiteral("^\\s*(\\d+)\\s*\\(initial \\d+\\)\\s*$"));
    const QRegularExpressionMatch m = Weight.match(QString::fromUtf8(answer));
    bool ok = false;
    const int weight = m.hasMatch() ? m.captured(1).toInt(&ok) : 0;
    if (!ok)
        return std::nullopt; // no weight, or digits past int (toInt() would give 0)
    return weight;
}

Result<QHash<QString, HaproxyController::ServerState>> HaproxyController::parseServersState(const QByteArray &answer)
{
    using R = Result<QHash<QString, ServerState>>;
    const QList<QByteArray> lines = answer.split('\n');
    // "1", then "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ...", then a line per server.
    qsizetype name = -1, operational = -1, admin = -1;
    QHash<QString, ServerState> servers;
    bool header = false;
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const QList<QByteArray> fields = line.split(' ');
        if (line.startsWith('#')) {
            const QList<QByteArray> names = line.mid(1).simplified().split(' ');
            name = names.indexOf("srv_name");
            operational = names.indexOf("srv_op_state");
            admin = names.indexOf("srv_admin_state");
            header = name >= 0 && operational >= 0 && admin >= 0;
            continue;
        }
        if (!header) {
            if (fields.size() == 1 && fields.first() == "1")
                continue; // the format version
            break;
        }
        const QList<QByteArray> values = line.simplified().split(' ');
        if (values.size() <= std::max({name, operational, admin}))
            return R::failure(phrase("HaproxyController", "HAProxy's answer to `show servers state` has a short line: %1").arg(QString::fromUtf8(line.left(200))));
        bool okOp = false, okAdmin = false;
        ServerState state{values.at(operational).toInt(&okOp), values.at(admin).toInt(&okAdmin)};
        if (!okOp || !okAdmin)
            return R::failure(phrase("HaproxyController", "HAProxy's answer to `show servers state` has no state in: %1").arg(QString::fromUtf8(line.left(200))));
        servers.insert(QString::fromUtf8(values.at(name)), state);
    }
    if (!header)
        return R::failure(phrase("HaproxyController", "HAProxy's answer to `show servers state` is not a server table: %1").arg(QString::fromUtf8(answer.trimmed().left(200))));
    return servers;
}

Phrase HaproxyController::notServing(const ServerState &state)
{
    // srv_admin_state: SRV_ADMF_FMAINT 0x01, IMAINT 0x02, CMAINT 0x04, FDRAIN 0x08, IDRAIN 0x10, RMAINT 0x20, HMAINT 0x40.
    if (state.admin & (0x01 | 0x02 | 0x04 | 0x20 | 0x40))
        return phrase("HaproxyController", "in maintenance");
    if (state.admin & (0x08 | 0x10))
        return phrase("HaproxyController", "draining");
    // srv_op_state: SRV_ST_STOPPED 0, STARTING 1, RUNNING 2, STOPPING 3.
    if (state.operational == 0)
        return phrase("HaproxyController", "DOWN", "a server's state");
    if (state.operational == 3)
        return phrase("HaproxyController", "stopping");
    return {};
}

QByteArray HaproxyController::setCommand(const QString &server, int weight) const
{
    return QStringLiteral("set server %1/%2 weight %3").arg(m_config.backend, server).arg(weight).toUtf8();
}

QByteArray HaproxyController::getCommand(const QString &server) const
{
    return QStringLiteral("get weight %1/%2").arg(m_config.backend, server).toUtf8();
}

void HaproxyController::startApply(quint64 id, int greenPercent)
{
    const auto [blue, green] = weightsFor(greenPercent, m_config.weightScale);
    const Step setBlue{StepKind::Set, setCommand(m_config.blueServer, blue)};
    const Step setGreen{StepKind::Set, setCommand(m_config.greenServer, green)};
    // The weight that rises goes first, so between the two commands the green share lies
    // between the old and the new one and the backend never has all weights at 0 (a
    // rollback from 100% green would otherwise drop requests for a moment). Blue rises
    // unless green goes to 100%.
    m_refusal = {};
    start(id, blue > 0 ? QList<Step>{setBlue, setGreen} : QList<Step>{setGreen, setBlue});
}

void HaproxyController::startRead(quint64 id)
{
    m_blueWeight = m_greenWeight = -1;
    start(id, {Step{StepKind::GetBlue, getCommand(m_config.blueServer)}, Step{StepKind::GetGreen, getCommand(m_config.greenServer)},
               Step{StepKind::State, QStringLiteral("show servers state %1").arg(m_config.backend).toUtf8()}});
}

void HaproxyController::start(quint64 id, QList<Step> steps)
{
    m_id = id;
    m_steps = std::move(steps);
    m_step = 0;
    if (!m_endpoint) {
        fail(m_id, phrase("HaproxyController", "traffic.haproxy.address: %1").arg(m_endpoint.errorPhrase()));
        return;
    }
    runStep();
}

void HaproxyController::runStep()
{
    auto *command = new HaproxyRuntimeCommand(m_endpoint.value(), m_steps.at(m_step).command, this);
    m_command = command;
    connect(command, &HaproxyRuntimeCommand::finished, this, [this, command] { onStepFinished(command); });
    addDetails(QStringLiteral("> %1\n").arg(QString::fromUtf8(command->command())));
    command->start();
}

Phrase HaproxyController::cancel()
{
    Phrase inProgress = phrase("TrafficController", "nothing was running");
    if (m_command) {
        inProgress = (m_command->connected() ? phrase("HaproxyController", "no answer to `%1`")
                                             : phrase("HaproxyController", "could not connect to send `%1`"))
                         .arg(QString::fromUtf8(m_command->command()));
        delete m_command;
        m_command = nullptr;
    }
    return inProgress;
}

void HaproxyController::onStepFinished(HaproxyRuntimeCommand *command)
{
    m_command = nullptr;
    command->deleteLater();
    const QString commandText = QString::fromUtf8(command->command());
    if (!command->ok()) {
        addDetails(QStringLiteral("! %1\n").arg(command->error().english()));
        fail(m_id, phrase("HaproxyController", "%1: `%2` failed: %3").arg(description()).arg(commandText).arg(command->error()));
        return;
    }
    const QByteArray &answer = command->answer();
    const QString said = QString::fromUtf8(answer).trimmed();
    addDetails(QStringLiteral("< %1\n").arg(said));
    if (answer.isEmpty()) {
        // HAProxy answers even a successful `set` with an empty line; nothing at all
        // means it closed on us, and the command may not have run.
        fail(m_id, phrase("HaproxyController", "%1 closed the connection without answering `%2`").arg(description()).arg(commandText));
        return;
    }
    const Step &step = m_steps.at(m_step);
    if (step.kind == StepKind::Set) {
        if (!said.isEmpty()) {
            // The other `set` may already have run: read both weights anyway, so the
            // failure still says where traffic is now.
            m_refusal = phrase("HaproxyController", "HAProxy refused `%1`: %2").arg(commandText).arg(said);
            while (m_step + 1 < m_steps.size() && m_steps.at(m_step + 1).kind == StepKind::Set)
                ++m_step;
        }
    } else if (step.kind == StepKind::State) {
        finishRead(answer);
        return;
    } else {
        const std::optional<int> weight = parseWeight(answer);
        if (!weight) {
            fail(m_id, !refusal().isEmpty() ? refusal()
                 : said.contains(u'(') ? phrase("HaproxyController", "HAProxy's answer to `%1` is not a weight: %2").arg(commandText).arg(said)
                                       : phrase("HaproxyController", "HAProxy refused `%1`: %2").arg(commandText).arg(said));
            return;
        }
        (step.kind == StepKind::GetBlue ? m_blueWeight : m_greenWeight) = *weight;
    }
    if (++m_step < m_steps.size()) {
        runStep();
        return;
    }
    if (step.kind == StepKind::Set)
        weightsSent(m_id, m_refusal); // read back even after a refusal: the failure says where traffic is
    else
        weightsRead(m_id, m_blueWeight, m_greenWeight);
}

void HaproxyController::finishRead(const QByteArray &stateAnswer)
{
    const Result<QHash<QString, ServerState>> servers = parseServersState(stateAnswer);
    if (!servers) {
        fail(m_id, !refusal().isEmpty() ? refusal() : phrase("TrafficController", "%1: %2").arg(description()).arg(servers.errorPhrase()));
        return;
    }
    QList<Phrase> notes;
    // The weight a server takes new requests with: its configured one, or 0 when it takes none.
    const auto effective = [&](const QString &server, int weight) -> std::optional<int> {
        const auto it = servers.value().constFind(server);
        if (it == servers.value().cend())
            return std::nullopt;
        if (const Phrase why = notServing(*it); !why.isEmpty()) {
            notes << phrase("HaproxyController", "%1 is %2 (weight %3 configured, no new requests)").arg(server).arg(why).arg(weight);
            return 0;
        }
        return weight;
    };
    const std::optional<int> blue = effective(m_config.blueServer, m_blueWeight);
    const std::optional<int> green = effective(m_config.greenServer, m_greenWeight);
    if (!blue || !green) {
        fail(m_id, phrase("HaproxyController", "%1: `show servers state` does not list %2").arg(description()).arg(blue ? m_config.greenServer : m_config.blueServer));
        return;
    }
    weightsRead(m_id, m_blueWeight, m_greenWeight, *blue, *green, Phrase::list(notes, QStringLiteral("; ")));
}
