// What a procedure runs a second time, and what it must not: a step whose result the journal
// refused is never offered again (its result is kept and written as soon as the journal takes
// it), and an emergency procedure that finished runs again as a new run.
#include "procedurerunnerfixture.h"

#include "../journal/sqlitepeek.h"

class TestProcedureReruns : public QObject, protected ProcedureRunnerFixture
{
    Q_OBJECT

    // The journal refuses step results from now on, as a full disk or an I/O error would.
    QString refuseStepResults()
    {
        return SqlitePeek::exec(m_f.journalPath, {QStringLiteral("CREATE TRIGGER refuse_step_results BEFORE INSERT ON events "
                                                                 "WHEN NEW.kind = 'step-finished' BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END")});
    }
    QString acceptStepResults() { return SqlitePeek::exec(m_f.journalPath, {QStringLiteral("DROP TRIGGER refuse_step_results")}); }

    ProcedureDef emergency(const QString &title)
    {
        for (ProcedureDef def : findProcedures(m_f.deployment->runbook(), {})) {
            if (def.title != title)
                continue;
            for (ProcedureStep &step : def.steps)
                step.binding = commandBinding(false);
            return def;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ProcedureRunner::Waiting>();
        QVERIFY(!RunbookLoader::bundledText().isEmpty());
    }
    void init() { startDeployment(); }
    void cleanup() { m_f.stop(); }

    // A destructive script ran; the journal refused its result. The step must not invite a
    // second run (it is not "interrupted"): nothing can be confirmed, retried or skipped,
    // and once the journal takes writes again the result lands and the procedure goes on.
    void aRefusedStepResultIsKeptUntilItLands()
    {
        const ProcedureDef def = rollback({}, {0});
        auto r = runner(def);
        QSignalSpy journalFailed(r.get(), &ProcedureRunner::journalFailed);
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::Destructive);
        QVERIFY(r->confirm().ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_tracker.running, 10'000);
        QCOMPARE(refuseStepResults(), QString());
        finishStep(def, 0, true);
        QTRY_VERIFY_WITH_TIMEOUT(journalFailed.count() >= 1, 10'000);
        const QString said = journalFailed.first().first().value<Phrase>().english();
        QVERIFY2(said.contains(QLatin1String("injected")), qPrintable(said));

        // Meanwhile (two retries later): no second run is offered or possible.
        QTest::qWait(5000);
        QCOMPARE(r->phase(), ProcedureRunner::Phase::Running);
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::None);
        QVERIFY(r->stepState(0) != ProcedureRunner::StepState::Interrupted);
        QVERIFY(!r->confirm().ok());
        QVERIFY(!r->retry().ok());
        QVERIFY(!r->skip(QStringLiteral("looks stuck")).ok());
        QCOMPARE(m_tracker.starts.value(def.steps[0].text), 1);
        QCOMPARE(step(def, 0).status, StepRecord::Status::Running);

        QCOMPARE(acceptStepResults(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(step(def, 0).status, StepRecord::Status::Done, 20'000);
        QCOMPARE(step(def, 0).message, QStringLiteral("fake done"));
        QCOMPARE(step(def, 0).exitCode, std::optional<int>(0));
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[1].text), 1, 10'000);
        QCOMPARE(m_tracker.starts.value(def.steps[0].text), 1);
        int results = 0;
        for (const DeploymentEvent &e : events())
            results += e.kindName == QLatin1String("step-finished") && e.itemId == def.steps[0].itemId;
        QCOMPARE(results, 1);
    }

    // Service Down can happen twice in one deployment: after the first run completed, starting
    // it again runs every step again, journaled as a second run.
    void anEmergencyProcedureRunsAgainAfterItFinished()
    {
        const ProcedureDef def = emergency(QStringLiteral("Service Down"));
        QVERIFY(!def.steps.isEmpty());
        m_tracker.autoOk = true;
        auto r = runner(def);
        QVERIFY(r->start(QStringLiteral("green down at 10:02"), false).ok());
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::Completed, 10'000);
        for (const ProcedureStep &s : def.steps)
            QCOMPARE(m_tracker.starts.value(s.text), 1);

        const Status again = r->start(QStringLiteral("green down again at 11:40"), false);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::Completed, 10'000);
        for (const ProcedureStep &s : def.steps)
            QCOMPARE(m_tracker.starts.value(s.text), 2);
        QCOMPARE(procedureRecord(def).reason, QStringLiteral("green down again at 11:40"));
        int starts = 0;
        int ends = 0;
        for (const DeploymentEvent &e : events()) {
            starts += e.kindName == QLatin1String("procedure-started") && e.itemId == def.id;
            ends += e.kindName == QLatin1String("procedure-finished") && e.itemId == def.id;
        }
        QCOMPARE(starts, 2);
        QCOMPARE(ends, 2);
    }
};

QTEST_GUILESS_MAIN(TestProcedureReruns)
#include "tst_procedurereruns.moc"
