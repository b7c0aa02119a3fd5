#include "processrunner.h"

#include "processenvironment.h"
#include "quoting.h"
#include "readable.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

#include <utility>

namespace {

constexpr int LeftoverPollMs = 20;

// Whether the bytes end before a UTF-8 sequence is complete (the decoder keeps it back).
bool endsInsideSequence(const QByteArray &bytes)
{
    for (qsizetype back = 1; back <= std::min<qsizetype>(4, bytes.size()); ++back) {
        const uchar c = uchar(bytes[bytes.size() - back]);
        if ((c & 0xC0) == 0x80)
            continue; // a continuation byte: its lead is further back
        if (c >= 0xF8)
            return false; // not a lead byte: already replaced
        const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return length > back;
    }
    return false;
}

bool groupAlive(qint64 pgid)
{
    return pgid > 0 && ::kill(pid_t(-pgid), 0) == 0;
}

} // namespace

QString ProcessSpec::commandLine() const
{
    return readableCommandLine(program, arguments);
}

void ProcessRunner::Stream::reset()
{
    decoder.resetState();
    redactor = {};
    tail.clear();
    lastBytes.clear();
    totalBytes = 0;
}

ProcessRunner::ProcessRunner(QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
    , m_kill(new QTimer(this))
    , m_leftovers(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    m_kill->setSingleShot(true);
    m_leftovers->setInterval(LeftoverPollMs);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        cancel(QStringLiteral("timed out after %1").arg(readableDuration(m_timeoutMs)));
    });
    connect(m_kill, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
    connect(m_leftovers, &QTimer::timeout, this, &ProcessRunner::watchLeftovers);
}

ProcessRunner::~ProcessRunner()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_finished = true; // no signals from a dying object
        signalGroup(SIGKILL);
        if (!m_process->waitForFinished(2000)) {
            m_process->kill();
            m_process->waitForFinished(1000);
        }
    }
    if (m_pgid > 0 && groupAlive(m_pgid))
        ::kill(pid_t(-m_pgid), SIGKILL);
}

Result<QString> ProcessRunner::resolveProgram(const QString &program, const QString &searchPath)
{
    if (program.isEmpty())
        return Result<QString>::failure(phrase("ProcessRunner", "no program is configured"));
    QString path = program;
    if (!program.contains(u'/')) {
        const QStringList folders = searchPath.split(u':', Qt::SkipEmptyParts);
        path = QStandardPaths::findExecutable(program, folders);
        if (path.isEmpty())
            return Result<QString>::failure(searchPath.isEmpty() ? QStringLiteral("%1: no such program on PATH").arg(program)
                                                                 : QStringLiteral("%1: no such program on PATH (%2)").arg(program, searchPath));
    }
    const QFileInfo info(path);
    if (!info.exists())
        return Result<QString>::failure(phrase("ProcessRunner", "%1: no such file").arg(path));
    if (info.isDir())
        return Result<QString>::failure(phrase("ProcessRunner", "%1: is a directory, not a program").arg(path));
    if (!info.isExecutable())
        return Result<QString>::failure(phrase("ProcessRunner", "%1: is not executable (chmod +x?)").arg(path));
    return path;
}

bool ProcessRunner::isRunning() const
{
    return !m_finished;
}

void ProcessRunner::failLater(const QString &message)
{
    QTimer::singleShot(0, this, [this, message] {
        ProcessOutcome outcome;
        outcome.message = message;
        finish(outcome);
    });
}

void ProcessRunner::start(const ProcessSpec &spec)
{
    Q_ASSERT(m_finished);
    m_finished = false;
    m_out.reset();
    m_err.reset();
    m_separate = spec.separateErrorOutput;
    m_invalidUtf8 = false;
    m_cancelReason.clear();
    m_pgid = 0;
    m_exited.reset();
    m_elapsed.start();
    m_timeoutMs = spec.timeoutMs;

    const Result<QProcessEnvironment> environment = ProcessEnvironment::build(spec.environment);
    if (!environment)
        return failLater(QStringLiteral("cannot run %1: %2").arg(spec.program, environment.error()));
    // A bare name is looked up where the program's own PATH says, as a shell would.
    const Result<QString> program = resolveProgram(spec.program, environment.value().value(QStringLiteral("PATH")));
    if (!program)
        return failLater(program.error());
    if (!spec.workingDirectory.isEmpty() && !QFileInfo(spec.workingDirectory).isDir())
        return failLater(QStringLiteral("%1: the working directory does not exist").arg(spec.workingDirectory));

    if (m_process) {
        // The last one may be emitting finished() right now (a caller starting the next program from its slot).
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(m_separate ? QProcess::SeparateChannels : QProcess::MergedChannels);
    m_process->setInputChannelMode(QProcess::ManagedInputChannel);
    m_process->setWorkingDirectory(spec.workingDirectory);
    m_process->setProcessEnvironment(environment.value());
    // Its own process group, so a timeout or an abort reaches every child it starts.
    // If the console itself dies, the program is told (SIGTERM) instead of running on unwatched;
    // the journal then shows the step as interrupted, which is what it is.
    m_process->setChildProcessModifier([] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ProcessRunner::onReadyRead);
    connect(m_process, &QProcess::readyReadStandardError, this, &ProcessRunner::onReadyRead);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) { onFinished(code, int(status)); });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onStartFailed();
    });
    m_process->start(program.value(), spec.arguments, QIODevice::ReadOnly);
    if (m_process->state() != QProcess::NotRunning || m_process->processId() > 0) {
        m_pgid = m_process->processId();
        m_lastPgid = m_pgid;
        m_process->closeWriteChannel();
    }
    if (m_timeoutMs > 0)
        m_timeout->start(m_timeoutMs);
}

void ProcessRunner::onStartFailed()
{
    if (m_finished)
        return;
    ProcessOutcome outcome;
    outcome.message = QStringLiteral("could not start %1: %2").arg(m_process->program(), m_process->errorString());
    finish(outcome);
}

void ProcessRunner::onReadyRead()
{
    read(m_out, m_process->readAllStandardOutput());
    if (m_separate)
        read(m_err, m_process->readAllStandardError());
}

void ProcessRunner::read(Stream &stream, const QByteArray &data)
{
    if (data.isEmpty())
        return;
    stream.totalBytes += data.size();
    stream.lastBytes = (stream.lastBytes + data.right(4)).right(4);
    const QString text = stream.decoder.decode(data);
    if (stream.decoder.hasError())
        m_invalidUtf8 = true;
    append(stream, stream.redactor.feed(text));
}

// Text already redacted: kept as the tail and shown.
void ProcessRunner::append(Stream &stream, const QString &text)
{
    if (text.isEmpty())
        return;
    stream.tail += text;
    if (stream.tail.size() > TailBytes)
        stream.tail.remove(0, stream.tail.size() - TailBytes);
    if (!m_finished)
        Q_EMIT output(text);
}

void ProcessRunner::signalGroup(int signal)
{
    if (m_pgid > 0)
        ::kill(pid_t(-m_pgid), signal);
    // The program itself too: a signal sent before its setpgid() ran finds no group yet.
    if (m_process && m_process->processId() > 0)
        ::kill(pid_t(m_process->processId()), signal);
}

// Children that outlived the program are ended the same way as on a timeout, SIGTERM and
// after KillGraceMs SIGKILL, watched from the event loop: the window never waits for them.
void ProcessRunner::watchLeftovers()
{
    if (!m_exited)
        return;
    ++m_leftoverPolls;
    const int graceTurns = KillGraceMs / LeftoverPollMs;
    if (groupAlive(m_pgid) && m_leftoverPolls == graceTurns)
        ::kill(pid_t(-m_pgid), SIGKILL);
    // Killed processes are gone once reaped; a group that outlasts SIGKILL by a second is
    // reported anyway (the note says they were ended).
    if (groupAlive(m_pgid) && m_leftoverPolls < graceTurns + 1000 / LeftoverPollMs)
        return;
    m_leftovers->stop();
    finish(*std::exchange(m_exited, std::nullopt));
}

void ProcessRunner::cancel(const QString &reason)
{
    if (m_finished || m_exited)
        return;
    if (m_cancelReason.isEmpty())
        m_cancelReason = reason;
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        ProcessOutcome outcome;
        outcome.message = reason;
        outcome.started = m_process != nullptr;
        finish(outcome);
        return;
    }
    signalGroup(SIGTERM);
    m_kill->start(KillGraceMs);
}

void ProcessRunner::kill()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout->stop();
    m_kill->stop();
    m_leftovers->stop();
    m_exited.reset();
    signalGroup(SIGKILL);
    m_pgid = 0;
    if (QProcess *process = std::exchange(m_process, nullptr)) {
        process->disconnect(this);
        if (process->state() == QProcess::NotRunning) {
            process->deleteLater();
        } else {
            // Deleting a running QProcess blocks until it exits: it deletes itself once reaped.
            process->setParent(nullptr);
            connect(process, &QProcess::finished, process, &QObject::deleteLater);
        }
    }
}

void ProcessRunner::onFinished(int exitCode, int exitStatus)
{
    if (m_finished || m_exited)
        return;
    onReadyRead();
    // What a secret's beginning held back, and an incomplete UTF-8 sequence at the very end.
    for (Stream *stream : {&m_out, &m_err}) {
        QString rest = stream->redactor.flush();
        if (endsInsideSequence(stream->lastBytes)) {
            rest += QChar(0xFFFD);
            m_invalidUtf8 = true;
        }
        append(*stream, rest);
    }
    m_timeout->stop();
    m_kill->stop();
    const bool leftovers = groupAlive(m_pgid);
    ProcessOutcome outcome;
    outcome.durationMs = m_elapsed.elapsed();
    outcome.started = true;
    if (!m_cancelReason.isEmpty()) {
        outcome.ok = false;
        outcome.message = m_cancelReason + QStringLiteral("; the program and its children were ended");
    } else if (exitStatus == QProcess::CrashExit) {
        outcome.ok = false;
        outcome.message = QStringLiteral("the program was killed or crashed");
    } else {
        outcome.exitCode = exitCode;
        outcome.ok = exitCode == 0;
        outcome.message = QStringLiteral("exit status %1").arg(exitCode);
    }
    QStringList notes;
    if (leftovers && m_cancelReason.isEmpty())
        notes << QStringLiteral("processes it left running were ended");
    if (m_out.totalBytes > TailBytes)
        notes << QStringLiteral("%1 KiB of output, the last %2 KiB kept").arg(m_out.totalBytes / 1024).arg(TailBytes / 1024);
    if (m_err.totalBytes > TailBytes)
        notes << QStringLiteral("%1 KiB of error output, the last %2 KiB kept").arg(m_err.totalBytes / 1024).arg(TailBytes / 1024);
    if (m_invalidUtf8)
        notes << QStringLiteral("output was not valid UTF-8; invalid bytes shown as \uFFFD");
    if (!notes.isEmpty())
        outcome.message += QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + u')';
    if (!leftovers)
        return finish(outcome);
    m_exited = outcome;
    m_leftoverPolls = 0;
    ::kill(pid_t(-m_pgid), SIGTERM);
    m_leftovers->start();
}

void ProcessRunner::finish(ProcessOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout->stop();
    m_kill->stop();
    m_leftovers->stop();
    m_pgid = 0; // its number may be reused by an unrelated group from now on
    if (outcome.durationMs == 0)
        outcome.durationMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    outcome.output = m_out.tail;
    outcome.outputBytes = m_out.totalBytes;
    outcome.errorOutput = m_err.tail;
    outcome.errorOutputBytes = m_err.totalBytes;
    Q_EMIT finished(outcome);
}
