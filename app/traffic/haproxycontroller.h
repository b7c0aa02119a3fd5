#pragma once

#include "haproxyruntimecommand.h"
#include "trafficconfig.h"
#include "trafficcontroller.h"

#include <QList>

#include <optional>

// Traffic through HAProxy's Runtime API: `set server BACKEND/SERVER weight N` for both
// servers, then `get weight BACKEND/SERVER` for both, one command per connection. Any
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

    QString description() const override;

    // {blue, green} weights for `greenPercent` on a scale (100: {100 - p, p}).
    static std::pair<int, int> weightsFor(int greenPercent, int weightScale);
    // The current weight from an answer to `get weight` ("10 (initial 100)\n\n" -> 10).
    static std::optional<int> parseWeight(const QByteArray &answer);

protected:
    void startApply(quint64 id, int greenPercent) override;
    void startRead(quint64 id) override;
    QString cancel() override;

private:
    enum class StepKind { Set, GetBlue, GetGreen };
    struct Step {
        StepKind kind;
        QByteArray command;
    };
    void start(quint64 id, QList<Step> steps);
    void runStep();
    void onStepFinished(HaproxyRuntimeCommand *command);
    QByteArray setCommand(const QString &server, int weight) const;
    QByteArray getCommand(const QString &server) const;

    HaproxyTrafficConfig m_config;
    Result<HaproxyEndpoint> m_endpoint;
    QList<Step> m_steps;
    qsizetype m_step = 0;
    quint64 m_id = 0;
    HaproxyRuntimeCommand *m_command = nullptr;
    QString m_refusal; // HAProxy's refusal of a `set` while sending, for weightsSent()
    int m_blueWeight = -1;
    int m_greenWeight = -1;
};
