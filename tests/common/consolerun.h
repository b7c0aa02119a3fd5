#pragma once
// The real console run as a child process by a test: its exit code, what it printed, and the
// headless run's "HH:MM:SS kind text" lines picked apart. The child gets no display (it must
// not need one) and its own clock (no STONECASTER_TIME_ORIGIN_MS from the test's environment).
#include <QProcess>
#include <QString>
#include <QStringList>

struct ConsoleRun {
    int exitCode = -1; // -1 crashed, -2 did not end in time (killed)
    QString out;
    QString err;

    QStringList lines() const { return out.split(u'\n', Qt::SkipEmptyParts); }
    // stdout and stderr, for a failing check's message.
    QString all() const { return out + err; }
};

inline ConsoleRun runConsole(const QStringList &arguments, int timeoutMs = 120'000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "STONECASTER_TIME_ORIGIN_MS"})
        env.remove(QString::fromLatin1(name));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(STONECASTER_CONSOLE), arguments);
    ConsoleRun run;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        run.exitCode = -2;
    } else {
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

namespace HeadlessLines {
// The text of every "HH:MM:SS kind text" line of this kind, in order.
inline QStringList ofKind(const QStringList &lines, const QString &kind)
{
    QStringList result;
    for (const QString &line : lines) {
        if (line.mid(9).startsWith(kind + QLatin1Char(' ')))
            result << line.mid(9 + kind.size() + 1);
    }
    return result;
}

// The index of the first line of this kind whose text starts with `text`; -1 when none.
inline qsizetype indexOf(const QStringList &lines, const QString &kind, const QString &text)
{
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].mid(9).startsWith(kind + QLatin1Char(' ') + text))
            return i;
    }
    return -1;
}
} // namespace HeadlessLines
