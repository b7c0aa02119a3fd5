#pragma once

#include <QDialog>
#include <QPointer>

class Deployment;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class SourceViewerDialog;

// What the console read of the deployment's runbook (RunbookReading), for the release manager
// to confirm before the first traffic step: the traffic plan, every rule (tier, metric,
// comparison, value, unit, line), everything the parser could not read, and plain statements
// when there is no traffic plan or no automatic-rollback rule. "Confirm reading" journals the
// reading with its digest (Deployment::confirmReading); the traffic gate stays locked until
// then. Clicking (or Enter on) a row opens the runbook's source, as the deployment read it, at
// that line, highlighted. Non-modal; it follows the deployment's journal.
class ReadingDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ReadingDialog(QWidget *parent = nullptr);

    // The deployment whose reading is shown; null shows nothing to confirm.
    void setDeployment(Deployment *deployment);
    Deployment *deployment() const { return m_deployment; }

    QTreeWidget *planView() const { return m_plan; }
    QTreeWidget *rulesView() const { return m_rules; }
    QTreeWidget *unreadView() const { return m_unread; }
    QPushButton *confirmButton() const { return m_confirm; }
    QString statusText() const;
    QString gapsText() const;
    // The runbook source opened by the last click on a row, if it is still open.
    SourceViewerDialog *sourceViewer() const;

    // Journals the confirmation (what the button does).
    void confirm();
    // Opens the runbook source at `line`, highlighted (what a click on a row does).
    void showLine(int line);

    // The runbook line a row came from (0: none, or the whole file).
    static constexpr int LineRole = Qt::UserRole + 1;

Q_SIGNALS:
    void failure(const QString &message);

private:
    void rebuild();
    void refreshStatus();
    void rowActivated(QTreeWidgetItem *item);

    QPointer<Deployment> m_deployment;
    QPointer<SourceViewerDialog> m_source;
    QLabel *m_intro;
    QLabel *m_status;
    QLabel *m_gaps;
    QTreeWidget *m_plan;
    QTreeWidget *m_rules;
    QLabel *m_unreadTitle;
    QTreeWidget *m_unread;
    QPushButton *m_confirm;
};
