// ConsoleSession without widgets: whole demo deployments driven through it as the window and
// the headless run drive them, the lock between two consoles, and what it refuses.
#include "demosession.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "procedure/procedureset.h"
#include "rollout/rollout.h"
#include "runbook/runbookloader.h"
#include "sim/demoserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

int count(const QList<DeploymentEvent> &events, DeploymentEvent::Kind kind)
{
    return int(std::count_if(events.cbegin(), events.cend(), [kind](const DeploymentEvent &e) { return e.kind == kind; }));
}

} // namespace

class TestConsoleSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString journalPath(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    // A healthy demo deployment from 0 to 100 % green through the session alone: every step
    // commanded, applied and journaled, observed traffic at 100 %, then closed.
    void healthyDemoDeploymentCompletes()
    {
        DemoSession demo(QStringLiteral("healthy"), 600);
        QVERIFY2(demo.session, qPrintable(demo.error));
        ConsoleSession *session = demo.session.get();
        QSignalSpy changed(session, &ConsoleSession::deploymentChanged);
        QVERIFY(session->openJournal(journalPath(QStringLiteral("healthy.sqlite"))).ok());
        QVERIFY(session->loadRunbook({}).ok());
        QCOMPARE(session->runbookName(), RunbookLoader::bundledName());
        QVERIFY(session->startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice")).ok());
        QCOMPARE(changed.count(), 1);
        QVERIFY(session->isDriving());
        QVERIFY(session->rollout());
        QVERIFY(session->procedures());
        QVERIFY(session->procedures()->rollbackRunner());
        QCOMPARE(session->rollout()->deployment(), session->deployment());
        QCOMPARE(session->latestOpenDeploymentId(), session->deployment()->id());

        demo.autoAdvance();
        QTRY_VERIFY_WITH_TIMEOUT(session->rollout() && session->rollout()->currentPercent() == 100 && session->rollout()->observedPercent() == 100
                                     && !session->rollout()->commandInFlight(),
                                 60000);
        QVERIFY(!session->deployment()->state().traffic.rollbackActive);
        const QList<DeploymentEvent> events = demo.events();
        QCOMPARE(count(events, DeploymentEvent::Kind::TrafficCommanded), 5); // 5, 10, 25, 50, 100
        QCOMPARE(count(events, DeploymentEvent::Kind::TrafficApplied), 5);
        QCOMPARE(count(events, DeploymentEvent::Kind::RollbackStarted), 0);
        QVERIFY(!session->metrics()->store()->keys().isEmpty());

        QVERIFY(session->closeDeployment(DeploymentOutcome::Completed, QStringLiteral("all green")).ok());
        QCOMPARE(changed.count(), 2);
        QVERIFY(session->deployment()->state().closed);
        QVERIFY(!session->rollout());
        QVERIFY(!session->procedures());
        QVERIFY(!session->lock());
        QCOMPARE(session->trafficProblem(), QStringLiteral("The deployment is closed."));
        QVERIFY(session->latestOpenDeploymentId().isEmpty());
    }

    // The latency-regression demo: the decision point closes the gate at 25 %, the automatic
    // trigger sends everything back to blue and the rollback procedure starts by itself.
    void latencyRegressionRollsBack()
    {
        DemoSession demo(QStringLiteral("latency-regression"), 600);
        QVERIFY2(demo.session, qPrintable(demo.error));
        ConsoleSession *session = demo.session.get();
        session->setAutoConfirm(true);
        QVERIFY(session->openJournal(journalPath(QStringLiteral("regression.sqlite"))).ok());
        QVERIFY(session->loadRunbook({}).ok());
        QVERIFY(session->startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice")).ok());
        demo.autoAdvance();

        QTRY_VERIFY_WITH_TIMEOUT(session->deployment()->state().traffic.rollbackActive, 60000);
        const TrafficState &traffic = session->deployment()->state().traffic;
        QVERIFY(traffic.rollbackAutomatic);
        QCOMPARE(traffic.rollbackRuleId, QStringLiteral("auto-rollback.response_time"));
        QTRY_VERIFY_WITH_TIMEOUT(session->rollout()->observedPercent() == 0 && session->rollout()->currentPercent() == 0, 20000);
        QCOMPARE(demo.environment->demo()->weights().green, 0);
        int highest = 0;
        for (const DeploymentEvent &e : demo.events()) {
            if (e.kind == DeploymentEvent::Kind::TrafficCommanded)
                highest = std::max(highest, e.payload.value(QStringLiteral("green")).toInt());
        }
        QCOMPARE(highest, 25); // never past 25 %: the decision point closed the gate first

        ProcedureRunner *rollback = session->procedures()->rollbackRunner();
        QVERIFY(rollback);
        QTRY_VERIFY_WITH_TIMEOUT(rollback->phase() != ProcedureRunner::Phase::NotStarted, 20000);
        QVERIFY(count(demo.events(), DeploymentEvent::Kind::ProcedureStarted) >= 1);
        // Closing waits for a running step; once it settles the deployment closes as rolled back.
        QTRY_VERIFY_WITH_TIMEOUT(session->runningStep().isEmpty() && rollback->phase() != ProcedureRunner::Phase::Running, 60000);
        QVERIFY(session->closeDeployment(DeploymentOutcome::RolledBack, QStringLiteral("p95 over 3x normal")).ok());
        QCOMPARE(*session->deployment()->state().outcome, DeploymentOutcome::RolledBack);
    }

    // Two consoles on one journal: the second watches read-only, and takes over when the
    // first lets go.
    void secondConsoleWatchesThenTakesOver()
    {
        ManualClock clock(1'700'000'000'000);
        const QString path = journalPath(QStringLiteral("two.sqlite"));
        ConsoleSession first(&clock);
        QVERIFY(first.openJournal(path).ok());
        QVERIFY(first.loadRunbook({}).ok());
        QVERIFY(first.startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice")).ok());
        QVERIFY(first.isDriving());
        QVERIFY(!first.deployment()->isReadOnly());

        ConsoleSession second(&clock);
        QVERIFY(second.openJournal(path).ok());
        const QString id = second.latestOpenDeploymentId();
        QCOMPARE(id, first.deployment()->id());
        QVERIFY(second.openDeployment(id, QStringLiteral("bob")).ok());
        QVERIFY(!second.isDriving());
        QVERIFY(second.deployment()->isReadOnly());
        QVERIFY2(second.deployment()->heldBy().contains(QLatin1String("alice")), qPrintable(second.deployment()->heldBy()));
        const QString firstItem = second.deployment()->runbook().checkableItems().first()->id;
        QVERIFY(!second.deployment()->check(firstItem).ok());

        // The driving console goes on after the second one opened the deployment; the second
        // one takes over only with all of it (it used to drive on the state it had opened).
        const QString laterItem = first.deployment()->runbook().checkableItems().at(1)->id;
        QVERIFY(first.deployment()->check(laterItem).ok());
        QSignalSpy lockChanged(&second, &ConsoleSession::lockChanged);
        first.releaseDeployment();
        QVERIFY(!first.lock());
        second.lock()->tick(); // the heartbeat's retry
        QCOMPARE(lockChanged.count(), 1);
        QCOMPARE(lockChanged.first().first().toBool(), true);
        QVERIFY(second.isDriving());
        QVERIFY(!second.deployment()->isReadOnly());
        QCOMPARE(second.deployment()->state().item(laterItem).status, ItemState::Status::Done);
        QCOMPARE(second.deployment()->state().item(laterItem).by, QStringLiteral("alice"));
        QVERIFY(second.deployment()->check(firstItem).ok());
    }

    // What the session refuses, with a message a person can act on.
    void refusals()
    {
        ManualClock clock(1'700'000'000'000);
        ConsoleSession session(&clock);
        QVERIFY(session.loadRunbook({}).ok());
        const Status noJournal = session.startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice"));
        QVERIFY(!noJournal.ok());
        QVERIFY2(noJournal.error().startsWith(QLatin1String("No journal is open")), qPrintable(noJournal.error()));
        QVERIFY(!session.closeDeployment(DeploymentOutcome::Aborted, {}).ok());

        const Status badJournal = session.openJournal(m_dir.path()); // a directory
        QVERIFY(!badJournal.ok());
        QVERIFY(!session.journal());
        QCOMPARE(session.journalError(), badJournal.error());

        QVERIFY(session.openJournal(journalPath(QStringLiteral("refusals.sqlite"))).ok());
        const QString broken = m_dir.filePath(QStringLiteral("broken.md"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArrayLiteral("# Runbook\n\n### Automatic Rollback Triggers\n- Error rate > 2%\n- Phase of the moon > 3\n"));
        f.close();
        const Status loaded = session.loadRunbook(broken);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().contains(QLatin1String("broken.md")), qPrintable(loaded.error()));
        QVERIFY(session.previewRunbook().hasErrors());
        const Status started = session.startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice"));
        QVERIFY(!started.ok());
        QVERIFY2(started.error().contains(QLatin1String("has errors")), qPrintable(started.error()));
        QVERIFY(!session.deployment());

        QVERIFY(!session.openDeployment(QStringLiteral("no-such-deployment"), QStringLiteral("alice")).ok());
        QVERIFY(!session.deployment());
    }

    // Issue 13: a gating rule whose metric the profile does not query is refused at the start,
    // naming the rule and its runbook line; a metric that is only a target needs no query.
    void aGatingRuleWithoutAQueryIsRefused()
    {
        DemoSession demo(QStringLiteral("healthy"), 1, [](Profile &profile) {
            profile.metrics.queries.removeIf([](const MetricQuery &q) { return q.metric == Metric::DbErrorRate || q.metric == Metric::PageLoadTime; });
        });
        QVERIFY2(demo.session, qPrintable(demo.error));
        ConsoleSession *session = demo.session.get();
        QVERIFY(session->openJournal(journalPath(QStringLiteral("unqueried.sqlite"))).ok());
        QVERIFY(session->loadRunbook({}).ok());
        const Status started = session->startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice"));
        QVERIFY(!started.ok());
        QVERIFY(!session->deployment());
        QVERIFY2(started.error().contains(QLatin1String("metrics.queries.db_error_rate")), qPrintable(started.error()));
        QVERIFY2(!started.error().contains(QLatin1String("page_load_time")), qPrintable(started.error()));
        int line = 0;
        for (const Rule &r : session->previewRunbook().rules) {
            if (r.metric == RuleMetric::DbErrorRate && (r.tier == RuleTier::AutoRollback || r.tier == RuleTier::DecisionPoint))
                line = r.line;
        }
        QVERIFY(line > 0);
        QVERIFY2(started.error().contains(QStringLiteral(":%1: the ").arg(line)), qPrintable(started.error()));
    }

    // The newest deployment still open is reopened, also behind newer closed ones.
    void latestOpenSkipsClosed()
    {
        ManualClock clock(1'700'000'000'000);
        ConsoleSession session(&clock);
        QVERIFY(session.openJournal(journalPath(QStringLiteral("latest.sqlite"))).ok());
        QVERIFY(session.loadRunbook({}).ok());
        QVERIFY(session.latestOpenDeploymentId().isEmpty());
        QVERIFY(session.startDeployment(QStringLiteral("a"), QStringLiteral("v1"), QStringLiteral("alice")).ok());
        const QString open = session.deployment()->id();
        clock.advanceMs(60'000);
        QVERIFY(session.startDeployment(QStringLiteral("b"), QStringLiteral("v2"), QStringLiteral("alice")).ok());
        QVERIFY(session.closeDeployment(DeploymentOutcome::Aborted, QStringLiteral("wrong build")).ok());
        QCOMPARE(session.latestOpenDeploymentId(), open);
    }
};

QTEST_GUILESS_MAIN(TestConsoleSession)
#include "tst_consolesession.moc"
