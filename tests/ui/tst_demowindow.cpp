// The console's window on the built-in demo, as the README's main command starts it: the
// simulator in-process, the metrics session polling it through the production network
// code, and the live charts drawing what arrives.
#include "charts/chartitems.h"
#include "charts/decimatedseriesitem.h"
#include "charts/metricchart.h"
#include "charts/metricspanel.h"
#include "charts/monitoringview.h"
#include "colorscheme.h"
#include "common/icons.h"
#include "demofixture.h"
#include "mainwindow.h"

#include "core/appsettings.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "metrics/samplearchive.h"
#include "metrics/metricssession.h"
#include "profile/profileloader.h"
#include "sim/demoserver.h"

#include <QChart>
#include <QApplication>
#include <QChartView>
#include <QDir>
#include <QLabel>
#include <QGraphicsObject>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

class TestDemoWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).clear();
    }

    // Live samples arrive over HTTP and are drawn in the panel beside the checklists.
    void liveSamplesAreDrawn()
    {
        Demo demo(20.0); // a 2 s poll every 100 ms of real time
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("live.sqlite"))));
        MetricsPanel *panel = demo.window->metricsPanel();
        QVERIFY(panel);
        MetricChart *errors = panel->chart(Metric::ErrorRate);
        QVERIFY(errors);
        DecimatedSeriesItem *green = dataLine(errors, QStringLiteral("greenSeries"));
        DecimatedSeriesItem *blue = dataLine(errors, QStringLiteral("blueSeries"));
        QVERIFY(green && blue);
        QTRY_VERIFY_WITH_TIMEOUT(green->count() >= 5 && blue->count() >= 5, 20000);
        // Drawn values are the simulator's, in percent: healthy green errors ~0.05 %.
        for (const QPointF &p : green->points())
            QVERIFY2(p.y() > 0 && p.y() < 0.1, qPrintable(QString::number(p.y())));
        const QLabel *value = errors->findChild<QLabel *>(QStringLiteral("greenValue"));
        QVERIFY(value);
        QVERIFY2(value->text().contains(QLatin1Char('%')), qPrintable(value->text()));
        QVERIFY(errors->findChild<QLabel *>(QStringLiteral("staleBadge"))->isHidden());
        // The environment is named, and says it is simulated.
        const QLabel *status = demo.window->findChild<QLabel *>(QStringLiteral("environmentStatus"));
        QVERIFY(status);
        QVERIFY2(status->text().contains(QStringLiteral("DEMO")) && status->text().contains(QStringLiteral("Polling")), qPrintable(status->text()));
    }

    // While a deployment runs, its samples go to the journal, and a reopened deployment
    // redraws them.
    void deploymentSamplesAreJournaled()
    {
        const QString journal = m_dir.filePath(QStringLiteral("deploy.sqlite"));
        QString id;
        {
            Demo demo(20.0);
            QVERIFY(demo.start(journal));
            QVERIFY(demo.window->startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice")).ok());
            id = demo.window->deployment()->id();
            MetricChart *p95 = demo.window->metricsPanel()->chart(Metric::ResponseTime);
            QTRY_VERIFY_WITH_TIMEOUT(dataLine(p95, QStringLiteral("blueSeries"))->count() >= 10, 20000);
            demo.window->close(); // writes the last batch
        }
        Journal reopened;
        QVERIFY(reopened.open(journal).ok());
        const auto stored = SampleArchive(&reopened).read(id);
        QVERIFY(stored.ok());
        QVERIFY2(stored.value().value({Metric::ResponseTime, Color::Blue}).size() >= 10,
                 qPrintable(QString::number(stored.value().value({Metric::ResponseTime, Color::Blue}).size())));
    }

    // The monitoring view shows the same store, larger, with page load time too.
    void monitoringViewShowsEveryMetric()
    {
        Demo demo(20.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("monitor.sqlite"))));
        demo.window->showMonitoringView();
        MonitoringView *view = demo.window->monitoringView();
        QVERIFY(view && view->isVisible());
        MetricChart *pageLoad = view->chart(Metric::PageLoadTime);
        QVERIFY(pageLoad);
        QTRY_VERIFY_WITH_TIMEOUT(dataLine(pageLoad, QStringLiteral("greenSeries"))->count() >= 3, 20000);
        view->close();
    }

    // Run with STONECASTER_SCREENSHOT_DIR set: the window and the monitoring view on the
    // latency-regression demo with green at 25 %, after enough scaled time for the
    // regression to show.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        QVERIFY(QDir().mkpath(dir));
        Demo demo(60.0, DemoScenario::LatencyRegression);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("shot.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        QTest::qWait(8000); // 8 min of demo time at 0 % green: blue's normal is measured
        QVERIFY(demo.sim.setWeights(75, 25).ok());
        QTest::qWait(6000); // 6 min at 25 %: green's p95 climbs past 2x and 3x normal
        demo.window->resize(1280, 800);
        QTest::qWait(500);
        QVERIFY(demo.window->grab().save(dir + QStringLiteral("/demo-live-charts.png")));
        demo.window->showMonitoringView();
        demo.window->monitoringView()->resize(1600, 1000);
        QTest::qWait(800);
        QVERIFY(demo.window->monitoringView()->grab().save(dir + QStringLiteral("/monitoring-view-latency-regression.png")));
    }

    // The same with STONECASTER_SCREENSHOT_DIR: the window in the dark palette on the healthy
    // demo, the pre-deployment checklist done and green at 5 %.
    void screenshotDark()
    {
        const QString dir = qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        QVERIFY(QDir().mkpath(dir));
        Icons::install(); // as main() does: the window with its icons, as it is shipped
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        const auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::Light); });
        Demo demo(60.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("dark.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        demo.checkPreShiftItemsAndTakeFirstStep();
        if (QTest::currentTestFailed())
            return;
        QTest::qWait(4000); // 4 min at 5 %: green's series on the charts
        demo.window->resize(1280, 800);
        QTest::qWait(500);
        QVERIFY(demo.window->grab().save(dir + QStringLiteral("/window-dark.png")));
    }
};

QTEST_MAIN(TestDemoWindow)
#include "tst_demowindow.moc"
