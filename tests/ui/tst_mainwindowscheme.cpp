// The window in the dark colour scheme: readable text, visible check boxes, a readable selection,
// and the system scheme back after it.
#include "windowfixture.h"

class TestMainWindowScheme : public QObject, protected WindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestMode(); }
    void init() { setUpWindowTest(); }
    void cleanup() { tearDownWindowTest(); }

    void darkSchemeIsReadable()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::System); });
        QCoreApplication::processEvents();

        QTreeView *view = window->page(1)->view();
        const QPalette vp = view->palette();
        QVERIFY2(vp.color(QPalette::Base).lightnessF() < 0.25, "the dark scheme has a dark list background");
        QVERIFY2(vp.color(QPalette::Text).lightnessF() - vp.color(QPalette::Base).lightnessF() > 0.6,
                 qPrintable(describe(vp.color(QPalette::Text), vp.color(QPalette::Base))));
        QVERIFY2(contrast(vp.color(QPalette::Text), vp.color(QPalette::Base)) >= 7.0, qPrintable(describe(vp.color(QPalette::Text), vp.color(QPalette::Base))));
        QVERIFY2(contrast(vp.color(QPalette::Text), vp.color(QPalette::AlternateBase)) >= 7.0,
                 qPrintable(describe(vp.color(QPalette::Text), vp.color(QPalette::AlternateBase))));
        const QPalette wp = window->palette();
        QVERIFY2(contrast(wp.color(QPalette::WindowText), wp.color(QPalette::Window)) >= 7.0,
                 qPrintable(describe(wp.color(QPalette::WindowText), wp.color(QPalette::Window))));
        // The banner re-tints itself for the new palette.
        QVERIFY(!window->banner()->isHidden());
        auto *bannerText = window->banner()->findChild<QLabel *>(QStringLiteral("bannerText"));
        const QColor bannerFg = bannerText->palette().color(QPalette::WindowText);
        const QColor bannerBg = window->banner()->palette().color(QPalette::Window);
        QVERIFY2(bannerBg.lightnessF() < 0.4, qPrintable(describe(bannerFg, bannerBg)));
        QVERIFY2(contrast(bannerFg, bannerBg) >= 4.5, qPrintable(describe(bannerFg, bannerBg)));

        restore.dismiss();
        ColorScheme::apply(qApp, AppSettings::ColorScheme::System);
        QCoreApplication::processEvents();
        QVERIFY2(view->palette().color(QPalette::Base).lightnessF() > 0.75, "the system scheme comes back after the dark one");
        QVERIFY(contrast(view->palette().color(QPalette::Text), view->palette().color(QPalette::Base)) >= 7.0);
        const QColor bannerBgAfter = window->banner()->palette().color(QPalette::Window);
        QVERIFY2(bannerBgAfter.lightnessF() > 0.6, qPrintable(bannerBgAfter.name()));
    }

    // An open item's check box must stand out from its row (WCAG 1.4.11: 3:1 for controls),
    // or the operator cannot see what is left to do.
    void darkSchemeCheckBoxesVisible()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        ChecklistPage *page = showTab(window.get(), QStringLiteral("preparation"));
        const ChecklistModel *model = page->model();
        const QModelIndex group = model->index(0, 0);
        QVERIFY(page->model()->setData(model->index(3, 0, group), Qt::Checked, Qt::CheckStateRole));
        page->view()->setCurrentIndex(model->index(0, 0, model->index(2, 0))); // keep the selection off the rows measured
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::System); });
        QCoreApplication::processEvents();

        QTreeView *view = page->view();
        const QImage image = view->viewport()->grab().toImage();
        const qreal dpr = image.devicePixelRatio();
        auto pixel = [&](QPoint p) { return image.pixelColor(QPoint(qRound(p.x() * dpr), qRound(p.y() * dpr))); };
        // Strongest contrast inside the indicator against the row's own background.
        auto indicatorContrast = [&](const QModelIndex &item) {
            const QRect box = checkIndicatorRect(view, item);
            const QColor background = pixel(view->visualRect(item.siblingAtColumn(ChecklistModel::ByColumn)).center());
            double best = 1.0;
            for (int x = box.left(); x <= box.right(); ++x) {
                for (int y = box.top(); y <= box.bottom(); ++y)
                    best = std::max(best, contrast(pixel(QPoint(x, y)), background));
            }
            return std::pair{best, background};
        };
        // The measure finds a checked box (its mark is drawn in the text colour)...
        const auto [checkedContrast, checkedBackground] = indicatorContrast(model->index(3, 0, group));
        QVERIFY2(checkedContrast >= 3.0, qPrintable(QStringLiteral("checked box: %1:1").arg(checkedContrast, 0, 'f', 2)));
        // ...and an open one, on a plain and on an alternate row, must be visible as well.
        for (int row : {1, 2}) {
            const auto [open, background] = indicatorContrast(model->index(row, 0, group));
            QVERIFY2(open >= 3.0, qPrintable(QStringLiteral("open check box on row %1 (background %2): strongest contrast %3:1")
                                                 .arg(row).arg(background.name()).arg(open, 0, 'f', 2)));
        }
    }

    // The current item is always shown selected: its text must stay readable in the dark scheme.
    void darkSchemeSelectionIsReadable()
    {
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        const QPalette dark = qApp->palette();
        ColorScheme::apply(qApp, AppSettings::ColorScheme::System);
        for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
            const QColor fg = dark.color(group, QPalette::HighlightedText);
            const QColor bg = dark.color(group, QPalette::Highlight);
            QVERIFY2(contrast(fg, bg) >= 4.5, qPrintable(describe(fg, bg)));
        }
    }
};

QTEST_MAIN(TestMainWindowScheme)
#include "tst_mainwindowscheme.moc"
