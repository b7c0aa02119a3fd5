#include "mainmenus.h"

#include "colorscheme.h"
#include "recentmenu.h"
#include "settingsdialog.h"

#include "core/appsettings.h"

#include <QActionGroup>
#include <QApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>

MainMenus::MainMenus(QMainWindow *window, AppSettings *settings, QAction *referenceToggle)
    : QObject(window)
    , m_window(window)
{
    QMenu *deployment = m_deployment = window->menuBar()->addMenu(tr("&Deployment"));
    QAction *newAction = deployment->addAction(tr("&New deployment…"), this, &MainMenus::newDeploymentRequested);
    newAction->setObjectName(QStringLiteral("actionNewDeployment"));
    newAction->setShortcut(QKeySequence::New);
    QAction *openAction = deployment->addAction(tr("&Open deployment…"), this, &MainMenus::openDeploymentRequested);
    openAction->setObjectName(QStringLiteral("actionOpenDeployment"));
    openAction->setShortcut(QKeySequence::Open);
    m_recent = new RecentMenu(settings, window);
    deployment->addMenu(m_recent);
    m_closeDeployment = deployment->addAction(tr("&Close deployment…"), this, &MainMenus::closeDeploymentRequested);
    m_closeDeployment->setObjectName(QStringLiteral("actionCloseDeployment"));
    m_reading = deployment->addAction(tr("Runbook &reading…"), this, &MainMenus::readingRequested);
    m_reading->setObjectName(QStringLiteral("actionRunbookReading"));
    m_reading->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    m_reading->setEnabled(false); // until a deployment is open
    deployment->addSeparator();
    QAction *quit = deployment->addAction(tr("&Quit"), window, &QWidget::close);
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
    configure->setShortcut(QKeySequence::Preferences);
    configure->setMenuRole(QAction::PreferencesRole);

    QMenu *help = window->menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard"), this, [this] {
        QMessageBox::information(m_window, tr("Keyboard"),
                                 tr("Arrows: move between items\nSpace: check or uncheck the item\nS: skip with a reason\n"
                                    "R: reopen a checked or skipped item\nN or F2: write a note\n"
                                    "Ctrl+Tab / Ctrl+Shift+Tab: next / previous tab\nF9: show or hide the runbook reference\n"
                                    "F7: show or hide the live metrics · F8: monitoring view\n"
                                    "Ctrl+N: new deployment · Ctrl+O: open a deployment\n"
                                    "Ctrl+U: the runbook's source (editable with --runbook FILE)\n"
                                    "Ctrl+Shift+R: the runbook's reading, to confirm before traffic moves\n"
                                    "Ctrl+Shift+E: export the report · Ctrl+Shift+U: status update"));
    });
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(m_window, tr("About StoneCaster Deploy Console"),
                           tr("StoneCaster Deploy Console %1\nBlue/green deployments run from your team's runbook.").arg(QCoreApplication::applicationVersion()));
    });
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
