#pragma once

#include "rulestatus.h"

#include <QList>

// The verdict on every rule at one instant, in the order of the runbook's rules, with the
// questions the gate and the triggers ask of it.
class RuleEvaluation
{
public:
    RuleEvaluation() = default;
    RuleEvaluation(QList<RuleStatus> statuses, qint64 atMs);

    qint64 atMs() const { return m_atMs; }
    const QList<RuleStatus> &statuses() const { return m_statuses; }
    const RuleStatus *status(const QString &ruleId) const; // null for an unknown id

    // Decision points and automatic triggers, the only rules that gate anything.
    QList<RuleStatus> gatingStatuses() const;
    // True when no decision point is Breached, Pending or NoData. Inactive ones count as not
    // breached (before the first shift there is nothing of green to judge; the gate checks
    // green's health for that step). Pending blocks: a breach that has not yet lasted its
    // `for` is not "green".
    bool decisionPointsAllOk() const;
    // The decision points that keep decisionPointsAllOk() false, for the gate's reasons.
    QList<RuleStatus> decisionPointsNotOk() const;
    // Automatic triggers on green's metrics that cannot be judged (NoData): one of them could
    // not fire, so the gate must not open. Security alerts are left out: whether their
    // source is configured is the gate's call.
    QList<RuleStatus> autoRollbacksWithoutData() const;
    // Decision points all ok and every automatic trigger judged: what a monitoring hold needs.
    bool gatingRulesJudgedOk() const { return decisionPointsAllOk() && autoRollbacksWithoutData().isEmpty(); }
    // Automatic triggers in state Breached: each one means "route everything to blue now".
    QList<RuleStatus> triggeredAutoRollbacks() const;
    // Rules of any tier in state Breached, for `breach` journal lines and colouring.
    QList<RuleStatus> breached() const;

    friend bool operator==(const RuleEvaluation &, const RuleEvaluation &) = default;

private:
    QList<RuleStatus> m_statuses;
    qint64 m_atMs = 0;
};
