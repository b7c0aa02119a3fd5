#pragma once

#include "trafficconfig.h"
#include "trafficcontroller.h"
#include "trafficsplit.h"

#include <QProcess>

#include <optional>

// Traffic through an external program (kubectl, aws elbv2 modify-rule, terraform...),
// started with QProcess directly, never through a shell, so a weight or a name can never
// become shell syntax. Exit code 0 is success; the exit code, stdout and stderr (capped)
// go into the result's details, and stderr's last line into the message on failure.
// Then the read-back program, when configured, says where traffic is (see CommandTrafficConfig).
class CommandController : public TrafficController
{
    Q_OBJECT
public:
    // Per stream; the rest is counted, not kept.
    static constexpr qsizetype MaxOutputBytes = 64 * 1024;

    explicit CommandController(const CommandTrafficConfig &config, QObject *parent = nullptr);
    ~CommandController() override;

    QString description() const override;

    // Each argument with ${blue}/${green} replaced; never split or joined.
    static QStringList substitutedArguments(const QStringList &arguments, const TrafficSplit &split);
    // {"blue":N,"green":N} or "blue=N green=N" (weights) from a read-back program's stdout.
    static Result<std::pair<int, int>> parseWeights(const QByteArray &output);

protected:
    void startApply(quint64 id, int greenPercent) override;
    void startRead(quint64 id) override;
    QString cancel() override;

private:
    enum class Stage { Apply, ReadBack };
    void run(Stage stage, const QString &program, const QStringList &arguments);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onFailedToStart();
    void collect();
    void stopProcess();
    QString commandLine() const;
    QString transcript(const QString &exitLine) const;
    void finishReadBack();

    CommandTrafficConfig m_config;
    quint64 m_id = 0;
    Stage m_stage = Stage::Apply;
    int m_commandedGreen = -1;
    QProcess *m_process = nullptr;
    QString m_program;
    QStringList m_arguments;
    QByteArray m_stdout;
    QByteArray m_stderr;
    qsizetype m_droppedStdout = 0;
    qsizetype m_droppedStderr = 0;
    QString m_details; // transcripts of the programs already run in this operation
};
