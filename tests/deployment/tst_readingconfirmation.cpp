#include "../common/deploymentfixture.h"

#include "gate/trafficgate.h"
#include "runbook/runbookparser.h"
#include "runbook/runbookreading.h"

#include <QSignalSpy>
#include <QTest>

// The release manager's confirmation of the runbook's reading: journaled with the reading's
// text and digest, replayed on reopen, and the gate's "reading not confirmed" until then.
class TestReadingConfirmation : public QObject
{
    Q_OBJECT

    DeploymentFixture f;

    QList<DeploymentEvent> confirmations() const
    {
        QList<DeploymentEvent> all = f.events();
        all.removeIf([](const DeploymentEvent &e) { return e.kind != DeploymentEvent::Kind::ReadingConfirmed; });
        return all;
    }

private Q_SLOTS:
    void init() { QVERIFY2(f.start(), f.errorText()); }
    void cleanup() { f.stop(); }

    void confirmationIsJournaledWithTheExactReading()
    {
        Deployment *d = f.deployment.get();
        QVERIFY(!d->isReadingConfirmed());
        QVERIFY(!d->state().readingConfirmation);
        QSignalSpy changed(d, &Deployment::readingConfirmedChanged);
        QVERIFY(d->confirmReading().ok());
        QVERIFY(d->isReadingConfirmed());
        QCOMPARE(changed.size(), 1);

        const QList<DeploymentEvent> events = confirmations();
        QCOMPARE(events.size(), 1);
        const DeploymentEvent &e = events.first();
        QCOMPARE(e.kindName, QStringLiteral("reading-confirmed"));
        QCOMPARE(e.operatorName, QStringLiteral("alice"));
        QCOMPARE(e.payload.value(QStringLiteral("digest")).toString(), d->reading().digest());
        QCOMPARE(e.payload.value(QStringLiteral("reading")).toString(), d->reading().text());
        QCOMPARE(e.payload.value(QStringLiteral("acceptedBy")).toString(), QStringLiteral("operator"));
        QCOMPARE(d->reading().digest(), RunbookReading(RunbookLoader::loadBundled()).digest());

        // Once per deployment: confirming again journals nothing.
        QVERIFY(d->confirmReading().ok());
        QCOMPARE(confirmations().size(), 1);
    }

    void confirmationIsReplayedOnReopen()
    {
        QVERIFY(f.deployment->confirmReading(true).ok());
        const QString id = f.deployment->id();
        f.deployment.reset();
        auto reopened = Deployment::open(f.journal.get(), f.clock.get(), id, QStringLiteral("bob"));
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        const std::unique_ptr<Deployment> d = reopened.take();
        QVERIFY(d->isReadingConfirmed());
        QVERIFY(d->state().readingConfirmation);
        QCOMPARE(d->state().readingConfirmation->by, QStringLiteral("alice"));
        QVERIFY(d->state().readingConfirmation->headless);
        QCOMPARE(d->state().readingConfirmation->text, d->reading().text());
    }

    void confirmationOfAnotherReadingDoesNotCount()
    {
        // As a console that read the runbook differently would have journaled it.
        DeploymentEvent other = DeploymentEvent::make(DeploymentEvent::Kind::ReadingConfirmed, f.deployment->id(), f.clock->nowMs(),
                                                            QStringLiteral("carol"), {},
                                                            {{QStringLiteral("digest"), QStringLiteral("0123abcd")},
                                                             {QStringLiteral("reading"), QStringLiteral("Rules:\n  (none)\n")},
                                                             {QStringLiteral("acceptedBy"), QStringLiteral("operator")}});
        QVERIFY(f.journal->append(other).ok());
        const QString id = f.deployment->id();
        f.deployment.reset();
        auto reopened = Deployment::open(f.journal.get(), f.clock.get(), id, QStringLiteral("alice"));
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        std::unique_ptr<Deployment> d = reopened.take();
        QVERIFY(d->state().readingConfirmation);
        QVERIFY(!d->isReadingConfirmed());
        QVERIFY(d->confirmReading().ok());
        QVERIFY(d->isReadingConfirmed());
    }

    void closedDeploymentIsNotConfirmed()
    {
        QVERIFY(f.deployment->close(DeploymentOutcome::Aborted, QString()).ok());
        QVERIFY(!f.deployment->confirmReading().ok());
        QVERIFY(confirmations().isEmpty());
    }

    void gateIsLockedUntilTheReadingIsConfirmed()
    {
        const Runbook &runbook = f.deployment->runbook();
        GateInput in;
        in.plan = runbook.trafficPlan;
        in.positions = TrafficGate::positions(in.plan);
        in.greenHealthy = true;
        in.evaluation = RuleEvaluation({}, 0);
        in.readingConfirmed = f.deployment->isReadingConfirmed();
        GateDecision d = TrafficGate::decide(in);
        QVERIFY(!d.open);
        QCOMPARE(d.reasonKeys, QStringList{QStringLiteral("reading-not-confirmed")});
        QCOMPARE(d.reasons, QStringList{QStringLiteral("reading not confirmed")});

        QVERIFY(f.deployment->confirmReading().ok());
        in.readingConfirmed = f.deployment->isReadingConfirmed();
        d = TrafficGate::decide(in);
        QVERIFY2(d.open, qPrintable(d.reasons.join(QStringLiteral("; "))));
        QCOMPARE(d.nextPercent.value_or(-1), 5);
    }
};

QTEST_GUILESS_MAIN(TestReadingConfirmation)
#include "tst_readingconfirmation.moc"
