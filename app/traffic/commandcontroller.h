#pragma once

#include "core/processrunner.h"
#include "trafficconfig.h"
#include "trafficcontroller.h"
#include "trafficsplit.h"

#include <optional>

// Traffic through an external program (kubectl, aws elbv2 modify-rule, terraform...), run by
// a ProcessRunner: started directly, never through a shell, so a weight or a name can never
// become shell syntax; in a process group of its own, so that a timeout ends it with every
// child it started. Exit code 0 is success; the exit code, stdout and stderr (the last
// MaxOutputBytes of each) go into the result's details, and stderr's last line into the
// message on failure. Then the read-back program, when configured, says where traffic is
// (see CommandTrafficConfig).
class CommandController : public TrafficController
{
    Q_OBJECT
public:
    // Per stream; the earlier bytes are counted, not kept.
    static constexpr qsizetype MaxOutputBytes = ProcessRunner::TailBytes;

    explicit CommandController(const CommandTrafficConfig &config, QObject *parent = nullptr);
    ~CommandController() override;

    Phrase description() const override;

    // Each argument with ${blue}/${green} replaced; never split or joined.
    static QStringList substitutedArguments(const QStringList &arguments, const TrafficSplit &split);
    // {"blue":N,"green":N} or "blue=N green=N" (weights) from a read-back program's stdout.
    static Result<std::pair<int, int>> parseWeights(const QByteArray &output);

protected:
    void startApply(quint64 id, int greenPercent) override;
    void startRead(quint64 id) override;
    Phrase cancel() override;

private:
    enum class Stage { Apply, ReadBack };
    void run(Stage stage, const QString &program, const QStringList &arguments);
    void onFinished(const ProcessOutcome &outcome);
    QString transcript(const QString &exitLine, const ProcessOutcome &outcome) const;

    CommandTrafficConfig m_config;
    ProcessRunner *m_runner;
    quint64 m_id = 0;
    Stage m_stage = Stage::Apply;
    QString m_program;
    QStringList m_arguments;
};
