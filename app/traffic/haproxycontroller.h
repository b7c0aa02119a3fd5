#pragma once

#include "haproxyruntimecommand.h"
#include "trafficconfig.h"
#include "trafficcontroller.h"

#include <QHash>
#include <QList>

#include <optional>

// Traffic through HAProxy's Runtime API: `set server BACKEND/SERVER weight N` for both
// servers, then `get weight BACKEND/SERVER` for both and `show servers state BACKEND`, one
// command per connection. `get weight` is the configured weight, not traffic: a server that
// is down, draining or in maintenance takes no new requests whatever its weight, so it counts
// 0 in the split read back (the result names its state; the weights stay as configured). Any
// answer to a `set` other than an empty line ("No such server.", "No such backend.",
// "Require 'backend/server'.") fails the operation with HAProxy's words kept verbatim; both
// weights are still read back when HAProxy answers, so the failure says where traffic is.
// Weights: see HaproxyTrafficConfig.
class HaproxyController : public TrafficController
{
    Q_OBJECT
public:
    explicit HaproxyController(const HaproxyTrafficConfig &config, QObject *parent = nullptr);
    ~HaproxyController() override;

    Phrase description() const override;

    // {blue, green} weights for `greenPercent` on a scale (100: {100 - p, p}).
    static std::pair<int, int> weightsFor(int greenPercent, int weightScale);
    // The current weight from an answer to `get weight` ("10 (initial 100)\n\n" -> 10).
    static std::optional<int> parseWeight(const QByteArray &answer);

    // One server's line of `show servers state` (format 1): srv_op_state and srv_admin_state.
    struct ServerState {
        int operational = -1; // 0 stopped (DOWN), 1 starting, 2 running, 3 stopping
        int admin = 0;        // flags: maintenance (forced, inherited, from config, resolution), drain
    };
    // The servers of an answer to `show servers state BACKEND`, by name; an error quoting the
    // answer when it is not that table ("Can't find backend.").
    static Result<QHash<QString, ServerState>> parseServersState(const QByteArray &answer);
    // Why a server takes no new requests ("DOWN", "in maintenance", "draining"), empty when it does.
    static Phrase notServing(const ServerState &state);

protected:
    void startApply(quint64 id, int greenPercent) override;
    void startRead(quint64 id) override;
    Phrase cancel() override;

private:
    enum class StepKind { Set, GetBlue, GetGreen, State };
    struct Step {
        StepKind kind;
        QByteArray command;
    };
    void start(quint64 id, QList<Step> steps);
    void runStep();
    void onStepFinished(HaproxyRuntimeCommand *command);
    QByteArray setCommand(const QString &server, int weight) const;
    QByteArray getCommand(const QString &server) const;
    void finishRead(const QByteArray &stateAnswer);

    HaproxyTrafficConfig m_config;
    Result<HaproxyEndpoint> m_endpoint;
    QList<Step> m_steps;
    qsizetype m_step = 0;
    quint64 m_id = 0;
    HaproxyRuntimeCommand *m_command = nullptr;
    Phrase m_refusal; // HAProxy's refusal of a `set` while sending, for weightsSent()
    int m_blueWeight = -1;
    int m_greenWeight = -1;
};
