#pragma once

#include <QObject>
#include <QPointer>

class AboutDialog;
class AppSettings;
class HelpBrowser;
class QAction;
class QMainWindow;
class QMenu;
class RecentMenu;

// The console window's menus: Deployment (new, open, open recent, close, quit), View (the runbook reference,
// the colour scheme, the runbook's and the profile's source; the live metrics and the
// monitoring view once there is an environment), Settings (the settings dialog) and Help (the user guide and its
// runbook and profile pages, the keys, about). The choices are signals; the window does them.
class MainMenus : public QObject
{
    Q_OBJECT
public:
    // `referenceToggle`: the reference dock's show/hide action (F9).
    MainMenus(QMainWindow *window, AppSettings *settings, QAction *referenceToggle);

    QAction *closeDeploymentAction() const { return m_closeDeployment; }
    QAction *profileSourceAction() const { return m_profileSource; }
    // Deployment > Runbook reading… (Ctrl+Shift+R): the reading the release manager confirms.
    QAction *readingAction() const { return m_reading; }
    RecentMenu *recentMenu() const { return m_recent; }
    // First in View: the live metrics' dock toggle (F7) and the monitoring view (F8).
    void addChartActions(QAction *metricsToggle);
    // In Deployment, after Close: Take control… and Request rollback… (TeamControls).
    void addTeamActions(QAction *takeControl, QAction *requestRollback);
    // In Deployment, after closing: Export report… and Status update….
    void addReportActions(QAction *exportReport, QAction *statusUpdate);

    // Help > Keyboard: every key of the window, its checklists and dialogs.
    static QString keyboardText();
    // The user guide's window (one per main window) on `page` ("runbook.md"), shown and raised.
    HelpBrowser *showHelp(const QString &page);
    // Help > About, window-modal; it deletes itself when closed.
    AboutDialog *showAbout();

Q_SIGNALS:
    void newDeploymentRequested();
    void openDeploymentRequested();
    void closeDeploymentRequested();
    void runbookSourceRequested();
    void readingRequested();
    void profileSourceRequested();
    void monitoringViewRequested();

private:
    QMainWindow *m_window;
    QMenu *m_deployment;
    QMenu *m_view;
    QAction *m_closeDeployment;
    QAction *m_profileSource;
    QAction *m_reading;
    RecentMenu *m_recent;
    QPointer<HelpBrowser> m_help;
};
