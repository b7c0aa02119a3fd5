// The traffic strip of the window on the built-in demo, in accelerated time: the slider
// locked with its reasons, the hold's countdown, the gate opening, the whole plan driven by
// the release manager's clicks, and the latency-regression demo rolling itself back.
#include "demofixture.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "translations.h"
#include "traffic/trafficpanel.h"

#include "core/appsettings.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "profile/profileloader.h"
#include "rollout/rollout.h"
#include "rollout/rolloutsession.h"
#include "sim/demoserver.h"

#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestTrafficWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).clear();
        // The screenshots in another language (STONECASTER_TEST_LANGUAGE=de), the catalogue
        // installed as the console does.
        if (const QString language = qEnvironmentVariable("STONECASTER_TEST_LANGUAGE"); !language.isEmpty())
            QCOMPARE(Translations::install(qApp, QLocale(language)), language);
    }

    // The release manager drives the healthy demo through the whole plan; the slider refuses
    // to skip a step and stays locked while the gate says so; the journal has every command.
    void healthyDemoThroughTheWholePlan()
    {
        Demo demo(200.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("healthy.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        TrafficPanel *panel = demo.panel();
        QTRY_VERIFY(panel->rollout());
        QVERIFY(panel->isVisible());
        // Locked before anything: the checklist items before the shift are open.
        QTRY_VERIFY(panel->gateText().contains(QLatin1String("checklist items before the traffic shift are still open")));
        QVERIFY(!panel->advanceButton()->isEnabled());
        QCOMPARE(panel->advanceButton()->text(), QStringLiteral("Step to 5%"));

        demo.skipPreShiftItems();
        QTRY_VERIFY_WITH_TIMEOUT(panel->advanceButton()->isEnabled(), 20000);
        QVERIFY(panel->gateText().contains(QLatin1String("Gate open")));

        // Skipping a step with the slider is refused; one step with the keyboard is taken.
        panel->slider()->setValue(2);
        QCOMPARE(panel->slider()->value(), 0);
        QVERIFY(demo.window->banner()->text().contains(QLatin1String("never skipped")));
        panel->slider()->setFocus();
        QTest::keyClick(panel->slider(), Qt::Key_Right);
        QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), 5, 10000);
        QTRY_VERIFY(panel->gateText().contains(QLatin1String("monitoring hold at 5%")));
        QVERIFY(!panel->advanceButton()->isEnabled());

        for (int next : {10, 25, 50, 100}) {
            QVERIFY2(QTest::qWaitFor([&] { return panel->advanceButton()->isEnabled(); }, 30000), qPrintable(panel->gateText() + QStringLiteral(" / rollback: ") + demo.window->deployment()->state().traffic.rollbackReason));
            QCOMPARE(panel->advanceButton()->text(), QStringLiteral("Step to %1%").arg(next));
            QTest::mouseClick(panel->advanceButton(), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), next, 10000);
        }
        QVERIFY(demo.rollout()->gate().atEnd());
        QCOMPARE(demo.rollout()->observedPercent(), 100);
        QCOMPARE(demo.sim.weights().green, 100);

        QList<int> commanded;
        int okResults = 0;
        for (const DeploymentEvent &e : demo.events()) {
            if (e.kind == DeploymentEvent::Kind::TrafficCommanded) {
                commanded << e.payload.value(QStringLiteral("green")).toInt();
                QCOMPARE(e.operatorName, QStringLiteral("alice"));
                QVERIFY(!e.payload.value(QStringLiteral("automatic")).toBool());
            }
            if (e.kind == DeploymentEvent::Kind::TrafficApplied && e.payload.value(QStringLiteral("ok")).toBool())
                ++okResults;
        }
        QCOMPARE(commanded, (QList<int>{5, 10, 25, 50, 100}));
        QCOMPARE(okResults, 5);
        QVERIFY(!demo.window->deployment()->state().traffic.rollbackActive);
    }

    // Latency regression: green's p95 climbs once it has 25 %; the decision point closes the
    // gate and raises "consider rollback", then the automatic trigger sends everything to blue.
    void latencyRegressionRollsBackByItself()
    {
        Demo demo(150.0, DemoScenario::LatencyRegression); // slower than the healthy run: it must not miss a sample under load
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("regression.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        TrafficPanel *panel = demo.panel();
        demo.stepThrough({5, 10, 25});
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(demo.window->deployment()->state().traffic.rollbackActive, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), 0, 10000);
        QCOMPARE(demo.rollout()->observedPercent(), 0);
        QCOMPARE(demo.sim.weights().green, 0);

        qsizetype breach = -1, rollback = -1;
        const QList<DeploymentEvent> events = demo.events();
        for (qsizetype i = 0; i < events.size(); ++i) {
            const DeploymentEvent &e = events[i];
            if (e.kind == DeploymentEvent::Kind::RuleBreached && e.payload.value(QStringLiteral("ruleId")) == QStringLiteral("decision-point.response_time") && breach < 0)
                breach = i;
            if (e.kind == DeploymentEvent::Kind::RollbackStarted)
                rollback = i;
        }
        // The decision point (2x normal) is breached on the way to the trigger (3x normal); when
        // one poll crosses both, the trigger's command goes first and the breach is journaled after.
        QVERIFY2(breach >= 0, "the decision point breach was not journaled");
        QVERIFY(rollback >= 0);
        for (const DeploymentEvent &e : events) {
            if (e.kind == DeploymentEvent::Kind::TrafficCommanded)
                QVERIFY2(e.payload.value(QStringLiteral("green")).toInt() <= 25, "traffic went past 25 %");
        }
        QCOMPARE(events[rollback].payload.value(QStringLiteral("ruleId")).toString(), QStringLiteral("auto-rollback.response_time"));
        QVERIFY(events[rollback].payload.value(QStringLiteral("automatic")).toBool());
        QVERIFY(panel->gateText().contains(QLatin1String("a rollback is running")));
        QVERIFY(!panel->overrideButton()->isEnabled());
        QVERIFY(!panel->advanceButton()->isEnabled());
        const auto *alarm = panel->findChild<QFrame *>(QStringLiteral("rollbackAlarm"));
        QVERIFY(alarm && alarm->isVisible());
        QVERIFY(alarm->findChild<QLabel *>()->text().startsWith(QLatin1String("Automatic rollback")));
        // The window went to the rollback procedure.
        QVERIFY2(demo.window->tabWidget()->tabText(demo.window->tabWidget()->currentIndex()).contains(QLatin1String("Rollback")),
                 qPrintable(demo.window->tabWidget()->tabText(demo.window->tabWidget()->currentIndex())));
    }

    // A second console opening the same deployment gets it read-only and says who holds it.
    void aSecondConsoleIsReadOnly()
    {
        const QString journal = m_dir.filePath(QStringLiteral("shared.sqlite"));
        Demo first(60.0);
        QVERIFY(first.start(journal));
        QVERIFY(first.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        const QString id = first.window->deployment()->id();
        Demo second(60.0);
        QVERIFY(second.start(journal));
        QVERIFY(second.window->openDeployment(id).ok());
        QVERIFY(second.window->deployment()->isReadOnly());
        QVERIFY2(second.window->banner()->text().contains(QLatin1String("Read-only: alice on")), qPrintable(second.window->banner()->text()));
        QTRY_VERIFY(second.panel()->rollout());
        QVERIFY(!second.panel()->rollbackButton()->isEnabled());
        QVERIFY(!second.panel()->advanceButton()->isEnabled());
        QVERIFY(!second.window->deployment()->check(second.window->deployment()->runbook().checkableItems().first()->id).ok());
        // The first console closes: the second takes over on its next heartbeat.
        first.window->close();
        first.window.reset();
        second.window->deploymentLock()->tick();
        QVERIFY(!second.window->deployment()->isReadOnly());
    }

    // Run with STONECASTER_SCREENSHOT_DIR set: the slider locked with its reasons, the gate
    // open, the countdown of a hold, and the latency regression sent back to blue by itself.
    void screenshots()
    {
        if (qEnvironmentVariableIsEmpty("STONECASTER_SCREENSHOT_DIR"))
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        Demo demo(60.0, DemoScenario::LatencyRegression);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("shots.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        TrafficPanel *panel = demo.panel();
        QTRY_VERIFY(panel->rollout());
        QTest::qWait(3000);
        save(demo.window.get(), QStringLiteral("traffic-gate-locked.png"));
        demo.skipPreShiftItems();
        QTRY_VERIFY_WITH_TIMEOUT(panel->advanceButton()->isEnabled(), 30000);
        QTest::qWait(300);
        save(demo.window.get(), QStringLiteral("traffic-gate-open.png"));
        QTest::mouseClick(panel->advanceButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), 5, 10000);
        QTest::qWait(2500);
        save(demo.window.get(), QStringLiteral("traffic-hold-countdown.png"));
        for (int next : {10, 25}) {
            QTRY_VERIFY_WITH_TIMEOUT(panel->advanceButton()->isEnabled(), 60000);
            QTest::mouseClick(panel->advanceButton(), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), next, 10000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!demo.window->deployment()->state().traffic.breaches.isEmpty(), 120000);
        QTest::qWait(300);
        save(demo.window.get(), QStringLiteral("traffic-consider-rollback.png"));
        QTRY_VERIFY_WITH_TIMEOUT(demo.window->deployment()->state().traffic.rollbackActive, 120000);
        QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->observedPercent(), 0, 10000);
        QTest::qWait(2000);
        save(demo.window.get(), QStringLiteral("traffic-automatic-rollback.png"));
    }
};

QTEST_MAIN(TestTrafficWindow)
#include "tst_trafficwindow.moc"
