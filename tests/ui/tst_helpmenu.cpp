// The Help menu: the user guide's pages (compiled in, so they work from the build tree and from
// a package without /usr/share/doc) for the runbook and the profile format, links between them
// followed inside the window, the keys of every action listed under Keyboard, and About naming
// the versions of the console, Qt and the KF6 libraries (SyntaxHighlighting, Notifications) in use.
#include "windowfixture.h"

#include "help/aboutdialog.h"
#include "help/helpbrowser.h"
#include "mainmenus.h"

#include <knotifications_version.h>
#include <ksyntaxhighlighting_version.h>

#include <QMenuBar>
#include <QSignalSpy>
#include <QTextBrowser>

class TestHelpMenu : public QObject, protected WindowFixture
{
    Q_OBJECT

    static QAction *action(MainWindow *window, const QString &name)
    {
        QMenu *help = window->menuBar()->findChild<QMenu *>(QStringLiteral("menuHelp"));
        if (!help)
            return nullptr;
        for (QAction *a : help->actions()) {
            if (a->objectName() == name)
                return a;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { setUpTestMode(); }
    void init() { setUpWindowTest(); }
    void cleanup() { tearDownWindowTest(); }

    void guidePagesFromTheHelpMenu()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        for (const char *name : {"actionUserGuide", "actionRunbookFormat", "actionProfileFormat", "actionKeyboard", "actionAbout"})
            QVERIFY2(action(window.get(), QLatin1String(name)), name);
        QCOMPARE(action(window.get(), QStringLiteral("actionUserGuide"))->shortcut(), QKeySequence(QKeySequence::HelpContents));

        action(window.get(), QStringLiteral("actionRunbookFormat"))->trigger();
        auto *help = window->findChild<HelpBrowser *>();
        QVERIFY(help);
        QVERIFY(help->isVisible());
        QCOMPARE(help->source(), QUrl(QStringLiteral("qrc:/docs/runbook.md")));
        QTextBrowser *text = help->browser();
        // Markdown shown as text: headings and tables read, no fences, info strings or pipes left over.
        const QString runbook = text->toPlainText();
        QVERIFY2(runbook.startsWith(QStringLiteral("Writing a runbook")), qPrintable(runbook.left(200)));
        QVERIFY(runbook.contains(QStringLiteral("Diagnostics")));
        QVERIFY(runbook.contains(QStringLiteral("traffic step of N% is outside 1-100%")));
        QVERIFY(!runbook.contains(QStringLiteral("```markdown")));
        QVERIFY(!runbook.contains(QStringLiteral("file=checkout-runbook.md")));
        QVERIFY(!runbook.contains(QStringLiteral("|---|")));

        // The one window is reused; a link to another page of the guide opens it inside.
        action(window.get(), QStringLiteral("actionProfileFormat"))->trigger();
        QCOMPARE(window->findChildren<HelpBrowser *>().size(), 1);
        QCOMPARE(help->source(), QUrl(QStringLiteral("qrc:/docs/profile.md")));
        QVERIFY(text->toPlainText().startsWith(QStringLiteral("Writing an environment profile")));
        Q_EMIT text->anchorClicked(QUrl(QStringLiteral("runbook.md")));
        QCOMPARE(help->source(), QUrl(QStringLiteral("qrc:/docs/runbook.md")));
        // A link out of the guide (the repository's README) says so and stays.
        Q_EMIT text->anchorClicked(QUrl(QStringLiteral("../README.md#reliability")));
        QCOMPARE(help->source(), QUrl(QStringLiteral("qrc:/docs/runbook.md")));
        auto *note = help->findChild<QLabel *>(QStringLiteral("helpNote"));
        QVERIFY(note && !note->isHidden());
        QVERIFY2(note->text().contains(QStringLiteral("not part of the user guide")), qPrintable(note->text()));

        action(window.get(), QStringLiteral("actionUserGuide"))->trigger();
        QCOMPARE(help->source(), QUrl(QStringLiteral("qrc:/docs/README.md")));
        QVERIFY(text->toPlainText().contains(QStringLiteral("Writing a runbook")));
    }

    // Every page of docs/ is compiled in.
    void everyPageBuiltIn()
    {
        const QStringList pages = QDir(QStringLiteral(STONECASTER_SOURCE_DIR "/docs")).entryList({QStringLiteral("*.md")}, QDir::Files);
        QVERIFY(pages.size() >= 8);
        for (const QString &page : pages)
            QVERIFY2(QFile::exists(QStringLiteral(":/docs/") + page), qPrintable(page));
    }

    // Help > Keyboard names the key of every action of the window that has one.
    void keyboardListsEveryShortcut()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        const QString keys = MainMenus::keyboardText();
        QStringList missing;
        for (QAction *a : window->findChildren<QAction *>()) {
            for (const QKeySequence &k : a->shortcuts()) {
                const QString text = k.toString(QKeySequence::NativeText);
                if (!keys.contains(text))
                    missing << QStringLiteral("%1 (%2)").arg(text, a->text());
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
        for (const char *key : {"Space", "F2", "Ctrl+Tab", "F9"})
            QVERIFY2(keys.contains(QLatin1String(key)), key);
    }

    void aboutNamesTheVersions()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        action(window.get(), QStringLiteral("actionAbout"))->trigger();
        auto *about = window->findChild<AboutDialog *>();
        QVERIFY(about);
        QVERIFY(about->isVisible());
        const QString title = about->findChild<QLabel *>(QStringLiteral("aboutTitle"))->text();
        QCOMPARE(title, QStringLiteral("StoneCaster Deploy Console " STONECASTER_PROJECT_VERSION));
        const QString versions = about->findChild<QLabel *>(QStringLiteral("aboutVersions"))->text();
        QVERIFY2(versions.contains(QStringLiteral("Qt %1 (built with Qt %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))),
                 qPrintable(versions));
        // The library loaded here is the one the build root has, the one built against.
        QCOMPARE(AboutDialog::loadedSyntaxHighlightingVersion(), QStringLiteral(KSYNTAXHIGHLIGHTING_VERSION_STRING));
        QVERIFY2(versions.contains(QStringLiteral("KDE Frameworks SyntaxHighlighting " KSYNTAXHIGHLIGHTING_VERSION_STRING " (built with " KSYNTAXHIGHLIGHTING_VERSION_STRING ")")),
                 qPrintable(versions));
        QCOMPARE(AboutDialog::loadedNotificationsVersion(), QStringLiteral(KNOTIFICATIONS_VERSION_STRING));
        QVERIFY2(versions.contains(QStringLiteral("KDE Frameworks Notifications " KNOTIFICATIONS_VERSION_STRING " (built with " KNOTIFICATIONS_VERSION_STRING ")")),
                 qPrintable(versions));

        // Its User guide button opens the guide's contents.
        auto *guide = about->findChild<QPushButton *>(QStringLiteral("aboutUserGuide"));
        QVERIFY(guide);
        QPointer<AboutDialog> gone(about);
        guide->click();
        QTRY_VERIFY(!gone);
        auto *help = window->findChild<HelpBrowser *>();
        QVERIFY(help && help->isVisible());
        QCOMPARE(help->source(), QUrl(QStringLiteral("qrc:/docs/README.md")));
    }

    // STONECASTER_SCREENSHOT_DIR=DIR: the About dialog and the runbook format page as PNGs.
    void screenshots()
    {
        if (qEnvironmentVariableIsEmpty("STONECASTER_SCREENSHOT_DIR"))
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        const QDir dir(qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR"));
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        window->show();
        AboutDialog *about = window->findChild<MainMenus *>()->showAbout();
        QVERIFY(QTest::qWaitForWindowExposed(about));
        QTest::qWait(200);
        QVERIFY(about->grab().save(dir.filePath(QStringLiteral("about-dialog.png"))));
        about->close();
        HelpBrowser *help = window->findChild<MainMenus *>()->showHelp(QStringLiteral("runbook.md"));
        QVERIFY(QTest::qWaitForWindowExposed(help));
        QTest::qWait(200);
        QVERIFY(help->grab().save(dir.filePath(QStringLiteral("help-runbook-format.png"))));
    }
};

QTEST_MAIN(TestHelpMenu)
#include "tst_helpmenu.moc"
