#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class ReportExport;

// File > Export report…'s progress: what is written where, a progress bar, the step, and the
// result. Not modal: the export runs off the GUI thread (charts one per event-loop turn) and
// the deployment goes on meanwhile. Cancel stops it; the file is then not written.
class ReportExportDialog : public QDialog
{
    Q_OBJECT
public:
    // Takes `job` over and starts it.
    ReportExportDialog(ReportExport *job, QWidget *parent = nullptr);

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_ok; }
    QString resultText() const;

Q_SIGNALS:
    void exportFinished(bool ok, const QString &message);

private:
    void onFinished(bool ok, const QString &message);

    ReportExport *m_job;
    QLabel *m_what;
    QProgressBar *m_progress;
    QLabel *m_step;
    QDialogButtonBox *m_buttons;
    bool m_finished = false;
    bool m_ok = false;
};
