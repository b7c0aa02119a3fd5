#include "reportactions.h"

#include "common/icons.h"
#include "report/reportexportdialog.h"
#include "report/statusupdatedialog.h"
#include "report/widgetchartrenderer.h"

#include "deployment/deployment.h"
#include "report/reportexport.h"
#include "report/statusupdates.h"
#include "session/consolesession.h"
#include "session/reportsources.h"

#include <QAction>
#include <QFileDialog>
#include <QMainWindow>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolButton>

#include <algorithm>

ReportActions::ReportActions(QMainWindow *window, ConsoleSession *session)
    : QObject(window)
    , m_window(window)
    , m_session(session)
    , m_export(new QAction(tr("&Export report…"), window))
    , m_statusUpdate(new QAction(tr("S&tatus update…"), window))
    , m_reminder(new QToolButton(window))
    , m_charts(std::make_unique<WidgetChartRenderer>())
{
    m_export->setObjectName(QStringLiteral("actionExportReport"));
    m_export->setIcon(Icons::action(Icons::Id::ExportReport));
    m_export->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_E);
    m_statusUpdate->setObjectName(QStringLiteral("actionStatusUpdate"));
    m_statusUpdate->setIcon(Icons::action(Icons::Id::StatusUpdate));
    m_statusUpdate->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_U);
    connect(m_export, &QAction::triggered, this, &ReportActions::askExportPath);
    connect(m_statusUpdate, &QAction::triggered, this, [this] { showStatusUpdate(); });

    m_reminder->setObjectName(QStringLiteral("statusUpdateReminder"));
    m_reminder->setAutoRaise(true);
    m_reminder->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_reminder->setText(tr("Status update due"));
    m_reminder->setToolTip(tr("The runbook asks for status updates every 15 minutes during the deployment"));
    m_reminder->setStyleSheet(QStringLiteral("QToolButton { color: white; background: #b35c00; border-radius: 3px; padding: 1px 8px; font-weight: bold; }"));
    m_reminder->hide();
    connect(m_reminder, &QToolButton::clicked, this, [this] { showStatusUpdate(StatusUpdate::Trigger::Scheduled); });
    window->statusBar()->addPermanentWidget(m_reminder);

    connect(session, &ConsoleSession::statusUpdatesChanged, this, &ReportActions::bindStatusUpdates);
    connect(session, &ConsoleSession::deploymentChanged, this, &ReportActions::refresh);
    bindStatusUpdates(session->statusUpdates());
    refresh();
}

ReportActions::~ReportActions() = default;

void ReportActions::refresh()
{
    const bool open = m_session->deployment() != nullptr;
    m_export->setEnabled(open);
    m_statusUpdate->setEnabled(open && m_updates);
    const bool due = m_updates && m_updates->isDue() && open && !m_session->deployment()->isReadOnly();
    const bool appeared = due && m_reminder->isHidden();
    m_reminder->setVisible(due);
    if (appeared)
        Q_EMIT statusUpdateDue(tr("Stakeholders wait for the status update on %1 %2: Deployment > Status update…")
                                   .arg(m_session->deployment()->state().service, m_session->deployment()->state().version));
}

void ReportActions::bindStatusUpdates(StatusUpdates *updates)
{
    m_updates = updates;
    refresh();
    if (!updates)
        return;
    connect(updates, &StatusUpdates::due, this, &ReportActions::refresh);
    connect(m_session->deployment(), &Deployment::statusUpdatesChanged, this, &ReportActions::refresh);
    connect(updates, &StatusUpdates::sentAutomatically, this, [this](const StatusUpdate &u) {
        m_window->statusBar()->showMessage(u.id.isEmpty() ? tr("A rollback: post a status update (the profile names no webhook)")
                                                          : tr("Status update %1 sent: %2").arg(u.id, u.title),
                                           10000);
        refresh();
    });
    connect(updates, &StatusUpdates::deliveryFailed, this, [this](const QString &webhook, const QString &message, int retryInMs) {
        Q_EMIT warning(retryInMs > 0 ? tr("A status update to \"%1\" failed, retrying in %2 s: %3").arg(webhook, QString::number(retryInMs / 1000), message)
                                     : tr("A status update to \"%1\" failed and was given up: %2. Copy it from Deployment > Status update… and post it yourself.")
                                           .arg(webhook, message));
    });
}

void ReportActions::askExportPath()
{
    Deployment *deployment = m_session->deployment();
    if (!deployment)
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QStringLiteral("%1/deployment-%2-%3.pdf").arg(folder, deployment->state().service, deployment->state().version).replace(u' ', u'-');
    // The chosen format by its filter's place in the list, never by its (translated) words.
    const QStringList filters{tr("PDF (*.pdf)"), tr("HTML, self-contained (*.html)"), tr("Markdown, charts as PNG beside it (*.md)")};
    const QStringList suffixes{QStringLiteral(".pdf"), QStringLiteral(".html"), QStringLiteral(".md")};
    QString filter = filters.first();
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export report"), suggested, filters.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    QString withSuffix = path;
    if (!reportFormatForPath(withSuffix))
        withSuffix += suffixes.value(std::max<qsizetype>(0, filters.indexOf(filter)));
    exportReport(withSuffix);
}

ReportExportDialog *ReportActions::exportReport(const QString &path)
{
    Result<ReportData> data = ReportSources::openDeployment(m_session);
    if (!data) {
        Q_EMIT problem(tr("The report cannot be made: %1").arg(data.errorPhrase().translated()));
        return nullptr;
    }
    auto *job = new ReportExport(std::make_shared<const ReportData>(data.take()), path, m_charts.get());
    auto *dialog = new ReportExportDialog(job, m_window);
    dialog->show();
    return dialog;
}

StatusUpdateDialog *ReportActions::showStatusUpdate(StatusUpdate::Trigger trigger)
{
    if (!m_updates || !m_session->deployment())
        return nullptr;
    auto *dialog = new StatusUpdateDialog(m_updates, trigger, m_session->deployment()->isReadOnly(), m_window);
    connect(dialog, &QObject::destroyed, this, &ReportActions::refresh);
    dialog->show();
    return dialog;
}
