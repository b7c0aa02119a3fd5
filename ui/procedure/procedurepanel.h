#pragma once

#include "procedure/procedurerunner.h"

#include <QPointer>
#include <QWidget>

class ProcedureSet;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

// The procedures of one tab (the manual rollback, or the emergency procedures): each step
// with its state, what its binding does, the selected step's output (live while it runs),
// and what the operator can do now: start, confirm or run a waiting step, retry a failed
// one, skip with a reason, abort. A destructive script is shown, highlighted, in the
// confirmation before it runs; "View script…" shows it at any time. The panel only shows
// and asks: the ProcedureRunner decides and journals.
class ProcedurePanel : public QWidget
{
    Q_OBJECT
public:
    ProcedurePanel(ProcedureSet *procedures, QList<ProcedureRunner *> runners, QWidget *parent = nullptr);

    ProcedureRunner *currentRunner() const;
    void selectRunner(ProcedureRunner *runner);

    // Operator actions (the buttons); tests call them too. Each asks what it needs first.
    void startCurrent();
    void confirmCurrent(); // confirm / run now / run again, with the script shown for a destructive one
    void retryCurrent();
    void skipCurrent();
    void abortCurrent();
    void viewScript();

    // Without asking (tests, and the dialogs' accepted path).
    Status confirmNow();

    // The steps' rows carry their ProcedureRunner::StepState (as an int) in this role of the
    // state column, for tests and accessibility tools: what the row's colour says, untranslated.
    static constexpr int StepStateRole = Qt::UserRole + 2;

Q_SIGNALS:
    void actionFailed(const QString &message);

private:
    void rebuildSteps();
    void refresh();
    void showOutputOf(const QString &itemId);
    void appendOutput(const QString &text); // bounded, long lines broken for display
    const ProcedureStep *selectedStep() const;
    QString stateText(int index, ProcedureRunner::StepState state) const;
    QColor stateColor(ProcedureRunner::StepState state) const;
    // Shows what a bound step will run (the script, highlighted, for a command) and asks.
    bool askToRun(const ProcedureStep &step, bool again);

    QPointer<ProcedureSet> m_procedures;
    QList<ProcedureRunner *> m_runners;
    QComboBox *m_selector;
    QLabel *m_state;
    QPushButton *m_start;
    QTreeWidget *m_steps;
    QLabel *m_prompt;
    QPushButton *m_confirm;
    QPushButton *m_retry;
    QPushButton *m_skip;
    QPushButton *m_abort;
    QPushButton *m_viewScript;
    QPlainTextEdit *m_output;
    QString m_outputItemId;
    int m_outputColumn = 0; // characters since the output's last line break
};
