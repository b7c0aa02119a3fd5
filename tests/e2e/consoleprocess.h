#pragma once
// A console (or simulator) running as a child process of a test: its output read line by line
// as it comes, waited for by content, ended when the object goes (SIGTERM, then SIGKILL).
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QStringList>

#include <memory>

class ConsoleProcess
{
public:
    explicit ConsoleProcess(const QString &program = QStringLiteral(STONECASTER_CONSOLE))
        : m_process(std::make_unique<QProcess>())
    {
        m_process->setProgram(program);
        QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(), [this] { take(); });
    }
    ~ConsoleProcess()
    {
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
    }

    void start(const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        m_process->setProcessEnvironment(environment);
        m_process->setArguments(arguments);
        m_process->start();
        m_process->waitForStarted(10'000);
    }

    // The first line (from `from` on) containing `text`, waiting up to `timeoutMs` while the
    // event loop runs; empty when it did not come (the process ended or the time passed).
    QString waitFor(const QString &text, int timeoutMs, qsizetype from = 0)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (true) {
            for (qsizetype i = from; i < m_lines.size(); ++i) {
                if (m_lines.at(i).contains(text))
                    return m_lines.at(i);
            }
            if (deadline.hasExpired() || (m_process->state() == QProcess::NotRunning && m_process->bytesAvailable() == 0))
                return {};
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            m_process->waitForReadyRead(20);
            take();
        }
    }
    bool waitForExit(int timeoutMs)
    {
        // waitForFinished() says false for a process that has already ended.
        const bool done = m_process->state() == QProcess::NotRunning || m_process->waitForFinished(timeoutMs);
        take();
        return done;
    }
    int exitCode() const { return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1; }
    QStringList lines()
    {
        take();
        return m_lines;
    }
    QStringList errorLines()
    {
        m_err += m_process->readAllStandardError();
        return QString::fromUtf8(m_err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    QString transcript() { return lines().join(QLatin1Char('\n')) + QLatin1Char('\n') + errorLines().join(QLatin1Char('\n')); }
    qint64 pid() const { return m_process->processId(); }
    void kill()
    {
        m_process->kill(); // SIGKILL: no goodbye to the database or anyone
        m_process->waitForFinished(5000);
    }
    void terminate()
    {
        m_process->terminate();
        if (!m_process->waitForFinished(5000))
            kill();
    }
    bool isRunning() const { return m_process->state() != QProcess::NotRunning; }

private:
    void take()
    {
        m_pending += m_process->readAllStandardOutput();
        qsizetype nl;
        while ((nl = m_pending.indexOf('\n')) >= 0) {
            m_lines << QString::fromUtf8(m_pending.left(nl));
            m_pending.remove(0, nl + 1);
        }
    }

    std::unique_ptr<QProcess> m_process;
    QByteArray m_pending;
    QByteArray m_err;
    QStringList m_lines;
};
