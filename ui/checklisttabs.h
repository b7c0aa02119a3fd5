#pragma once

#include <QTabWidget>

class ChecklistPage;
class Deployment;
class ProcedureSet;
struct Runbook;

// The checklists: one tab per phase and checklist section of the runbook (ChecklistLayout), each
// a ChecklistPage with its progress in the tab's text. Twelve tabs do not fit beside the live
// panel at 1280 px: an "All tabs" menu in the corner lists them all, and Ctrl+Tab /
// Ctrl+Shift+Tab switch tabs from anywhere in the window.
class ChecklistTabs : public QTabWidget
{
    Q_OBJECT
public:
    explicit ChecklistTabs(QWidget *parent = nullptr);

    ChecklistPage *page(int index) const;
    ChecklistPage *currentPage() const;
    // The runbook's tabs on `deployment` (null: the runbook shown read-only), on the section
    // shown before when it is still there.
    void rebuild(const Runbook *runbook, Deployment *deployment);
    // The pages point into the runbook and the deployment: they go before those do. The
    // section shown is shown again by the next rebuild().
    void clearPages();
    // Each page's progress and timing, and its tab's text.
    void refreshPages();
    void setProcedures(ProcedureSet *procedures);
    // Shows the runbook's rollback procedure: the first procedure section whose title speaks of
    // rollback, or under such a tab.
    void showRollbackProcedure(const Runbook &runbook);

Q_SIGNALS:
    void actionFailed(const QString &message);
    void progressChanged();

private:
    QString m_lastSection;
};
