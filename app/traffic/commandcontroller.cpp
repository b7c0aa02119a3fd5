#include "commandcontroller.h"

#include "core/quoting.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

void append(QByteArray &buffer, qsizetype &dropped, const QByteArray &data)
{
    const qsizetype room = CommandController::MaxOutputBytes - buffer.size();
    buffer += data.left(std::max<qsizetype>(room, 0));
    dropped += std::max<qsizetype>(data.size() - room, 0);
}

QString lastLine(const QByteArray &text)
{
    const QStringList lines = QString::fromUtf8(text).split(u'\n', Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (!it->trimmed().isEmpty())
            return it->trimmed();
    }
    return {};
}

} // namespace

CommandController::CommandController(const CommandTrafficConfig &config, QObject *parent)
    : TrafficController(parent)
    , m_config(config)
{
}

CommandController::~CommandController()
{
    stopProcess();
}

QString CommandController::description() const
{
    return QStringLiteral("traffic command %1").arg(QFileInfo(m_config.program).fileName());
}

QStringList CommandController::substitutedArguments(const QStringList &arguments, const TrafficSplit &split)
{
    QStringList out;
    out.reserve(arguments.size());
    for (const QString &a : arguments)
        out << split.substitute(a);
    return out;
}

Result<std::pair<int, int>> CommandController::parseWeights(const QByteArray &output)
{
    const QByteArray text = output.trimmed();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonValue blue = doc.object().value(QLatin1String("blue"));
        const QJsonValue green = doc.object().value(QLatin1String("green"));
        if (blue.isDouble() && green.isDouble())
            return std::pair{blue.toInt(-1), green.toInt(-1)};
    }
    static const QRegularExpression Pairs(QStringLiteral("^blue\\s*=\\s*(\\d+)[\\s,;]+green\\s*=\\s*(\\d+)$"));
    if (const QRegularExpressionMatch m = Pairs.match(QString::fromUtf8(text)); m.hasMatch())
        return std::pair{m.captured(1).toInt(), m.captured(2).toInt()};
    return Result<std::pair<int, int>>::failure(
        QStringLiteral("the read-back program printed \"%1\"; it must print {\"blue\":N,\"green\":N} or \"blue=N green=N\"")
            .arg(QString::fromUtf8(text.left(200))));
}

void CommandController::startApply(quint64 id, int greenPercent)
{
    m_id = id;
    m_details.clear();
    m_commandedGreen = greenPercent;
    run(Stage::Apply, m_config.program, substitutedArguments(m_config.arguments, TrafficSplit::fromGreenPercent(greenPercent)));
}

void CommandController::startRead(quint64 id)
{
    m_id = id;
    m_details.clear();
    m_commandedGreen = -1;
    if (m_config.readProgram.isEmpty()) {
        finish(id, failure(QStringLiteral("%1 has no read-back program, so where traffic is cannot be read; "
                                          "set traffic.command.readProgram in the profile")
                               .arg(description())));
        return;
    }
    run(Stage::ReadBack, m_config.readProgram, m_config.readArguments);
}

void CommandController::run(Stage stage, const QString &program, const QStringList &arguments)
{
    m_stage = stage;
    m_program = program;
    m_arguments = arguments;
    m_stdout.clear();
    m_stderr.clear();
    m_droppedStdout = m_droppedStderr = 0;
    m_process = new QProcess(this);
    if (!m_config.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(m_config.workingDirectory);
    if (!m_config.environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = m_config.environment.cbegin(); it != m_config.environment.cend(); ++it)
            env.insert(it.key(), it.value());
        m_process->setProcessEnvironment(env);
    }
    // Nothing to read from us; a program that prompts gets end of file, not a hang.
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::readyReadStandardOutput, this, &CommandController::collect);
    connect(m_process, &QProcess::readyReadStandardError, this, &CommandController::collect);
    connect(m_process, &QProcess::finished, this, &CommandController::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            onFailedToStart();
    });
    m_process->start(program, arguments);
}

void CommandController::collect()
{
    if (!m_process)
        return;
    append(m_stdout, m_droppedStdout, m_process->readAllStandardOutput());
    append(m_stderr, m_droppedStderr, m_process->readAllStandardError());
}

QString CommandController::commandLine() const
{
    return readableCommandLine(m_program, m_arguments);
}

QString CommandController::transcript(const QString &exitLine) const
{
    auto stream = [](const char *name, const QByteArray &data, qsizetype dropped) {
        QString s = QStringLiteral("--- %1\n%2").arg(QLatin1StringView(name), QString::fromUtf8(data));
        if (!s.endsWith(u'\n'))
            s += u'\n';
        if (dropped > 0)
            s += QStringLiteral("[%1 more bytes not kept]\n").arg(dropped);
        return s;
    };
    return QStringLiteral("$ %1\n%2\n").arg(commandLine(), exitLine) + stream("stdout", m_stdout, m_droppedStdout)
        + stream("stderr", m_stderr, m_droppedStderr);
}

void CommandController::onFailedToStart()
{
    const QString error = m_process->errorString();
    m_details += transcript(QStringLiteral("not started: %1").arg(error));
    stopProcess();
    finish(m_id, failure(QStringLiteral("could not start %1: %2").arg(m_program, error), m_details));
}

void CommandController::onFinished(int exitCode, QProcess::ExitStatus status)
{
    collect();
    const bool crashed = status == QProcess::CrashExit;
    m_details += transcript(crashed ? QStringLiteral("killed by a signal") : QStringLiteral("exit code %1").arg(exitCode));
    stopProcess();
    if (crashed || exitCode != 0) {
        const QString why = lastLine(m_stderr).isEmpty() ? lastLine(m_stdout) : lastLine(m_stderr);
        QString message = crashed ? QStringLiteral("%1 was killed by a signal").arg(m_program)
                                  : QStringLiteral("%1 exited with code %2").arg(m_program).arg(exitCode);
        if (!why.isEmpty())
            message += QStringLiteral(": ") + why;
        finish(m_id, failure(message, m_details));
        return;
    }
    if (m_stage == Stage::Apply) {
        if (!m_config.readProgram.isEmpty()) {
            run(Stage::ReadBack, m_config.readProgram, m_config.readArguments);
            return;
        }
        TrafficResult result;
        result.ok = true;
        result.verified = false;
        const TrafficSplit split = TrafficSplit::fromGreenPercent(m_commandedGreen);
        result.bluePercent = split.bluePercent;
        result.greenPercent = split.greenPercent;
        result.message = QStringLiteral("not verified: no read-back program is configured, so the split is assumed from %1's success")
                             .arg(QFileInfo(m_program).fileName());
        result.details = m_details;
        finish(m_id, result);
        return;
    }
    finishReadBack();
}

void CommandController::finishReadBack()
{
    const Result<std::pair<int, int>> weights = parseWeights(m_stdout);
    if (!weights) {
        finish(m_id, failure(weights.error(), m_details));
        return;
    }
    TrafficResult result;
    result.blueWeight = weights.value().first;
    result.greenWeight = weights.value().second;
    result.details = m_details;
    const Result<TrafficSplit> split = TrafficSplit::fromWeights(result.blueWeight, result.greenWeight);
    if (!split) {
        result.message = QStringLiteral("%1: %2").arg(description(), split.error());
        finish(m_id, result);
        return;
    }
    result.ok = true;
    result.verified = true;
    result.bluePercent = split.value().bluePercent;
    result.greenPercent = split.value().greenPercent;
    finish(m_id, result);
}

QString CommandController::cancel()
{
    const QString inProgress = m_process ? QStringLiteral("%1 was still running and was killed").arg(commandLine())
                                         : QStringLiteral("nothing was running");
    stopProcess();
    return inProgress;
}

void CommandController::stopProcess()
{
    if (!m_process)
        return;
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    if (process->state() == QProcess::NotRunning) {
        process->deleteLater();
        return;
    }
    // Deleting a running QProcess blocks until it exits; kill it and let it delete itself
    // once reaped, detached so that destroying the controller does not wait for it.
    process->setParent(nullptr);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    process->kill();
}
