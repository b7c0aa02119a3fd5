#pragma once

#include "core/result.h"
#include "deployment/deploymentevent.h"
#include "runbook/runbook.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class AppSettings;
class DeploymentLock;
class RolloutSession;
class TrafficPanel;
class ChecklistPage;
class Clock;
class Deployment;
class Journal;
class MessageBanner;
class MetricsPanel;
class MetricsSession;
class MonitoringView;
class QDockWidget;
class QLabel;
class QProgressBar;
class QTabWidget;
class QTimer;
class ReferencePanel;
class RunbookEditorDialog;

// The console's window: one tab per phase and checklist section, the runbook's reference
// sections alongside, the deployment's header and overall progress.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Options {
        QString runbookPath; // empty = bundled reference runbook
        QString journalPath; // empty = Journal::defaultPath()
        QString deploymentId; // reopen this one; empty = the latest open one, if any
        QString operatorName; // empty = from settings
    };

    MainWindow(AppSettings *settings, Clock *clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads the runbook, opens the journal and reopens a running deployment. Problems are
    // shown in the window's banner; returns false when the runbook given cannot be used.
    bool initialize(const Options &options);

    // Shows the environment's live metrics beside the checklists and in the monitoring
    // view (View > Monitoring view). `environment` names it in the status bar, e.g.
    // "DEMO (simulated, scenario healthy)" or the profile's name. Call before initialize().
    void setMetricsSession(MetricsSession *session, const QString &environment, bool simulated);
    MetricsPanel *metricsPanel() const { return m_metricsPanel; }
    MonitoringView *monitoringView() const { return m_monitoring; }
    void showMonitoringView();

    // Shows the traffic strip (slider, gate, rollback) driven by `session` for the open
    // deployment. Call before initialize().
    void setRolloutSession(RolloutSession *session);
    TrafficPanel *trafficPanel() const { return m_trafficPanel; }
    DeploymentLock *deploymentLock() const { return m_lock.get(); }

    Status startDeployment(const QString &service, const QString &version, const QString &operatorName);
    Status openDeployment(const QString &deploymentId);
    Status closeDeployment(DeploymentOutcome outcome, const QString &note);

    Deployment *deployment() const { return m_deployment.get(); }
    Journal *journal() const { return m_journal.get(); }
    QTabWidget *tabWidget() const { return m_tabs; }
    MessageBanner *banner() const { return m_banner; }
    ChecklistPage *page(int index) const;
    ChecklistPage *currentPage() const;
    const Runbook &runbook() const;
    // The runbook a new deployment would start on (the open deployment keeps its own).
    const Runbook &previewRunbook() const { return m_previewRunbook; }

    // View > Runbook source…: the runbook's Markdown, editable when it came from --runbook.
    // A save applies to the next deployment started here.
    RunbookEditorDialog *showRunbookSource();
    RunbookEditorDialog *runbookEditor() const; // the open one, if any
    // View > Profile source…: the environment profile's JSON (the built-in demo's when --demo).
    void showProfileSource();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void clearTabs();
    void rebuildTabs();
    void refresh();
    void showFailure(const QString &message);
    void newDeploymentRequested();
    void openDeploymentRequested();
    void closeDeploymentRequested();
    QString operatorName() const;
    void attachMetrics();
    void refreshMetrics();
    void attachRollout();
    void refreshCommanded();
    void takeLock();
    void releaseDeployment();
    void showRollbackProcedure();
    void bindProcedures();
    // The procedure step running now ("“Execute database rollback scripts” (Manual Rollback
    // Process)"), or empty; and asking before leaving it to be ended.
    QString runningStep() const;
    bool confirmEndingRunningStep();
    void runbookSaved(const Runbook &saved);

    AppSettings *m_settings;
    Clock *m_clock;
    std::unique_ptr<Journal> m_journal;
    QString m_journalError;
    std::unique_ptr<Deployment> m_deployment;
    std::unique_ptr<DeploymentLock> m_lock; // declared after m_deployment: released before it goes
    Runbook m_previewRunbook; // shown when no deployment is open
    QString m_runbookName;
    QString m_runbookText;
    QString m_runbookPath; // empty: the bundled reference runbook
    QPointer<RunbookEditorDialog> m_runbookEditor;
    QString m_operatorOverride;
    QString m_lastSection; // tab to show again after the pages are rebuilt

    MessageBanner *m_banner;
    QLabel *m_header;
    QTabWidget *m_tabs;
    ReferencePanel *m_reference;
    QDockWidget *m_referenceDock;
    QProgressBar *m_overall;
    QTimer *m_ticker;
    QAction *m_closeAction = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_profileSourceAction = nullptr; // enabled once there is a metrics session (its profile)

    MetricsSession *m_metrics = nullptr;
    QString m_environment;
    bool m_simulated = false;
    QDockWidget *m_metricsDock = nullptr;
    MetricsPanel *m_metricsPanel = nullptr;
    MonitoringView *m_monitoring = nullptr; // a top-level window of its own, for a second screen
    QLabel *m_environmentStatus = nullptr;
    qint64 m_consoleStartMs = 0;

    RolloutSession *m_rolloutSession = nullptr;
    TrafficPanel *m_trafficPanel;
};
