#pragma once

#include "procedure/actionbinding.h"
#include "deployment/actionoutcome.h"
#include "core/result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringDecoder>

class QProcess;
class QTimer;

// Runs one program from the profile: started directly (never through a shell) in a process
// group of its own, so that a timeout or an abort ends the program and every child it
// started; children left behind when it exits are ended too. Output (stdout and stderr
// merged) is delivered as it comes, decoded as UTF-8 with invalid bytes replaced (and said
// so), and kept as a capped tail; a program printing without end costs no more memory than
// the cap. Nothing blocks the event loop, and finished() comes exactly once.
class ProcessRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype TailBytes = 64 * 1024;
    static constexpr int KillGraceMs = 2000; // between SIGTERM and SIGKILL

    explicit ProcessRunner(QObject *parent = nullptr);
    ~ProcessRunner() override; // ends a running group at once

    void start(const CommandSpec &command);
    // Ends the whole process group (SIGTERM, then SIGKILL after KillGraceMs); finished()
    // reports `reason`.
    void cancel(const QString &reason);
    bool isRunning() const;
    // The process group of the last program started (also after it ended, for tests and messages).
    qint64 processGroup() const { return m_lastPgid; }

    // The program found on PATH (bare name) or as given; an error if it is missing or not executable.
    static Result<QString> resolveProgram(const QString &program);

Q_SIGNALS:
    void output(const QString &text);
    void finished(const ActionOutcome &outcome);

private:
    void onReadyRead();
    void onFinished(int exitCode, int exitStatus);
    void onStartFailed();
    void signalGroup(int signal);
    int endLeftovers();
    void finish(ActionOutcome outcome);
    QString tailText() const;

    QProcess *m_process = nullptr;
    QTimer *m_timeout;
    QTimer *m_kill;
    QElapsedTimer m_elapsed;
    QStringDecoder m_decoder;
    QByteArray m_tail;
    qint64 m_totalBytes = 0;
    bool m_invalidUtf8 = false;
    qint64 m_pgid = 0; // while it runs; 0 once it ended (the number may be reused)
    qint64 m_lastPgid = 0;
    QString m_cancelReason;
    int m_timeoutMs = 0;
    bool m_finished = true;
};
