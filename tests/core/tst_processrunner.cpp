// ProcessRunner against real programs: shell scripts written to a temporary folder, /bin/echo,
// sleep. Every case checks that finished() comes exactly once (or never, after kill()).
#include "../common/shellscript.h"
#include "core/processrunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

Q_DECLARE_METATYPE(ProcessOutcome)

namespace {

constexpr int FinishTimeoutMs = 30'000; // CI is loaded

// A process is gone when /proc has no entry for it or it is a zombie waiting to be reaped.
bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    // "PID (comm) STATE ...": comm may contain spaces, the state follows the last ')'.
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) == "Z";
}

bool groupGone(qint64 pgid)
{
    return pgid > 0 && ::kill(pid_t(-pgid), 0) != 0;
}

} // namespace

class TestProcessRunner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_scripts = 0;

    // #!/bin/sh + body, executable, in the temporary folder.
    QString script(const QByteArray &body, bool executable = true)
    {
        return writeShellScript(m_dir.filePath(QStringLiteral("script%1.sh").arg(++m_scripts)), body, executable);
    }

    QList<qint64> readPids(const QString &path)
    {
        QList<qint64> pids;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return pids;
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (!line.trimmed().isEmpty())
                pids << line.trimmed().toLongLong();
        }
        return pids;
    }

    // Runs to the end; checks finished() came exactly once, also after more event processing.
    ProcessOutcome run(ProcessRunner &runner, const ProcessSpec &spec, QString *live = nullptr)
    {
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        QMetaObject::Connection c;
        if (live)
            c = connect(&runner, &ProcessRunner::output, this, [live](const QString &text) { *live += text; });
        runner.start(spec);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, FinishTimeoutMs); }();
        disconnect(c);
        if (finished.count() != 1) {
            ProcessOutcome none;
            none.message = QStringLiteral("<finished() did not come>");
            return none;
        }
        expectNoMoreFinished(finished);
        return finished.first().first().value<ProcessOutcome>();
    }

    void expectNoMoreFinished(QSignalSpy &finished, int expected = 1)
    {
        for (int i = 0; i < 5; ++i) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            QTest::qWait(20);
        }
        QCOMPARE(finished.count(), expected);
    }

    ProcessSpec spec(const QString &program, const QStringList &arguments = {}, int timeoutMs = 60'000)
    {
        ProcessSpec c;
        c.program = program;
        c.arguments = arguments;
        c.workingDirectory = m_dir.path();
        c.timeoutMs = timeoutMs;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ProcessOutcome>();
        QVERIFY(m_dir.isValid());
    }

    void exitZeroDeliversOutputLive()
    {
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        QString live;
        connect(&runner, &ProcessRunner::output, this, [&live](const QString &text) { live += text; });
        // "first" comes before the program ends: output() is live, not at the end.
        const QString path = script("echo first\necho to-stderr >&2\nsleep 1\necho second");
        runner.start(spec(path));
        QVERIFY(runner.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(live.contains(QLatin1String("first")), FinishTimeoutMs);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!live.contains(QLatin1String("second")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, FinishTimeoutMs);
        expectNoMoreFinished(finished);
        const ProcessOutcome o = finished.first().first().value<ProcessOutcome>();
        QVERIFY2(o.ok, qPrintable(o.message));
        QCOMPARE(o.exitCode, std::optional<int>(0));
        QCOMPARE(o.message, QStringLiteral("exit status 0"));
        QCOMPARE(o.output, QStringLiteral("first\nto-stderr\nsecond\n")); // stderr merged
        QCOMPARE(live, o.output);
        QVERIFY(o.durationMs >= 900);
        QVERIFY(!runner.isRunning());
    }

    void exitThreeFails()
    {
        ProcessRunner runner;
        const ProcessOutcome o = run(runner, spec(script("echo failing\nexit 3")));
        QVERIFY(!o.ok);
        QCOMPARE(o.exitCode, std::optional<int>(3));
        QCOMPARE(o.message, QStringLiteral("exit status 3"));
        QCOMPARE(o.output, QStringLiteral("failing\n"));
    }

    void programsThatCannotRun_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file") << m_dir.filePath(QStringLiteral("no-such-script.sh"))
                                      << m_dir.filePath(QStringLiteral("no-such-script.sh")) + QStringLiteral(": no such file");
        QTest::newRow("not executable") << script("echo never", false) << QStringLiteral("is not executable");
        QTest::newRow("bare name not on PATH") << QStringLiteral("stonecaster-no-such-program-42")
                                               << QStringLiteral("stonecaster-no-such-program-42: no such program on PATH");
        QTest::newRow("a directory") << m_dir.path() << QStringLiteral("is a directory");
        QTest::newRow("empty") << QString() << QStringLiteral("no program is configured");
    }
    void programsThatCannotRun()
    {
        QFETCH(QString, program);
        QFETCH(QString, message);
        const Result<QString> resolved = ProcessRunner::resolveProgram(program);
        QVERIFY(!resolved);
        QVERIFY2(resolved.error().contains(message), qPrintable(resolved.error()));
        ProcessRunner runner;
        const ProcessOutcome o = run(runner, spec(program));
        QVERIFY(!o.ok);
        QVERIFY(!o.exitCode);
        QVERIFY2(o.message.contains(message), qPrintable(o.message));
    }

    void aProgramThatFailsToStart()
    {
        // Executable, but exec() fails (its interpreter does not exist): reported from the
        // event loop like every other end, never from inside start().
        const QString path = m_dir.filePath(QStringLiteral("bad-interpreter.sh"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/nonexistent/interpreter\necho never\n");
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        runner.start(spec(path));
        QCOMPARE(finished.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, FinishTimeoutMs);
        expectNoMoreFinished(finished);
        const ProcessOutcome o = finished.first().first().value<ProcessOutcome>();
        QVERIFY(!o.ok);
        QVERIFY(!o.exitCode);
        QVERIFY2(o.message.startsWith(QLatin1String("could not start ")), qPrintable(o.message));
        QVERIFY(!runner.isRunning());
    }

    void resolveProgramFindsPathAndFiles()
    {
        const Result<QString> sh = ProcessRunner::resolveProgram(QStringLiteral("sh"));
        QVERIFY2(sh.ok(), qPrintable(sh.error()));
        QVERIFY(QDir::isAbsolutePath(sh.value()));
        const QString path = script("true");
        QCOMPARE(ProcessRunner::resolveProgram(path).value(), path);
    }

    void workingDirectoryAndEnvironmentApplied()
    {
        QDir(m_dir.path()).mkdir(QStringLiteral("work dir"));
        const QString work = QDir(m_dir.filePath(QStringLiteral("work dir"))).canonicalPath();
        ProcessSpec c = spec(script("pwd -P\necho \"VAR=$STONECASTER_TEST_VAR\"\necho \"HOME set: ${HOME:+yes}\""));
        c.workingDirectory = work;
        c.environment.insert(QStringLiteral("STONECASTER_TEST_VAR"), QStringLiteral("two words; $(not run)"));
        ProcessRunner runner;
        const ProcessOutcome o = run(runner, c);
        QVERIFY2(o.ok, qPrintable(o.message));
        // The console's own environment is kept and the profile's added.
        QCOMPARE(o.output, work + QStringLiteral("\nVAR=two words; $(not run)\nHOME set: yes\n"));
    }

    void aMissingWorkingDirectoryFails()
    {
        ProcessSpec c = spec(script("true"));
        c.workingDirectory = m_dir.filePath(QStringLiteral("no-such-folder"));
        ProcessRunner runner;
        const ProcessOutcome o = run(runner, c);
        QVERIFY(!o.ok);
        QVERIFY2(o.message.contains(QLatin1String("the working directory does not exist")), qPrintable(o.message));
    }

    void argumentsNeverGoThroughAShell()
    {
        const QString argument = QStringLiteral("$(touch pwned); echo x");
        ProcessRunner runner;
        const ProcessOutcome o = run(runner, spec(QStringLiteral("/bin/echo"), {argument, QStringLiteral("`touch pwned2`"), QStringLiteral("*")}));
        QVERIFY2(o.ok, qPrintable(o.message));
        QCOMPARE(o.output, argument + QStringLiteral(" `touch pwned2` *\n"));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("pwned"))));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("pwned2"))));
    }

    void timeoutEndsTheProgram()
    {
        ProcessRunner runner;
        QElapsedTimer timer;
        timer.start();
        const ProcessOutcome o = run(runner, spec(QStringLiteral("sleep"), {QStringLiteral("30")}, 300));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!o.ok);
        QVERIFY(!o.exitCode);
        QVERIFY2(o.message.startsWith(QLatin1String("timed out after 300 ms")), qPrintable(o.message));
        QTRY_VERIFY_WITH_TIMEOUT(groupGone(runner.processGroup()), 5000); // zombies count until they are reaped
    }

    void timeoutEndsAProgramIgnoringSigterm()
    {
        // TERM is ignored by the script and the sleep it starts: SIGKILL after the grace time.
        const QString pids = m_dir.filePath(QStringLiteral("ignoring.pids"));
        ProcessRunner runner;
        QElapsedTimer timer;
        timer.start();
        const ProcessOutcome o =
            run(runner, spec(script("trap '' TERM\nsleep 60 &\necho $! > '" + pids.toUtf8() + "'\necho $$ >> '" + pids.toUtf8() + "'\nwait"), {}, 500));
        QVERIFY2(timer.elapsed() < 500 + ProcessRunner::KillGraceMs + 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!o.ok);
        QVERIFY2(o.message.contains(QLatin1String("timed out")), qPrintable(o.message));
        const QList<qint64> list = readPids(pids);
        QCOMPARE(list.size(), 2);
        for (qint64 pid : list)
            QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(QString::number(pid)), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(groupGone(runner.processGroup()), 5000); // zombies count until they are reaped
    }

    void childrenLeftBehindAreEnded()
    {
        const QString pids = m_dir.filePath(QStringLiteral("children.pids"));
        const QByteArray p = pids.toUtf8();
        ProcessRunner runner;
        const ProcessOutcome o = run(runner, spec(script("sleep 60 &\necho $! > '" + p + "'\nsleep 60 &\necho $! >> '" + p + "'\necho parent done\nexit 0")));
        QVERIFY2(o.ok, qPrintable(o.message));
        QCOMPARE(o.exitCode, std::optional<int>(0));
        QVERIFY2(o.message.contains(QLatin1String("processes it left running were ended")), qPrintable(o.message));
        const QList<qint64> list = readPids(pids);
        QCOMPARE(list.size(), 2);
        for (qint64 pid : list)
            QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(QString::number(pid)), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(groupGone(runner.processGroup()), 5000); // zombies count until they are reaped
    }

    // A child left behind that takes its time over SIGTERM: the runner waits for it from the
    // event loop (the test runs while it waits), and reports the end once the child is gone.
    void leftoversAreEndedWithoutBlocking()
    {
        const QByteArray term = m_dir.filePath(QStringLiteral("leftover.term")).toUtf8();
        const QByteArray release = m_dir.filePath(QStringLiteral("leftover.release")).toUtf8();
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        const QByteArray ready = m_dir.filePath(QStringLiteral("leftover.ready")).toUtf8();
        // The child has its handler before the program exits (SIGTERM comes right after). It is
        // perl (essential in Debian), not a shell: dash can lose a trapped SIGTERM that arrives
        // while it forks its loop's `sleep`, and the test would wait for nothing.
        runner.start(spec(script("perl -e '$SIG{TERM} = sub { open(my $f, \">\", \"" + term + "\") }; open(my $r, \">\", \"" + ready
                                 + "\"); close($r); select(undef, undef, undef, 0.05) until -e \"" + release
                                 + "\"' &\nwhile [ ! -e " + ready + " ]; do sleep 0.01; done\necho parent done")));
        // The program has exited and its child got SIGTERM: the test's own event loop ran meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(QString::fromUtf8(term)), FinishTimeoutMs);
        QCOMPARE(finished.count(), 0);
        QVERIFY(runner.isRunning());
        QVERIFY(QFile(QString::fromUtf8(release)).open(QIODevice::WriteOnly));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, FinishTimeoutMs);
        expectNoMoreFinished(finished);
        const ProcessOutcome o = finished.first().first().value<ProcessOutcome>();
        QVERIFY2(o.ok, qPrintable(o.message));
        QCOMPARE(o.output, QStringLiteral("parent done\n"));
        QVERIFY2(o.message.contains(QLatin1String("processes it left running were ended")), qPrintable(o.message));
        QVERIFY(!runner.isRunning());
    }

    void childrenAreEndedOnTimeout()
    {
        const QString pids = m_dir.filePath(QStringLiteral("timeout.pids"));
        const QByteArray p = pids.toUtf8();
        ProcessRunner runner;
        QElapsedTimer timer;
        timer.start();
        const ProcessOutcome o = run(runner, spec(script("sleep 60 &\necho $! > '" + p + "'\necho $$ >> '" + p + "'\nsleep 60"), {}, 500));
        QVERIFY2(timer.elapsed() < 10'000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!o.ok);
        QVERIFY2(o.message.contains(QLatin1String("timed out after 500 ms")), qPrintable(o.message));
        const QList<qint64> list = readPids(pids);
        QCOMPARE(list.size(), 2);
        for (qint64 pid : list)
            QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(QString::number(pid)), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(groupGone(runner.processGroup()), 5000); // zombies count until they are reaped
    }

    void cancelEndsTheGroupWithTheReason()
    {
        const QString pids = m_dir.filePath(QStringLiteral("cancel.pids"));
        const QByteArray p = pids.toUtf8();
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        QString live;
        connect(&runner, &ProcessRunner::output, this, [&live](const QString &text) { live += text; });
        runner.start(spec(script("sleep 60 &\necho $! > '" + p + "'\necho started\nsleep 60")));
        QTRY_VERIFY_WITH_TIMEOUT(live.contains(QLatin1String("started")), FinishTimeoutMs);
        const qint64 group = runner.processGroup();
        QVERIFY(group > 0);
        QVERIFY(!groupGone(group));
        QElapsedTimer timer;
        timer.start();
        runner.cancel(QStringLiteral("aborted by alice: why not"));
        runner.cancel(QStringLiteral("a second cancel changes nothing"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, FinishTimeoutMs);
        QVERIFY(timer.elapsed() < 10'000);
        expectNoMoreFinished(finished);
        const ProcessOutcome o = finished.first().first().value<ProcessOutcome>();
        QVERIFY(!o.ok);
        QVERIFY2(o.message.startsWith(QLatin1String("aborted by alice: why not")), qPrintable(o.message));
        QCOMPARE(o.output, QStringLiteral("started\n"));
        for (qint64 pid : readPids(pids))
            QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(QString::number(pid)), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(groupGone(group), 5000);
        runner.cancel(QStringLiteral("after the end"));
        expectNoMoreFinished(finished);
    }

    void hugeOutputKeepsATail()
    {
        ProcessRunner runner;
        qint64 liveBytes = 0;
        connect(&runner, &ProcessRunner::output, this, [&liveBytes](const QString &text) { liveBytes += text.size(); });
        const ProcessOutcome o = run(runner, spec(script("head -c 5000000 /dev/zero | tr '\\0' x\necho END")));
        QVERIFY2(o.ok, qPrintable(o.message));
        QCOMPARE(liveBytes, qint64(5000004));
        QVERIFY(o.output.toUtf8().size() <= ProcessRunner::TailBytes);
        QVERIFY(o.output.size() > 60 * 1024);
        QVERIFY(o.output.endsWith(QLatin1String("xxxEND\n")));
        QVERIFY2(o.message.contains(QLatin1String("4882 KiB of output, the last 64 KiB kept")), qPrintable(o.message));
    }

    void invalidUtf8IsReplacedAndSaid()
    {
        ProcessRunner runner;
        QString live;
        const ProcessOutcome o = run(runner, spec(script("printf '\\377\\376abc'")), &live);
        QVERIFY2(o.ok, qPrintable(o.message));
        QVERIFY(o.output.contains(QChar(0xFFFD)));
        QVERIFY(o.output.endsWith(QLatin1String("abc")));
        QVERIFY(live.contains(QChar(0xFFFD)));
        QVERIFY(live.contains(QLatin1String("abc")));
        QVERIFY2(o.message.contains(QLatin1String("UTF-8")), qPrintable(o.message));
    }

    void validUtf8IsNotFlagged()
    {
        ProcessRunner runner;
        const ProcessOutcome o = run(runner, spec(script("printf 'gr\\303\\274n \\342\\234\\223\\n'")));
        QVERIFY2(o.ok, qPrintable(o.message));
        QCOMPARE(o.output, QStringLiteral("gr\u00fcn \u2713\n"));
        QCOMPARE(o.message, QStringLiteral("exit status 0"));
    }

    void runsAgainAfterFinishing()
    {
        ProcessRunner runner;
        ProcessOutcome o = run(runner, spec(script("echo one\nexit 1")));
        QCOMPARE(o.exitCode, std::optional<int>(1));
        o = run(runner, spec(script("echo two")));
        QVERIFY(o.ok);
        QCOMPARE(o.output, QStringLiteral("two\n"));
    }

    // The command traffic controller's mode: stdout (the read-back's answer) apart from stderr.
    void errorOutputKeptApart()
    {
        ProcessSpec c = spec(script("echo 'blue=90 green=10'\necho 'warning: deprecated flag' >&2\nhead -c 70000 /dev/zero | tr '\\0' e >&2\necho 'last words' >&2\nexit 2"));
        c.separateErrorOutput = true;
        ProcessRunner runner;
        QString live;
        const ProcessOutcome o = run(runner, c, &live);
        QVERIFY(!o.ok);
        QVERIFY(o.started);
        QCOMPARE(o.exitCode, std::optional<int>(2));
        QCOMPARE(o.output, QStringLiteral("blue=90 green=10\n"));
        QCOMPARE(o.outputBytes, qint64(17));
        // stderr: a tail of its own, the rest counted.
        QCOMPARE(o.errorOutputBytes, qint64(25 + 70000 + 11));
        QVERIFY(o.errorOutput.toUtf8().size() <= ProcessRunner::TailBytes);
        QVERIFY(o.errorOutput.endsWith(QLatin1String("eeelast words\n")));
        QVERIFY(!o.errorOutput.contains(QLatin1String("warning")));
        QVERIFY2(o.message.contains(QLatin1String("68 KiB of error output, the last 64 KiB kept")), qPrintable(o.message));
        QVERIFY(live.contains(QLatin1String("blue=90 green=10")));
        QVERIFY(live.contains(QLatin1String("last words")));
    }

    void notStartedIsSaid()
    {
        ProcessRunner runner;
        const ProcessOutcome missing = run(runner, spec(m_dir.filePath(QStringLiteral("nothing-here"))));
        QVERIFY(!missing.started);
        const ProcessOutcome ran = run(runner, spec(script("exit 0")));
        QVERIFY(ran.started);
        QVERIFY(ran.ok);
    }

    // For a caller that reports the end itself (a traffic operation's timeout): the group is
    // ended at once, finished() never comes, and the runner can start the next program.
    void killEndsTheGroupWithoutFinished()
    {
        const QString pids = m_dir.filePath(QStringLiteral("killed.pids"));
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        QString live;
        connect(&runner, &ProcessRunner::output, this, [&live](const QString &text) { live += text; });
        runner.start(spec(script("trap '' TERM\nsleep 60 &\necho $! > '" + pids.toUtf8() + "'\necho started\nsleep 60")));
        QTRY_VERIFY_WITH_TIMEOUT(live.contains(QLatin1String("started")), FinishTimeoutMs);
        const qint64 group = runner.processGroup();
        runner.kill();
        QVERIFY(!runner.isRunning());
        for (qint64 pid : readPids(pids))
            QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(QString::number(pid)), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(groupGone(group), 5000);
        expectNoMoreFinished(finished, 0);
        const ProcessOutcome next = run(runner, spec(script("echo next")));
        QVERIFY2(next.ok, qPrintable(next.message));
        QCOMPARE(next.output, QStringLiteral("next\n"));
    }

    void destroyingARunningRunnerEndsItsGroup()
    {
        const QString pids = m_dir.filePath(QStringLiteral("destroyed.pids"));
        qint64 group = 0;
        {
            ProcessRunner runner;
            QString live;
            connect(&runner, &ProcessRunner::output, this, [&live](const QString &text) { live += text; });
            runner.start(spec(script("sleep 60 &\necho $! > '" + pids.toUtf8() + "'\necho started\nsleep 60")));
            QTRY_VERIFY_WITH_TIMEOUT(live.contains(QLatin1String("started")), FinishTimeoutMs);
            group = runner.processGroup();
        }
        QVERIFY(group > 0);
        for (qint64 pid : readPids(pids))
            QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), qPrintable(QString::number(pid)), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(groupGone(group), 5000);
    }
};

QTEST_GUILESS_MAIN(TestProcessRunner)
#include "tst_processrunner.moc"
