// The charts' time: the window (last 5 min to the whole deployment, shared by a view's charts)
// and the time axis's round-time labels, drawn by TimeAxisItem.
#include "chartfixture.h"

class TestChartTimeAxis : public QObject
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
};

QTEST_MAIN(TestChartTimeAxis)
#include "tst_charttimeaxis.moc"
