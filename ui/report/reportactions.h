#pragma once

#include "report/statusupdate.h"

#include <QObject>
#include <QPointer>

#include <memory>

class ConsoleSession;
class QAction;
class QMainWindow;
class QToolButton;
class ReportExportDialog;
class StatusUpdateDialog;
class StatusUpdates;
class WidgetChartRenderer;

// The window's reports and status updates: Deployment > Export report… (PDF, HTML or Markdown,
// written off the GUI thread with a progress dialog), Deployment > Status update…, a reminder
// in the status bar when an update is due, and a note when an update went out by itself (a
// rollback); a failed delivery or a report that cannot be made is said by warning() and
// problem(), which the window shows in its banner. Owned by the window; the engine decides.
class ReportActions : public QObject
{
    Q_OBJECT
public:
    ReportActions(QMainWindow *window, ConsoleSession *session);
    ~ReportActions() override;

    QAction *exportAction() const { return m_export; }
    QAction *statusUpdateAction() const { return m_statusUpdate; }
    QToolButton *reminder() const { return m_reminder; }

    // Writes the open deployment's report to `path` (its format from the extension) and shows
    // the progress; null, with the reason said by problem(), when there is nothing to export.
    ReportExportDialog *exportReport(const QString &path);
    StatusUpdateDialog *showStatusUpdate(StatusUpdate::Trigger trigger = StatusUpdate::Trigger::Manual);

Q_SIGNALS:
    void warning(const QString &text); // a status update's delivery failed
    void problem(const QString &text); // a report cannot be made
    // The "Status update due" reminder appeared (once per due time).
    void statusUpdateDue(const QString &text);

private:
    void askExportPath();
    void bindStatusUpdates(StatusUpdates *updates);
    void refresh();

    QMainWindow *m_window;
    ConsoleSession *m_session;
    QAction *m_export;
    QAction *m_statusUpdate;
    QToolButton *m_reminder;
    QPointer<StatusUpdates> m_updates;
    std::unique_ptr<WidgetChartRenderer> m_charts;
};
