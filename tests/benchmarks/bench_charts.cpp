// Prints how long one full refresh of the charts takes, paint included, for a 2.5 h deployment
// polled every second (9,000 samples per series), at 1920x1080 on the offscreen platform, next
// to the baseline of handing every point to plain QLineSeries. The goal for the decimated
// refresh is 16 ms (one frame). Asserts only that the work was done, never a time.
#include "charts/decimatedseriesitem.h"
#include "charts/metricchart.h"
#include "charts/monitoringview.h"

#include "core/clock.h"
#include "metrics/samplestore.h"
#include "runbook/runbookloader.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QFile>
#include <QGridLayout>
#include <QLineSeries>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTest>
#include <QThread>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace {

constexpr int SamplesPerSeries = 9000; // 2.5 h at one poll a second
constexpr QSize ScreenSize(1920, 1080);
// The four charts of the 8-series comparison, blue and green each.
const QList<Metric> EightSeriesMetrics{Metric::ErrorRate, Metric::ResponseTime, Metric::DbErrorRate, Metric::ResourceUtilization};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : (v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2);
}

double baseValue(Metric m)
{
    switch (m) {
    case Metric::ErrorRate: return 0.1;
    case Metric::ResponseTime: return 200;
    case Metric::DbErrorRate: return 0.02;
    case Metric::DbQueryTime: return 35;
    case Metric::ResourceUtilization: return 55;
    case Metric::PageLoadTime: return 1200;
    case Metric::TrafficShare: return 50;
    }
    return 1;
}

QString cpuModel()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown CPU");
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return QStringLiteral("unknown CPU");
}

struct Timing {
    std::vector<double> refreshMs, paintMs, totalMs;
    void add(qint64 refreshNs, qint64 paintNs)
    {
        refreshMs.push_back(refreshNs / 1e6);
        paintMs.push_back(paintNs / 1e6);
        totalMs.push_back((refreshNs + paintNs) / 1e6);
    }
    void print(const char *what, qsizetype pointsDrawn) const
    {
        qInfo("%-58s refresh %7.2f ms + paint %7.2f ms = %7.2f ms (median of %zu), %lld points drawn", what, median(refreshMs), median(paintMs),
              median(totalMs), totalMs.size(), qlonglong(pointsDrawn));
    }
};

} // namespace

class BenchCharts : public QObject
{
    Q_OBJECT
private:
    SampleStore m_store;
    ManualClock m_clock;
    Runbook m_runbook;
    qint64 m_startMs = 0;

    // One more poll of every series, as between two live refreshes, so no refresh is a no-op.
    void poll()
    {
        m_clock.advanceMs(1000);
        const QSignalBlocker block(&m_store); // the benchmark refreshes explicitly
        for (int m = 0; m < MetricCount; ++m) {
            for (Color c : {Color::Blue, Color::Green})
                m_store.append({Metric(m), c}, {m_clock.nowMs(), baseValue(Metric(m))});
        }
    }

    static qsizetype pointsIn(QWidget *root)
    {
        qsizetype n = 0;
        for (QChartView *view : root->findChildren<QChartView *>()) {
            for (QAbstractSeries *s : view->chart()->series()) { // the baseline's lines
                if (auto *line = qobject_cast<QLineSeries *>(s); line && !s->objectName().startsWith(QLatin1String("threshold:")))
                    n += line->count();
            }
            for (QGraphicsItem *item : view->chart()->childItems()) { // MetricChart's blue and green
                if (auto *data = qobject_cast<DecimatedSeriesItem *>(item->toGraphicsObject()))
                    n += data->count();
            }
        }
        return n;
    }

    void measure(QWidget *widget, const std::function<void()> &refresh, int runs, Timing *timing)
    {
        for (int i = 0; i < runs + 1; ++i) {
            poll();
            QElapsedTimer t;
            t.start();
            refresh();
            const qint64 refreshNs = t.nsecsElapsed();
            t.restart();
            const QPixmap pixmap = widget->grab();
            const qint64 paintNs = t.nsecsElapsed();
            QVERIFY(!pixmap.isNull());
            if (i > 0) // the first run pays for fonts, glyph caches and first layouts
                timing->add(refreshNs, paintNs);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("machine: %s, %d cores (QThread::idealThreadCount), %s, Qt %s, platform %s", qPrintable(cpuModel()), QThread::idealThreadCount(),
              qPrintable(QSysInfo::prettyProductName()), qVersion(), qPrintable(QGuiApplication::platformName()));
#ifdef QT_DEBUG
        qInfo("note: a debug build; take the figures from a release build");
#endif
        m_runbook = RunbookLoader::load(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
        QVERIFY(!m_runbook.rules.isEmpty());
        m_startMs = m_clock.nowMs() - qint64(SamplesPerSeries) * 1000;
        QRandomGenerator rng(42);
        for (int m = 0; m < MetricCount; ++m) {
            for (Color c : {Color::Blue, Color::Green}) {
                std::vector<Sample> samples;
                samples.reserve(SamplesPerSeries);
                const double base = baseValue(Metric(m));
                double walk = 0;
                for (int i = 0; i < SamplesPerSeries; ++i) {
                    walk = walk * 0.98 + (rng.generateDouble() - 0.5) * 0.1;
                    const double spike = rng.bounded(600) == 0 ? 2.5 : 1.0;
                    samples.push_back({m_startMs + qint64(i) * 1000, base * (1 + walk + (rng.generateDouble() - 0.5) * 0.2) * spike});
                }
                m_store.merge({Metric(m), c}, samples);
            }
        }
        QCOMPARE(qsizetype(m_store.samples({Metric::ErrorRate, Color::Green}).size()), qsizetype(SamplesPerSeries));
    }

    void decimatedMonitoringView_data()
    {
        QTest::addColumn<int>("window");
        QTest::newRow("whole deployment") << int(TimeWindow::WholeDeployment);
        QTest::newRow("last 30 min") << int(TimeWindow::Last30Minutes);
    }
    // The real view: 7 charts, 14 series, thresholds and labels, at full-HD.
    void decimatedMonitoringView()
    {
        QFETCH(int, window);
        MonitoringView view(&m_store, &m_clock, m_runbook.rules, m_startMs);
        view.setNormal(200.0);
        view.setTimeWindow(TimeWindow(window));
        view.resize(ScreenSize);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refresh();
        QCoreApplication::processEvents();
        Timing timing;
        measure(&view, [&view] { view.refresh(); }, 21, &timing);
        const qsizetype points = pointsIn(&view);
        QVERIFY(points > 0);
        timing.print(qPrintable(QStringLiteral("decimated MonitoringView, 14 series, %1").arg(QString::fromLatin1(QTest::currentDataTag()))), points);
    }

    void decimatedEightSeries_data()
    {
        QTest::addColumn<bool>("empty");
        QTest::newRow("whole deployment") << false;
        // The same charts without a sample: what axes, grid, labels and headers cost by themselves.
        QTest::newRow("no samples (fixed cost)") << true;
    }
    // The comparison the issue asks for: 8 series of 9,000 samples in four charts of two series.
    void decimatedEightSeries()
    {
        QFETCH(bool, empty);
        SampleStore none;
        SampleStore *store = empty ? &none : &m_store;
        QWidget window;
        auto *grid = new QGridLayout(&window);
        QList<MetricChart *> charts;
        for (qsizetype i = 0; i < EightSeriesMetrics.size(); ++i) {
            auto *chart = new MetricChart(EightSeriesMetrics.at(i), store, &m_clock, &window);
            chart->setRules(m_runbook.rules);
            chart->setNormal(200.0);
            chart->setTimeWindow(TimeWindow::WholeDeployment);
            chart->setDeploymentStartMs(m_startMs);
            grid->addWidget(chart, int(i / 2), int(i % 2));
            charts << chart;
        }
        window.resize(ScreenSize);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCoreApplication::processEvents();
        Timing timing;
        measure(&window, [&charts] { for (MetricChart *c : std::as_const(charts)) c->refresh(); }, 21, &timing);
        const qsizetype points = pointsIn(&window);
        QVERIFY(empty || points > 0);
        timing.print(qPrintable(QStringLiteral("decimated, 4 MetricCharts, 8 series, %1").arg(QString::fromLatin1(QTest::currentDataTag()))), points);
    }

    // Baseline: the same 8 series handed whole to plain QLineSeries (replace() of all 9,000 points).
    void baselineAllPoints()
    {
        QWidget window;
        auto *grid = new QGridLayout(&window);
        struct Plain {
            QChart *chart;
            QDateTimeAxis *x;
            QValueAxis *y;
            QLineSeries *series[2];
            Metric metric;
        };
        std::vector<Plain> plains;
        for (qsizetype i = 0; i < EightSeriesMetrics.size(); ++i) {
            Plain p{new QChart, new QDateTimeAxis, new QValueAxis, {new QLineSeries, new QLineSeries}, EightSeriesMetrics.at(i)};
            p.chart->legend()->hide();
            p.chart->addAxis(p.x, Qt::AlignBottom);
            p.chart->addAxis(p.y, Qt::AlignLeft);
            p.x->setFormat(QStringLiteral("HH:mm"));
            for (QLineSeries *s : p.series) {
                p.chart->addSeries(s);
                s->attachAxis(p.x);
                s->attachAxis(p.y);
                s->setPen(QPen(s == p.series[0] ? Qt::blue : Qt::darkGreen, 2));
            }
            auto *view = new QChartView(p.chart, &window);
            view->setRenderHint(QPainter::Antialiasing);
            grid->addWidget(view, int(i / 2), int(i % 2));
            plains.push_back(p);
        }
        window.resize(ScreenSize);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QList<QPointF> buffer;
        const auto refresh = [&] {
            for (Plain &p : plains) {
                double top = 0;
                for (int c = 0; c < 2; ++c) {
                    const auto &samples = m_store.samples({p.metric, Color(c)});
                    buffer.clear();
                    buffer.reserve(qsizetype(samples.size()));
                    for (const Sample &s : samples) {
                        buffer.append(QPointF(double(s.timeMs), s.value));
                        top = std::max(top, s.value);
                    }
                    p.series[c]->replace(buffer);
                }
                p.x->setRange(QDateTime::fromMSecsSinceEpoch(m_startMs), m_clock.now());
                p.y->setRange(0, top * 1.1);
            }
        };
        Timing timing;
        measure(&window, refresh, 7, &timing);
        const qsizetype points = pointsIn(&window);
        QVERIFY(points >= 8 * SamplesPerSeries);
        timing.print("baseline, 4 QCharts, 8 plain series of all points", points);
    }
};

QTEST_MAIN(BenchCharts)
#include "bench_charts.moc"
