#pragma once
// The console's window on the built-in demo, as main() sets it up for --demo, for GUI tests
// (shared by the traffic and rollback window tests).
#include "mainwindow.h"
#include "traffic/trafficpanel.h"

#include "core/appsettings.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "profile/profileloader.h"
#include "rollout/rollout.h"
#include "session/consolesession.h"
#include "sim/demoserver.h"

#include <QDir>
#include <QPushButton>
#include <QTest>

#include <memory>

// Everything the console's main() sets up for --demo, on a clock `scale` times faster.
struct Demo {
    explicit Demo(double scale, DemoScenario scenario = DemoScenario::Healthy)
        : clock(scale)
        , sim(&clock, scenario)
        , session(&clock)
    {
    }
    ~Demo()
    {
        window.reset();
    }
    ScaledClock clock;
    AppSettings settings;
    DemoServer sim;
    ConsoleSession session;
    std::unique_ptr<MainWindow> window;

    bool start(const QString &journal)
    {
        if (!sim.listen(0).ok())
            return false;
        session.setEnvironment(ProfileLoader::demoProfile(sim.baseUrl()), QStringLiteral("DEMO (simulated, scenario %1)").arg(nameOf(sim.scenario())), true);
        window = std::make_unique<MainWindow>(&settings, &session);
        session.startEnvironment();
        window->initialize({{}, journal, {}, QStringLiteral("alice"), {}, {}});
        window->resize(1280, 800);
        window->show();
        return QTest::qWaitForWindowExposed(window.get());
    }
    TrafficPanel *panel() const { return window->trafficPanel(); }
    Rollout *rollout() const { return session.rollout(); }
    // Confirms the runbook's reading and skips the items before the shift: what the gate waits for.
    void skipPreShiftItems() const
    {
        QVERIFY(window->deployment()->confirmReading().ok());
        for (const QString &id : TrafficGate::preShiftItemIds(window->deployment()->runbook()))
            QVERIFY(window->deployment()->skip(id, QStringLiteral("done in the change ticket")).ok());
    }
    // For screenshots of a deployment under way: the reading confirmed, the items before the
    // shift checked as done, and the first step taken once the gate opens (blue's normal
    // measured, the hold at 0 % over).
    void checkPreShiftItemsAndTakeFirstStep() const
    {
        Deployment *d = window->deployment();
        for (const QString &id : TrafficGate::preShiftItemIds(d->runbook()))
            QVERIFY(d->check(id).ok());
        if (!d->state().readingConfirmation)
            QVERIFY(d->confirmReading().ok());
        Rollout *r = panel()->rollout();
        QVERIFY(r);
        QTRY_VERIFY2_WITH_TIMEOUT(r->gate().open, qPrintable(r->gate().reasons.join(u"; ")), 30000);
        QVERIFY(r->advance().ok());
    }
    // Skips the items before the shift and clicks Step through `steps` as the gate opens.
    void stepThrough(const QList<int> &steps) const
    {
        TrafficPanel *p = panel();
        QTRY_VERIFY(p->rollout());
        skipPreShiftItems();
        for (int next : steps) {
            QVERIFY2(QTest::qWaitFor([&] { return p->advanceButton()->isEnabled(); }, 30000), qPrintable(p->gateText()));
            QTest::mouseClick(p->advanceButton(), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(rollout()->currentPercent(), next, 10000);
        }
    }
    QList<DeploymentEvent> events() const { return window->journal()->events(window->deployment()->id()).value(); }
};

// Saves a grab of `w` under $STONECASTER_SCREENSHOT_DIR (nothing when it is not set).
inline void save(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(w->grab().save(dir + QLatin1Char('/') + name));
}

