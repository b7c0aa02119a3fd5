#include "commandcontroller.h"

#include "core/quoting.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

QString lastLine(const QString &text)
{
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
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
    , m_runner(new ProcessRunner(this))
{
    connect(m_runner, &ProcessRunner::finished, this, &CommandController::onFinished);
}

CommandController::~CommandController()
{
    m_runner->kill(); // without waiting for it to be reaped
}

Phrase CommandController::description() const
{
    return phrase("CommandController", "traffic command %1").arg(QFileInfo(m_config.program).fileName());
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
        phrase("CommandController", "the read-back program printed \"%1\"; it must print {\"blue\":N,\"green\":N} or \"blue=N green=N\"")
            .arg(QString::fromUtf8(text.left(200))));
}

void CommandController::startApply(quint64 id, int greenPercent)
{
    m_id = id;
    run(Stage::Apply, m_config.program, substitutedArguments(m_config.arguments, TrafficSplit::fromGreenPercent(greenPercent)));
}

void CommandController::startRead(quint64 id)
{
    m_id = id;
    if (m_config.readProgram.isEmpty()) {
        cannotReadBack(id, phrase("CommandController", "not verified: %1 has no read-back program, so where traffic is cannot be "
                                                       "read; set traffic.command.readProgram in the profile")
                               .arg(description()));
        return;
    }
    run(Stage::ReadBack, m_config.readProgram, m_config.readArguments);
}

void CommandController::run(Stage stage, const QString &program, const QStringList &arguments)
{
    m_stage = stage;
    m_program = program;
    m_arguments = arguments;
    ProcessSpec spec;
    spec.program = program;
    spec.arguments = arguments;
    spec.workingDirectory = m_config.workingDirectory;
    spec.environment = m_config.environment;
    spec.timeoutMs = 0; // the operation's timeout (TrafficController) covers it
    spec.separateErrorOutput = true; // stdout is the read-back's answer; stderr says why it failed
    m_runner->start(spec);
}

QString CommandController::transcript(const QString &exitLine, const ProcessOutcome &outcome) const
{
    auto stream = [](const char *name, const QString &tail, qint64 totalBytes) {
        QString s = QStringLiteral("--- %1\n").arg(QLatin1StringView(name));
        if (const qint64 dropped = totalBytes - MaxOutputBytes; dropped > 0)
            s += QStringLiteral("[%1 earlier bytes not kept]\n").arg(dropped);
        s += tail;
        if (!s.endsWith(u'\n'))
            s += u'\n';
        return s;
    };
    return QStringLiteral("$ %1\n%2\n").arg(readableCommandLine(m_program, m_arguments), exitLine)
        + stream("stdout", outcome.output, outcome.outputBytes) + stream("stderr", outcome.errorOutput, outcome.errorOutputBytes);
}

void CommandController::onFinished(const ProcessOutcome &outcome)
{
    if (!outcome.started) {
        addDetails(transcript(QStringLiteral("not started: %1").arg(outcome.message), outcome));
        const QString &why = outcome.message;
        fail(m_id, why.startsWith(QLatin1String("could not start ")) ? Phrase::verbatim(why)
                   : why.startsWith(m_program)                       ? phrase("CommandController", "could not start %1").arg(why)
                                                                     : phrase("CommandController", "could not start %1: %2").arg(m_program).arg(why));
        return;
    }
    const bool killed = !outcome.exitCode;
    addDetails(transcript(killed ? QStringLiteral("killed by a signal") : QStringLiteral("exit code %1").arg(*outcome.exitCode), outcome));
    if (!outcome.ok) {
        const QString why = lastLine(outcome.errorOutput).isEmpty() ? lastLine(outcome.output) : lastLine(outcome.errorOutput);
        const Phrase ended = killed ? phrase("CommandController", "%1 was killed by a signal").arg(m_program)
                                    : phrase("CommandController", "%1 exited with code %2").arg(m_program).arg(*outcome.exitCode);
        fail(m_id, why.isEmpty() ? ended : phrase("TrafficController", "%1: %2").arg(ended).arg(why));
        return;
    }
    if (m_stage == Stage::Apply) {
        if (!m_config.readProgram.isEmpty())
            weightsSent(m_id);
        else
            sentUnverified(m_id, phrase("CommandController", "not verified: no read-back program is configured, so the split is assumed from %1's success")
                                     .arg(QFileInfo(m_program).fileName()));
        return;
    }
    const Result<std::pair<int, int>> weights = parseWeights(outcome.output.toUtf8());
    if (!weights)
        fail(m_id, weights.errorPhrase());
    else
        weightsRead(m_id, weights.value().first, weights.value().second);
}

Phrase CommandController::cancel()
{
    if (!m_runner->isRunning())
        return phrase("TrafficController", "nothing was running");
    m_runner->kill();
    return phrase("CommandController", "%1 was still running and was killed").arg(readableCommandLine(m_program, m_arguments));
}
