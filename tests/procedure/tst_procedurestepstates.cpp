// ProcedureRunner::stepState(): what each step of the manual rollback is, decided by the engine
// from the journal and what this console runs, so that the procedure panel shows (and colours)
// it without reading its own translated text back.
#include "procedurerunnerfixture.h"

using State = ProcedureRunner::StepState;

class TestProcedureStepStates : public QObject, protected ProcedureRunnerFixture
{
    Q_OBJECT

    static QString states(const ProcedureRunner *r, int from, int to)
    {
        QStringList names;
        for (int i = from; i <= to; ++i)
            names << ProcedureRunner::nameOf(r->stepState(i));
        return names.join(u' ');
    }

private Q_SLOTS:
    void init() { startDeployment(); }
    void cleanup() { m_f.stop(); }

    void everyStateOfAStep()
    {
        const ProcedureDef def = rollback({1}, {2}); // step 1 by hand, step 2 destructive
        QVERIFY(def.steps.size() > 7);
        auto r = runner(def);
        QCOMPARE(states(r.get(), 0, 3), QStringLiteral("pending pending pending pending"));
        QCOMPARE(ProcedureRunner::nameOf(r->stepState(-1)), QStringLiteral("pending"));
        QCOMPARE(ProcedureRunner::nameOf(r->stepState(int(def.steps.size()))), QStringLiteral("pending"));

        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        QCOMPARE(states(r.get(), 0, 2), QStringLiteral("running pending pending"));
        finishStep(def, 0, true);
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::AwaitingOperator, 10'000);
        QCOMPARE(states(r.get(), 0, 2), QStringLiteral("done awaiting-operator pending"));

        QVERIFY(r->confirm().ok()); // done by hand
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::AwaitingOperator, 10'000);
        QCOMPARE(states(r.get(), 0, 3), QStringLiteral("done confirmed awaiting-operator pending"));
        QCOMPARE(r->waiting(), ProcedureRunner::Waiting::Destructive);

        QVERIFY(r->confirm().ok()); // runs the script
        QCOMPARE(states(r.get(), 2, 2), QStringLiteral("running"));
        finishStep(def, 2, false, QStringLiteral("exit 3"));
        QTRY_COMPARE_WITH_TIMEOUT(r->phase(), ProcedureRunner::Phase::Failed, 10'000);
        QCOMPARE(states(r.get(), 2, 3), QStringLiteral("failed pending"));

        // Later steps checked or skipped in the checklist count as such.
        QVERIFY(m_f.deployment->check(def.steps[5].itemId).ok());
        QVERIFY(m_f.deployment->skip(def.steps[6].itemId, QStringLiteral("not in this release")).ok());
        QCoreApplication::processEvents();
        QCOMPARE(states(r.get(), 5, 6), QStringLiteral("checked-by-hand skipped"));

        QVERIFY(r->skip(QStringLiteral("ran it by hand")).ok());
        QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[3].text), 1, 10'000);
        QCOMPARE(states(r.get(), 2, 3), QStringLiteral("skipped running"));

        // The console stops while step 3 runs: to the next one it is interrupted...
        r.reset();
        auto next = runner(def);
        QCOMPARE(states(next.get(), 0, 4), QStringLiteral("done confirmed skipped interrupted pending"));
        QCOMPARE(next->waiting(), ProcedureRunner::Waiting::Interrupted);
        // ...and to a console that only watches (another one drives), running there.
        m_f.deployment->setHeldBy(QStringLiteral("bob on host-2 (pid 42)"));
        QCOMPARE(states(next.get(), 3, 3), QStringLiteral("running-elsewhere"));
    }
};

QTEST_GUILESS_MAIN(TestProcedureStepStates)
#include "tst_procedurestepstates.moc"
