// Saves PNGs of the live panel and the monitoring view with realistic data (a latency regression
// once green takes 25 %), in the light and the dark palette, under <build>/shots/, to look at
// after a change to the charts. Run through ctest -L screenshots, or directly.
#include "chartscenario.h"

#include "charts/metricchart.h"
#include "charts/metricspanel.h"
#include "charts/monitoringview.h"
#include "colorscheme.h"

#include "core/clock.h"
#include "metrics/samplestore.h"
#include "runbook/runbookloader.h"

#include <QApplication>
#include <QDir>
#include <QTest>

using namespace ChartScenario;

class ChartShots : public QObject
{
    Q_OBJECT
private:
    const qint64 m_start = 1'800'000'000'000 - 84 * Minute;
    const qint64 m_now = 1'800'000'000'000; // 84 min in: 9 minutes at 25 % green
    Runbook m_runbook;
    QString m_dir;

    void save(QWidget *widget, const QString &name)
    {
        const QImage image = widget->grab().toImage();
        QVERIFY(!image.isNull());
        const QString path = m_dir + QLatin1Char('/') + name;
        QVERIFY2(image.save(path), qPrintable(path));
        qInfo("saved %s", qPrintable(path));
    }

    void prepare(SampleStore *store, ManualClock *clock)
    {
        fillLatencyRegression(store, m_start, m_now);
        // Page load time's green source went quiet two minutes ago, with an error to show.
        auto &green = const_cast<std::vector<Sample> &>(store->samples({Metric::PageLoadTime, Color::Green}));
        while (!green.empty() && green.back().timeMs > m_now - 2 * Minute)
            green.pop_back();
        store->setError({Metric::PageLoadTime, Color::Green}, Phrase::verbatim(QStringLiteral("rum.example.net:9090: connection refused")));
        // One timed-out request on blue: must not flatten the chart.
        store->append({Metric::ResponseTime, Color::Blue}, {m_now - 12 * Minute + 500, 9000});
        clock->setNowMs(m_now);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_runbook = RunbookLoader::load(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
        QVERIFY(!m_runbook.rules.isEmpty());
        m_dir = QStringLiteral(STONECASTER_BINARY_DIR "/shots");
        QVERIFY(QDir().mkpath(m_dir));
    }

    void shots_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void shots()
    {
        QFETCH(bool, dark);
        ColorScheme::apply(qApp, dark ? AppSettings::ColorScheme::Dark : AppSettings::ColorScheme::Light);
        const QString suffix = dark ? QStringLiteral("-dark.png") : QStringLiteral("-light.png");
        SampleStore store;
        ManualClock clock;
        prepare(&store, &clock);

        MetricsPanel panel(&store, &clock, m_runbook.rules, m_start);
        panel.setNormal(NormalMs);
        panel.setCommanded(commanded(m_start));
        panel.resize(400, 1000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.refresh();
        QCoreApplication::processEvents();
        panel.refresh();
        save(&panel, QStringLiteral("metrics-panel") + suffix);

        MonitoringView view(&store, &clock, m_runbook.rules, m_start);
        view.setNormal(NormalMs);
        view.setCommanded(commanded(m_start));
        view.resize(1600, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refresh();
        QCoreApplication::processEvents();
        view.refresh();
        save(&view, QStringLiteral("monitoring-view") + suffix);

        view.setTimeWindow(TimeWindow::WholeDeployment);
        QCoreApplication::processEvents();
        view.refresh();
        save(&view, QStringLiteral("monitoring-view-whole") + suffix);

        // Before the normal response time is known: the x-normal rules are listed as not drawn.
        view.setNormal(std::nullopt);
        view.setTimeWindow(TimeWindow::Last30Minutes);
        QCoreApplication::processEvents();
        view.refresh();
        save(view.chart(Metric::ResponseTime), QStringLiteral("response-time-no-normal") + suffix);
    }
};

QTEST_MAIN(ChartShots)
#include "chartshots.moc"
