#pragma once

#include "common/news.h"

#include "rollout/rollout.h"

#include <QFrame>
#include <QPointer>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;

// The traffic strip above the checklists: the runbook's steps on a slider, where traffic is
// (commanded against observed), the hold's countdown, why the gate is locked, and the
// actions: one step forward, one step back, override (typed confirmation and a reason), retry
// after a failed command, and Roll back, each enabled as Rollout::availableActions() says,
// with its reason as the tooltip when not. A decision-point breach shows a red "consider
// rollback" strip with a one-click rollback. Everything it shows comes from the Rollout; it
// decides nothing itself.
class TrafficPanel : public QFrame
{
    Q_OBJECT
public:
    explicit TrafficPanel(QWidget *parent = nullptr);


    // The deployment's rollout, or null when none is open (or the environment cannot move
    // traffic: `problem` says why).
    void setRollout(Rollout *rollout, const QString &problem = {});
    // Listens to a new Rollout's events (rollback started, failures, drift) from before it
    // starts: its start may already act. setRollout() does it too, for a Rollout not seen here.
    void watchEvents(Rollout *rollout);
    // What the rollback procedure will do, for the Roll back confirmation: a one-line summary
    // and the steps, one per line (empty: the runbook or profile has no procedure to run).
    void setRollbackPlan(const QString &summary, const QString &steps);
    Rollout *rollout() const { return m_rollout; }

    QSlider *slider() const { return m_slider; }
    QPushButton *advanceButton() const { return m_advance; }
    QPushButton *backButton() const { return m_back; }
    QPushButton *overrideButton() const { return m_override; }
    QPushButton *retryButton() const { return m_retry; }
    // "Set green to 0 %": shown only while green has a share left by an earlier run before the first step.
    QPushButton *resetLeftoverButton() const { return m_resetLeftover; }
    QPushButton *rollbackButton() const { return m_rollback; }
    // Shown while the gate is locked because the runbook's reading is not confirmed.
    QPushButton *reviewReadingButton() const { return m_reviewReading; }
    QString gateText() const; // the lock's reasons or the open verdict, as shown

    // Actions as the buttons run them, with their confirmations; public for shortcuts and tests.
    void advance();
    void stepBack();
    void overrideGate();
    void rollBack();    // asks for confirmation first
    void rollBackNow(); // the "consider rollback" strip's one click

Q_SIGNALS:
    // Something went wrong that the window should show (a refused command, a journal error).
    void failure(const QString &message);
    // A rollback started (automatic or not): the window opens the rollback procedure.
    void rollbackStarted(const QString &reason);
    // "Review reading…": the window shows the runbook's reading to confirm.
    void readingRequested();
    // News as said to screen readers: the gate opened, or an alarm was raised (not an alarm
    // shown again for a Rollout made anew).
    void news(News::Kind kind, const QString &text);

protected:
    void changeEvent(QEvent *event) override; // a new palette: the status colours are made anew

private:
    void refresh();
    void refreshGate();
    void onSliderReleased();
    void onConsiderRollback(const RuleStatus &status);
    void onRollbackStarted(const RuleStatus &status, const QString &reason);
    // Raises the red strip; `kind` set: it is news, said to screen readers and passed on.
    void showAlarm(const QString &text, bool offerRollback, std::optional<News::Kind> kind);
    // Said to screen readers (urgent ones, a breach, a rollback, drift, interrupt; the gate
    // opening waits its turn) and passed on by news().
    void announce(News::Kind kind, const QString &text);

    QPointer<Rollout> m_rollout;
    QPointer<Rollout> m_eventsFrom;
    std::optional<bool> m_announcedOpen; // the gate's state last said to screen readers
    QList<QMetaObject::Connection> m_stateConnections;
    QList<QMetaObject::Connection> m_eventConnections;
    QString m_problem;
    QString m_planSummary;
    QString m_planSteps;
    QSlider *m_slider;
    QLabel *m_scale;
    QLabel *m_traffic;
    QLabel *m_hold;
    QProgressBar *m_holdBar;
    QLabel *m_gate;
    QPushButton *m_reviewReading;
    QPushButton *m_advance;
    QPushButton *m_back;
    QPushButton *m_override;
    QPushButton *m_retry;
    QPushButton *m_resetLeftover;
    QPushButton *m_rollback;
    QFrame *m_alarm;
    QLabel *m_alarmText;
    QPushButton *m_alarmRollback;
};
