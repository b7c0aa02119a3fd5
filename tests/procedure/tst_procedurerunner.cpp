// ProcedureRunner on the reference runbook's manual rollback, with fake actions (made through
// ActionContext::factory, finished by the test), a real journal and a ManualClock; and once
// with a real program in a helper process killed with SIGKILL (procedurehelper.cpp).
#include "procedurerunnerfixture.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

Q_DECLARE_METATYPE(ProcedureRunner::Waiting)

class TestProcedureRunner : public QObject, protected ProcedureRunnerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ProcedureRunner::Waiting>();
        QVERIFY(m_dir.isValid());
        QVERIFY(!RunbookLoader::bundledText().isEmpty());
    }
    void init() { setUpDeployment(); }
    void cleanup() { tearDownDeployment(); }

    void boundStepsRunInOrder()
    {
        const ProcedureDef def = rollback();
        QCOMPARE(def.steps.size(), 13);
        auto r = runner(def);
        QSignalSpy started(r.get(), &ProcedureRunner::stepStarted);
        QSignalSpy stepFinished(r.get(), &ProcedureRunner::stepFinished);
        QSignalSpy finished(r.get(), &ProcedureRunner::finished);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::NotStarted);
        QVERIFY(r->start(QStringLiteral("error rate above 2%"), true).ok());
        for (int i = 0; i < def.steps.size(); ++i) {
            QTRY_COMPARE_WITH_TIMEOUT(m_tracker.total, i + 1, 10'000);
            // One step at a time, in order.
            QCOMPARE(r->phase(), ProcedureRunner::Phase::Running);
            QVERIFY(r->isActionRunning());
            QCOMPARE(r->currentIndex(), i);
            QCOMPARE(r->waiting(), ProcedureRunner::Waiting::None);
            QCOMPARE(step(def, i).status, StepRecord::Status::Running);
            if (i + 1 < def.steps.size())
                QCOMPARE(step(def, i + 1).status, StepRecord::Status::Pending);
            QVERIFY(r->liveOutput().contains(QStringLiteral("started %1").arg(def.steps[i].text)));
            finishStep(def, i, true);
        }
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::Completed, 10'000);
        QCOMPARE(m_tracker.total, 13);
        for (int i = 0; i < def.steps.size(); ++i) {
            QCOMPARE(m_tracker.starts.value(def.steps[i].text), 1);
            const StepRecord s = step(def, i);
            QCOMPARE(s.status, StepRecord::Status::Done);
            QCOMPARE(s.procedureId, def.id);
            QCOMPARE(s.attempts, 1);
            QCOMPARE(s.action, QStringLiteral("command"));
            QCOMPARE(s.description, QStringLiteral("runs /bin/true"));
            QCOMPARE(s.confirmed, false);
            QCOMPARE(s.exitCode, std::optional<int>(0));
            QCOMPARE(s.message, QStringLiteral("fake done"));
            QCOMPARE(s.output, QStringLiteral("output of %1").arg(def.steps[i].text));
            QCOMPARE(s.by, QStringLiteral("alice"));
            QCOMPARE(m_deployment->state().item(def.steps[i].itemId).status, ItemState::Status::Done);
        }
        const ProcedureRecord p = procedureRecord(def);
        QCOMPARE(p.status, ProcedureRecord::Status::Completed);
        QCOMPARE(p.reason, QStringLiteral("error rate above 2%"));
        QVERIFY(p.automatic);
        QCOMPARE(r->currentIndex(), -1);
        QCOMPARE(started.count(), 13);
        QCOMPARE(stepFinished.count(), 13);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true);

        // Procedure events name the procedure, step events the item.
        QStringList expected{QStringLiteral("procedure-started ") + def.id};
        for (const ProcedureStep &s : def.steps)
            expected << QStringLiteral("step-started ") + s.text << QStringLiteral("step-finished ") + s.text;
        expected << QStringLiteral("procedure-finished ") + def.id;
        QCOMPARE(procedureEvents(), expected);
        // Started again: refused, nothing journaled.
        const qsizetype count = events().size();
        QVERIFY(!r->start(QStringLiteral("again"), false).ok());
        QCOMPARE(events().size(), count);
    }

    void unboundStepWaitsForTheOperator()
    {
        const ProcedureDef def = rollback({1});
        auto r = runner(def);
        QSignalSpy awaiting(r.get(), &ProcedureRunner::awaitingOperator);
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        finishStep(def, 0, true);
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::AwaitingOperator, 10'000);
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::Unbound);
        QCOMPARE(r->currentIndex(), 1);
        QVERIFY(!r->isActionRunning());
        QCOMPARE(m_tracker.total, 1);
        QCOMPARE(awaiting.count(), 1);
        QCOMPARE(awaiting.first().at(0).toString(), def.steps[1].itemId);
        QCOMPARE(awaiting.first().at(1).value<ProcedureRunner::Waiting>(), ProcedureRunner::Waiting::Unbound);
        QCOMPARE(step(def, 1).awaiting, QStringLiteral("unbound"));
        QCOMPARE(procedureEvents().last(), QStringLiteral("step-awaiting ") + def.steps[1].text);
        QCOMPARE(events().last().payload.value(QStringLiteral("why")).toString(), QStringLiteral("unbound"));
        // Asking again journals nothing new.
        const qsizetype count = events().size();
        r->resume();
        QCOMPARE(events().size(), count);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QVERIFY(!r->retry().ok());

        QVERIFY(r->confirm().ok());
        const StepRecord s = step(def, 1);
        QCOMPARE(s.status, StepRecord::Status::Done);
        QVERIFY(s.confirmed);
        QVERIFY(s.action.isEmpty());
        QVERIFY2(s.message.contains(QLatin1String("confirmed by alice")), qPrintable(s.message));
        QCOMPARE(m_deployment->state().item(def.steps[1].itemId).status, ItemState::Status::Done);
        QCOMPARE(m_tracker.starts.value(def.steps[1].text), 0);
        // The next (bound) step runs by itself.
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[2].text), 1, 10'000);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::Running);
        QVERIFY(!r->confirm().ok()); // nothing waits
    }

    void destructiveStepWaitsForConfirmation()
    {
        const ProcedureDef def = rollback({}, {0});
        auto r = runner(def);
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::Destructive);
        QCOMPARE(step(def, 0).awaiting, QStringLiteral("destructive"));
        QCOMPARE(procedureEvents().last(), QStringLiteral("step-awaiting ") + def.steps[0].text);
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCOMPARE(m_tracker.total, 0); // the factory was not called
        QVERIFY(r->confirm().ok());
        QCOMPARE(m_tracker.starts.value(def.steps[0].text), 1);
        QCOMPARE(step(def, 0).status, StepRecord::Status::Running);
        QVERIFY(step(def, 0).confirmed);
        QVERIFY(events().last().payload.value(QStringLiteral("confirmed")).toBool());
        QVERIFY(!r->confirm().ok()); // running: nothing to confirm
        finishStep(def, 0, true);
        QCOMPARE(step(def, 0).status, StepRecord::Status::Done);
        QVERIFY(step(def, 0).confirmed);
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[1].text), 1, 10'000);
        QCOMPARE(m_tracker.starts.value(def.steps[0].text), 1);
    }

    // While a step's end is being reported the runner is moving on: an observer must not see
    // the next step "awaiting the operator" before that wait is journaled and announced.
    void noWaitIsReportedBeforeItIsJournaled()
    {
        const ProcedureDef def = rollback({2}, {1});
        auto r = runner(def);
        QList<ProcedureRunner::Phase> phases;
        QList<qsizetype> awaitingEvents;
        int awaitingSignals = 0;
        connect(r.get(), &ProcedureRunner::awaitingOperator, this, [&] { ++awaitingSignals; });
        const auto countAwaiting = [this] {
            qsizetype n = 0;
            for (const DeploymentEvent &e : events())
                n += e.kindName == QLatin1String("step-awaiting");
            return n;
        };
        connect(r.get(), &ProcedureRunner::stepFinished, this, [&] {
            phases << r->phase();
            awaitingEvents << countAwaiting();
        });
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        finishStep(def, 0, true); // step 1 is destructive: it waits
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QCOMPARE(awaitingSignals, 1);
        QVERIFY(r->confirm().ok());
        finishStep(def, 1, true); // step 2 is unbound: it waits
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QCOMPARE(awaitingSignals, 2);
        QVERIFY(r->confirm().ok()); // step 2 done by hand, step 3 runs
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[3].text), 1, 10'000);
        QVERIFY(r->skip(QStringLiteral("x")).ok() == false); // running
        QCOMPARE(phases, (QList<ProcedureRunner::Phase>{ProcedureRunner::Phase::Running, ProcedureRunner::Phase::Running, ProcedureRunner::Phase::Running}));
        QCOMPARE(awaitingEvents, (QList<qsizetype>{0, 1, 2}));
    }

    void aFailureStopsTheProcedure()
    {
        const ProcedureDef def = rollback();
        auto r = runner(def);
        QSignalSpy stepFinished(r.get(), &ProcedureRunner::stepFinished);
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        finishStep(def, 0, true);
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.total, 2, 10'000);
        finishStep(def, 1, false, QStringLiteral("exit status 1"));
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::Failed, 10'000);
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::Failed);
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::None);
        QCOMPARE(r->currentIndex(), 1);
        QCOMPARE(m_tracker.total, 2); // later steps not started
        QCOMPARE(m_tracker.starts.value(def.steps[2].text), 0);
        QCOMPARE(step(def, 2).status, StepRecord::Status::Pending);
        StepRecord s = step(def, 1);
        QCOMPARE(s.status, StepRecord::Status::Failed);
        QCOMPARE(s.exitCode, std::optional<int>(1));
        QCOMPARE(s.message, QStringLiteral("exit status 1"));
        QCOMPARE(m_deployment->state().item(def.steps[1].itemId).status, ItemState::Status::Open);
        QCOMPARE(procedureRecord(def).status, ProcedureRecord::Status::Running);
        QCOMPARE(stepFinished.last().at(1).toBool(), false);
        QVERIFY(!r->confirm().ok());

        QVERIFY(r->retry().ok());
        QCOMPARE(m_tracker.starts.value(def.steps[1].text), 2);
        QCOMPARE(step(def, 1).attempts, 2);
        QCOMPARE(step(def, 1).status, StepRecord::Status::Running);
        QVERIFY(step(def, 1).confirmed); // Retry is the operator's confirmation
        QVERIFY(!r->retry().ok());       // running, not failed
        finishStep(def, 1, true);
        QCOMPARE(step(def, 1).status, StepRecord::Status::Done);
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[2].text), 1, 10'000);
    }

    void skipNeedsAReason()
    {
        const ProcedureDef def = rollback();
        auto r = runner(def);
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_tracker.running, 10'000);
        QVERIFY(!r->skip(QStringLiteral("running")).ok()); // a running step is aborted, not skipped
        finishStep(def, 0, false, QStringLiteral("exit status 1"));
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::Failed, 10'000);
        const qsizetype count = events().size();
        const Status empty = r->skip(QStringLiteral("   "));
        QVERIFY(!empty.ok());
        QVERIFY2(empty.error().contains(QLatin1String("reason")), qPrintable(empty.error()));
        QVERIFY(!r->skip(QString()).ok());
        QCOMPARE(events().size(), count);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::Failed);

        QVERIFY(r->skip(QStringLiteral("  traffic was moved by hand  ")).ok());
        const StepRecord s = step(def, 0);
        QCOMPARE(s.status, StepRecord::Status::Skipped);
        QCOMPARE(s.skipReason, QStringLiteral("traffic was moved by hand"));
        QCOMPARE(m_deployment->state().item(def.steps[0].itemId).status, ItemState::Status::Skipped);
        QCOMPARE(m_deployment->state().item(def.steps[0].itemId).skipReason, QStringLiteral("traffic was moved by hand"));
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[1].text), 1, 10'000);
        QCOMPARE(m_tracker.starts.value(def.steps[0].text), 1);
        QCOMPARE(r->currentIndex(), 1);
    }

    void skipAWaitingStep()
    {
        const ProcedureDef def = rollback({0});
        auto r = runner(def);
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::Unbound);
        QVERIFY(r->skip(QStringLiteral("done elsewhere")).ok());
        QCOMPARE(step(def, 0).status, StepRecord::Status::Skipped);
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[1].text), 1, 10'000);
    }

    void abortWhileAStepRuns()
    {
        const ProcedureDef def = rollback();
        auto r = runner(def);
        QSignalSpy finished(r.get(), &ProcedureRunner::finished);
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        finishStep(def, 0, true);
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.total, 2, 10'000);
        QVERIFY(!r->abort(QStringLiteral("  ")).ok());
        QVERIFY(m_tracker.cancels.isEmpty());
        QVERIFY(r->abort(QStringLiteral("wrong runbook")).ok());
        QCOMPARE(m_tracker.cancels, QStringList{QStringLiteral("aborted by alice: wrong runbook")});
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::Aborted, 10'000);
        QVERIFY(!r->isActionRunning());
        const StepRecord s = step(def, 1);
        QCOMPARE(s.status, StepRecord::Status::Failed);
        QVERIFY2(s.message.contains(QLatin1String("wrong runbook")), qPrintable(s.message));
        const ProcedureRecord p = procedureRecord(def);
        QCOMPARE(p.status, ProcedureRecord::Status::Aborted);
        QCOMPARE(p.finishReason, QStringLiteral("wrong runbook"));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCOMPARE(m_tracker.total, 2);
        QCOMPARE(finished.count(), 1);
        const QStringList list = procedureEvents();
        QCOMPARE(list.mid(list.size() - 2),
                 (QStringList{QStringLiteral("step-finished ") + def.steps[1].text, QStringLiteral("procedure-finished ") + def.id}));
        QVERIFY(!r->abort(QStringLiteral("again")).ok());
        QVERIFY(!r->confirm().ok());
        QVERIFY(!r->retry().ok());
    }

    void abortWhileWaiting()
    {
        const ProcedureDef def = rollback({0});
        auto r = runner(def);
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QVERIFY(r->abort(QStringLiteral("not needed")).ok());
        QCOMPARE(r->phase(), ProcedureRunner::Phase::Aborted);
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::None);
        QVERIFY(m_tracker.cancels.isEmpty());
        // Started again after an abort: at its first open step.
        QVERIFY(r->start(QStringLiteral("second try"), false).ok());
        QCOMPARE(r->phase(), ProcedureRunner::Phase::AwaitingOperator);
        QCOMPARE(r->currentIndex(), 0);
        QCOMPARE(procedureRecord(def).reason, QStringLiteral("second try"));
    }

    void aReadOnlyDeploymentDoesNothing()
    {
        const ProcedureDef def = rollback({0});
        auto r = runner(def);
        m_deployment->setHeldBy(QStringLiteral("bob on host-2 (pid 4242)"));
        const qsizetype count = events().size();
        const Status s = r->start(QStringLiteral("manual"), false);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(QLatin1String("bob")), qPrintable(s.error()));
        r->resume();
        QVERIFY(!r->confirm().ok());
        QVERIFY(!r->skip(QStringLiteral("x")).ok());
        QVERIFY(!r->abort(QStringLiteral("x")).ok());
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCOMPARE(events().size(), count);
        QCOMPARE(m_tracker.total, 0);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::NotStarted);
    }

    void autoConfirmConfirmsWaitingSteps()
    {
        const ProcedureDef def = rollback({0, 12}, {1});
        m_tracker.autoOk = true;
        auto r = runner(def);
        r->setAutoConfirm(true);
        QSignalSpy awaiting(r.get(), &ProcedureRunner::awaitingOperator);
        QSignalSpy started(r.get(), &ProcedureRunner::stepStarted);
        // What an observer (the headless run) sees whenever a step ends: the procedure is
        // still running, never "awaiting the operator" before a step the flag confirms.
        QList<ProcedureRunner::Phase> phases;
        QList<ProcedureRunner::Waiting> waits;
        connect(r.get(), &ProcedureRunner::stepFinished, this, [&] {
            phases << r->phase();
            waits << r->waiting();
        });
        QVERIFY(r->start(QStringLiteral("trigger"), true).ok());
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::Completed, 10'000);
        QCOMPARE(phases.size(), 13);
        QCOMPARE(phases, QList<ProcedureRunner::Phase>(13, ProcedureRunner::Phase::Running));
        QCOMPARE(waits, QList<ProcedureRunner::Waiting>(13, ProcedureRunner::Waiting::None));
        QCOMPARE(awaiting.count(), 0);
        QCOMPARE(m_tracker.total, 11);
        for (int i : {0, 12}) {
            const StepRecord s = step(def, i);
            QCOMPARE(s.status, StepRecord::Status::Done);
            QVERIFY(s.confirmed);
            QCOMPARE(s.message, QStringLiteral("done (confirmed by --auto-confirm)"));
        }
        QVERIFY(step(def, 1).confirmed);
        QVERIFY(!step(def, 2).confirmed);
        // The journal says which steps were confirmed, and nothing waited.
        int confirmedStarts = 0;
        for (const DeploymentEvent &e : events()) {
            QVERIFY(e.kindName != QLatin1String("step-awaiting"));
            if (e.kindName == QLatin1String("step-started") && e.payload.value(QStringLiteral("confirmed")).toBool()) {
                ++confirmedStarts;
                QCOMPARE(e.itemId, def.steps[1].itemId);
            }
            if (e.kindName == QLatin1String("step-finished") && (e.itemId == def.steps[0].itemId || e.itemId == def.steps[12].itemId))
                QVERIFY(e.payload.value(QStringLiteral("confirmed")).toBool());
        }
        QCOMPARE(confirmedStarts, 1);
        bool destructiveStartConfirmed = false;
        for (const QVariantList &args : started) {
            if (args.at(0).toString() == def.steps[1].itemId)
                destructiveStartConfirmed = args.at(1).toBool();
        }
        QVERIFY(destructiveStartConfirmed);
    }

    void resumeAfterReopeningDoesNotRunAgain()
    {
        const ProcedureDef def = rollback();
        const QString id = m_deployment->id();
        {
            auto r = runner(def);
            QVERIFY(r->start(QStringLiteral("manual"), false).ok());
            QTRY_COMPARE_WITH_TIMEOUT(m_tracker.total, 1, 10'000);
            QVERIFY(m_tracker.running);
        } // the console closes while the step runs
        QVERIFY(!m_tracker.running); // the action went with the runner
        QVERIFY(m_tracker.cancels.isEmpty());
        QCOMPARE(step(def, 0).status, StepRecord::Status::Running);
        m_deployment.reset();

        auto opened = Deployment::open(m_journal.get(), m_clock.get(), id, QStringLiteral("bob"));
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        m_deployment = opened.take();
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
        const QString id = m_deployment->id();
        {
            auto r = runner(bound);
            QVERIFY(r->start(QStringLiteral("manual"), false).ok());
            QTRY_COMPARE_WITH_TIMEOUT(m_tracker.total, 1, 10'000);
        }
        m_deployment.reset();
        auto opened = Deployment::open(m_journal.get(), m_clock.get(), id, QStringLiteral("bob"));
        QVERIFY(opened.ok());
        m_deployment = opened.take();
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
        m_deployment.reset();
        m_journal = std::make_unique<Journal>();
        QVERIFY(m_journal->open(journalPath).ok());
        auto opened = Deployment::open(m_journal.get(), m_clock.get(), deploymentId, QStringLiteral("bob"));
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        m_deployment = opened.take();
        QCOMPARE(events().last().kindName, QStringLiteral("step-started"));
        ActionBinding binding = commandBinding(false);
        binding.itemText = QStringLiteral("Stop traffic to green environment");
        const ProcedureDef def = findProcedures(m_deployment->runbook(), {binding}).value(0);
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

QTEST_GUILESS_MAIN(TestProcedureRunner)
#include "tst_procedurerunner.moc"
