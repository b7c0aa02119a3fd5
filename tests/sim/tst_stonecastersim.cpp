#include "sim/simcommandline.h"

#include "simhttp.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

#include <csignal>

Q_DECLARE_METATYPE(DemoScenario)

// The standalone stonecaster-sim: its command line, the line it prints when ready,
// answering over HTTP, and stopping on SIGTERM/SIGINT.
class TestStonecasterSim : public QObject
{
    Q_OBJECT

    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static Run runToEnd(const QStringList &arguments)
    {
        QProcess p;
        p.start(QStringLiteral(STONECASTER_SIM), arguments);
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

    // Starts the simulator and waits for its ready line; returns the base URL.
    static QUrl start(QProcess &p, const QStringList &arguments)
    {
        p.start(QStringLiteral(STONECASTER_SIM), arguments);
        QByteArray out;
        for (int i = 0; i < 300 && !out.contains('\n') && p.state() != QProcess::NotRunning; ++i) {
            p.waitForReadyRead(100);
            out += p.readAllStandardOutput();
        }
        const QByteArray marker = "listening on ";
        const qsizetype at = out.indexOf(marker);
        if (at < 0)
            return {};
        return QUrl(QString::fromUtf8(out.mid(at + marker.size()).trimmed()));
    }

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<DemoScenario>("scenario");
        QTest::addColumn<int>("port");
        QTest::addColumn<double>("timeScale");
        QTest::newRow("scenario only") << QStringList{QStringLiteral("--scenario"), QStringLiteral("healthy")} << DemoScenario::Healthy << 0 << 1.0;
        QTest::newRow("all options") << QStringList{QStringLiteral("--scenario"), QStringLiteral("db-errors"), QStringLiteral("--port"), QStringLiteral("9099"), QStringLiteral("--time-scale"), QStringLiteral("60")}
                                     << DemoScenario::DbErrors << 9099 << 60.0;
        QTest::newRow("equals form and fraction") << QStringList{QStringLiteral("--scenario=green-down"), QStringLiteral("--time-scale=0.5")} << DemoScenario::GreenDown << 0 << 0.5;
    }
    void parse()
    {
        QFETCH(QStringList, arguments);
        QFETCH(DemoScenario, scenario);
        QFETCH(int, port);
        QFETCH(double, timeScale);
        const SimCommandLine cl = SimCommandLine::parse(QStringList{QStringLiteral("stonecaster-sim")} + arguments);
        QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
        QCOMPARE(cl.mode, SimCommandLine::Mode::Run);
        QCOMPARE(cl.scenario, scenario);
        QCOMPARE(int(cl.port), port);
        QCOMPARE(cl.timeScale, timeScale);
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no scenario") << QStringList{QStringLiteral("--port"), QStringLiteral("0")} << "--scenario is required";
        QTest::newRow("unknown scenario lists the valid ones") << QStringList{QStringLiteral("--scenario"), QStringLiteral("meteor")}
                                                               << "unknown scenario 'meteor'; valid scenarios: healthy, latency-regression, error-spike, db-errors, green-down, security-alert";
        QTest::newRow("port out of range") << QStringList{QStringLiteral("--scenario"), QStringLiteral("healthy"), QStringLiteral("--port"), QStringLiteral("70000")} << "--port must be 0..65535";
        QTest::newRow("port not a number") << QStringList{QStringLiteral("--scenario"), QStringLiteral("healthy"), QStringLiteral("--port"), QStringLiteral("http")} << "--port must be";
        QTest::newRow("zero time scale") << QStringList{QStringLiteral("--scenario"), QStringLiteral("healthy"), QStringLiteral("--time-scale"), QStringLiteral("0")} << "--time-scale must be a number above 0";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << "bogus";
        QTest::newRow("missing value") << QStringList{QStringLiteral("--scenario")} << "scenario";
        QTest::newRow("positional argument") << QStringList{QStringLiteral("--scenario"), QStringLiteral("healthy"), QStringLiteral("extra")} << "unexpected argument 'extra'";
        QTest::newRow("option twice") << QStringList{QStringLiteral("--scenario"), QStringLiteral("healthy"), QStringLiteral("--scenario"), QStringLiteral("green-down")} << "more than once";
    }
    void badUsage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, messagePart);
        const SimCommandLine cl = SimCommandLine::parse(QStringList{QStringLiteral("stonecaster-sim")} + arguments);
        QVERIFY2(cl.error.contains(messagePart), qPrintable(cl.error));

        const Run run = runToEnd(arguments);
        QCOMPARE(run.exitCode, SimCommandLine::ExitUsage);
        QVERIFY2(run.err.contains(messagePart.toUtf8()), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void helpAndScenarioList()
    {
        const Run help = runToEnd({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("Usage: stonecaster-sim"));
        const Run list = runToEnd({QStringLiteral("--list-scenarios")});
        QCOMPARE(list.exitCode, 0);
        for (const QString &name : demoScenarioNames()) {
            QVERIFY(help.out.contains(name.toUtf8()));
            QVERIFY(list.out.contains(name.toUtf8() + '\t'));
        }
    }

    void servesAndStops_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void servesAndStops()
    {
        QFETCH(int, signal);
        QProcess p;
        const QUrl base = start(p, {QStringLiteral("--scenario"), QStringLiteral("green-down"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--time-scale"), QStringLiteral("60")});
        QVERIFY2(base.isValid() && base.port() > 0, p.readAllStandardError().constData());
        QCOMPARE(base.host(), QStringLiteral("127.0.0.1"));

        SimHttp http;
        const SimHttpReply up = http.get(base, QStringLiteral("/api/v1/query"), {{QStringLiteral("query"), QStringLiteral("stonecaster_demo_up{color=\"green\"}")}});
        QCOMPARE(up.status, 200);
        QCOMPARE(up.object()[u"data"][u"result"][0][u"value"][1].toString(), QStringLiteral("0"));
        QCOMPARE(http.get(base, QStringLiteral("/health/green")).status, 503);
        const SimHttpReply set = http.send("PUT", base.resolved(QUrl(QStringLiteral("/api/traffic"))), R"({"blue":50,"green":50})", "application/json");
        QCOMPARE(set.status, 200);
        QCOMPARE(http.get(base, QStringLiteral("/api/traffic")).object().value(u"green").toInt(), 50);

        ::kill(pid_t(p.processId()), signal);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
    }

    void readyLineIsExact()
    {
        QProcess p;
        p.start(QStringLiteral(STONECASTER_SIM), {QStringLiteral("--scenario"), QStringLiteral("security-alert"), QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(p.waitForReadyRead(10000));
        QTRY_VERIFY_WITH_TIMEOUT(p.canReadLine(), 10000);
        const QByteArray line = p.readLine();
        QVERIFY2(QRegularExpression(QStringLiteral("^stonecaster-sim: scenario security-alert listening on http://127\\.0\\.0\\.1:[1-9][0-9]*\n$"))
                     .match(QString::fromUtf8(line))
                     .hasMatch(),
                 line.constData());
        p.terminate(); // SIGTERM
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
    }

    void takenPortExitsWithOne()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        const Run run = runToEnd({QStringLiteral("--scenario"), QStringLiteral("healthy"), QStringLiteral("--port"), QString::number(taken.serverPort())});
        QCOMPARE(run.exitCode, SimCommandLine::ExitFailure);
        QVERIFY2(run.err.contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(taken.serverPort()).toUtf8()), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStonecasterSim)
#include "tst_stonecastersim.moc"
