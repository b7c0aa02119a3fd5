#pragma once

#include "deployment/checklistlayout.h"
#include "deployment/deployment.h"

#include <QPointer>
#include <QWidget>

class ChecklistModel;
class ProcedurePanel;
class ProcedureSet;
class QSplitter;
class Deployment;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeView;

// One tab: a phase or checklist section with its items, progress, and the phase's planned
// window against the time since the deployment started.
class ChecklistPage : public QWidget
{
    Q_OBJECT
public:
    ChecklistPage(const Runbook *runbook, Deployment *deployment, const ChecklistTab &tab, QWidget *parent = nullptr);

    const ChecklistTab &tab() const { return m_tab; }
    ChecklistModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // Text for the tab bar: title and progress.
    QString tabText() const;
    // Refreshes progress and timing; called on every item change and once a second.
    void refresh();

    // The open deployment's procedures and checks (null when none): procedure tabs get a
    // ProcedurePanel under the checklist, items bound to a check get "Run check".
    void setProcedures(ProcedureSet *procedures);
    ProcedurePanel *procedurePanel() const { return m_panel; }

    // Operator actions on the current item; also bound to keys in the view.
    void toggleCurrent();
    void skipCurrent();
    void reopenCurrent();
    void editNoteOfCurrent();
    void runCheckOfCurrent();

Q_SIGNALS:
    void actionFailed(const QString &message);
    void progressChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Deployment::Progress progress() const;
    void updateButtons();
    void updateEvidence();
    QString currentItemId() const;

    const Runbook *m_runbook;
    Deployment *m_deployment;
    ChecklistTab m_tab;
    ChecklistModel *m_model;
    QTreeView *m_view;
    QLabel *m_timing;
    QProgressBar *m_progress;
    QPushButton *m_skip;
    QPushButton *m_reopen;
    QPushButton *m_note;
    QPushButton *m_runCheck;
    QLabel *m_evidence;
    QSplitter *m_split;
    ProcedurePanel *m_panel = nullptr;
    QPointer<ProcedureSet> m_procedures;
};
