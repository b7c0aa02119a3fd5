// MetricChart and TrafficChart: the decimated data, the thresholds, the header, hover, the
// refresh's pace, and the panels holding the charts.
#include "chartfixture.h"

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
        f.store.setError({Metric::ErrorRate, Color::Blue}, Phrase::verbatim(QStringLiteral("prometheus:9090: connection refused")));
        QTRY_VERIFY(label(f.chart.get(), "errorText")->isVisible());
        QVERIFY(label(f.chart.get(), "errorText")->text().contains(QLatin1String("connection refused")));

        // A new sample: fresh again.
        f.store.setError({Metric::ErrorRate, Color::Blue}, {});
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
        auto *traffic = qobject_cast<TrafficChart *>(f.chart.get());
        QVERIFY(traffic);
        traffic->setCommanded({{t0 - 40 * Minute, 0}, {t0, 5}, {t0 + 5 * Minute, 25}});
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
            metrics << chart->chartMetric();
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

    // Issue 13: a metric the profile has no query for is said to be not monitored, and nothing
    // is drawn for it (not even samples that happen to be in the store).
    void unqueriedMetricsAreNotMonitored()
    {
        SampleStore store;
        ManualClock clock;
        store.append({Metric::PageLoadTime, Color::Green}, Sample{clock.nowMs(), 900});
        MonitoringView view(&store, &clock, m_runbook.rules, clock.nowMs() - Minute);
        view.resize(1200, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QList<Metric> monitored;
        for (int i = 0; i < MetricCount; ++i) {
            if (Metric(i) != Metric::PageLoadTime && Metric(i) != Metric::ResourceUtilization)
                monitored << Metric(i);
        }
        view.setMonitored(monitored);
        view.refresh();
        for (MetricChart *chart : view.charts()) {
            const bool expected = monitored.contains(chart->chartMetric());
            QCOMPARE(chart->isMonitored(), expected);
            auto *notice = chart->findChild<QLabel *>(QStringLiteral("notMonitored"));
            QCOMPARE(notice && notice->isVisible(), !expected);
            QCOMPARE(viewOf(chart)->isVisible(), expected);
            QCOMPARE(label(chart, "greenValue")->isVisible(), expected);
        }
        MetricChart *pageLoad = view.chart(Metric::PageLoadTime);
        QVERIFY(pageLoad->findChild<QLabel *>(QStringLiteral("notMonitored"))->text().contains(QStringLiteral("no query for “Page load time”")));
        QVERIFY(!label(pageLoad, "greenValue")->text().contains(QLatin1String("900")));
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
