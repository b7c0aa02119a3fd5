#include "mainwindow.h"

#include "charts/metricspanel.h"
#include "charts/monitoringview.h"
#include "checklistpage.h"
#include "checklisttabs.h"
#include "closedeploymentdialog.h"
#include "environmentstatus.h"
#include "mainmenus.h"
#include "recentmenu.h"
#include "teamcontrols.h"
#include "report/reportactions.h"
#include "messagebanner.h"
#include "common/plaintext.h"
#include "newdeploymentdialog.h"
#include "notify/desktopnotifier.h"
#include "opendeploymentdialog.h"
#include "procedure/procedureset.h"
#include "procedure/rollbackplan.h"
#include "progressbar.h"
#include "referencepanel.h"
#include "traffic/trafficpanel.h"
#include "reading/readingdialog.h"
#include "viewer/runbookeditordialog.h"
#include "viewer/sourceviewerdialog.h"

#include "core/appsettings.h"
#include "deployment/checklistlayout.h"
#include "deployment/checklistmodel.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "rollout/metriccoverage.h"
#include "rollout/rollout.h"
#include "runbook/runbookdiff.h"
#include "session/consolesession.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

MainWindow::MainWindow(AppSettings *settings, ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_session(session)
    , m_clock(session->clock())
    , m_banner(new MessageBanner(this))
    , m_header(new QLabel(this))
    , m_tabs(new ChecklistTabs(this))
    , m_reference(new ReferencePanel(this))
    , m_referenceDock(new QDockWidget(tr("Runbook reference"), this))
    , m_overall(new ProgressBar(this))
    , m_ticker(new QTimer(this))
    , m_trafficPanel(new TrafficPanel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("StoneCaster Deploy Console"));
    m_header->setObjectName(QStringLiteral("deploymentHeader"));
    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_overall->setAccessibleName(tr("Progress of the whole deployment"));
    m_referenceDock->setObjectName(QStringLiteral("referenceDock"));

    QFont headerFont = m_header->font();
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.15);
    headerFont.setBold(true);
    m_header->setFont(headerFont);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setContentsMargins(4, 4, 4, 4);
    connect(m_tabs, &ChecklistTabs::actionFailed, this, &MainWindow::showFailure);
    connect(m_tabs, &ChecklistTabs::progressChanged, this, &MainWindow::refresh);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_header);
    layout->addWidget(m_trafficPanel);
    layout->addWidget(m_tabs, 1);
    m_trafficPanel->hide(); // until an environment that can move traffic is set
    connect(m_trafficPanel, &TrafficPanel::failure, this, &MainWindow::showFailure);
    connect(m_trafficPanel, &TrafficPanel::rollbackStarted, this, &MainWindow::showRollbackProcedure);
    connect(m_trafficPanel, &TrafficPanel::readingRequested, this, &MainWindow::showReading);
    setCentralWidget(central);

    m_referenceDock->setWidget(m_reference);
    m_referenceDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, m_referenceDock);

    m_overall->setMaximumWidth(320);
    m_overall->setMinimumWidth(280); // the environment status beside it stretches, never this
    m_overall->setTextVisible(true);
    statusBar()->addPermanentWidget(m_overall);

    m_menus = new MainMenus(this, m_settings, m_referenceDock->toggleViewAction());
    connect(m_menus, &MainMenus::newDeploymentRequested, this, &MainWindow::newDeploymentRequested);
    connect(m_menus, &MainMenus::openDeploymentRequested, this, &MainWindow::openDeploymentRequested);
    connect(m_menus, &MainMenus::closeDeploymentRequested, this, &MainWindow::closeDeploymentRequested);
    connect(m_menus, &MainMenus::runbookSourceRequested, this, &MainWindow::showRunbookSource);
    connect(m_menus, &MainMenus::readingRequested, this, &MainWindow::showReading);
    connect(m_menus, &MainMenus::profileSourceRequested, this, &MainWindow::showProfileSource);
    connect(m_menus, &MainMenus::monitoringViewRequested, this, &MainWindow::showMonitoringView);
    connect(m_menus->recentMenu(), &RecentMenu::openHere, this, [this](const QString &id) {
        if (deployment() && deployment()->id() == id)
            return;
        if (!confirmEndingRunningStep())
            return;
        if (Status s = openDeployment(id); !s)
            showFailure(s.errorPhrase().translated());
    });
    connect(m_menus->recentMenu(), &RecentMenu::failed, this, &MainWindow::showFailure);
    m_team = new TeamControls(this, m_session, m_banner, m_menus);
    connect(m_banner, &MessageBanner::actionTriggered, this, &MainWindow::newDeploymentRequested);
    m_reports = new ReportActions(this, m_session);
    connect(m_reports, &ReportActions::warning, this, [this](const QString &text) { m_banner->showMessage(MessageBanner::Kind::Warning, text); });
    connect(m_reports, &ReportActions::problem, this, [this](const QString &text) { m_banner->showMessage(MessageBanner::Kind::Error, text); });
    m_menus->addReportActions(m_reports->exportAction(), m_reports->statusUpdateAction());
    // What the strip and the reminder say reaches the desktop while the window is behind others.
    m_notifier = new DesktopNotifier(m_settings, this, this);
    connect(m_trafficPanel, &TrafficPanel::news, m_notifier, &DesktopNotifier::notify);
    connect(m_reports, &ReportActions::statusUpdateDue, m_notifier,
            [this](const QString &text) { m_notifier->notify(News::Kind::StatusUpdateDue, text); });
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &MainWindow::refresh);
    connect(m_ticker, &QTimer::timeout, this, &MainWindow::refreshMetrics);
    m_ticker->start();

    resize(1280, 800);
    if (!m_settings->windowGeometry().isEmpty())
        restoreGeometry(m_settings->windowGeometry());
    if (!m_settings->windowState().isEmpty())
        restoreState(m_settings->windowState());

    connect(m_session, &ConsoleSession::environmentChanged, this, &MainWindow::setupEnvironment);
    connect(m_session, &ConsoleSession::deploymentAboutToChange, this, &MainWindow::deploymentAboutToChange);
    connect(m_session, &ConsoleSession::deploymentChanged, this, &MainWindow::deploymentChanged);
    connect(m_session, &ConsoleSession::lockChanged, this, &MainWindow::lockChanged);
    connect(m_session, &ConsoleSession::failure, this, [this](const Phrase &message) { showFailure(message.translated()); });
    // Before the Rollout starts: its start may already act (a resumed or triggered rollback).
    connect(m_session, &ConsoleSession::rolloutCreated, m_trafficPanel, &TrafficPanel::watchEvents);
    connect(m_session, &ConsoleSession::rolloutChanged, this, [this](Rollout *rollout) {
        m_trafficPanel->setRollout(rollout, m_session->trafficProblemPhrase().translated());
        bindProcedures();
        if (rollout)
            connect(rollout, &Rollout::trafficChanged, this, &MainWindow::refreshCommanded);
        refreshCommanded();
    });
    connect(m_session, &ConsoleSession::trafficProblemChanged, this, &MainWindow::refreshTraffic);
    if (m_session->hasEnvironment())
        setupEnvironment();
}

MainWindow::~MainWindow()
{
    // The pages point into the deployment's runbook; the session lets it go after the window.
    m_tabs->clearPages();
}

bool MainWindow::initialize(const Options &options)
{
    m_operatorOverride = options.operatorName;
    m_profilePath = options.profilePath;
    m_settings->addRecentRunbook(options.runbookPath);
    m_settings->addRecentProfile(options.profilePath);
    // The runbook: given on the command line or the bundled reference.
    const bool runbookUsable = m_session->loadRunbook(options.runbookPath).ok();
    const bool journalOpen = m_session->openJournal(options.journalPath, options.journalPassword).ok();
    m_menus->recentMenu()->setCurrent(journalOpen ? m_session->journal()->path() : options.journalPath, m_profilePath);
    if (journalOpen) {
        const QString toOpen = options.deploymentId.isEmpty() ? m_session->latestOpenDeploymentId() : options.deploymentId;
        if (!toOpen.isEmpty()) {
            if (Status s = openDeployment(toOpen); !s)
                showFailure(s.errorPhrase().translated());
        }
    }
    if (!deployment()) {
        rebuildTabs();
        showChartsFor(); // the charts draw the previewed runbook's thresholds
    }

    const Runbook &preview = m_session->previewRunbook();
    if (!runbookUsable) {
        QStringList lines;
        for (const Diagnostic &d : preview.diagnostics)
            lines << QStringLiteral("%1:%2: %3").arg(m_session->runbookName()).arg(d.line).arg(d.message.translated());
        m_banner->showMessage(MessageBanner::Kind::Error, tr("The runbook cannot be used:\n%1").arg(lines.mid(0, 8).join(QLatin1Char('\n'))));
    } else if (!journalOpen) {
        m_banner->showMessage(MessageBanner::Kind::Error,
                              tr("%1\nNothing can be recorded until the journal opens; the checklists are shown read-only.").arg(m_session->journalError()));
    } else if (deployment() && !options.runbookPath.isEmpty()) {
        const RunbookDiff diff = RunbookDiff::compare(deployment()->runbook(), preview);
        if (!diff.isEmpty()) {
            m_banner->showMessage(MessageBanner::Kind::Warning,
                                  tr("This deployment runs on the runbook text it started with. %1 differs from it:\n%2")
                                      .arg(m_session->runbookName(), diff.describe().mid(0, 6).join(QLatin1Char('\n'))));
        }
    } else if (!deployment() && m_banner->isHidden()) {
        m_banner->showMessage(MessageBanner::Kind::Info, tr("No deployment is running. The runbook is shown read-only until you start one."),
                              tr("Start deployment…"));
    }
    return runbookUsable;
}

Deployment *MainWindow::deployment() const
{
    return m_session->deployment();
}

Journal *MainWindow::journal() const
{
    return m_session->journal();
}

DeploymentLock *MainWindow::deploymentLock() const
{
    return m_session->lock();
}

const Runbook &MainWindow::previewRunbook() const
{
    return m_session->previewRunbook();
}

const Runbook &MainWindow::runbook() const
{
    return m_session->runbook();
}

QString MainWindow::operatorName() const
{
    return m_operatorOverride.isEmpty() ? m_settings->operatorName() : m_operatorOverride;
}

ChecklistPage *MainWindow::page(int index) const
{
    return m_tabs->page(index);
}

ChecklistPage *MainWindow::currentPage() const
{
    return m_tabs->currentPage();
}

QTabWidget *MainWindow::tabWidget() const
{
    return m_tabs;
}

void MainWindow::rebuildTabs()
{
    m_tabs->rebuild(&runbook(), deployment());
    bindProcedures();
    m_reference->setRunbook(&runbook());
    m_menus->closeDeploymentAction()->setEnabled(deployment() && !deployment()->isReadOnly());
    refresh();
}

void MainWindow::refresh()
{
    m_tabs->refreshPages();
    Deployment *d = deployment();
    if (!d) {
        m_header->setText(tr("%1 · no deployment running").arg(runbook().title.isEmpty() ? m_session->runbookName() : runbook().title));
        m_overall->setRange(0, 1);
        m_overall->setValue(0);
        m_overall->setFormat(tr("No deployment"));
        setWindowTitle(tr("StoneCaster Deploy Console"));
        return;
    }
    const DeploymentState &s = d->state();
    const Deployment::Progress p = d->progress();
    QString state = s.closed ? tr("closed (%1)").arg(s.outcome ? CloseDeploymentDialog::outcomeText(*s.outcome) : tr("unknown outcome")) : tr("running");
    m_header->setText(tr("%1 %2 · started by %3 at %4 · %5 · %6 · you are %7")
                          .arg(s.service, s.version, s.startedBy,
                               QDateTime::fromMSecsSinceEpoch(s.startedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                               ChecklistModel::formatElapsed(d->elapsedMs()), state, d->operatorName()));
    m_overall->setRange(0, std::max(1, p.total));
    m_overall->setValue(p.finished());
    m_overall->setFormat(tr("Overall %1 of %2 done, %3 skipped").arg(p.done).arg(p.total).arg(p.skipped));
    setWindowTitle(tr("%1 %2 — StoneCaster Deploy Console").arg(s.service, s.version));
}

void MainWindow::showFailure(const QString &message)
{
    m_banner->showMessage(MessageBanner::Kind::Error, message);
    statusBar()->showMessage(message, 10000);
}

Status MainWindow::startDeployment(const QString &service, const QString &version, const QString &operatorName)
{
    if (Status s = m_session->startDeployment(service, version, operatorName); !s)
        return s;
    statusBar()->showMessage(tr("Deployment of %1 %2 started").arg(service, version), 5000);
    return {};
}

Status MainWindow::openDeployment(const QString &deploymentId)
{
    return m_session->openDeployment(deploymentId, operatorName());
}

Status MainWindow::closeDeployment(DeploymentOutcome outcome, const QString &note)
{
    if (Status s = m_session->closeDeployment(outcome, note); !s)
        return s;
    m_banner->showMessage(MessageBanner::Kind::Info, tr("Deployment closed: %1. It is now read-only.").arg(CloseDeploymentDialog::outcomeText(outcome)), tr("Start deployment…"));
    return {};
}

void MainWindow::deploymentAboutToChange()
{
    // Pages point into the deployment's runbook: they go before the deployment does.
    m_tabs->clearPages();
}

void MainWindow::deploymentChanged()
{
    Deployment *d = deployment();
    if (d && m_session->journal()) {
        m_settings->addRecentDeployment({d->id(), QStringLiteral("%1 %2").arg(d->state().service, d->state().version),
                                         m_session->journal()->path(), m_profilePath});
    }
    if (d && !d->state().closed) {
        m_banner->hide();
        if (!m_session->isDriving() && deploymentLock() && !deploymentLock()->holderDescription().isEmpty())
            showLockBanner(false);
        const QStringList orphans = d->orphanedItemIds();
        if (!orphans.isEmpty()) {
            m_banner->showMessage(MessageBanner::Kind::Warning,
                                  tr("%n journaled item(s) are not in this deployment's runbook: %1", "", int(orphans.size()))
                                      .arg(orphans.mid(0, 5).join(QStringLiteral(", "))));
        }
        if (!d->state().unknownEvents.isEmpty()) {
            m_banner->showMessage(MessageBanner::Kind::Warning,
                                  tr("%n event(s) in the journal were written by a newer console and are not shown.", "",
                                     int(d->state().unknownEvents.size())));
        }
    }
    m_menus->readingAction()->setEnabled(d != nullptr);
    if (m_readingDialog)
        m_readingDialog->setDeployment(d);
    rebuildTabs();
    showChartsFor();
    refreshTraffic();
    refreshCommanded();
}

void MainWindow::lockChanged(bool held)
{
    showLockBanner(held);
    rebuildTabs();
}

void MainWindow::showLockBanner(bool held)
{
    if (held) {
        if (m_banner->topic() == MessageBanner::Topic::ReadOnly)
            m_banner->showMessage(MessageBanner::Kind::Info, tr("This console now drives the deployment (the other console closed or stopped)."));
    } else if (m_session->isTeamMode()) { // nobody takes over by itself in a team: say who drives and how to
        m_banner->showMessage(MessageBanner::Kind::Warning, tr("Read-only: %1").arg(deployment()->readOnlyPhrase().translated()), {}, MessageBanner::Topic::ReadOnly);
    } else {
        m_banner->showMessage(MessageBanner::Kind::Warning,
                              tr("Read-only: %1 drives this deployment from another console. This console takes over when that one "
                                 "closes or stops.")
                                  .arg(deploymentLock()->holderDescription()),
                              {}, MessageBanner::Topic::ReadOnly);
    }
}

void MainWindow::newDeploymentRequested()
{
    if (!confirmEndingRunningStep())
        return;
    if (deployment() && !deployment()->isReadOnly()) {
        const auto answer = QMessageBox::question(this, tr("New deployment"),
                                                  shownAsText(tr("A deployment of %1 is still open. Start another one anyway? The open one stays in the journal.")
                                                                  .arg(deployment()->state().service)));
        if (answer != QMessageBox::Yes)
            return;
    }
    NewDeploymentDialog dialog(m_session->runbookName(), operatorName(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings->setOperatorName(dialog.operatorName());
    m_operatorOverride.clear();
    if (Status s = startDeployment(dialog.service(), dialog.version(), dialog.operatorName()); !s) {
        showFailure(s.errorPhrase().translated());
        return;
    }
    // Before the first traffic step: what the console read, for the release manager to confirm.
    if (deployment() && !deployment()->isReadingConfirmed())
        showReading();
}

void MainWindow::openDeploymentRequested()
{
    if (!confirmEndingRunningStep())
        return;
    if (!journal()) {
        showFailure(tr("No journal is open (%1).").arg(m_session->journalError()));
        return;
    }
    const Result<QList<Journal::DeploymentSummary>> list = journal()->deployments();
    if (!list) {
        showFailure(list.errorPhrase().translated());
        return;
    }
    OpenDeploymentDialog dialog(list.value(), this);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedDeploymentId().isEmpty())
        return;
    if (Status s = openDeployment(dialog.selectedDeploymentId()); !s)
        showFailure(s.errorPhrase().translated());
}

void MainWindow::closeDeploymentRequested()
{
    if (!deployment() || deployment()->isReadOnly())
        return;
    const Deployment::Progress p = deployment()->progress();
    CloseDeploymentDialog dialog(p.total - p.finished(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (Status s = closeDeployment(dialog.outcome(), dialog.note()); !s)
        showFailure(s.errorPhrase().translated());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Unsaved runbook edits are asked about (save, discard or stay) before anything is let go.
    if (m_runbookEditor && m_runbookEditor->isVisible() && !m_runbookEditor->close()) {
        event->ignore();
        return;
    }
    if (!confirmEndingRunningStep()) {
        event->ignore();
        return;
    }
    // Another console may drive the deployment now; the last batch of samples is written.
    m_session->releaseDeployment();
    if (m_monitoring)
        m_monitoring->close();
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    event->accept();
}

void MainWindow::setupEnvironment()
{
    if (m_metricsPanel || !m_session->hasEnvironment())
        return; // the environment is set once
    MetricsSession *session = m_session->metrics();
    const QString environment = m_session->environmentName();
    m_consoleStartMs = m_clock->nowMs();
    m_trafficPanel->show();

    m_metricsPanel = new MetricsPanel(session->store(), m_clock, runbook().rules, m_consoleStartMs, this);
    m_metricsDock = new QDockWidget(tr("Live metrics"), this);
    m_metricsDock->setObjectName(QStringLiteral("metricsDock"));
    m_metricsDock->setWidget(m_metricsPanel);
    m_metricsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, m_metricsDock);
    // The live panel is what a release manager watches while clicking through; the
    // reference shares its place and is a tab away.
    tabifyDockWidget(m_metricsDock, m_referenceDock);
    m_metricsDock->raise();

    m_monitoring = new MonitoringView(session->store(), m_clock, runbook().rules, m_consoleStartMs, nullptr);
    m_monitoring->setObjectName(QStringLiteral("monitoringView"));
    m_monitoring->setAttribute(Qt::WA_QuitOnClose, false);
    m_monitoring->setWindowTitle(tr("Monitoring — %1 — StoneCaster Deploy Console").arg(environment));
    m_monitoring->resize(1600, 1000);
    connect(this, &QObject::destroyed, m_monitoring, &QObject::deleteLater);

    // A metric the profile has no query for is said to be not monitored, never drawn empty.
    const QList<Metric> monitored = monitoredMetrics(m_session->profile().metrics);
    m_metricsPanel->setMonitored(monitored);
    m_monitoring->setMonitored(monitored);

    m_menus->addChartActions(m_metricsDock->toggleViewAction());

    m_environmentStatus = new EnvironmentStatus(m_session, this);
    statusBar()->addWidget(m_environmentStatus, 1);
    connect(session, &MetricsSession::stateChanged, this, [this, session](MetricsSession::State state) {
        if (state == MetricsSession::State::Failed)
            showFailure(session->statusPhrase().translated());
        refreshMetrics();
    });
    connect(session, &MetricsSession::recordingFailed, this, [this](const QString &message) {
        showFailure(tr("Metric samples cannot be saved to the journal: %1").arg(message));
    });
    if (!m_settings->windowState().isEmpty())
        restoreState(m_settings->windowState()); // now that the metrics dock exists
    showChartsFor();
    refreshMetrics();
    refreshTraffic();
}

void MainWindow::showMonitoringView()
{
    if (!m_monitoring)
        return;
    m_monitoring->show();
    m_monitoring->raise();
    m_monitoring->activateWindow();
}

void MainWindow::showChartsFor()
{
    if (!m_metricsPanel)
        return;
    // The open deployment's thresholds over its whole time, or the previewed runbook's.
    const qint64 start = deployment() ? deployment()->state().startedAtMs : m_consoleStartMs;
    for (MetricChartGroup *group : {static_cast<MetricChartGroup *>(m_metricsPanel), static_cast<MetricChartGroup *>(m_monitoring)}) {
        group->setRules(runbook().rules);
        group->setDeploymentStartMs(start);
    }
}

void MainWindow::refreshMetrics()
{
    MetricsSession *metrics = m_session->metrics();
    if (!metrics || !m_metricsPanel)
        return;
    const std::optional<double> normal = metrics->normalResponseTimeMs();
    m_metricsPanel->setNormal(normal);
    m_monitoring->setNormal(normal);
    m_environmentStatus->refresh();
}

void MainWindow::refreshTraffic()
{
    // A Rollout's panel keeps its alarms; without one the panel says why traffic cannot move.
    if (!m_session->rollout())
        m_trafficPanel->setRollout(nullptr, m_session->trafficProblemPhrase().translated());
}

void MainWindow::refreshCommanded()
{
    if (!m_metricsPanel)
        return;
    QList<Sample> commanded;
    if (deployment()) {
        for (const auto &[atMs, green] : deployment()->state().traffic.commandHistory)
            commanded.append({atMs, double(green)});
    }
    m_metricsPanel->setCommanded(commanded);
    m_monitoring->setCommanded(commanded);
}

bool MainWindow::confirmEndingRunningStep()
{
    // A procedure step still running (a database script...) ends with the deployment's
    // procedures: leaving the deployment asks first.
    const QString step = m_session->runningStep();
    if (step.isEmpty())
        return true;
    const auto answer = QMessageBox::warning(this, tr("A step is running"),
                                             shownAsText(tr("%1 is still running (or its result is not saved yet). Leaving the deployment ends "
                                                            "it and everything it started; when the deployment is reopened, the step is shown as "
                                                            "interrupted and runs again only if you say so.\n\nLeave anyway?")
                                                             .arg(step)),
                                             QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Close;
}

void MainWindow::bindProcedures()
{
    ProcedureSet *procedures = m_session->procedures();
    if (procedures && procedures->deployment() != deployment())
        procedures = nullptr;
    m_tabs->setProcedures(procedures);
    // The Roll back confirmation says what the procedure will do.
    const ProcedureRunner *rollback = procedures ? procedures->rollbackRunner() : nullptr;
    const RollbackPlan plan = rollback ? RollbackPlan::describe(rollback->procedure()) : RollbackPlan{};
    m_trafficPanel->setRollbackPlan(plan.summary, plan.steps);
}

void MainWindow::showRollbackProcedure()
{
    m_tabs->showRollbackProcedure(runbook());
}

RunbookEditorDialog *MainWindow::showRunbookSource()
{
    if (!m_runbookEditor) {
        m_runbookEditor = new RunbookEditorDialog(m_session->runbookPath(), m_session->runbookText(), this);
        m_runbookEditor->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_runbookEditor, &RunbookEditorDialog::saved, this, &MainWindow::runbookSaved);
    }
    m_runbookEditor->show();
    m_runbookEditor->raise();
    m_runbookEditor->activateWindow();
    return m_runbookEditor;
}

ReadingDialog *MainWindow::showReading()
{
    if (!m_readingDialog) {
        m_readingDialog = new ReadingDialog(this);
        m_readingDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_readingDialog, &ReadingDialog::failure, this, &MainWindow::showFailure);
        m_readingDialog->setDeployment(deployment());
    }
    m_readingDialog->show();
    m_readingDialog->raise();
    m_readingDialog->activateWindow();
    return m_readingDialog;
}

ReadingDialog *MainWindow::readingDialog() const
{
    return m_readingDialog;
}

RunbookEditorDialog *MainWindow::runbookEditor() const
{
    return m_runbookEditor;
}

void MainWindow::runbookSaved(const Runbook &saved)
{
    // As at start-up, a runbook with errors is never started on: the next deployment keeps
    // the text the console has until the file is fixed.
    if (saved.hasErrors()) {
        m_banner->showMessage(MessageBanner::Kind::Error,
                              tr("%1 was saved with errors. New deployments keep using the runbook as the console loaded it "
                                 "until they are fixed (View > Runbook source…).")
                                  .arg(m_session->runbookName()));
        return;
    }
    // A running deployment stays on the text it started with (the journal has it); only the
    // preview, which is what the next deployment starts on, changes.
    const bool previewShown = !deployment();
    if (previewShown)
        m_tabs->clearPages(); // the pages point into the runbook about to be replaced
    m_session->setPreviewRunbook(saved);
    if (previewShown) {
        rebuildTabs();
        showChartsFor();
    }
    const bool running = deployment() && !deployment()->state().closed;
    m_banner->showMessage(MessageBanner::Kind::Info,
                          running ? tr("%1 saved. The saved runbook applies to new deployments; the running one keeps the text it started with.")
                                        .arg(m_session->runbookName())
                                  : tr("%1 saved. The saved runbook applies to new deployments.").arg(m_session->runbookName()));
}

void MainWindow::showProfileSource()
{
    if (!m_session->hasEnvironment())
        return;
    QString error;
    if (!SourceViewerDialog::showProfile(this, m_session->profile().fileName, &error))
        showFailure(error);
}
