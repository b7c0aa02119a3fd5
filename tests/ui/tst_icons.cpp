// The console's icons outside a desktop (the build root has no icon theme): every action and
// button named in common/icons.h has an icon from the console's own fallback theme, drawn by
// the SVG engine at the device pixel ratio asked for (sharp on a 2x screen, not a 1x image
// scaled up); a name the console does not bundle stays without one; the application icon is
// every window's and About's.
#include "windowfixture.h"
#include "demofixture.h"

#include "common/icons.h"
#include "help/aboutdialog.h"
#include "mainmenus.h"

#include <QImage>
#include <QMenuBar>

namespace {

int opaquePixels(const QImage &image, int minimumAlpha)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(image.pixel(x, y)) >= minimumAlpha)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestIcons : public QObject, protected WindowFixture
{
    Q_OBJECT

    // The icon at 16x16 logical pixels on a 2x screen: 32x32 device pixels, drawn for them.
    static void verifySharpAt2x(const QIcon &icon, const QString &what)
    {
        QVERIFY2(!icon.isNull(), qPrintable(what));
        const QPixmap twice = icon.pixmap(QSize(16, 16), 2.0);
        QCOMPARE(twice.devicePixelRatio(), 2.0);
        QCOMPARE(twice.size(), QSize(32, 32));
        const QImage image = twice.toImage().convertToFormat(QImage::Format_ARGB32);
        QVERIFY2(opaquePixels(image, 32) >= 20, qPrintable(what + QStringLiteral(": nearly nothing drawn")));
        // 1.5 px strokes are 3 device pixels at 2x: some pixels fully covered. The 1x image
        // scaled up has none where a stroke lies between pixels, and is not what we got.
        QVERIFY2(opaquePixels(image, 250) > 0, qPrintable(what + QStringLiteral(": no fully covered pixel at 2x")));
        const QImage once = icon.pixmap(QSize(16, 16), 1.0).toImage().convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(once.size(), QSize(16, 16));
        const QImage upscaled = once.scaled(32, 32, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        QVERIFY2(image != upscaled, qPrintable(what + QStringLiteral(": the 1x image scaled up")));
    }

    static QAction *findAction(MainWindow *window, const QString &objectName)
    {
        for (QMenu *menu : window->menuBar()->findChildren<QMenu *>()) {
            for (QAction *a : menu->actions()) {
                if (a->objectName() == objectName)
                    return a;
            }
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        setUpTestMode();
        // No desktop theme here, so without the console's fallback theme there are no icons:
        // what the tests below see comes from ours.
        QVERIFY2(!QIcon::hasThemeIcon(QStringLiteral("document-new")), qPrintable(QIcon::themeName()));
        QVERIFY(QIcon::fromTheme(Icons::name(Icons::Id::StepForward)).isNull());
        QVERIFY(QApplication::windowIcon().isNull() || QApplication::windowIcon().availableSizes().isEmpty());
        Icons::install();
    }
    void init() { setUpWindowTest(); }
    void cleanup() { tearDownWindowTest(); }

    void everyIconIsOursAndSharpAt2x()
    {
        QSet<QString> names;
        for (Icons::Id id : Icons::allIds) {
            const QString name = Icons::name(id);
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QVERIFY2(QIcon::hasThemeIcon(name), qPrintable(name));
            QVERIFY2(QFile::exists(QStringLiteral(":/icons/stonecaster/scalable/actions/%1.svg").arg(name)), qPrintable(name));
            verifySharpAt2x(Icons::action(id), name);
            if (QTest::currentTestFailed())
                return;
        }
        // Every SVG bundled is used: by an action, or (window-close) by the style's Close buttons.
        names.insert(QStringLiteral("window-close"));
        QStringList bundled = QDir(QStringLiteral(":/icons/stonecaster/scalable/actions")).entryList({QStringLiteral("*.svg")});
        bundled.replaceInStrings(QStringLiteral(".svg"), QString());
        QCOMPARE(QSet<QString>(bundled.begin(), bundled.end()), names);
    }

    // The style asks the icon theme for its standard icons: a dialog's Close button shows our
    // grey cross (which reads on the dark palette too), not the style's black one.
    void closeButtonsUseOurCross()
    {
        if (QGuiApplication::platformName() == QLatin1String("offscreen"))
            QSKIP("the offscreen platform gives the style no icon theme: run under xvfb-run for this one");
        const QIcon ours = QIcon::fromTheme(QStringLiteral("window-close"));
        verifySharpAt2x(ours, QStringLiteral("window-close"));
        const QIcon style = QApplication::style()->standardIcon(QStyle::SP_DialogCloseButton);
        QCOMPARE(style.pixmap(QSize(16, 16), 2.0).toImage(), ours.pixmap(QSize(16, 16), 2.0).toImage());
    }

    void aNameNotBundledHasNoIcon()
    {
        // Freedesktop names the console does not use: neither the (absent) desktop theme nor ours has them.
        for (const char *name : {"weather-storm", "media-eject", "stonecaster-no-such-icon"}) {
            QVERIFY2(!QIcon::hasThemeIcon(QLatin1String(name)), name);
            QVERIFY2(QIcon::fromTheme(QLatin1String(name)).pixmap(QSize(16, 16), 2.0).isNull(), name);
        }
    }

    void applicationIcon()
    {
        QVERIFY(!QApplication::windowIcon().isNull());
        QCOMPARE(QApplication::windowIcon().name(), Icons::applicationIconName());
        const QPixmap big = QApplication::windowIcon().pixmap(QSize(64, 64), 2.0);
        QCOMPARE(big.size(), QSize(128, 128));
        QVERIFY(opaquePixels(big.toImage().convertToFormat(QImage::Format_ARGB32), 250) > 128 * 128 / 2);

        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(!window->windowIcon().isNull());
        auto *menus = window->findChild<MainMenus *>();
        QVERIFY(menus);
        AboutDialog *about = menus->showAbout();
        auto *label = about->findChild<QLabel *>(QStringLiteral("aboutIcon"));
        QVERIFY(label);
        QVERIFY(!label->pixmap().isNull());
        about->close();
    }

    void menusAndButtonsHaveTheirIcons()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        const QList<std::pair<const char *, Icons::Id>> actions{
            {"actionNewDeployment", Icons::Id::NewDeployment}, {"actionOpenDeployment", Icons::Id::OpenDeployment},
            {"actionCloseDeployment", Icons::Id::CloseDeployment}, {"actionExportReport", Icons::Id::ExportReport},
            {"actionStatusUpdate", Icons::Id::StatusUpdate}, {"actionQuit", Icons::Id::Quit},
            {"actionConfigure", Icons::Id::Configure}, {"actionUserGuide", Icons::Id::UserGuide},
            {"actionAbout", Icons::Id::About},
        };
        for (const auto &[objectName, id] : actions) {
            QAction *a = findAction(window.get(), QLatin1String(objectName));
            QVERIFY2(a, objectName);
            QCOMPARE(a->icon().name(), Icons::name(id));
            verifySharpAt2x(a->icon(), QLatin1String(objectName));
            if (QTest::currentTestFailed())
                return;
        }
        const QList<std::pair<const char *, Icons::Id>> buttons{
            {"advanceButton", Icons::Id::StepForward}, {"backButton", Icons::Id::StepBack},
            {"overrideButton", Icons::Id::Override}, {"retryButton", Icons::Id::Retry},
            {"rollbackButton", Icons::Id::RollBack}, {"skipButton", Icons::Id::Skip},
            {"reopenButton", Icons::Id::Reopen}, {"noteButton", Icons::Id::Note},
        };
        for (const auto &[objectName, id] : buttons) {
            auto *button = window->findChild<QPushButton *>(QLatin1String(objectName));
            QVERIFY2(button, objectName);
            QCOMPARE(button->icon().name(), Icons::name(id));
            verifySharpAt2x(button->icon(), QLatin1String(objectName));
            if (QTest::currentTestFailed())
                return;
        }
        // Roll back is red with white text: its icon is white too, the theme's shape kept.
        const QImage rollback = window->findChild<QPushButton *>(QStringLiteral("rollbackButton"))->icon().pixmap(QSize(16, 16), 2.0).toImage().convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(rollback.devicePixelRatio(), 2.0);
        QCOMPARE(rollback.size(), QSize(32, 32));
        int white = 0;
        for (int y = 0; y < rollback.height(); ++y) {
            for (int x = 0; x < rollback.width(); ++x) {
                const QRgb pixel = rollback.pixel(x, y);
                if (qAlpha(pixel) == 255) {
                    QCOMPARE(QColor(pixel), QColor(Qt::white));
                    ++white;
                }
            }
        }
        QVERIFY(white > 0);
    }

    // Run with STONECASTER_SCREENSHOT_DIR set (and QT_SCALE_FACTOR=2 for 2x): the window on the
    // healthy demo at 5 % during the hold, in the light and the dark palette, with the
    // Deployment menu open, and About: the icons where they are used, at the screen's pixel ratio.
    void screenshots_data()
    {
        QTest::addColumn<AppSettings::ColorScheme>("scheme");
        QTest::newRow("light") << AppSettings::ColorScheme::Light;
        QTest::newRow("dark") << AppSettings::ColorScheme::Dark;
    }
    void screenshots()
    {
        const QString dir = qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        QVERIFY(QDir().mkpath(dir));
        const QString ratio = QStringLiteral("%1x").arg(qApp->devicePixelRatio());
        QFETCH(AppSettings::ColorScheme, scheme);
        const QString name = QString::fromLatin1(QTest::currentDataTag());
        const auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::Light); });
        ColorScheme::apply(qApp, scheme);
        {
            Demo demo(60.0);
            QVERIFY(demo.start(m_dir->filePath(name + QStringLiteral(".sqlite"))));
            QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
            demo.checkPreShiftItemsAndTakeFirstStep();
            if (QTest::currentTestFailed())
                return;
            QTest::qWait(3000); // 3 min at 5 %: green on the charts, the hold counting down
            demo.window->resize(1280, 800);
            QTest::qWait(500);
            QVERIFY(demo.window->grab().save(QStringLiteral("%1/icons-window-%2-%3.png").arg(dir, name, ratio)));
            QMenu *menu = demo.window->menuBar()->actions().constFirst()->menu();
            QVERIFY(menu);
            menu->popup(demo.window->mapToGlobal(QPoint(0, demo.window->menuBar()->height())));
            QVERIFY(QTest::qWaitForWindowExposed(menu));
            QTest::qWait(200);
            QVERIFY(menu->grab().save(QStringLiteral("%1/icons-menu-%2-%3.png").arg(dir, name, ratio)));
            menu->close();
            auto *menus = demo.window->findChild<MainMenus *>();
            QVERIFY(menus);
            AboutDialog *about = menus->showAbout();
            QVERIFY(QTest::qWaitForWindowExposed(about));
            QVERIFY(about->grab().save(QStringLiteral("%1/icons-about-%2-%3.png").arg(dir, name, ratio)));
            about->close();
        }
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
