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

    // Only the program the console started is told that the console died: what it started
    // lives on. The reopened console finds that run still alive (by the mark the journal
    // holds) and offers no second run until it has ended; then the step is interrupted.
    void aRunThatOutlivedItsConsoleIsNotOfferedAgain()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString childPid = dir.filePath(QStringLiteral("child.pid"));
        // The script (told SIGTERM when its console dies) leaves a child that ignores it.
        const KilledConsole killed = killConsoleWhileStepRuns(dir, "(trap '' TERM; exec sleep 60) &\necho $! > '" + childPid.toUtf8() + "'\necho step running\nwait\n");
        QVERIFY(!killed.deploymentId.isEmpty());
        const auto cleanupGroup = qScopeGuard([&killed] { ::kill(pid_t(-killed.group), SIGKILL); });
        QTRY_VERIFY_WITH_TIMEOUT(QFile(childPid).size() > 0, 30'000);
        QFile pf(childPid);
        QVERIFY(pf.open(QIODevice::ReadOnly));
        const qint64 child = pf.readAll().trimmed().toLongLong();
        QVERIFY(child > 1);
        QVERIFY(::kill(pid_t(child), 0) == 0); // it outlived its console

        const ProcedureDef def = reopenAfterKill(killed);
        auto r = runner(def);
        r->resume();
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QVERIFY(r->waiting() != ProcedureRunner::Waiting::Interrupted);
        QVERIFY(r->phase() != ProcedureRunner::Phase::AwaitingOperator);
        QVERIFY(!r->confirm().ok()); // no "Run again" while it runs
        QCOMPARE(m_tracker.total, 0);
        QCOMPARE(r->stepState(0), ProcedureRunner::StepState::StillRunning);
        const QString where = r->runDescription(0);
        QVERIFY2(where.contains(QStringLiteral("process group %1").arg(killed.group)), qPrintable(where));
        QVERIFY2(where.contains(RunMark::currentHost()), qPrintable(where));
        // The journal knows where it ran.
        QCOMPARE(step(def, 0).run.host, RunMark::currentHost());
        QVERIFY(!step(def, 0).run.id.isEmpty());

        ::kill(pid_t(child), SIGKILL);
        QTRY_COMPARE_WITH_TIMEOUT(r->waiting(), ProcedureRunner::Waiting::Interrupted, 30'000);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QCOMPARE(r->stepState(0), ProcedureRunner::StepState::Interrupted);
        QCOMPARE(m_tracker.total, 0);
        QVERIFY(r->confirm().ok()); // now it may run again, when the operator says so
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.total, 1, 10'000);
    }

    // A real program as the step, its console killed with SIGKILL: the journal shows it
    // started, and once the program is gone the reopened deployment waits for the operator
    // instead of running it again.
    void sigkilledConsoleResumesInterrupted()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const KilledConsole killed = killConsoleWhileStepRuns(dir, "echo step running\nexec sleep 30\n");
        QVERIFY(!killed.deploymentId.isEmpty());
        // Told SIGTERM when its console died (PR_SET_PDEATHSIG), it ends; SIGKILL in case.
        ::kill(pid_t(-killed.group), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(-killed.group), 0) != 0, 10'000);

        const ProcedureDef def = reopenAfterKill(killed);
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

private:
    struct KilledConsole {
        QString journalPath;
        QString deploymentId;
        qint64 group = 0; // the step program's process group
    };

    // Runs procedurehelper (a console running the rollback procedure, whose first step is a
    // script with this body, in its own process group) and kills it with SIGKILL while the
    // step runs. Empty deploymentId on failure (the failed check says why).
    KilledConsole killConsoleWhileStepRuns(const QTemporaryDir &dir, const QByteArray &body)
    {
        KilledConsole killed;
        [&] {
            QVERIFY2(QFileInfo(QStringLiteral(PROCEDURE_HELPER)).isExecutable(), PROCEDURE_HELPER);
            const QString pidFile = dir.filePath(QStringLiteral("step.pid"));
            const QString script = dir.filePath(QStringLiteral("step.sh"));
            QFile f(script);
            QVERIFY(f.open(QIODevice::WriteOnly));
            // Its own process group (ProcessRunner): the pid is the group's id.
            f.write("#!/bin/sh\necho $$ > '" + pidFile.toUtf8() + "'\n" + body);
            f.close();
            QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

            killed.journalPath = dir.filePath(QStringLiteral("killed.sqlite"));
            QProcess helper;
            helper.setProgram(QStringLiteral(PROCEDURE_HELPER));
            helper.setArguments({killed.journalPath, script});
            helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            helper.start();
            QVERIFY2(helper.waitForStarted(10'000), qPrintable(helper.errorString()));
            QString out;
            QTRY_VERIFY2_WITH_TIMEOUT((out += QString::fromUtf8(helper.readAllStandardOutput())).contains(QLatin1String("running ")), qPrintable(out), 30'000);
            QTRY_VERIFY_WITH_TIMEOUT(QFile(pidFile).size() > 0, 30'000);
            QFile pf(pidFile);
            QVERIFY(pf.open(QIODevice::ReadOnly));
            killed.group = pf.readAll().trimmed().toLongLong();
            QVERIFY(killed.group > 1);

            ::kill(pid_t(helper.processId()), SIGKILL);
            QVERIFY(helper.waitForFinished(10'000));
            QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
            out += QString::fromUtf8(helper.readAllStandardOutput());
            QVERIFY2(!out.contains(QLatin1String("finished ")), qPrintable(out));
            killed.deploymentId = out.section(u'\n', 0, 0).section(u' ', 1);
            QVERIFY2(!killed.deploymentId.isEmpty(), qPrintable(out));
        }();
        return killed;
    }

    // This test is the next console: it opens the killed one's deployment; the rollback
    // procedure as the helper bound it.
    ProcedureDef reopenAfterKill(const KilledConsole &killed)
    {
        ProcedureDef def;
        [&] {
            m_f.stop();
            QVERIFY2(m_f.openJournal(killed.journalPath), m_f.errorText());
            auto opened = Deployment::open(m_f.journal.get(), m_f.clock.get(), killed.deploymentId, QStringLiteral("bob"));
            QVERIFY2(opened.ok(), qPrintable(opened.error()));
            m_f.deployment = opened.take();
            QCOMPARE(events().last().kindName, QStringLiteral("step-started"));
            ActionBinding binding = commandBinding(false);
            binding.itemText = QStringLiteral("Stop traffic to green environment");
            def = findProcedures(m_f.deployment->runbook(), {binding}).value(0);
            QVERIFY(def.rollback && def.steps.first().binding);
            QCOMPARE(events().last().itemId, def.steps.first().itemId);
        }();
        return def;
    }
};

QTEST_GUILESS_MAIN(TestProcedureResume)
#include "tst_procedureresume.moc"
