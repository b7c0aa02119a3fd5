#include "processrunner.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

namespace {

QString formatMs(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 120'000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'g', 3);
    return QStringLiteral("%1 min").arg(double(ms) / 60'000.0, 0, 'g', 3);
}

bool groupAlive(qint64 pgid)
{
    return pgid > 0 && ::kill(pid_t(-pgid), 0) == 0;
}

} // namespace

ProcessRunner::ProcessRunner(QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
    , m_kill(new QTimer(this))
    , m_decoder(QStringDecoder::Utf8)
{
    m_timeout->setSingleShot(true);
    m_kill->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        cancel(QStringLiteral("timed out after %1").arg(formatMs(m_timeoutMs)));
    });
    connect(m_kill, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
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

Result<QString> ProcessRunner::resolveProgram(const QString &program)
{
    if (program.isEmpty())
        return Result<QString>::failure(QStringLiteral("no program is configured"));
    QString path = program;
    if (!program.contains(u'/')) {
        path = QStandardPaths::findExecutable(program);
        if (path.isEmpty())
            return Result<QString>::failure(QStringLiteral("%1: no such program on PATH").arg(program));
    }
    const QFileInfo info(path);
    if (!info.exists())
        return Result<QString>::failure(QStringLiteral("%1: no such file").arg(path));
    if (info.isDir())
        return Result<QString>::failure(QStringLiteral("%1: is a directory, not a program").arg(path));
    if (!info.isExecutable())
        return Result<QString>::failure(QStringLiteral("%1: is not executable (chmod +x?)").arg(path));
    return path;
}

bool ProcessRunner::isRunning() const
{
    return !m_finished;
}

void ProcessRunner::start(const CommandSpec &command)
{
    Q_ASSERT(m_finished);
    m_finished = false;
    m_tail.clear();
    m_totalBytes = 0;
    m_invalidUtf8 = false;
    m_cancelReason.clear();
    m_pgid = 0;
    m_decoder.resetState();
    m_elapsed.start();
    m_timeoutMs = command.timeoutMs;

    const Result<QString> program = resolveProgram(command.program);
    if (!program) {
        const QString message = program.error();
        QTimer::singleShot(0, this, [this, message] { finish({false, std::nullopt, message, {}, 0}); });
        return;
    }
    if (!command.workingDirectory.isEmpty() && !QFileInfo(command.workingDirectory).isDir()) {
        const QString message = QStringLiteral("%1: the working directory does not exist").arg(command.workingDirectory);
        QTimer::singleShot(0, this, [this, message] { finish({false, std::nullopt, message, {}, 0}); });
        return;
    }

    delete m_process;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setInputChannelMode(QProcess::ManagedInputChannel);
    m_process->setWorkingDirectory(command.workingDirectory);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (auto it = command.environment.cbegin(); it != command.environment.cend(); ++it)
        environment.insert(it.key(), it.value());
    m_process->setProcessEnvironment(environment);
    // Its own process group, so a timeout or an abort reaches every child it starts.
    // If the console itself dies, the program is told (SIGTERM) instead of running on unwatched;
    // the journal then shows the step as interrupted, which is what it is.
    m_process->setChildProcessModifier([] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ProcessRunner::onReadyRead);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) { onFinished(code, int(status)); });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onStartFailed();
    });
    m_process->start(program.value(), command.arguments, QIODevice::ReadOnly);
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
    finish({false, std::nullopt, QStringLiteral("could not start %1: %2").arg(m_process->program(), m_process->errorString()), {}, m_elapsed.elapsed()});
}

void ProcessRunner::onReadyRead()
{
    const QByteArray data = m_process->readAllStandardOutput();
    if (data.isEmpty())
        return;
    m_totalBytes += data.size();
    m_tail += data;
    if (m_tail.size() > TailBytes)
        m_tail.remove(0, m_tail.size() - TailBytes);
    const QString text = m_decoder.decode(data);
    if (m_decoder.hasError())
        m_invalidUtf8 = true;
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

// Children that outlived the program: ended, the same way. Returns whether there were any.
int ProcessRunner::endLeftovers()
{
    if (!groupAlive(m_pgid))
        return 0;
    ::kill(pid_t(-m_pgid), SIGTERM);
    for (int i = 0; i < 20 && groupAlive(m_pgid); ++i)
        QThread::msleep(10);
    if (groupAlive(m_pgid))
        ::kill(pid_t(-m_pgid), SIGKILL);
    return 1;
}

void ProcessRunner::cancel(const QString &reason)
{
    if (m_finished)
        return;
    if (m_cancelReason.isEmpty())
        m_cancelReason = reason;
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        finish({false, std::nullopt, reason, tailText(), m_elapsed.elapsed()});
        return;
    }
    signalGroup(SIGTERM);
    m_kill->start(KillGraceMs);
}

void ProcessRunner::onFinished(int exitCode, int exitStatus)
{
    if (m_finished)
        return;
    onReadyRead();
    m_timeout->stop();
    m_kill->stop();
    const bool leftovers = endLeftovers() > 0;
    ActionOutcome outcome;
    outcome.durationMs = m_elapsed.elapsed();
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
    if (m_totalBytes > TailBytes)
        notes << QStringLiteral("%1 KiB of output, the last %2 KiB kept").arg(m_totalBytes / 1024).arg(TailBytes / 1024);
    if (m_invalidUtf8)
        notes << QStringLiteral("output was not valid UTF-8; invalid bytes shown as \uFFFD");
    if (!notes.isEmpty())
        outcome.message += QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + u')';
    outcome.output = tailText();
    finish(outcome);
}

QString ProcessRunner::tailText() const
{
    QByteArray tail = m_tail;
    // Do not start in the middle of a UTF-8 sequence.
    qsizetype skip = 0;
    while (skip < tail.size() && skip < 4 && (uchar(tail[skip]) & 0xC0) == 0x80)
        ++skip;
    return QString::fromUtf8(tail.mid(skip));
}

void ProcessRunner::finish(ActionOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout->stop();
    m_kill->stop();
    m_pgid = 0; // its number may be reused by an unrelated group from now on
    if (outcome.durationMs == 0)
        outcome.durationMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    Q_EMIT finished(outcome);
}
