// CommandController with a fake traffic tool: a small script the test writes and names as
// the program (our code starts it directly; only the script's own #! line involves sh).
// Arguments substituted one by one and passed untouched, exit code, stdout and stderr kept,
// read-back parsed, and a program that hangs killed at the timeout.
#include "traffic/commandcontroller.h"

#include <QFile>
#include <QElapsedTimer>
#include "trafficresultwait.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int WaitMs = 10000;

const char FakeTool[] = R"(#!/bin/sh
# A stand-in for kubectl and the like: the first argument says what to do.
mode=$1; shift
case "$mode" in
apply) printf '%s\n' "$@" > "$STATE_DIR/args.txt"
       echo "blue=$1 green=$2" > "$STATE_DIR/weights.txt"
       echo "weights updated" ;;
read)  cat "$STATE_DIR/weights.txt" ;;
json)  echo '{"blue": 75, "green": 25}' ;;
fail)  echo "working..."; echo 'error: ingress "web" not found' >&2; exit 3 ;;
slow)  exec sleep 30 ;;
family) sleep 60 & echo $! > "$STATE_DIR/child.pid"; exec sleep 30 ;;
env)   pwd > "$STATE_DIR/env.txt"; echo "$TRAFFIC_TOKEN" >> "$STATE_DIR/env.txt" ;;
noisy) head -c 200000 /dev/zero | tr '\0' 'x' ;;
esac
)";

TrafficResult waitFor(QSignalSpy &spy)
{
    return waitForResult(spy, WaitMs);
}

// Gone: no /proc entry, or a zombie waiting to be reaped.
bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) == "Z";
}

QStringList lines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {QStringLiteral("<cannot read %1>").arg(path)};
    return QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestCommandController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tool = m_dir.filePath(QStringLiteral("fake-traffic-tool"));
        QFile f(m_tool);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(FakeTool);
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    void init()
    {
        QFile::remove(m_dir.filePath(QStringLiteral("args.txt")));
        QFile::remove(m_dir.filePath(QStringLiteral("weights.txt")));
    }

    void substitutesEachArgument_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("kubectl annotate") << QStringList{"annotate", "ingress/web", "canary-weight=${green}", "--overwrite"}
                                          << QStringList{"annotate", "ingress/web", "canary-weight=10", "--overwrite"};
        QTest::newRow("both in one") << QStringList{"--weights", "blue=${blue},green=${green}"} << QStringList{"--weights", "blue=90,green=10"};
        QTest::newRow("spaces stay in one argument") << QStringList{"a b ${green}"} << QStringList{"a b 10"};
        QTest::newRow("no placeholders") << QStringList{"plan"} << QStringList{"plan"};
    }
    void substitutesEachArgument()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, expected);
        QCOMPARE(CommandController::substitutedArguments(arguments, TrafficSplit::fromGreenPercent(10)), expected);
    }

    void parsesReadBack_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<int>("blue"); // -1: refused
        QTest::addColumn<int>("green");
        QTest::newRow("json") << QByteArray("{\"blue\":90,\"green\":10}\n") << 90 << 10;
        QTest::newRow("json with more keys") << QByteArray("{\"green\":1,\"blue\":3,\"rev\":\"x\"}") << 3 << 1;
        QTest::newRow("pairs") << QByteArray("blue=90 green=10\n") << 90 << 10;
        QTest::newRow("pairs with comma") << QByteArray("blue=90, green=10") << 90 << 10;
        QTest::newRow("missing green") << QByteArray("{\"blue\":90}") << -1 << -1;
        QTest::newRow("prose") << QByteArray("weights updated") << -1 << -1;
        QTest::newRow("empty") << QByteArray() << -1 << -1;
    }
    void parsesReadBack()
    {
        QFETCH(QByteArray, output);
        QFETCH(int, blue);
        QFETCH(int, green);
        const auto w = CommandController::parseWeights(output);
        QCOMPARE(w.ok(), blue >= 0);
        if (w)
            QCOMPARE(w.value(), std::make_pair(blue, green));
        else
            QVERIFY2(w.error().contains(QLatin1String("blue=N green=N")), qPrintable(w.error()));
    }

    void passesArgumentsUntouched()
    {
        CommandTrafficConfig config = toolConfig({QStringLiteral("apply"), QStringLiteral("${blue}"), QStringLiteral("${green}"),
                                                  QStringLiteral("two words"), QStringLiteral("$(touch pwned); echo ${green}"), QStringLiteral("*")});
        CommandController controller(config);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(25);
        const TrafficResult r = waitFor(spy);
        QVERIFY2(r.ok, qPrintable(r.message.english()));
        QVERIFY(!r.verified);
        QCOMPARE(r.greenPercent, 25);
        QVERIFY2(r.message.english().startsWith(QLatin1String("not verified")), qPrintable(r.message.english()));
        QCOMPARE(lines(m_dir.filePath(QStringLiteral("args.txt"))),
                 (QStringList{"75", "25", "two words", "$(touch pwned); echo 25", "*"}));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("pwned"))));
        QVERIFY2(r.details.contains(QLatin1String("exit code 0\n--- stdout\nweights updated\n--- stderr\n")), qPrintable(r.details));
        QVERIFY2(r.details.contains(QLatin1String("'two words'")), qPrintable(r.details));
    }

    void readsBackAfterApplying()
    {
        CommandTrafficConfig config = toolConfig({QStringLiteral("apply"), QStringLiteral("${blue}"), QStringLiteral("${green}")});
        config.readProgram = m_tool;
        config.readArguments = {QStringLiteral("read")};
        CommandController controller(config);
        QSignalSpy applied(&controller, &TrafficController::applied);
        controller.apply(10);
        const TrafficResult r = waitFor(applied);
        QVERIFY2(r.ok, qPrintable(r.message.english()));
        QVERIFY(r.verified);
        QCOMPARE(r.greenPercent, 10);
        QCOMPARE(r.blueWeight, 90);
        QVERIFY2(r.details.contains(QLatin1String("blue=90 green=10")), qPrintable(r.details));

        QSignalSpy observed(&controller, &TrafficController::observed);
        controller.read();
        const TrafficResult o = waitFor(observed);
        QVERIFY(o.ok);
        QCOMPARE(o.greenPercent, 10);
    }

    void readBackDifferentFromCommandedFails()
    {
        CommandTrafficConfig config = toolConfig({QStringLiteral("apply"), QStringLiteral("${blue}"), QStringLiteral("${green}")});
        config.readProgram = m_tool;
        config.readArguments = {QStringLiteral("json")}; // always 25%
        CommandController controller(config);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(10);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QCOMPARE(r.greenPercent, 25);
        QVERIFY2(r.message.english().contains(QLatin1String("commanded 10% green, but traffic command fake-traffic-tool reports 25% green")), qPrintable(r.message.english()));
    }

    void failures_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("details");
        QTest::newRow("exit code and stderr") << QString() << QStringList{"fail"}
                                              << "fake-traffic-tool exited with code 3: error: ingress \"web\" not found"
                                              << "exit code 3\n--- stdout\nworking...\n--- stderr\nerror: ingress \"web\" not found\n";
        QTest::newRow("/bin/false") << "/bin/false" << QStringList{} << "/bin/false exited with code 1" << "exit code 1";
        QTest::newRow("missing program") << "/nonexistent/kubectl" << QStringList{} << "could not start /nonexistent/kubectl" << "not started";
    }
    void failures()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QFETCH(QString, details);
        CommandTrafficConfig config = toolConfig(arguments);
        if (!program.isEmpty())
            config.program = program;
        CommandController controller(config);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(5);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().contains(message), qPrintable(r.message.english()));
        QVERIFY2(r.details.contains(details), qPrintable(r.details));
        QCOMPARE(r.greenPercent, -1);
    }

    void hangingProgramIsKilledAtTheTimeout()
    {
        CommandController controller(toolConfig({QStringLiteral("slow")}));
        controller.setTimeoutMs(300);
        QSignalSpy spy(&controller, &TrafficController::applied);
        QElapsedTimer timer;
        timer.start();
        controller.apply(5);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY(timer.elapsed() < 5000);
        QVERIFY2(r.message.english().contains(QLatin1String("did not finish within 300 ms")), qPrintable(r.message.english()));
        QVERIFY2(r.message.english().contains(QLatin1String("slow was still running and was killed")), qPrintable(r.message.english()));
    }

    // The program runs in a process group of its own (ProcessRunner): the timeout ends what it
    // started too, not only the program.
    void timeoutEndsTheChildrenToo()
    {
        CommandController controller(toolConfig({QStringLiteral("family")}));
        controller.setTimeoutMs(500);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(5);
        const TrafficResult r = waitFor(spy);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().contains(QLatin1String("did not finish within 500 ms")), qPrintable(r.message.english()));
        const QStringList pid = lines(m_dir.filePath(QStringLiteral("child.pid")));
        QCOMPARE(pid.size(), 1);
        QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid.first().toLongLong()), qPrintable(pid.first()), 5000);
    }

    void setsWorkingDirectoryAndEnvironment()
    {
        CommandTrafficConfig config = toolConfig({QStringLiteral("env")});
        config.workingDirectory = m_dir.path();
        config.environment.insert(QStringLiteral("TRAFFIC_TOKEN"), QStringLiteral("t0ken"));
        CommandController controller(config);
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(0);
        QVERIFY(waitFor(spy).ok);
        QCOMPARE(lines(m_dir.filePath(QStringLiteral("env.txt"))), (QStringList{m_dir.path(), QStringLiteral("t0ken")}));
    }

    void capsOutput()
    {
        CommandController controller(toolConfig({QStringLiteral("noisy")}));
        QSignalSpy spy(&controller, &TrafficController::applied);
        controller.apply(0);
        const TrafficResult r = waitFor(spy);
        QVERIFY(r.ok);
        QVERIFY2(r.details.contains(QStringLiteral("--- stdout\n[%1 earlier bytes not kept]\nxxx").arg(200000 - CommandController::MaxOutputBytes)), qPrintable(r.details.left(200)));
        QVERIFY(r.details.size() < 2 * CommandController::MaxOutputBytes);
    }

    // Nothing to read is not a failure to read (that would close the gate for ever): a read
    // that says "not verified", with no split, and how to get one.
    void readWithoutReadProgramSaysSo()
    {
        CommandController controller(toolConfig({}));
        QSignalSpy spy(&controller, &TrafficController::observed);
        controller.read();
        const TrafficResult r = waitFor(spy);
        QVERIFY(r.ok);
        QVERIFY(!r.verified);
        QVERIFY(!r.observedKnown());
        QVERIFY2(r.message.english().startsWith(QLatin1String("not verified")), qPrintable(r.message.english()));
        QVERIFY2(r.message.english().contains(QLatin1String("traffic.command.readProgram")), qPrintable(r.message.english()));
    }

private:
    CommandTrafficConfig toolConfig(const QStringList &arguments) const
    {
        CommandTrafficConfig c;
        c.program = m_tool;
        c.arguments = arguments;
        c.environment.insert(QStringLiteral("STATE_DIR"), m_dir.path());
        return c;
    }

    QTemporaryDir m_dir;
    QString m_tool;
};

QTEST_GUILESS_MAIN(TestCommandController)
#include "tst_commandcontroller.moc"
