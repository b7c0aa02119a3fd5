#pragma once

#include "redactor.h"
#include "result.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QStringDecoder>
#include <QStringList>

#include <optional>

class QProcess;
class QTimer;

// A program to run: started directly, never through a shell, so an argument can never become
// shell syntax.
struct ProcessSpec {
    QString program;
    QStringList arguments;
    QString workingDirectory;           // empty: the console's
    // The program's environment besides a small base (ProcessEnvironment): literal values,
    // ${env:NAME} and ${secret:NAME} passed on from the console's. Its PATH finds a bare program name.
    QMap<QString, QString> environment;
    int timeoutMs = 10 * 60 * 1000;     // real time; the whole process group is ended after it. 0: none
    bool separateErrorOutput = false;   // stderr kept apart (errorOutput) instead of merged into output

    QString commandLine() const; // quoted for reading, never parsed
};

// How a program run by ProcessRunner ended.
struct ProcessOutcome {
    bool ok = false;             // it exited with status 0
    std::optional<int> exitCode; // when it exited by itself
    QString message;             // one line: "exit status 0", "timed out after 2 min; ...", "could not start ..."
    QString output;              // the tail of what it printed (stdout, and stderr unless kept apart)
    qint64 durationMs = 0;       // real time
    bool started = false;        // false: it never ran (missing, not executable, the exec failed)
    QString errorOutput;         // the tail of stderr when kept apart
    qint64 outputBytes = 0;      // everything printed to `output`, of which the last TailBytes are kept
    qint64 errorOutputBytes = 0;
};

// Runs one program: started directly (never through a shell) in a process group of its own,
// with a clean environment (ProcessEnvironment), so that a timeout or an abort ends the program
// and every child it started; children left behind when it exits are ended too (SIGTERM, then
// SIGKILL after KillGraceMs, without blocking). Output is delivered as it comes, decoded as
// UTF-8 with invalid bytes replaced (and said so), known secrets replaced (Redactor, also when
// one is split across two reads), and kept as a capped tail; a program printing without end
// costs no more memory than the cap. Nothing blocks the event loop, and finished() comes
// exactly once (unless kill() came first). Used by procedure steps, checks and the command
// traffic controller.
class ProcessRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype TailBytes = 64 * 1024; // per stream, in characters (bytes for ASCII)
    static constexpr int KillGraceMs = 2000; // between SIGTERM and SIGKILL, also for leftovers

    explicit ProcessRunner(QObject *parent = nullptr);
    ~ProcessRunner() override; // ends a running group at once

    void start(const ProcessSpec &spec);
    // Ends the whole process group (SIGTERM, then SIGKILL after KillGraceMs); finished()
    // reports `reason`.
    void cancel(const QString &reason);
    // Ends the whole process group at once (SIGKILL) without finished(), for a caller that
    // reports the end itself; the program is reaped in the background.
    void kill();
    bool isRunning() const;
    // The process group of the last program started (also after it ended, for tests and messages).
    qint64 processGroup() const { return m_lastPgid; }

    // The program found on `searchPath` (a bare name; colon-separated like PATH, by default
    // the console's own) or as given; an error if it is missing or not executable.
    static Result<QString> resolveProgram(const QString &program, const QString &searchPath = {});

Q_SIGNALS:
    void output(const QString &text);
    void finished(const ProcessOutcome &outcome);

private:
    struct Stream {
        QStringDecoder decoder{QStringDecoder::Utf8};
        Redactor::Stream redactor;
        QString tail; // redacted
        QByteArray lastBytes; // for an incomplete UTF-8 sequence at the end
        qint64 totalBytes = 0;
        void reset();
    };
    void onReadyRead();
    void read(Stream &stream, const QByteArray &data);
    void append(Stream &stream, const QString &text);
    void onFinished(int exitCode, int exitStatus);
    void onStartFailed();
    void signalGroup(int signal);
    void watchLeftovers();
    void finish(ProcessOutcome outcome);
    void failLater(const QString &message);

    QProcess *m_process = nullptr;
    QTimer *m_timeout;
    QTimer *m_kill;
    QTimer *m_leftovers; // polls the group while children left behind are being ended
    std::optional<ProcessOutcome> m_exited; // the program's end, reported once its leftovers are gone
    int m_leftoverPolls = 0;
    QElapsedTimer m_elapsed;
    Stream m_out;
    Stream m_err;
    bool m_separate = false;
    bool m_invalidUtf8 = false;
    qint64 m_pgid = 0; // while it runs; 0 once it ended (the number may be reused)
    qint64 m_lastPgid = 0;
    QString m_cancelReason;
    int m_timeoutMs = 0;
    bool m_finished = true;
};
