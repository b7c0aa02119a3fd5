// The window on the built-in demo, at its default size (1280x800) and larger, and the monitoring
// view at its default size and at 1280x800: the window is the size asked for, nothing in it is
// cut or drawn over something else. The charts' threshold labels never overlap each other and
// stay inside their plots, the charts' header lines fit, the live panel's charts fit its width,
// and the progress texts fit their bars and read in one colour. tst_windowlayout_de runs it in
// German (STONECASTER_TEST_LANGUAGE=de: the catalogue installed as the console does), whose
// words are longer.
#include "charts/metricchart.h"
#include "charts/metricspanel.h"
#include "charts/monitoringview.h"
#include "checklistpage.h"
#include "common/icons.h"
#include "demofixture.h"
#include "progressbar.h"
#include "translations.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QScrollArea>
#include <QStatusBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

class TestWindowLayout : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static void checkCharts(MetricChartGroup *group, const QString &where)
    {
        for (MetricChart *chart : group->charts()) {
            const QString name = where + QLatin1Char(' ') + chart->objectName();
            const QRectF plot = chart->plotArea();
            auto *view = chart->findChild<QChartView *>(QStringLiteral("chartView"));
            QVERIFY(view);
            QVERIFY2(plot.width() > 50 && plot.height() > 30, qPrintable(name));
            const QRect viewRect = view->rect();
            QList<ThresholdOverlay::Label> shown;
            for (const ThresholdOverlay::Label &label : chart->thresholdLabels()) {
                if (!label.visible)
                    continue;
                const QString what = QStringLiteral("%1: \"%2\" at %3,%4 %5x%6, plot %7,%8 %9x%10")
                                         .arg(name, label.text)
                                         .arg(label.rect.x())
                                         .arg(label.rect.y())
                                         .arg(label.rect.width())
                                         .arg(label.rect.height())
                                         .arg(plot.x())
                                         .arg(plot.y())
                                         .arg(plot.width())
                                         .arg(plot.height());
                QVERIFY2(plot.adjusted(-0.5, -0.5, 0.5, 0.5).contains(label.rect), qPrintable(what));
                const QRect inView = view->mapFromScene(view->chart()->mapToScene(label.rect)).boundingRect();
                QVERIFY2(viewRect.contains(inView), qPrintable(what));
                for (const ThresholdOverlay::Label &other : std::as_const(shown))
                    QVERIFY2(!other.rect.intersects(label.rect), qPrintable(what + QStringLiteral(" overlaps \"%1\"").arg(other.text)));
                shown << label;
            }
            // Every line in view is labelled, alone or with others.
            QStringList said;
            for (const ThresholdOverlay::Label &label : std::as_const(shown))
                said << label.toolTip;
            const double top = chart->valueAxisMax();
            const double bottom = chart->valueAxisMin();
            for (const ThresholdLine &line : chart->thresholdLines()) {
                if (line.value > top || line.value < bottom)
                    continue;
                const QString text = chart->isCompact() ? line.shortLabel : line.label;
                QVERIFY2(said.join(u'|').contains(text), qPrintable(QStringLiteral("%1: \"%2\" is not labelled; labels: %3").arg(name, text, said.join(u'|'))));
            }
            // The header's lines are not cut.
            for (QLabel *label : chart->findChildren<QLabel *>()) {
                if (!label->isVisible() || label->wordWrap() || label->text().isEmpty())
                    continue;
                QVERIFY2(label->width() >= label->sizeHint().width(),
                         qPrintable(QStringLiteral("%1: %2 \"%3\" is %4 px wide, needs %5").arg(name, label->objectName(), label->text()).arg(label->width()).arg(label->sizeHint().width())));
            }
        }
    }

    static void checkProgressFits(QProgressBar *bar, QWidget *window)
    {
        QVERIFY(bar);
        const int needed = bar->fontMetrics().horizontalAdvance(bar->text()) + 8;
        QVERIFY2(bar->width() >= needed,
                 qPrintable(QStringLiteral("%1: \"%2\" needs %3 px, the bar is %4 px wide").arg(bar->objectName(), bar->text()).arg(needed).arg(bar->width())));
        const QRect inWindow(bar->mapTo(window, QPoint(0, 0)), bar->size());
        QVERIFY2(window->rect().contains(inWindow), qPrintable(bar->objectName()));
        QVERIFY2(qobject_cast<ProgressBar *>(bar), qPrintable(bar->objectName() + QStringLiteral(" draws its text in one colour")));
    }

    // The window at its default size and larger: it is the size asked for, and nothing in it is
    // cut or drawn over something else.
    static void checkWindow(Demo &demo, const QString &state)
    {
        for (const QSize size : {QSize(1280, 800), QSize(1920, 1080)}) {
            const QString where = QStringLiteral("window %1 at %2x%3").arg(state).arg(size.width()).arg(size.height());
            demo.window->resize(size);
            QTest::qWait(300);
            demo.window->metricsPanel()->refresh();
            QCoreApplication::processEvents();
            // A window needing more than it was given grows, and stays grown: what made it grow
            // is gone by now, so the minimum widths below are only clues.
            QVERIFY2(demo.window->size() == size,
                     qPrintable(QStringLiteral("%1: the window is %2x%3; minimum widths now: window %4, its middle %5, the traffic strip %6, "
                                               "the live panel %7, the status bar %8")
                                    .arg(where)
                                    .arg(demo.window->width())
                                    .arg(demo.window->height())
                                    .arg(demo.window->minimumWidth())
                                    .arg(demo.window->centralWidget()->minimumSizeHint().width())
                                    .arg(demo.window->trafficPanel()->minimumSizeHint().width())
                                    .arg(demo.window->metricsPanel()->minimumSizeHint().width())
                                    .arg(demo.window->statusBar()->minimumSizeHint().width())));
            checkProgressFits(demo.window->findChild<QProgressBar *>(QStringLiteral("overallProgress")), demo.window.get());
            checkProgressFits(demo.window->currentPage()->findChild<QProgressBar *>(QStringLiteral("tabProgress")), demo.window.get());
            // The live panel's charts fit its width (it scrolls only up and down).
            auto *scroll = demo.window->metricsPanel()->findChild<QScrollArea *>(QStringLiteral("metricsPanelScroll"));
            QVERIFY(scroll);
            QVERIFY2(scroll->widget()->width() <= scroll->viewport()->width(),
                     qPrintable(QStringLiteral("%1: the charts are %2 px wide in a panel of %3").arg(where).arg(scroll->widget()->width()).arg(scroll->viewport()->width())));
            checkCharts(demo.window->metricsPanel(), where + QStringLiteral(", live panel"));
            if (QTest::currentTestFailed())
                return;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).clear();
        if (const QString language = qEnvironmentVariable("STONECASTER_TEST_LANGUAGE"); !language.isEmpty())
            QCOMPARE(Translations::install(qApp, QLocale(language)), language);
        Icons::install(); // as main() does: the buttons with their icons
    }

    void windowAndMonitoringView()
    {
        Demo demo(60.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("layout.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        QTRY_VERIFY(demo.panel()->rollout());
        checkWindow(demo, QStringLiteral("just started"));
        if (QTest::currentTestFailed())
            return;
        // "Normal" is measured: the response time chart draws it and its 2x and 3x next to the target.
        MetricChart *p95 = demo.window->metricsPanel()->chart(Metric::ResponseTime);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(p95->thresholdLines().cbegin(), p95->thresholdLines().cend(),
                                             [](const ThresholdLine &l) { return l.id == QLatin1String("normal"); }),
                                 30000);
        QTRY_VERIFY(demo.panel()->rollout());
        checkWindow(demo, QStringLiteral("locked before the first step"));
        if (QTest::currentTestFailed())
            return;
        demo.stepThrough({5});
        checkWindow(demo, QStringLiteral("in the hold at 5 %"));
        if (QTest::currentTestFailed())
            return;

        demo.window->showMonitoringView();
        MonitoringView *view = demo.window->monitoringView();
        for (const QSize size : {view->size(), QSize(1280, 800)}) {
            view->resize(size);
            QTest::qWait(300);
            view->refresh();
            QCoreApplication::processEvents();
            QCOMPARE(view->size(), size);
            checkCharts(view, QStringLiteral("monitoring view at %1x%2").arg(size.width()).arg(size.height()));
        }
        view->close();
    }
};

QTEST_MAIN(TestWindowLayout)
#include "tst_windowlayout.moc"
