#include "cli/commandline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QFile>
#include <QImage>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the real console with a clean environment: no display, no platform plugin override.
Run console(const QStringList &arguments, const QStringList &extraEnvironment = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    for (const QString &kv : extraEnvironment)
        env.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(STONECASTER_CONSOLE), arguments);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

const QString Reference = QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md");

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << "bogus";
        QTest::newRow("missing value") << QStringList{QStringLiteral("--parse-runbook")} << "parse-runbook";
        QTest::newRow("positional argument") << QStringList{QStringLiteral("file.md")} << "unexpected argument";
        QTest::newRow("parse-runbook with a window option") << QStringList{QStringLiteral("--parse-runbook"), QStringLiteral("a.md"), QStringLiteral("--journal"), QStringLiteral("j")} << "cannot be combined";
        QTest::newRow("bad colour scheme") << QStringList{QStringLiteral("--color-scheme"), QStringLiteral("pink")} << "system, light or dark";
        QTest::newRow("option twice") << QStringList{QStringLiteral("--runbook"), QStringLiteral("a"), QStringLiteral("--runbook"), QStringLiteral("b")} << "more than once";
        QTest::newRow("empty value") << QStringList{QStringLiteral("--journal=")} << "non-empty";
        QTest::newRow("demo and profile") << QStringList{QStringLiteral("--demo"), QStringLiteral("--profile"), QStringLiteral("p.json")} << "exclude each other";
        QTest::newRow("scenario with profile") << QStringList{QStringLiteral("--scenario"), QStringLiteral("healthy"), QStringLiteral("--profile"), QStringLiteral("p.json")} << "only applies to the demo";
        QTest::newRow("time scale zero") << QStringList{QStringLiteral("--time-scale"), QStringLiteral("0")} << "--time-scale must be a number from 0.01 to 10000, not '0'";
        QTest::newRow("screenshot delay alone") << QStringList{QStringLiteral("--screenshot-after"), QStringLiteral("3")} << "needs --screenshot";
        QTest::newRow("note without headless") << QStringList{QStringLiteral("--note"), QStringLiteral("a=b")} << "--note needs --headless";
        QTest::newRow("note without item") << QStringList{QStringLiteral("--headless"), QStringLiteral("--note"), QStringLiteral("just text")} << "--note must be ITEM=TEXT";
        QTest::newRow("note without text") << QStringList{QStringLiteral("--headless"), QStringLiteral("--note"), QStringLiteral("item= ")} << "--note must be ITEM=TEXT";
        QTest::newRow("note while watching") << QStringList{QStringLiteral("--headless"), QStringLiteral("--watch"), QStringLiteral("--note"), QStringLiteral("a=b")} << "cannot be combined with --watch";
        QTest::newRow("time scale text") << QStringList{QStringLiteral("--time-scale"), QStringLiteral("fast")} << "not 'fast'";
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, messagePart);
        const CommandLine cl = CommandLine::parse(QStringList{QStringLiteral("stonecaster-console")} + arguments);
        QVERIFY2(cl.error.contains(messagePart), qPrintable(cl.error));
    }

    void modes()
    {
        QCOMPARE(CommandLine::parse({QStringLiteral("x")}).mode, CommandLine::Mode::Gui);
        QCOMPARE(CommandLine::parse({QStringLiteral("x"), QStringLiteral("--help")}).mode, CommandLine::Mode::Help);
        QCOMPARE(CommandLine::parse({QStringLiteral("x"), QStringLiteral("--version")}).mode, CommandLine::Mode::Version);
        const CommandLine parse = CommandLine::parse({QStringLiteral("x"), QStringLiteral("--parse-runbook"), QStringLiteral("r.md")});
        QCOMPARE(parse.mode, CommandLine::Mode::ParseRunbook);
        QCOMPARE(parse.parseRunbookPath, QStringLiteral("r.md"));
        const CommandLine gui = CommandLine::parse({QStringLiteral("x"), QStringLiteral("--runbook"), QStringLiteral("r.md"), QStringLiteral("--journal"),
                                                    QStringLiteral("j.sqlite"), QStringLiteral("--operator"), QStringLiteral("alice")});
        QVERIFY(gui.error.isEmpty());
        QCOMPARE(gui.runbookPath, QStringLiteral("r.md"));
        QCOMPARE(gui.journalPath, QStringLiteral("j.sqlite"));
        QCOMPARE(gui.operatorName, QStringLiteral("alice"));
        QVERIFY(gui.demo); // the built-in demo unless a profile is given
        QCOMPARE(gui.scenario, QStringLiteral("healthy"));
        QCOMPARE(gui.timeScale, 1.0);
        const CommandLine demo = CommandLine::parse({QStringLiteral("x"), QStringLiteral("--demo"), QStringLiteral("--scenario"), QStringLiteral("latency-regression"),
                                                     QStringLiteral("--time-scale"), QStringLiteral("60")});
        QVERIFY2(demo.error.isEmpty(), qPrintable(demo.error));
        QVERIFY(demo.demo);
        QCOMPARE(demo.scenario, QStringLiteral("latency-regression"));
        QCOMPARE(demo.timeScale, 60.0);
        const CommandLine profile = CommandLine::parse({QStringLiteral("x"), QStringLiteral("--profile"), QStringLiteral("prod.json")});
        QVERIFY(!profile.demo);
        QCOMPARE(profile.profilePath, QStringLiteral("prod.json"));
        // --note may be given several times; ITEM is everything before the first '='.
        const CommandLine notes = CommandLine::parse({QStringLiteral("x"), QStringLiteral("--headless"), QStringLiteral("--note"), QStringLiteral("pre-1 = ticket CHG-42"),
                                                      QStringLiteral("--note"), QStringLiteral("Check all services are running=x=y")});
        QVERIFY2(notes.error.isEmpty(), qPrintable(notes.error));
        QCOMPARE(notes.notes.size(), 2);
        QCOMPARE(notes.notes.at(0).item, QStringLiteral("pre-1"));
        QCOMPARE(notes.notes.at(0).text, QStringLiteral("ticket CHG-42"));
        QCOMPARE(notes.notes.at(1).item, QStringLiteral("Check all services are running"));
        QCOMPARE(notes.notes.at(1).text, QStringLiteral("x=y"));
    }

    // The real executable, without any display: JSON on stdout, exit 0.
    void parseRunbookPrintsJson()
    {
        const Run r = console({QStringLiteral("--parse-runbook"), Reference});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(json.value(QLatin1String("title")).toString(), QStringLiteral("Deployment Runbook"));
        const QJsonArray sections = json.value(QLatin1String("sections")).toArray();
        QCOMPARE(sections.size(), 52);
        const QJsonObject phase1 = sections.at(7).toObject();
        QCOMPARE(phase1.value(QLatin1String("id")).toString(), QStringLiteral("preparation"));
        QCOMPARE(phase1.value(QLatin1String("kind")).toString(), QStringLiteral("phase"));
        QCOMPARE(phase1.value(QLatin1String("level")).toInt(), 3);
        QCOMPARE(phase1.value(QLatin1String("parentId")).toString(), QStringLiteral("blue-green-deployment-process"));
        QCOMPARE(phase1.value(QLatin1String("window")).toObject().value(QLatin1String("endMinutes")).toInt(), 30);
        QVERIFY(sections.at(0).toObject().value(QLatin1String("parentId")).isNull());
        QVERIFY(sections.at(0).toObject().value(QLatin1String("window")).isNull());
        const QJsonObject group = phase1.value(QLatin1String("groups")).toArray().at(0).toObject();
        QCOMPARE(group.value(QLatin1String("title")).toString(), QStringLiteral("Environment Setup"));
        const QJsonObject item = group.value(QLatin1String("items")).toArray().at(0).toObject();
        QCOMPARE(item.value(QLatin1String("id")).toString(), QStringLiteral("preparation/environment-setup/verify-staging-environment-is-ready"));
        QCOMPARE(item.value(QLatin1String("checkable")).toBool(), true);
        QCOMPARE(item.value(QLatin1String("checked")).toBool(), false);
        QCOMPARE(item.value(QLatin1String("line")).toInt(), 42);
        const QJsonArray plan = json.value(QLatin1String("trafficPlan")).toArray();
        QCOMPARE(plan.size(), 5);
        QCOMPARE(plan.at(0).toObject().value(QLatin1String("holdMinutes")).toInt(), 5);
        QVERIFY(plan.at(4).toObject().value(QLatin1String("holdMinutes")).isNull());
        QCOMPARE(plan.at(0).toObject().value(QLatin1String("holdSeconds")).toInt(), 300);
        QVERIFY(plan.at(4).toObject().value(QLatin1String("holdSeconds")).isNull());
        const QJsonArray rules = json.value(QLatin1String("rules")).toArray();
        QCOMPARE(rules.size(), 20);
        const QJsonObject trigger = rules.at(5).toObject();
        QCOMPARE(trigger.value(QLatin1String("id")).toString(), QStringLiteral("auto-rollback.response_time"));
        QCOMPARE(trigger.value(QLatin1String("unit")).toString(), QStringLiteral("x_normal"));
        QCOMPARE(trigger.value(QLatin1String("value")).toDouble(), 3.0);
        QVERIFY(trigger.value(QLatin1String("percentile")).isNull());
        QVERIFY(rules.at(7).toObject().value(QLatin1String("unit")).isNull()); // service_down
        QCOMPARE(json.value(QLatin1String("diagnostics")).toArray().size(), 0);
    }

    void parseRunbookFailures_data()
    {
        QTest::addColumn<QString>("content"); // empty: the path does not exist
        QTest::addColumn<QString>("expectedStderr"); // with FILE standing for the path
        QTest::newRow("missing file") << QString() << "FILE:0: error: no such file";
        QTest::newRow("no phases") << "# T\n## List\n- [ ] one\n" << "FILE:0: error: no phases found";
        QTest::newRow("decreasing step") << "# T\n### Phase 1: Traffic (0-9 minutes)\n- [ ] Shift 20% to green\n- [ ] Wait 5 min\n- [ ] Shift 10% to green\n"
                                         << "FILE:5: error: traffic step 10% does not increase";
    }
    void parseRunbookFailures()
    {
        QFETCH(QString, content);
        QFETCH(QString, expectedStderr);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runbook.md"));
        if (!content.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content.toUtf8());
        }
        const Run r = console({QStringLiteral("--parse-runbook"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        expectedStderr.replace(QLatin1String("FILE"), path);
        QVERIFY2(QString::fromUtf8(r.err).contains(expectedStderr), r.err.constData());
    }

    void badUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
        QTest::newRow("parse-runbook without file") << QStringList{QStringLiteral("--parse-runbook")};
        QTest::newRow("stray argument with parse-runbook") << QStringList{QStringLiteral("--parse-runbook"), Reference, QStringLiteral("extra")};
    }
    void badUsageExitsTwo()
    {
        QFETCH(QStringList, arguments);
        const Run r = console(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--help"));
    }

    void windowWithoutDisplaySaysSo()
    {
        const Run r = console({});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no display"), r.err.constData());
        QVERIFY(r.err.contains("xvfb-run"));
        QVERIFY(r.err.contains("--parse-runbook"));
    }

    void helpAndVersion()
    {
        const Run help = console({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--parse-runbook"));
        QVERIFY(help.out.contains("Exit status"));
        const Run version = console({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("stonecaster-console "));
    }

    // The window itself, offscreen: it starts, shows the bundled runbook and saves a screenshot.
    void windowStartsOffscreen()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("window.png"));
        const Run r = console({QStringLiteral("--journal"), dir.filePath(QStringLiteral("journal.sqlite")), QStringLiteral("--screenshot"), shot},
                              {QStringLiteral("QT_QPA_PLATFORM=offscreen"), QStringLiteral("XDG_CONFIG_HOME=") + dir.path()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1000);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
