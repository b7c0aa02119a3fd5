// The environment a program run by the console gets (ProcessEnvironment, through
// ProcessRunner): a small base of the console's own variables and what the profile names,
// never the rest, so a secret in the console's environment never reaches a script's output.
#include "core/processenvironment.h"
#include "core/processrunner.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(ProcessOutcome)

class TestProcessEnvironment : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    ProcessOutcome run(const ProcessSpec &spec)
    {
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        runner.start(spec);
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000); }();
        if (finished.count() != 1)
            return {};
        return finished.first().first().value<ProcessOutcome>();
    }
    // The variables `env` prints, by name.
    QMap<QString, QString> printedEnvironment(const ProcessOutcome &o)
    {
        QMap<QString, QString> vars;
        for (const QString &line : o.output.split(u'\n', Qt::SkipEmptyParts))
            vars.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
        return vars;
    }
    ProcessSpec env(const QMap<QString, QString> &named = {})
    {
        ProcessSpec spec;
        spec.program = QStringLiteral("/usr/bin/env");
        spec.environment = named;
        spec.workingDirectory = m_dir.path();
        return spec;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ProcessOutcome>();
        QVERIFY(m_dir.isValid());
        qputenv("STONECASTER_TEST_CONSOLE_TOKEN", "console-token-4f1e9a");
        qputenv("AWS_SECRET_ACCESS_KEY", "aws-secret-77b2c0");
        qputenv("STONECASTER_TEST_KUBECONFIG", "/home/alice/.kube/prod");
        qputenv("LC_TIME", "C.UTF-8");
        qunsetenv("STONECASTER_TEST_UNSET");
    }

    // `env` in a script prints only the base and what the binding names.
    void onlyTheBaseIsInherited()
    {
        const ProcessOutcome o = run(env({{QStringLiteral("REGION"), QStringLiteral("eu-west-1")}}));
        QVERIFY2(o.ok, qPrintable(o.message));
        // (Only the variables' names in messages: the output is this machine's environment.)
        QVERIFY2(!o.output.contains(QLatin1String("console-token-4f1e9a")), "STONECASTER_TEST_CONSOLE_TOKEN reached the program");
        QVERIFY2(!o.output.contains(QLatin1String("aws-secret-77b2c0")), "AWS_SECRET_ACCESS_KEY reached the program");
        const QMap<QString, QString> vars = printedEnvironment(o);
        QCOMPARE(vars.value(QStringLiteral("PATH")), qEnvironmentVariable("PATH"));
        QCOMPARE(vars.value(QStringLiteral("HOME")), qEnvironmentVariable("HOME"));
        QCOMPARE(vars.value(QStringLiteral("LC_TIME")), QStringLiteral("C.UTF-8"));
        QCOMPARE(vars.value(QStringLiteral("REGION")), QStringLiteral("eu-west-1"));
        const QStringList allowed{QStringLiteral("PATH"), QStringLiteral("HOME"), QStringLiteral("LANG"), QStringLiteral("LANGUAGE"),
                                  QStringLiteral("USER"), QStringLiteral("LOGNAME"), QStringLiteral("TZ"), QStringLiteral("TMPDIR"),
                                  QStringLiteral("REGION")};
        for (const QString &name : vars.keys())
            QVERIFY2(allowed.contains(name) || name.startsWith(QLatin1String("LC_")), qPrintable(name));
    }

    // "${env:NAME}" passes the console's value on, alone or inside a longer value.
    void passThroughByName()
    {
        const ProcessOutcome o = run(env({{QStringLiteral("KUBECONFIG"), QStringLiteral("${env:STONECASTER_TEST_KUBECONFIG}")},
                                          {QStringLiteral("PATH"), QStringLiteral("/opt/db/bin:${env:PATH}")},
                                          {QStringLiteral("TOKEN"), QStringLiteral("${env:STONECASTER_TEST_CONSOLE_TOKEN}")},
                                          {QStringLiteral("OPTIONAL"), QStringLiteral("${env:STONECASTER_TEST_UNSET}")},
                                          {QStringLiteral("MIXED"), QStringLiteral("[${env:STONECASTER_TEST_UNSET}]")}}));
        QVERIFY2(o.ok, qPrintable(o.message));
        const QMap<QString, QString> vars = printedEnvironment(o);
        QCOMPARE(vars.value(QStringLiteral("KUBECONFIG")), QStringLiteral("/home/alice/.kube/prod"));
        QCOMPARE(vars.value(QStringLiteral("PATH")), QStringLiteral("/opt/db/bin:") + qEnvironmentVariable("PATH"));
        QCOMPARE(vars.value(QStringLiteral("TOKEN")), QStringLiteral("console-token-4f1e9a")); // named: passed on
        QVERIFY(!vars.contains(QStringLiteral("OPTIONAL"))); // unset: left out
        QCOMPARE(vars.value(QStringLiteral("MIXED")), QStringLiteral("[]"));
    }

    // A bare program name is looked up on the PATH the binding gives the program, as a shell
    // started with that environment would, not on the console's.
    void bareNameOnTheProgramsPath()
    {
        const QString tools = m_dir.filePath(QStringLiteral("tools"));
        QVERIFY(QDir().mkpath(tools));
        QFile f(tools + QStringLiteral("/stonecaster-test-tool"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\necho tool ran\n");
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        ProcessSpec spec = env({{QStringLiteral("PATH"), tools + QStringLiteral(":/usr/bin:/bin")}});
        spec.program = QStringLiteral("stonecaster-test-tool");
        const ProcessOutcome o = run(spec);
        QVERIFY2(o.ok, qPrintable(o.message));
        QCOMPARE(o.output, QStringLiteral("tool ran\n"));

        // And a name only the console's PATH has is not found on the program's.
        spec.program = QStringLiteral("env");
        spec.environment = {{QStringLiteral("PATH"), tools}};
        const ProcessOutcome missing = run(spec);
        QVERIFY(!missing.started);
        QVERIFY2(missing.message.contains(QLatin1String("env: no such program on PATH")), qPrintable(missing.message));
    }

    // A secret the binding needs and the console does not have: the program does not run.
    void aMissingSecretIsAnError()
    {
        const Result<QProcessEnvironment> built = ProcessEnvironment::build({{QStringLiteral("PGPASSWORD"), QStringLiteral("${secret:STONECASTER_TEST_UNSET}")}});
        QVERIFY(!built.ok());
        QVERIFY2(built.error().contains(QLatin1String("STONECASTER_TEST_UNSET")), qPrintable(built.error()));
        const ProcessOutcome o = run(env({{QStringLiteral("PGPASSWORD"), QStringLiteral("${secret:STONECASTER_TEST_UNSET}")}}));
        QVERIFY(!o.started);
        QVERIFY2(o.message.contains(QLatin1String("does not have it")), qPrintable(o.message));
    }

    // The base without a PATH of the console's own, and other ${...} forms left as they are.
    void defaultsAndLiterals()
    {
        QProcessEnvironment console;
        console.insert(QStringLiteral("HOME"), QStringLiteral("/home/alice"));
        console.insert(QStringLiteral("SSH_AUTH_SOCK"), QStringLiteral("/run/agent"));
        const Result<QProcessEnvironment> built =
            ProcessEnvironment::build({{QStringLiteral("LITERAL"), QStringLiteral("${HOME} and ${other:X}")}}, console);
        QVERIFY(built.ok());
        QCOMPARE(built.value().value(QStringLiteral("PATH")), ProcessEnvironment::defaultPath());
        QCOMPARE(built.value().value(QStringLiteral("HOME")), QStringLiteral("/home/alice"));
        QVERIFY(!built.value().contains(QStringLiteral("SSH_AUTH_SOCK")));
        QCOMPARE(built.value().value(QStringLiteral("LITERAL")), QStringLiteral("${HOME} and ${other:X}"));
    }
};

QTEST_GUILESS_MAIN(TestProcessEnvironment)
#include "tst_processenvironment.moc"
