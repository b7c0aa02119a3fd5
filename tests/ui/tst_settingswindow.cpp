// Settings that behave like a desktop application's: Open Recent remembers the deployments
// opened here (newest first, each once, cut to the limit) and the runbooks and profiles given,
// reopens a deployment of this journal in place and starts a new window for anything else;
// the settings dialog changes the operator name, the colour scheme (the View menu follows)
// and the recent lists; nothing secret is written to the settings file.
#include "windowfixture.h"

#include "mainmenus.h"
#include "recentmenu.h"
#include "settingsdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QTimer>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSpinBox>

class TestSettingsWindow : public QObject, protected WindowFixture
{
    Q_OBJECT

    static QStringList actionTexts(QMenu *menu)
    {
        QStringList texts;
        for (QAction *a : menu->actions()) {
            if (!a->isSeparator())
                texts << a->text();
        }
        return texts;
    }
    static RecentMenu *recentMenu(MainWindow *window) { return window->findChild<RecentMenu *>(QStringLiteral("menuOpenRecent")); }
    static QString settingsFile()
    {
        return QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).fileName();
    }

private Q_SLOTS:
    void initTestCase() { setUpTestMode(); }
    void init() { setUpWindowTest(); }
    void cleanup() { tearDownWindowTest(); }

    void recentDeploymentsNewestFirstOnceEach()
    {
        m_settings->addRecentDeployment({QStringLiteral("a"), QStringLiteral("api 1"), QStringLiteral("/j/one.sqlite"), {}});
        m_settings->addRecentDeployment({QStringLiteral("b"), QStringLiteral("api 2"), QStringLiteral("/j/one.sqlite"), {}});
        m_settings->addRecentDeployment({QStringLiteral("a"), QStringLiteral("api 1"), QStringLiteral("/j/one.sqlite"), {}});
        m_settings->addRecentDeployment({QStringLiteral("a"), QStringLiteral("api 1 elsewhere"), QStringLiteral("/j/two.sqlite"), QStringLiteral("/p/prod.json")});
        QList<AppSettings::RecentDeployment> list = m_settings->recentDeployments();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list[0].label, QStringLiteral("api 1 elsewhere"));
        QCOMPARE(list[0].profilePath, QStringLiteral("/p/prod.json"));
        QCOMPARE(list[1].id, QStringLiteral("a"));
        QCOMPARE(list[1].journalPath, QStringLiteral("/j/one.sqlite"));
        QCOMPARE(list[2].id, QStringLiteral("b"));
        // A new AppSettings (the next start) reads the same.
        QCOMPARE(AppSettings().recentDeployments().size(), 3);
        m_settings->setRecentLimit(2);
        list = AppSettings().recentDeployments();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[1].id, QStringLiteral("a"));
        for (int i = 0; i < 5; ++i)
            m_settings->addRecentRunbook(m_dir->filePath(QStringLiteral("runbook%1.md").arg(i)));
        QCOMPARE(m_settings->recentRunbooks(), (QStringList{m_dir->filePath(QStringLiteral("runbook4.md")), m_dir->filePath(QStringLiteral("runbook3.md"))}));
        m_settings->clearRecent();
        QVERIFY(AppSettings().recentDeployments().isEmpty());
        QVERIFY(AppSettings().recentRunbooks().isEmpty());
    }

    void newWindowArguments()
    {
        QCOMPARE(RecentMenu::arguments({QStringLiteral("d1"), QStringLiteral("api 1"), QStringLiteral("/j/x.sqlite"), QStringLiteral("/p/prod.json")}),
                 (QStringList{QStringLiteral("--journal"), QStringLiteral("/j/x.sqlite"), QStringLiteral("--deployment"), QStringLiteral("d1"),
                              QStringLiteral("--profile"), QStringLiteral("/p/prod.json")}));
        // The default journal and the demo are what the console opens without options.
        QCOMPARE(RecentMenu::arguments({QStringLiteral("d1"), QStringLiteral("api 1"), {}, {}}), (QStringList{QStringLiteral("--deployment"), QStringLiteral("d1")}));
        QCOMPARE(RecentMenu::runbookArguments(QStringLiteral("/r/x.md")), (QStringList{QStringLiteral("--runbook"), QStringLiteral("/r/x.md")}));
    }

    // The deployments started here are in Open Recent; choosing one of this journal reopens
    // it in this window.
    void openRecentReopensHere()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        const QString first = window->deployment()->id();
        QVERIFY(window->closeDeployment(DeploymentOutcome::Aborted, QStringLiteral("test")));
        QVERIFY(window->startDeployment(QStringLiteral("search-api"), QStringLiteral("v7"), QStringLiteral("alice")));
        const QString second = window->deployment()->id();
        QVERIFY(first != second);

        RecentMenu *menu = recentMenu(window.get());
        QVERIFY(menu);
        Q_EMIT menu->aboutToShow();
        const QStringList texts = actionTexts(menu);
        QVERIFY2(texts.indexOf(QStringLiteral("search-api v7")) >= 0 && texts.indexOf(QStringLiteral("search-api v7")) < texts.indexOf(QStringLiteral("checkout-api v2.14.0")),
                 qPrintable(texts.join(u'|')));
        QVERIFY2(texts.contains(QStringLiteral("&Clear list")), qPrintable(texts.join(u'|')));
        for (QAction *a : menu->actions()) {
            if (a->text() == QStringLiteral("checkout-api v2.14.0")) {
                a->trigger();
                break;
            }
        }
        QCOMPARE(window->deployment()->id(), first);
        QCOMPARE(window->deployment()->state().service, QStringLiteral("checkout-api"));
    }

    // A deployment in another journal is not opened in this window (its journal is not this
    // one): the entry says it opens a new window.
    void otherJournalOpensNewWindow()
    {
        m_settings->addRecentDeployment({QStringLiteral("elsewhere"), QStringLiteral("billing 3"), m_dir->filePath(QStringLiteral("other.sqlite")), {}});
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        RecentMenu *menu = recentMenu(window.get());
        Q_EMIT menu->aboutToShow();
        QVERIFY2(actionTexts(menu).contains(QStringLiteral("billing 3 (other.sqlite, new window)")), qPrintable(actionTexts(menu).join(u'|')));
        QSignalSpy here(menu, &RecentMenu::openHere);
        QVERIFY(here.isEmpty());
        // A runbook that is gone is shown disabled, not offered.
        m_settings->addRecentRunbook(m_dir->filePath(QStringLiteral("gone.md")));
        Q_EMIT menu->aboutToShow();
        bool found = false;
        for (QAction *a : menu->actions()) {
            if (a->text() == QStringLiteral("gone.md (missing)")) {
                found = true;
                QVERIFY(!a->isEnabled());
            }
        }
        QVERIFY2(found, qPrintable(actionTexts(menu).join(u'|')));
    }

    // Deployment > Open runbook in a new window: the file chosen is remembered in Open Recent
    // and opened in a new console window (--runbook PATH); the same for a profile.
    void openRunbookAndProfileFromTheMenu()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        RecentMenu *menu = recentMenu(window.get());
        QList<QStringList> launched;
        menu->setLauncher([&launched](const QStringList &arguments) {
            launched << arguments;
            return true;
        });
        const QString runbook = m_dir->filePath(QStringLiteral("payments-runbook.md"));
        const QString profile = m_dir->filePath(QStringLiteral("payments.json"));
        for (const QString &path : {runbook, profile}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        const auto choose = [&](const char *actionName, const QString &path) {
            QAction *action = window->findChild<QAction *>(QLatin1String(actionName));
            QVERIFY(action);
            bool chosen = false;
            QTimer::singleShot(0, window.get(), [&] {
                QTRY_VERIFY(qobject_cast<QFileDialog *>(QApplication::activeModalWidget()));
                auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
                dialog->selectFile(path);
                QMetaObject::invokeMethod(dialog, "accept");
                chosen = true;
            });
            action->trigger();
            QTRY_VERIFY(chosen);
        };
        choose("actionOpenRunbook", runbook);
        choose("actionOpenProfile", profile);
        QCOMPARE(launched, (QList<QStringList>{{QStringLiteral("--runbook"), runbook}, {QStringLiteral("--profile"), profile}}));
        QCOMPARE(AppSettings().recentRunbooks().value(0), runbook);
        QCOMPARE(AppSettings().recentProfiles().value(0), profile);
        Q_EMIT menu->aboutToShow();
        const QStringList texts = actionTexts(menu);
        QVERIFY2(texts.contains(QStringLiteral("payments-runbook.md")) && texts.contains(QStringLiteral("payments.json")), qPrintable(texts.join(u'|')));
    }

    void settingsDialogApplies()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        SettingsDialog dialog(m_settings.get(), window.get());
        dialog.findChild<QLineEdit *>(QStringLiteral("operatorName"))->setText(QStringLiteral("  bob  "));
        auto *scheme = dialog.findChild<QComboBox *>(QStringLiteral("colorScheme"));
        scheme->setCurrentIndex(scheme->findData(int(AppSettings::ColorScheme::Dark)));
        dialog.findChild<QSpinBox *>(QStringLiteral("recentLimit"))->setValue(3);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::System); });
        dialog.apply();
        AppSettings next; // what the next start reads
        QCOMPARE(next.operatorName(), QStringLiteral("bob"));
        QCOMPARE(next.colorScheme(), AppSettings::ColorScheme::Dark);
        QCOMPARE(next.recentLimit(), 3);
        // The View menu's scheme follows the dialog.
        QMenu *view = nullptr;
        for (QAction *a : window->menuBar()->actions()) {
            if (a->text() == QStringLiteral("&View"))
                view = a->menu();
        }
        QVERIFY(view);
        QMenu *schemes = nullptr;
        for (QAction *a : view->actions()) {
            if (a->menu() && a->text() == QStringLiteral("&Colour scheme"))
                schemes = a->menu();
        }
        QVERIFY(schemes);
        for (QAction *a : schemes->actions())
            QCOMPARE(a->isChecked(), a->text() == QStringLiteral("&Dark"));
        // Clearing the recent lists from the dialog.
        m_settings->addRecentRunbook(m_dir->filePath(QStringLiteral("x.md")));
        dialog.findChild<QPushButton *>(QStringLiteral("clearRecent"))->click();
        QVERIFY(AppSettings().recentRunbooks().isEmpty());
    }

    // STONECASTER_SCREENSHOT_DIR=DIR: the settings dialog and the Open Recent menu as PNGs.
    void screenshots()
    {
        if (qEnvironmentVariableIsEmpty("STONECASTER_SCREENSHOT_DIR"))
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        const QDir dir(qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR"));
        m_settings->addRecentRunbook(QStringLiteral(STONECASTER_SOURCE_DIR "/tests/data/canary-runbook.md"));
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        QVERIFY(window->closeDeployment(DeploymentOutcome::Completed, QStringLiteral("done")));
        QVERIFY(window->startDeployment(QStringLiteral("search-api"), QStringLiteral("v7.1"), QStringLiteral("alice")));
        m_settings->addRecentDeployment({QStringLiteral("d-billing"), QStringLiteral("billing 3.2.0"), m_dir->filePath(QStringLiteral("team.sqlite")), {}});
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        RecentMenu *menu = recentMenu(window.get());
        menu->popup(window->mapToGlobal(QPoint(40, 60)));
        QTRY_VERIFY(menu->isVisible());
        QTest::qWait(200);
        QVERIFY(menu->grab().save(dir.filePath(QStringLiteral("open-recent.png"))));
        menu->hide();
        SettingsDialog dialog(m_settings.get(), window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(dir.filePath(QStringLiteral("settings-dialog.png"))));
    }

    // The settings file holds preferences, never a secret: a token in the environment (as a
    // profile's secret would be given) is nowhere in it after a deployment was started.
    void nothingSecretInSettings()
    {
        const QByteArray token = "s3cr3t-token-0123456789";
        qputenv("STONECASTER_TEST_TOKEN", token);
        auto unset = qScopeGuard([] { qunsetenv("STONECASTER_TEST_TOKEN"); });
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        SettingsDialog(m_settings.get(), window.get()).apply();
        window->close();
        m_settings->sync();
        QFile file(settingsFile());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settingsFile()));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains("checkout-api v2.14.0")); // the file is the one written
        QVERIFY(!content.contains(token));
        QVERIFY(!content.contains("TOKEN"));
    }
};

QTEST_MAIN(TestSettingsWindow)
#include "tst_settingswindow.moc"
