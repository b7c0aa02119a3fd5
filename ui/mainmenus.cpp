#include "mainmenus.h"

#include "colorscheme.h"
#include "common/icons.h"
#include "help/aboutdialog.h"
#include "help/helpbrowser.h"
#include "recentmenu.h"
#include "settingsdialog.h"

#include "core/appsettings.h"

#include <QActionGroup>
#include <QApplication>
#include <QMainWindow>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>

MainMenus::MainMenus(QMainWindow *window, AppSettings *settings, QAction *referenceToggle)
    : QObject(window)
    , m_window(window)
{
    QMenu *deployment = m_deployment = window->menuBar()->addMenu(tr("&Deployment"));
    QAction *newAction = deployment->addAction(tr("&New deployment…"), this, &MainMenus::newDeploymentRequested);
    newAction->setObjectName(QStringLiteral("actionNewDeployment"));
    newAction->setIcon(Icons::action(Icons::Id::NewDeployment));
    newAction->setShortcut(QKeySequence::New);
    QAction *openAction = deployment->addAction(tr("&Open deployment…"), this, &MainMenus::openDeploymentRequested);
    openAction->setObjectName(QStringLiteral("actionOpenDeployment"));
    openAction->setIcon(Icons::action(Icons::Id::OpenDeployment));
    openAction->setShortcut(QKeySequence::Open);
    m_recent = new RecentMenu(settings, window);
    QAction *openRunbook = deployment->addAction(tr("Open run&book in a new window…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Open runbook"), QString(), tr("Runbooks (*.md *.markdown);;All files (*)"));
        if (!path.isEmpty())
            m_recent->openRunbook(path);
    });
    openRunbook->setObjectName(QStringLiteral("actionOpenRunbook"));
    openRunbook->setIcon(Icons::action(Icons::Id::OpenDeployment)); // document-open, as any Open…
    QAction *openProfile = deployment->addAction(tr("Open pro&file in a new window…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Open profile"), QString(), tr("Profiles (*.json);;All files (*)"));
        if (!path.isEmpty())
            m_recent->openProfile(path);
    });
    openProfile->setObjectName(QStringLiteral("actionOpenProfile"));
    openProfile->setIcon(Icons::action(Icons::Id::OpenDeployment));
    deployment->addMenu(m_recent);
    m_closeDeployment = deployment->addAction(tr("&Close deployment…"), this, &MainMenus::closeDeploymentRequested);
    m_closeDeployment->setObjectName(QStringLiteral("actionCloseDeployment"));
    m_closeDeployment->setIcon(Icons::action(Icons::Id::CloseDeployment));
    m_reading = deployment->addAction(tr("Runbook &reading…"), this, &MainMenus::readingRequested);
    m_reading->setObjectName(QStringLiteral("actionRunbookReading"));
    m_reading->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    m_reading->setEnabled(false); // until a deployment is open
    deployment->addSeparator();
    QAction *quit = deployment->addAction(tr("&Quit"), window, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setIcon(Icons::action(Icons::Id::Quit));
    quit->setShortcut(QKeySequence::Quit);

    m_view = window->menuBar()->addMenu(tr("&View"));
    referenceToggle->setShortcut(Qt::Key_F9);
    m_view->addAction(referenceToggle);
    QMenu *schemeMenu = m_view->addMenu(tr("&Colour scheme"));
    auto *schemes = new QActionGroup(this);
    const QList<std::pair<QString, AppSettings::ColorScheme>> entries{
        {tr("&System"), AppSettings::ColorScheme::System}, {tr("&Light"), AppSettings::ColorScheme::Light}, {tr("&Dark"), AppSettings::ColorScheme::Dark}};
    for (const auto &[label, scheme] : entries) {
        QAction *a = schemeMenu->addAction(label);
        a->setCheckable(true);
        a->setChecked(settings->colorScheme() == scheme);
        schemes->addAction(a);
        connect(a, &QAction::triggered, this, [settings, scheme] {
            settings->setColorScheme(scheme);
            ColorScheme::apply(qApp, scheme);
        });
        // The settings dialog changes it too.
        connect(settings, &AppSettings::colorSchemeChanged, a, [a, scheme](AppSettings::ColorScheme now) { a->setChecked(now == scheme); });
    }
    m_view->addSeparator();
    QAction *runbookSource = m_view->addAction(tr("&Runbook source…"), this, &MainMenus::runbookSourceRequested);
    runbookSource->setObjectName(QStringLiteral("actionRunbookSource"));
    runbookSource->setShortcut(Qt::CTRL | Qt::Key_U);
    m_profileSource = m_view->addAction(tr("&Profile source…"), this, &MainMenus::profileSourceRequested);
    m_profileSource->setObjectName(QStringLiteral("actionProfileSource"));
    m_profileSource->setEnabled(false); // until there is a metrics session (its profile)

    QMenu *settingsMenu = window->menuBar()->addMenu(tr("&Settings"));
    QAction *configure = settingsMenu->addAction(tr("&Configure StoneCaster Deploy Console…"), this, [this, settings] {
        SettingsDialog dialog(settings, m_window);
        dialog.exec();
    });
    configure->setObjectName(QStringLiteral("actionConfigure"));
    configure->setIcon(Icons::action(Icons::Id::Configure));
    configure->setShortcut(QKeySequence::Preferences);
    configure->setMenuRole(QAction::PreferencesRole);

    QMenu *help = window->menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    QAction *guide = help->addAction(tr("&User guide"), this, [this] { showHelp(QStringLiteral("README.md")); });
    guide->setObjectName(QStringLiteral("actionUserGuide"));
    guide->setIcon(Icons::action(Icons::Id::UserGuide));
    guide->setShortcut(QKeySequence::HelpContents);
    QAction *runbookFormat = help->addAction(tr("&Runbook format"), this, [this] { showHelp(QStringLiteral("runbook.md")); });
    runbookFormat->setObjectName(QStringLiteral("actionRunbookFormat"));
    QAction *profileFormat = help->addAction(tr("&Profile format"), this, [this] { showHelp(QStringLiteral("profile.md")); });
    profileFormat->setObjectName(QStringLiteral("actionProfileFormat"));
    help->addSeparator();
    QAction *keyboard = help->addAction(tr("&Keyboard"), this, [this] { QMessageBox::information(m_window, tr("Keyboard"), keyboardText()); });
    keyboard->setObjectName(QStringLiteral("actionKeyboard"));
    help->addSeparator();
    QAction *about = help->addAction(tr("&About StoneCaster Deploy Console"), this, &MainMenus::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setIcon(Icons::action(Icons::Id::About));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

QString MainMenus::keyboardText()
{
    return tr("In a checklist:\n"
              "Arrows: move between items\nSpace: check or uncheck the item\nS: skip with a reason\n"
              "R: reopen a checked or skipped item\nN or F2: write a note\nC: run the item's check\n\n"
              "In the window:\n"
              "Ctrl+Tab / Ctrl+Shift+Tab: next / previous tab\nF9: show or hide the runbook reference\n"
              "F7: show or hide the live metrics · F8: monitoring view\n"
              "Ctrl+N: new deployment · Ctrl+O: open a deployment\n"
              "Ctrl+U: the runbook's source (editable with --runbook FILE; Ctrl+S saves it)\n"
              "Ctrl+Shift+R: the runbook's reading, to confirm before traffic moves\n"
              "Ctrl+Shift+E: export the report · Ctrl+Shift+U: status update\n"
              "Ctrl+,: settings · F1: user guide · Ctrl+Q: quit");
}

HelpBrowser *MainMenus::showHelp(const QString &page)
{
    if (!m_help)
        m_help = new HelpBrowser(m_window);
    m_help->showPage(page);
    m_help->show();
    m_help->raise();
    m_help->activateWindow();
    return m_help;
}

AboutDialog *MainMenus::showAbout()
{
    auto *dialog = new AboutDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AboutDialog::userGuideRequested, this, [this, dialog] {
        dialog->close();
        showHelp(QStringLiteral("README.md"));
    });
    dialog->open();
    return dialog;
}

void MainMenus::addTeamActions(QAction *takeControl, QAction *requestRollback)
{
    const QList<QAction *> actions = m_deployment->actions();
    QAction *before = actions.value(actions.indexOf(m_reading) + 1);
    m_deployment->insertAction(before, takeControl);
    m_deployment->insertAction(before, requestRollback);
}

void MainMenus::addReportActions(QAction *exportReport, QAction *statusUpdate)
{
    const QList<QAction *> actions = m_deployment->actions();
    QAction *before = actions.value(actions.indexOf(m_reading) + 1); // the separator before Quit
    m_deployment->insertSeparator(before);
    m_deployment->insertAction(before, exportReport);
    m_deployment->insertAction(before, statusUpdate);
}

void MainMenus::addChartActions(QAction *metricsToggle)
{
    metricsToggle->setShortcut(Qt::Key_F7);
    m_view->insertAction(m_view->actions().value(0), metricsToggle);
    auto *monitoring = new QAction(tr("&Monitoring view"), m_window);
    monitoring->setObjectName(QStringLiteral("actionMonitoringView"));
    monitoring->setShortcut(Qt::Key_F8);
    connect(monitoring, &QAction::triggered, this, &MainMenus::monitoringViewRequested);
    m_view->insertAction(m_view->actions().value(1), monitoring);
    m_profileSource->setEnabled(true);
}
