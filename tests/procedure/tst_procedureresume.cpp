// ProcedureRunner across a console's end: a reopened deployment resumes its procedure without
// running a step again, an interrupted step waits for a person (also under --auto-confirm),
// and a real program in a helper process killed with SIGKILL (procedurehelper.cpp).
#include "procedurerunnerfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

class TestProcedureResume : public QObject, protected ProcedureRunnerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ProcedureRunner::Waiting>();
        QVERIFY(!RunbookLoader::bundledText().isEmpty());
    }
    void init() { startDeployment(); }
    void cleanup() { m_f.stop(); }

    void resumeAfterReopeningDoesNotRunAgain()
    {
        const ProcedureDef def = rollback();
        const QString id = m_f.deployment->id();
        {
            auto r = runner(def);
            QVERIFY(r->start(QStringLiteral("manual"), false).ok());
            QTRY_COMPARE_WITH_TIMEOUT(m_tracker.total, 1, 10'000);
            QVERIFY(m_tracker.running);
        } // the console closes while the step runs
        QVERIFY(!m_tracker.running); // the action went with the runner
        QVERIFY(m_tracker.cancels.isEmpty());
        QCOMPARE(step(def, 0).status, StepRecord::Status::Running);
        m_f.deployment.reset();

        auto opened = Deployment::open(m_f.journal.get(), m_f.clock.get(), id, QStringLiteral("bob"));
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        m_f.deployment = opened.take();
        QCOMPARE(step(def, 0).status, StepRecord::Status::Running);
        auto r = runner(def);
        QSignalSpy awaiting(r.get(), &ProcedureRunner::awaitingOperator);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::Interrupted);
        r->resume();
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCOMPARE(m_tracker.total, 1); // not run again
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::Interrupted);
        QCOMPARE(awaiting.count(), 1);
        QCOMPARE(step(def, 0).awaiting, QStringLiteral("interrupted"));
        QCOMPARE(events().last().kindName, QStringLiteral("step-awaiting"));
        QCOMPARE(events().last().payload.value(QStringLiteral("why")).toString(), QStringLiteral("interrupted"));
        QCOMPARE(events().last().operatorName, QStringLiteral("bob"));

        QVERIFY(r->confirm().ok());
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCOMPARE(m_tracker.total, 2);
        QCOMPARE(m_tracker.starts.value(def.steps[0].text), 2);
        QCOMPARE(step(def, 0).attempts, 2);
        finishStep(def, 0, true);
        QCOMPARE(step(def, 0).status, StepRecord::Status::Done);
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[1].text), 1, 10'000);
    }

    // The journal shows a step running when the console stopped, and the run is resumed with
    // auto-confirm: it does not decide for a person. The step waits as interrupted and is not
    // run again; confirming a step the profile no longer binds marks it done by the operator.
    void autoConfirmNeverDecidesForAnInterruptedStep()
    {
        const ProcedureDef bound = rollback();
        const QString id = m_f.deployment->id();
        {
            auto r = runner(bound);
            QVERIFY(r->start(QStringLiteral("manual"), false).ok());
            QTRY_COMPARE_WITH_TIMEOUT(m_tracker.total, 1, 10'000);
        }
        m_f.deployment.reset();
        auto opened = Deployment::open(m_f.journal.get(), m_f.clock.get(), id, QStringLiteral("bob"));
        QVERIFY(opened.ok());
        m_f.deployment = opened.take();
        const ProcedureDef def = rollback({0}); // step 0 is no longer bound
        auto r = runner(def);
        r->setAutoConfirm(true);
        m_tracker.autoOk = true;
        r->resume();
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::Interrupted);
        QTest::qWait(50);
        QCOMPARE(m_tracker.starts.value(def.steps[0].text), 1); // only the first console's run
        QCOMPARE(step(def, 0).awaiting, QStringLiteral("interrupted"));
        QVERIFY(r->confirm().ok());
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::Completed, 10'000);
        QCOMPARE(m_tracker.starts.value(def.steps[0].text), 1);
        QCOMPARE(step(def, 0).status, StepRecord::Status::Done);
        QCOMPARE(step(def, 0).message, QStringLiteral("done, confirmed by bob"));
    }

    void resumeDoesNothingBeforeTheStart()
    {
        auto r = runner(rollback());
        const qsizetype count = events().size();
        r->resume();
        QCOMPARE(r->phase(), ProcedureRunner::Phase::NotStarted);
        QCOMPARE(events().size(), count);
        QCOMPARE(m_tracker.total, 0);
    }

    // A real program as the step, its console killed with SIGKILL: the journal shows it
    // started, and the reopened deployment waits for the operator instead of running it again.
    void sigkilledConsoleResumesInterrupted()
    {
        QVERIFY2(QFileInfo(QStringLiteral(PROCEDURE_HELPER)).isExecutable(), PROCEDURE_HELPER);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString journalPath = dir.filePath(QStringLiteral("killed.sqlite"));
        const QString pidFile = dir.filePath(QStringLiteral("step.pid"));
        const QString script = dir.filePath(QStringLiteral("step.sh"));
        {
            QFile f(script);
            QVERIFY(f.open(QIODevice::WriteOnly));
            // Its own process group (ProcessRunner): the pid is the group's id.
            f.write("#!/bin/sh\necho $$ > '" + pidFile.toUtf8() + "'\necho step running\nexec sleep 30\n");
            f.close();
            QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        }

        QProcess helper;
        helper.setProgram(QStringLiteral(PROCEDURE_HELPER));
        helper.setArguments({journalPath, script});
        helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        helper.start();
        QVERIFY2(helper.waitForStarted(10'000), qPrintable(helper.errorString()));
        QString out;
        QTRY_VERIFY2_WITH_TIMEOUT((out += QString::fromUtf8(helper.readAllStandardOutput())).contains(QLatin1String("running ")), qPrintable(out), 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(QFile(pidFile).size() > 0, 30'000);
        QFile pf(pidFile);
        QVERIFY(pf.open(QIODevice::ReadOnly));
        const qint64 group = pf.readAll().trimmed().toLongLong();
        QVERIFY(group > 1);
        const auto cleanupGroup = qScopeGuard([group] { ::kill(pid_t(-group), SIGKILL); });

        ::kill(pid_t(helper.processId()), SIGKILL);
        QVERIFY(helper.waitForFinished(10'000));
        QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
        out += QString::fromUtf8(helper.readAllStandardOutput());
        QVERIFY2(!out.contains(QLatin1String("finished ")), qPrintable(out));
        const QString deploymentId = out.section(u'\n', 0, 0).section(u' ', 1);
        QVERIFY2(!deploymentId.isEmpty(), qPrintable(out));
        QVERIFY(::kill(pid_t(-group), 0) == 0); // the step's program outlived its console

        // This test is the next console.
        m_f.stop();
        QVERIFY2(m_f.openJournal(journalPath), m_f.errorText());
        auto opened = Deployment::open(m_f.journal.get(), m_f.clock.get(), deploymentId, QStringLiteral("bob"));
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        m_f.deployment = opened.take();
        QCOMPARE(events().last().kindName, QStringLiteral("step-started"));
        ActionBinding binding = commandBinding(false);
        binding.itemText = QStringLiteral("Stop traffic to green environment");
        const ProcedureDef def = findProcedures(m_f.deployment->runbook(), {binding}).value(0);
        QVERIFY(def.rollback && def.steps.first().binding);
        QCOMPARE(events().last().itemId, def.steps.first().itemId);
        QCOMPARE(step(def, 0).status, StepRecord::Status::Running);
        QCOMPARE(step(def, 0).by, QStringLiteral("helper"));

        auto r = runner(def);
        r->resume();
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::Interrupted);
        QCOMPARE(m_tracker.total, 0); // nothing re-run
        QCOMPARE(events().last().kindName, QStringLiteral("step-awaiting"));
        QCOMPARE(step(def, 0).attempts, 1);
    }
};

QTEST_GUILESS_MAIN(TestProcedureResume)
#include "tst_procedureresume.moc"
