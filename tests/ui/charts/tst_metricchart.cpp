#include "chartscenario.h"

#include "charts/chartstyle.h"
#include "charts/decimatedseriesitem.h"
#include "charts/metricchart.h"
#include "charts/metricspanel.h"
#include "charts/timeaxisitem.h"
#include "charts/monitoringview.h"

#include "core/clock.h"
#include "metrics/samplestore.h"
#include "runbook/runbookloader.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLabel>
#include <QGraphicsObject>
#include <QLineSeries>
#include <QRandomGenerator>
#include <QTest>
#include <QValueAxis>

#include <cmath>
#include <limits>
#include <map>
#include <memory>

namespace {

// The blue and green lines: our own items on the chart, not Qt Charts series.
DecimatedSeriesItem *dataLine(MetricChart *chart, const QString &name)
{
    const auto *view = chart ? chart->findChild<QChartView *>(QStringLiteral("chartView")) : nullptr;
    if (!view)
        return nullptr;
    for (QGraphicsItem *item : view->chart()->childItems()) {
        if (QGraphicsObject *object = item->toGraphicsObject(); object && object->objectName() == name)
            return qobject_cast<DecimatedSeriesItem *>(object);
    }
    return nullptr;
}

constexpr qint64 Minute = 60'000;

QChartView *viewOf(MetricChart *chart)
{
    return chart->findChild<QChartView *>(QStringLiteral("chartView"));
}

// The time axis's labels, tick marks and vertical grid: our own item on the chart.
TimeAxisItem *timeAxisItem(MetricChart *chart)
{
    for (QGraphicsItem *item : viewOf(chart)->chart()->childItems()) {
        if (QGraphicsObject *object = item->toGraphicsObject(); object && object->objectName() == QLatin1String("timeAxisLabels"))
            return qobject_cast<TimeAxisItem *>(object);
    }
    return nullptr;
}

QStringList labelTexts(const TimeAxisItem *axis)
{
    QStringList texts;
    for (const TimeAxisItem::Label &l : axis->labels())
        texts << l.text;
    return texts;
}

// Milliseconds since the epoch of a local time on a fixed day.
qint64 localMs(int h, int m, int s = 0)
{
    return QDateTime(QDate(2027, 3, 10), QTime(h, m, s)).toMSecsSinceEpoch();
}

template<typename T = QLineSeries>
T *seriesOf(MetricChart *chart, const QString &name)
{
    for (QAbstractSeries *s : viewOf(chart)->chart()->series()) {
        if (s->objectName() == name)
            return qobject_cast<T *>(s);
    }
    return nullptr;
}

QStringList thresholdSeriesNames(MetricChart *chart)
{
    QStringList names;
    for (QAbstractSeries *s : viewOf(chart)->chart()->series()) {
        if (s->objectName().startsWith(QLatin1String("threshold:")))
            names << s->objectName();
    }
    names.sort();
    return names;
}

QLabel *label(QWidget *w, const char *name)
{
    return w->findChild<QLabel *>(QLatin1String(name));
}

// A shown chart of `metric`, laid out at a known size.
struct Fixture {
    SampleStore store;
    ManualClock clock;
    std::unique_ptr<MetricChart> chart;

    explicit Fixture(Metric metric, QSize size = QSize(640, 320))
    {
        chart = std::make_unique<MetricChart>(metric, &store, &clock);
        chart->resize(size);
        chart->show();
        if (!QTest::qWaitForWindowExposed(chart.get()))
            qWarning("chart not exposed");
        chart->refresh();
    }
    qint64 now() const { return clock.nowMs(); }
};

} // namespace

class TestMetricChart : public QObject
{
    Q_OBJECT
private:
    Runbook m_runbook;

private Q_SLOTS:
    void initTestCase()
    {
        m_runbook = RunbookLoader::load(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
        QVERIFY(!m_runbook.hasErrors());
        QVERIFY(!m_runbook.rules.isEmpty());
    }

    void objectNames()
    {
        Fixture f(Metric::ErrorRate);
        QCOMPARE(f.chart->objectName(), QStringLiteral("metricChart:error_rate"));
        for (const char *name : {"chartTitle", "blueValue", "greenValue", "lastGood", "staleBadge", "errorText", "noteText"})
            QVERIFY2(label(f.chart.get(), name), name);
        QVERIFY(viewOf(f.chart.get()));
        QVERIFY(dataLine(f.chart.get(), QStringLiteral("blueSeries")));
        QVERIFY(dataLine(f.chart.get(), QStringLiteral("greenSeries")));
        QVERIFY(seriesOf<QAreaSeries>(f.chart.get(), QStringLiteral("greenGaps")));
        QVERIFY(label(f.chart.get(), "chartTitle")->text().contains(QLatin1String("Error rate")));
    }

    // The series holds a decimation of the samples to the plot's pixel width: bounded in size,
    // and every pixel column's smallest and largest sample is among its points.
    void drawsDecimatedSamples()
    {
        Fixture f(Metric::ResponseTime);
        QRandomGenerator rng(11);
        std::vector<Sample> samples;
        for (qint64 t = f.now() - 30 * Minute; t <= f.now(); t += 200)
            samples.push_back({t, 150 + rng.generateDouble() * 100 + (rng.bounded(500) == 0 ? 3000 : 0)});
        QCOMPARE(samples.size(), 9001u);
        f.store.merge({Metric::ResponseTime, Color::Blue}, samples);
        f.chart->refresh();

        const QChart *chart = viewOf(f.chart.get())->chart();
        const int columns = int(std::ceil(chart->plotArea().width() * f.chart->devicePixelRatioF()));
        QVERIFY(columns > 100);
        const QList<QPointF> points = dataLine(f.chart.get(), QStringLiteral("blueSeries"))->points();
        QVERIFY2(points.size() <= 2 * columns + 2, qPrintable(QStringLiteral("%1 points, %2 columns").arg(points.size()).arg(columns)));
        QVERIFY(points.size() >= columns); // and it is not thinned below one point per column
        QVERIFY(points.size() < qsizetype(samples.size()));

        const qint64 from = f.chart->windowFromMs(), to = f.chart->windowToMs();
        QCOMPARE(to, f.now());
        QCOMPARE(from, f.now() - 30 * Minute);
        std::map<qint64, std::pair<Sample, Sample>> extremes; // column -> (min, max)
        for (const Sample &s : samples) {
            const qint64 c = std::min<qint64>(columns - 1, (s.timeMs - from) * columns / (to - from));
            auto it = extremes.find(c);
            if (it == extremes.end()) {
                extremes.emplace(c, std::pair(s, s));
                continue;
            }
            if (s.value < it->second.first.value)
                it->second.first = s;
            if (s.value > it->second.second.value)
                it->second.second = s;
        }
        for (const auto &[column, minMax] : extremes) {
            QVERIFY2(points.contains(QPointF(double(minMax.first.timeMs), minMax.first.value)), qPrintable(QStringLiteral("column %1 lost its minimum").arg(column)));
            QVERIFY2(points.contains(QPointF(double(minMax.second.timeMs), minMax.second.value)), qPrintable(QStringLiteral("column %1 lost its maximum").arg(column)));
        }
    }

    void thresholdLinesOfTheReferenceRunbook_data()
    {
        QTest::addColumn<int>("metric");
        QTest::addColumn<double>("normal"); // NaN: unknown
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<QList<double>>("values");
        QTest::newRow("error rate") << int(Metric::ErrorRate) << qQNaN()
                                    << QStringList{"alert-critical.error_rate", "alert-info.error_rate", "alert-warning.error_rate", "auto-rollback.error_rate",
                                                   "decision-point.error_rate", "target.error_rate"}
                                    << QList<double>{1, 0.1, 0.5, 2, 1, 0.1};
        // Seconds in milliseconds, multiples of normal multiplied out; 2x and 3x are drawn by the
        // rules, so only "normal" itself is added.
        QTest::newRow("response time, normal 200 ms")
            << int(Metric::ResponseTime) << 200.0
            << QStringList{"alert-critical.response_time", "alert-info.response_time", "alert-warning.response_time", "auto-rollback.response_time",
                           "decision-point.response_time", "normal", "target.response_time"}
            << QList<double>{2000, 500, 1000, 600, 400, 200, 500};
        QTest::newRow("response time, normal unknown")
            << int(Metric::ResponseTime) << qQNaN()
            << QStringList{"alert-critical.response_time", "alert-info.response_time", "alert-warning.response_time", "target.response_time"}
            << QList<double>{2000, 500, 1000, 500};
        QTest::newRow("page load time in seconds") << int(Metric::PageLoadTime) << qQNaN() << QStringList{"target.page_load_time"} << QList<double>{2000};
    }
    void thresholdLinesOfTheReferenceRunbook()
    {
        QFETCH(int, metric);
        QFETCH(double, normal);
        QFETCH(QStringList, ids);
        QFETCH(QList<double>, values);
        Fixture f{Metric(metric)};
        f.chart->setRules(m_runbook.rules);
        f.chart->setNormal(std::isnan(normal) ? std::nullopt : std::optional<double>(normal));
        f.chart->refresh();

        QStringList expectedNames;
        for (const QString &id : ids)
            expectedNames << QStringLiteral("threshold:") + id;
        QCOMPARE(thresholdSeriesNames(f.chart.get()), expectedNames);
        double highestThatMatters = 0;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            QLineSeries *line = seriesOf(f.chart.get(), QStringLiteral("threshold:") + ids.at(i));
            const QList<QPointF> points = line->points();
            QCOMPARE(points.size(), 2);
            QCOMPARE(points.at(0).y(), values.at(i));
            QCOMPARE(points.at(1).y(), values.at(i));
            // Across the whole window.
            QCOMPARE(points.at(0).x(), double(f.chart->windowFromMs()));
            QCOMPARE(points.at(1).x(), double(f.chart->windowToMs()));
            QVERIFY2(!line->name().isEmpty(), "every line says what it is");
            if (ids.at(i).startsWith(QLatin1String("decision-point")) || ids.at(i).startsWith(QLatin1String("auto-rollback")))
                highestThatMatters = std::max(highestThatMatters, values.at(i));
        }
        // The value axis reaches the decision point and the rollback trigger even with no data.
        if (highestThatMatters > 0) {
            QVERIFY(f.chart->valueAxisMax() >= highestThatMatters);
            QVERIFY(f.chart->valueAxisMax() < highestThatMatters * 1.5);
        }
        const auto *axis = qobject_cast<QValueAxis *>(viewOf(f.chart.get())->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->objectName(), QStringLiteral("valueAxis"));
        QCOMPARE(axis->max(), f.chart->valueAxisMax());

        QLabel *note = label(f.chart.get(), "noteText");
        if (Metric(metric) == Metric::ResponseTime && std::isnan(normal)) {
            QVERIFY(note->isVisible());
            QCOMPARE(f.chart->thresholdNotes(),
                     QStringList{QStringLiteral("Normal response time unknown, not drawn: consider rollback > 2× normal, auto rollback > 3× normal")});
            QCOMPARE(note->text(), f.chart->thresholdNotes().first());
            // Then the most severe known line is the one kept in view.
            QVERIFY(f.chart->valueAxisMax() >= 2000);
        } else {
            QVERIFY2(!note->isVisible(), qPrintable(note->text()));
        }
    }

    // Qt Charts paints a removed series' old points until its drawing is deleted later: changing
    // the rules or the normal must reuse the series, never remove and add them.
    void rebuildingThresholdsKeepsTheSeries()
    {
        Fixture f(Metric::ResponseTime);
        f.chart->setRules(m_runbook.rules);
        const QList<QAbstractSeries *> before = viewOf(f.chart.get())->chart()->series();
        f.chart->setNormal(180.0);
        f.chart->setNormal(std::nullopt);
        f.chart->setCompact(true);
        f.chart->setRules({});
        QCOMPARE(viewOf(f.chart.get())->chart()->series(), before);
        QVERIFY(thresholdSeriesNames(f.chart.get()).isEmpty());
        for (QAbstractSeries *s : before) {
            if (s->objectName().isEmpty())
                QVERIFY(!s->isVisible()); // unused lines of the pool
        }
    }

    void normalMultiplesWithoutRules()
    {
        // With no x-normal rule, the normal line brings its 2x and 3x multiples.
        Fixture f(Metric::ResponseTime);
        f.chart->setNormal(150.0);
        f.chart->refresh();
        QCOMPARE(thresholdSeriesNames(f.chart.get()), (QStringList{"threshold:normal", "threshold:normal-2x", "threshold:normal-3x"}));
        QCOMPARE(seriesOf(f.chart.get(), QStringLiteral("threshold:normal-3x"))->points().at(0).y(), 450.0);
    }

    void outlierDoesNotFlattenTheChart()
    {
        Fixture f(Metric::ResponseTime);
        f.chart->setRules(m_runbook.rules);
        f.chart->setNormal(200.0);
        std::vector<Sample> samples;
        for (qint64 t = f.now() - 10 * Minute; t <= f.now(); t += 1000)
            samples.push_back({t, 200 + double(t % 7000) / 100});
        samples[300].value = 30'000; // one timed-out request
        f.store.merge({Metric::ResponseTime, Color::Green}, samples);
        f.chart->refresh();
        QVERIFY(f.chart->valueAxisMax() >= 600);  // the rollback trigger
        QVERIFY(f.chart->valueAxisMax() < 1000); // not the outlier
        QVERIFY(label(f.chart.get(), "noteText")->text().contains(QLatin1String("30000 ms")));
        // Still drawn (clipped at the top), not dropped.
        QVERIFY(dataLine(f.chart.get(), QStringLiteral("greenSeries"))->points().contains(QPointF(double(samples[300].timeMs), 30'000)));
    }

    void staleBadgeFollowsTheClock()
    {
        Fixture f(Metric::ErrorRate);
        f.store.setFreshnessMs(4000);
        f.store.append({Metric::ErrorRate, Color::Blue}, {f.now(), 0.2});
        f.chart->refresh();
        QLabel *badge = label(f.chart.get(), "staleBadge");
        QVERIFY(!badge->isVisible());
        QVERIFY(label(f.chart.get(), "blueValue")->text().contains(QLatin1String("0.20 %")));
        const QString sampleTime = QDateTime::fromMSecsSinceEpoch(f.now()).toString(QStringLiteral("HH:mm:ss"));
        QVERIFY(label(f.chart.get(), "lastGood")->text().contains(sampleTime));

        // The clock moves past freshness with no new sample: the chart's clock timer notices.
        f.clock.advanceMs(5000);
        QTRY_VERIFY(badge->isVisible());
        QVERIFY(label(f.chart.get(), "lastGood")->text().contains(sampleTime));
        QVERIFY(badge->toolTip().contains(QLatin1String("Blue")));

        // The store's error is shown with it.
        f.store.setError({Metric::ErrorRate, Color::Blue}, QStringLiteral("prometheus:9090: connection refused"));
        QTRY_VERIFY(label(f.chart.get(), "errorText")->isVisible());
        QVERIFY(label(f.chart.get(), "errorText")->text().contains(QLatin1String("connection refused")));

        // A new sample: fresh again.
        f.store.setError({Metric::ErrorRate, Color::Blue}, QString());
        f.store.append({Metric::ErrorRate, Color::Blue}, {f.now(), 0.3});
        QTRY_VERIFY(!badge->isVisible());
        QVERIFY(!label(f.chart.get(), "errorText")->isVisible());
        QVERIFY(label(f.chart.get(), "blueValue")->text().contains(QLatin1String("0.30 %")));
    }

    void staleStretchIsShaded()
    {
        Fixture f(Metric::ErrorRate);
        f.store.append({Metric::ErrorRate, Color::Green}, {f.now() - 60'000, 0.2});
        f.chart->refresh();
        const QList<QPointF> band = seriesOf<QAreaSeries>(f.chart.get(), QStringLiteral("greenGaps"))->upperSeries()->points();
        QCOMPARE(band.size(), 4);
        QCOMPARE(band.first().x(), double(f.now() - 60'000));
        QCOMPARE(band.last().x(), double(f.now()));
    }

    void nonFiniteSamplesAreShadedNotDrawn()
    {
        Fixture f(Metric::ErrorRate);
        const qint64 t0 = f.now() - 10 * Minute;
        f.store.merge({Metric::ErrorRate, Color::Green},
                      std::vector<Sample>{{t0, 0.1}, {t0 + 1000, qQNaN()}, {t0 + 2000, qQNaN()}, {t0 + 3000, 0.2}, {f.now(), 0.3}});
        f.store.setFreshnessMs(10 * Minute);
        f.chart->refresh();
        const QList<QPointF> points = dataLine(f.chart.get(), QStringLiteral("greenSeries"))->points();
        QCOMPARE(points.size(), 3);
        for (const QPointF &p : points)
            QVERIFY(std::isfinite(p.y()));
        const QList<QPointF> band = seriesOf<QAreaSeries>(f.chart.get(), QStringLiteral("greenGaps"))->upperSeries()->points();
        QCOMPARE(band.size(), 4);
        QCOMPARE(band.at(0).x(), double(t0));
        QCOMPARE(band.at(2).x(), double(t0 + 3000));
    }

    void timeWindowSwitch()
    {
        Fixture f(Metric::ErrorRate);
        QCOMPARE(f.chart->timeWindow(), TimeWindow::Last30Minutes);
        QCOMPARE(f.chart->windowToMs() - f.chart->windowFromMs(), 30 * Minute);
        f.chart->setTimeWindow(TimeWindow::Last5Minutes);
        QCOMPARE(f.chart->windowFromMs(), f.now() - 5 * Minute);
        f.chart->setTimeWindow(TimeWindow::Last2Hours);
        QCOMPARE(f.chart->windowFromMs(), f.now() - 120 * Minute);
        f.chart->setDeploymentStartMs(f.now() - 150 * Minute);
        f.chart->setTimeWindow(TimeWindow::WholeDeployment);
        QCOMPARE(f.chart->windowFromMs(), f.now() - 150 * Minute);
        QCOMPARE(f.chart->windowToMs(), f.now());
        // The window slides with the clock.
        f.clock.advanceMs(Minute);
        QTRY_COMPARE(f.chart->windowToMs(), f.now());
        QCOMPARE(f.chart->windowFromMs(), f.now() - 151 * Minute);
    }

    void sharedTimeWindowControl()
    {
        SampleStore store;
        ManualClock clock;
        MonitoringView view(&store, &clock, m_runbook.rules, clock.nowMs() - 150 * Minute);
        view.resize(1280, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.objectName(), QStringLiteral("monitoringView"));
        QCOMPARE(view.charts().size(), 7);
        QVERIFY(view.chart(Metric::PageLoadTime));
        auto *combo = view.findChild<QComboBox *>(QStringLiteral("timeWindowCombo"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 4);
        QCOMPARE(combo->currentText(), QStringLiteral("Last 30 min"));
        const int whole = combo->findText(QStringLiteral("Whole deployment"));
        QVERIFY(whole >= 0);
        combo->setCurrentIndex(whole);
        Q_EMIT combo->activated(whole); // what a person's choice emits
        QCOMPARE(view.timeWindow(), TimeWindow::WholeDeployment);
        for (MetricChart *chart : view.charts()) {
            QCOMPARE(chart->timeWindow(), TimeWindow::WholeDeployment);
            QCOMPARE(chart->windowFromMs(), clock.nowMs() - 150 * Minute);
        }
        view.setTimeWindow(TimeWindow::Last5Minutes);
        QCOMPARE(combo->currentText(), QStringLiteral("Last 5 min"));
        QCOMPARE(view.chart(Metric::ErrorRate)->windowFromMs(), clock.nowMs() - 5 * Minute);
    }

    void timeAxisInLocalTime()
    {
        Fixture f(Metric::ErrorRate);
        f.chart->refresh();
        auto *axis = qobject_cast<QCategoryAxis *>(viewOf(f.chart.get())->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->objectName(), QStringLiteral("timeAxis"));
        // Qt Charts draws no time label or vertical grid line of its own: they are ours.
        QVERIFY(!axis->isGridLineVisible());
        for (const QString &l : axis->categoriesLabels())
            QVERIFY2(l.isEmpty(), qPrintable(l));
        const TimeAxisItem *item = timeAxisItem(f.chart.get());
        QVERIFY(item);
        const QStringList labels = labelTexts(item);
        QVERIFY(labels.size() >= 3);
        for (const QString &l : labels)
            QVERIFY2(QTime::fromString(l, QStringLiteral("HH:mm")).isValid(), qPrintable(l));
        // Round times inside the window: the last one is the latest whole tick before now.
        const QTime last = QTime::fromString(labels.last(), QStringLiteral("HH:mm"));
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(f.now());
        QVERIFY(last <= now.time() || now.time() < QTime(0, 30));
        QCOMPARE(last.minute() % 5, 0);
    }

    // The labels drawn under the plot are the round local times of the window, each centred on its
    // grid line, and they slide left with the window; new ones come in at the right.
    void timeLabelsAreRoundTimesAndMoveWithTheWindow()
    {
        Fixture f(Metric::ErrorRate, QSize(640, 320));
        f.clock.setNowMs(localMs(14, 32, 30));
        f.chart->refresh(); // 30 min: 14:02:30 to 14:32:30, a label every 5 min at this width
        const TimeAxisItem *item = timeAxisItem(f.chart.get());
        QVERIFY(item);
        QCOMPARE(labelTexts(item), (QStringList{QStringLiteral("14:05"), QStringLiteral("14:10"), QStringLiteral("14:15"), QStringLiteral("14:20"),
                                                QStringLiteral("14:25"), QStringLiteral("14:30")}));
        const QRectF plot = viewOf(f.chart.get())->chart()->plotArea();
        QCOMPARE(item->plotArea(), plot);
        const auto expectedX = [&](qint64 t) { return plot.left() + double(t - f.chart->windowFromMs()) / double(30 * Minute) * plot.width(); };
        for (const TimeAxisItem::Label &l : item->labels()) {
            QCOMPARE(l.timeMs, localMs(14, QTime::fromString(l.text, QStringLiteral("HH:mm")).minute()));
            QVERIFY(std::abs(l.x - expectedX(l.timeMs)) < 1e-6);
            QVERIFY2(l.visible, qPrintable(l.text));
            QVERIFY2(std::abs(l.rect.center().x() - l.x) <= 1.0, qPrintable(l.text)); // centred under its tick
            QVERIFY(l.rect.top() >= plot.bottom() + 2); // under the plot, not over the data
            QVERIFY(l.rect.bottom() <= f.chart->findChild<QChartView *>()->height());
            QVERIFY2(item->boundingRect().contains(l.rect), qPrintable(l.text)); // repainted with the item
        }
        // Drawn: a grid line in the plot at each label's time, and the text under it.
        const QImage image = viewOf(f.chart.get())->grab().toImage();
        const QColor base = f.chart->palette().color(QPalette::Base);
        const QColor window = f.chart->palette().color(QPalette::Window);
        for (const TimeAxisItem::Label &l : item->labels()) {
            const int x = int(std::floor(l.x));
            QVERIFY2(image.pixelColor(x, int(plot.center().y())) != base, qPrintable(l.text));
            QCOMPARE(image.pixelColor(x + 5, int(plot.center().y())), base); // and not a band
            bool inked = false;
            const QRect r = l.rect.toAlignedRect();
            for (int y = r.top(); y <= r.bottom() && !inked; ++y) {
                for (int px = r.left(); px <= r.right() && !inked; ++px)
                    inked = image.pixelColor(px, y) != window;
            }
            QVERIFY2(inked, qPrintable(l.text));
        }

        // A minute later the same round times sit further left, by a 30th of the plot's width.
        const QList<TimeAxisItem::Label> before = item->labels();
        f.clock.advanceMs(Minute);
        f.chart->refresh();
        QCOMPARE(item->labels().size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(item->labels().at(i).text, before.at(i).text);
            QVERIFY(std::abs((before.at(i).x - item->labels().at(i).x) - plot.width() / 30) < 1e-6);
        }
        // Past 14:35 and 14:05 out of the window: 14:05 leaves, 14:35 comes in at the right.
        f.clock.setNowMs(localMs(14, 35, 10));
        f.chart->refresh();
        QCOMPARE(labelTexts(item), (QStringList{QStringLiteral("14:10"), QStringLiteral("14:15"), QStringLiteral("14:20"), QStringLiteral("14:25"),
                                                QStringLiteral("14:30"), QStringLiteral("14:35")}));
        QVERIFY(std::abs(item->labels().last().x - expectedX(localMs(14, 35))) < 1e-6);
        // The last 5 minutes: a label every minute.
        f.chart->setTimeWindow(TimeWindow::Last5Minutes);
        QCOMPARE(labelTexts(item), (QStringList{QStringLiteral("14:31"), QStringLiteral("14:32"), QStringLiteral("14:33"), QStringLiteral("14:34"),
                                                QStringLiteral("14:35")}));
    }

    void hoverShowsTimeAndValue()
    {
        Fixture f(Metric::ResponseTime);
        f.chart->setRules(m_runbook.rules);
        f.chart->setNormal(200.0);
        const qint64 t = f.now() - 2 * Minute;
        f.store.merge({Metric::ResponseTime, Color::Green}, std::vector<Sample>{{t - 1000, 380}, {t, 412}, {t + 1000, 395}});
        f.chart->refresh();
        // The pointer's position in chart values; the nearest measured sample is reported.
        Q_EMIT dataLine(f.chart.get(), QStringLiteral("greenSeries"))->hovered(QPointF(double(t + 300), 405.5), true);
        const QString time = QDateTime::fromMSecsSinceEpoch(t).toString(QStringLiteral("HH:mm:ss"));
        QCOMPARE(f.chart->hoverText(), QStringLiteral("Green · %1 · 412 ms").arg(time));

        Q_EMIT seriesOf(f.chart.get(), QStringLiteral("threshold:auto-rollback.response_time"))->hovered(QPointF(double(t), 600), true);
        QVERIFY2(f.chart->hoverText().contains(QLatin1String("Automatic rollback")), qPrintable(f.chart->hoverText()));
        QVERIFY(f.chart->hoverText().contains(QLatin1String("line 149")));
    }

    // The real pointer path: the data lines take no hover events themselves, the chart finds the
    // line nearest the pointer.
    void pointerOverLineShowsTimeAndValue()
    {
        Fixture f(Metric::ResponseTime);
        const qint64 t = f.now() - 2 * Minute;
        f.store.merge({Metric::ResponseTime, Color::Blue}, std::vector<Sample>{{t - 60'000, 300}, {t, 300}, {t + 60'000, 300}});
        f.chart->refresh();
        QCoreApplication::processEvents();
        QChartView *view = viewOf(f.chart.get());
        const QPointF inChart = view->chart()->mapToPosition(QPointF(double(t), 300), view->chart()->series().constFirst());
        const QPoint inViewport = view->mapFromScene(view->chart()->mapToScene(inChart));
        QTest::mouseMove(view->viewport(), inViewport);
        QTRY_COMPARE(f.chart->hoverText(), QStringLiteral("Blue · %1 · 300 ms").arg(QDateTime::fromMSecsSinceEpoch(t).toString(QStringLiteral("HH:mm:ss"))));
    }

    void refreshesAreCoalesced()
    {
        Fixture f(Metric::ErrorRate);
        QTest::qWait(MetricChart::MinRefreshIntervalMs + 50);
        int before = f.chart->refreshCount();
        // A burst: one refresh, not one per sample (a second one may follow if the first changed
        // the plot's width, e.g. wider axis labels, and so its pixel columns).
        for (int i = 0; i < 300; ++i) // 5 s apart, about one per pixel column: all are drawn
            f.store.append({Metric::ErrorRate, Color::Blue}, {f.now() - 1'500'000 + i * 5000, 0.1});
        QTRY_VERIFY(f.chart->refreshCount() > before);
        QTest::qWait(2 * MetricChart::MinRefreshIntervalMs);
        QVERIFY2(f.chart->refreshCount() - before <= 2, qPrintable(QString::number(f.chart->refreshCount() - before)));
        QCOMPARE(dataLine(f.chart.get(), QStringLiteral("blueSeries"))->points().size(), 300);

        // A steady stream, a sample every 5 ms for a second: at most 4 refreshes a second.
        QTest::qWait(MetricChart::MinRefreshIntervalMs + 50);
        before = f.chart->refreshCount();
        QElapsedTimer elapsed;
        elapsed.start();
        int appended = 0;
        while (elapsed.elapsed() < 1000) {
            f.store.append({Metric::ErrorRate, Color::Blue}, {f.now() - 1000 + appended++, 0.2}); // after the burst's last
            QTest::qWait(5);
        }
        const int refreshes = f.chart->refreshCount() - before;
        QVERIFY(appended > 50);
        QVERIFY2(refreshes >= 2 && refreshes <= 1000 / MetricChart::MinRefreshIntervalMs + 1,
                 qPrintable(QStringLiteral("%1 refreshes for %2 samples").arg(refreshes).arg(appended)));
    }

    void hiddenChartWaitsUntilShown()
    {
        Fixture f(Metric::ErrorRate);
        f.chart->hide();
        const int before = f.chart->refreshCount();
        f.store.append({Metric::ErrorRate, Color::Blue}, {f.now(), 0.1});
        QTest::qWait(MetricChart::MinRefreshIntervalMs + 100);
        QCOMPARE(f.chart->refreshCount(), before);
        f.chart->show();
        QTRY_COMPARE(f.chart->refreshCount(), before + 1);
    }

    void trafficShowsCommandedSteps()
    {
        Fixture f(Metric::TrafficShare);
        const qint64 t0 = f.now() - 20 * Minute;
        f.chart->setCommanded({{t0 - 40 * Minute, 0}, {t0, 5}, {t0 + 5 * Minute, 25}});
        f.store.append({Metric::TrafficShare, Color::Green}, {f.now(), 24.6});
        f.store.append({Metric::TrafficShare, Color::Blue}, {f.now(), 75.4});
        f.chart->refresh();
        QVERIFY(thresholdSeriesNames(f.chart.get()).isEmpty());
        QCOMPARE(f.chart->valueAxisMin(), 0.0);
        QCOMPARE(f.chart->valueAxisMax(), 100.0);
        const double from = double(f.chart->windowFromMs()), to = double(f.chart->windowToMs());
        const QList<QPointF> green = seriesOf(f.chart.get(), QStringLiteral("commandedGreen"))->points();
        QCOMPARE(green, (QList<QPointF>{{from, 0}, {double(t0), 0}, {double(t0), 5}, {double(t0 + 5 * Minute), 5}, {double(t0 + 5 * Minute), 25}, {to, 25}}));
        const QList<QPointF> blue = seriesOf(f.chart.get(), QStringLiteral("commandedBlue"))->points();
        QCOMPARE(blue.size(), green.size());
        for (qsizetype i = 0; i < blue.size(); ++i)
            QCOMPARE(blue.at(i).y(), 100 - green.at(i).y());
        QVERIFY(label(f.chart.get(), "commandedValue")->text().contains(QLatin1String("25")));
        QVERIFY(label(f.chart.get(), "greenValue")->text().contains(QLatin1String("25 %")));
    }

    void panelsHoldTheirCharts()
    {
        SampleStore store;
        ManualClock clock;
        MetricsPanel panel(&store, &clock, m_runbook.rules, clock.nowMs() - Minute);
        QCOMPARE(panel.objectName(), QStringLiteral("metricsPanel"));
        QList<Metric> metrics;
        for (MetricChart *chart : panel.charts()) {
            metrics << chart->metric();
            QVERIFY(chart->isCompact());
        }
        QCOMPARE(metrics, (QList<Metric>{Metric::TrafficShare, Metric::ErrorRate, Metric::ResponseTime, Metric::DbErrorRate, Metric::DbQueryTime,
                                         Metric::ResourceUtilization}));
        QVERIFY(!panel.chart(Metric::PageLoadTime));
        QVERIFY(panel.findChild<MetricChart *>(QStringLiteral("metricChart:db_query_time")));
        panel.setNormal(250.0);
        QCOMPARE(panel.chart(Metric::ResponseTime)->normal(), std::optional<double>(250.0));
        QVERIFY(panel.findChild<QComboBox *>(QStringLiteral("timeWindowCombo")));
    }

    void seriesColoursAreBlueAndGreenInBothPalettes()
    {
        QPalette light;
        light.setColor(QPalette::Window, Qt::white);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2a, 0x2e, 0x32));
        for (const QPalette &p : {light, dark}) {
            const int blueHue = ChartStyle::seriesColor(Color::Blue, p).hsvHue();
            const int greenHue = ChartStyle::seriesColor(Color::Green, p).hsvHue();
            QVERIFY2(blueHue > 190 && blueHue < 240, qPrintable(QString::number(blueHue)));
            QVERIFY2(greenHue > 100 && greenHue < 150, qPrintable(QString::number(greenHue)));
        }
    }
};

QTEST_MAIN(TestMetricChart)
#include "tst_metricchart.moc"
