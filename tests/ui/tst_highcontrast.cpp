// A desktop's high-contrast scheme (white on black with a yellow selection, as KDE's and
// GNOME's offer) is kept by "Follow the system", the default, and comes back after the dark
// scheme; the window's status colours read at 4.5:1 (WCAG AA) on it, on the dark scheme and
// on the light default. Its own binary: the palette the application starts with stands for the
// desktop's, and ColorScheme takes the desktop's look once, at its first use.
#include "windowfixture.h"

#include "common/statuscolor.h"

namespace {
QPalette highContrastPalette()
{
    QPalette p;
    for (QPalette::ColorRole role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button, QPalette::ToolTipBase})
        p.setColor(role, Qt::black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText, QPalette::BrightText})
        p.setColor(role, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0xff, 0xff, 0x00));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Link, QColor(0x00, 0xff, 0xff));
    return p;
}

constexpr StatusColor::Role AllRoles[] = {StatusColor::Role::Good, StatusColor::Role::Bad, StatusColor::Role::Warning, StatusColor::Role::Muted};
} // namespace

class TestHighContrast : public QObject, protected WindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        setUpTestMode();
        qApp->setPalette(highContrastPalette()); // what the desktop's platform theme would give
    }
    void init() { setUpWindowTest(); }
    void cleanup() { tearDownWindowTest(); }

    // Before, "Follow the system" put the style's standard light palette over the desktop's.
    void followingTheSystemKeepsTheDesktopsPalette()
    {
        ColorScheme::apply(qApp, AppSettings::ColorScheme::System);
        QCOMPARE(qApp->palette().color(QPalette::Window), QColor(Qt::black));
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        QVERIFY(qApp->palette().color(QPalette::Window) != QColor(Qt::black));
        ColorScheme::apply(qApp, AppSettings::ColorScheme::System);
        QCOMPARE(qApp->palette().color(QPalette::Window), QColor(Qt::black));
        QCOMPARE(qApp->palette().color(QPalette::Highlight), QColor(0xff, 0xff, 0x00));
    }

    void theWindowReadsOnHighContrast()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const QPalette wp = window->palette();
        QCOMPARE(wp.color(QPalette::Window), QColor(Qt::black));
        QVERIFY2(contrast(wp.color(QPalette::WindowText), wp.color(QPalette::Window)) >= 7.0, qPrintable(describe(wp.color(QPalette::WindowText), wp.color(QPalette::Window))));
        const QPalette vp = window->page(1)->view()->palette();
        QVERIFY2(contrast(vp.color(QPalette::Text), vp.color(QPalette::Base)) >= 7.0, qPrintable(describe(vp.color(QPalette::Text), vp.color(QPalette::Base))));
        QVERIFY2(contrast(vp.color(QPalette::HighlightedText), vp.color(QPalette::Highlight)) >= 7.0,
                 qPrintable(describe(vp.color(QPalette::HighlightedText), vp.color(QPalette::Highlight))));
        // Every coloured span any label of the window shows reads on its background.
        for (QLabel *label : window->findChildren<QLabel *>()) {
            if (!label->isVisible() || !label->styleSheet().isEmpty())
                continue; // a label with its own colours (a badge) sets text and background together
            static const QRegularExpression color(QStringLiteral("color:\\s*(#[0-9a-fA-F]{6})"));
            const QColor background = label->palette().color(label->backgroundRole());
            for (const QRegularExpressionMatch &m : color.globalMatch(label->text())) {
                const QColor c(m.captured(1));
                QVERIFY2(contrast(c, background) >= 4.5, qPrintable(label->objectName() + QLatin1String(": ") + describe(c, background)));
            }
        }
    }

    // The status colours on every palette the console may meet.
    void statusColoursRead_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("high contrast, white on black") << highContrastPalette();
        QPalette blackOnWhite;
        for (QPalette::ColorRole role : {QPalette::Window, QPalette::Base, QPalette::Button})
            blackOnWhite.setColor(role, Qt::white);
        for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            blackOnWhite.setColor(role, Qt::black);
        QTest::newRow("high contrast, black on white") << blackOnWhite;
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        QTest::newRow("dark") << qApp->palette();
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Light);
        QTest::newRow("light") << qApp->palette();
        ColorScheme::apply(qApp, AppSettings::ColorScheme::System);
    }
    void statusColoursRead()
    {
        QFETCH(QPalette, palette);
        const QColor background = palette.color(QPalette::Window);
        for (StatusColor::Role role : AllRoles) {
            const QColor c = StatusColor::color(role, palette);
            QVERIFY2(contrast(c, background) >= 4.5, qPrintable(QStringLiteral("role %1: ").arg(int(role)) + describe(c, background)));
        }
        // Green, red and orange stay tellable apart (their hues are kept).
        const int good = StatusColor::color(StatusColor::Role::Good, palette).hsvHue();
        const int bad = StatusColor::color(StatusColor::Role::Bad, palette).hsvHue();
        QVERIFY2(good > 90 && good < 150, qPrintable(QString::number(good)));
        QVERIFY2(bad < 15 || bad > 345, qPrintable(QString::number(bad)));
    }
};

QTEST_MAIN(TestHighContrast)
#include "tst_highcontrast.moc"
