#pragma once

#include "core/result.h"
#include "journal/deploymentevent.h"
#include "runbook/runbook.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class AppSettings;
class ChecklistPage;
class ChecklistTabs;
class Clock;
class ConsoleSession;
class Deployment;
class DesktopNotifier;
class DeploymentLock;
class EnvironmentStatus;
class Journal;
class MainMenus;
class MessageBanner;
class MetricsPanel;
class MonitoringView;
class TrafficPanel;
class QDockWidget;
class QLabel;
class QProgressBar;
class QTabWidget;
class QTimer;
class ReferencePanel;
class ReportActions;
class ReadingDialog;
class RunbookEditorDialog;
class TeamControls;

// The console's window on a ConsoleSession: one tab per phase and checklist section, the
// runbook's reference sections alongside, the deployment's header and overall progress, and,
// when the session has an environment, the live metrics, the monitoring view and the traffic
// strip. The session decides and journals; the window shows it and asks.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Options {
        QString runbookPath; // empty = bundled reference runbook
        QString journalPath; // empty = Journal::defaultPath()
        QString deploymentId; // reopen this one; empty = the latest open one, if any
        QString operatorName; // empty = from settings
        QString journalPassword; // a shared journal's, from the keychain (--journal-keychain)
        QString profilePath; // the environment's profile, empty for the demo (for Open Recent)
    };

    MainWindow(AppSettings *settings, ConsoleSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads the runbook, opens the journal and reopens a running deployment. Problems are
    // shown in the window's banner; returns false when the runbook given cannot be used.
    bool initialize(const Options &options);

    ConsoleSession *session() const { return m_session; }
    // The live metrics beside the checklists and the monitoring view (View > Monitoring
    // view): null until the session has an environment.
    MetricsPanel *metricsPanel() const { return m_metricsPanel; }
    MonitoringView *monitoringView() const { return m_monitoring; }
    void showMonitoringView();
    // The traffic strip (slider, gate, rollback); shown while the session has an environment.
    TrafficPanel *trafficPanel() const { return m_trafficPanel; }
    // Team mode: the role in the status bar, Take control and Request rollback.
    TeamControls *teamControls() const { return m_team; }
    DeploymentLock *deploymentLock() const;

    Status startDeployment(const QString &service, const QString &version, const QString &operatorName);
    Status openDeployment(const QString &deploymentId);
    Status closeDeployment(DeploymentOutcome outcome, const QString &note);

    Deployment *deployment() const;
    Journal *journal() const;
    QTabWidget *tabWidget() const;
    MessageBanner *banner() const { return m_banner; }
    // Deployment > Export report… and Status update…, the reminder when an update is due.
    ReportActions *reports() const { return m_reports; }
    DesktopNotifier *notifier() const { return m_notifier; }
    ChecklistPage *page(int index) const;
    ChecklistPage *currentPage() const;
    const Runbook &runbook() const;
    // The runbook a new deployment would start on (the open deployment keeps its own).
    const Runbook &previewRunbook() const;

    // View > Runbook source…: the runbook's Markdown, editable when it came from --runbook.
    // A save applies to the next deployment started here.
    RunbookEditorDialog *showRunbookSource();
    RunbookEditorDialog *runbookEditor() const; // the open one, if any
    // Deployment > Runbook reading… (and the traffic strip's "Review reading…" while the gate
    // waits for it): what the console read of the deployment's runbook, to confirm.
    ReadingDialog *showReading();
    ReadingDialog *readingDialog() const; // the open one, if any
    // View > Profile source…: the environment profile's JSON (the built-in demo's when --demo).
    void showProfileSource();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void rebuildTabs();
    void refresh();
    void showFailure(const QString &message);
    void newDeploymentRequested();
    void openDeploymentRequested();
    void closeDeploymentRequested();
    QString operatorName() const;
    void setupEnvironment();
    void showChartsFor();
    void refreshMetrics();
    void refreshTraffic();
    void refreshCommanded();
    void deploymentAboutToChange();
    void deploymentChanged();
    void lockChanged(bool held);
    void showLockBanner(bool held);
    void showRollbackProcedure();
    void bindProcedures();
    // Asks before leaving a running procedure step to be ended.
    bool confirmEndingRunningStep();
    void runbookSaved(const Runbook &saved);

    AppSettings *m_settings;
    ConsoleSession *m_session;
    Clock *m_clock;
    QPointer<RunbookEditorDialog> m_runbookEditor;
    QPointer<ReadingDialog> m_readingDialog;
    QString m_operatorOverride;
    QString m_profilePath;

    MessageBanner *m_banner;
    QLabel *m_header;
    ChecklistTabs *m_tabs;
    ReferencePanel *m_reference;
    QDockWidget *m_referenceDock;
    QProgressBar *m_overall;
    QTimer *m_ticker;
    MainMenus *m_menus = nullptr;
    ReportActions *m_reports = nullptr;
    DesktopNotifier *m_notifier = nullptr;

    QDockWidget *m_metricsDock = nullptr;
    MetricsPanel *m_metricsPanel = nullptr;
    MonitoringView *m_monitoring = nullptr; // a top-level window of its own, for a second screen
    EnvironmentStatus *m_environmentStatus = nullptr;
    qint64 m_consoleStartMs = 0;
    TrafficPanel *m_trafficPanel;
    TeamControls *m_team = nullptr;
};
