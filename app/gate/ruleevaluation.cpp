#include "ruleevaluation.h"

#include <utility>

RuleEvaluation::RuleEvaluation(QList<RuleStatus> statuses, qint64 atMs)
    : m_statuses(std::move(statuses))
    , m_atMs(atMs)
{
}

const RuleStatus *RuleEvaluation::status(const QString &ruleId) const
{
    for (const RuleStatus &s : m_statuses) {
        if (s.ruleId == ruleId)
            return &s;
    }
    return nullptr;
}

QList<RuleStatus> RuleEvaluation::gatingStatuses() const
{
    QList<RuleStatus> out;
    for (const RuleStatus &s : m_statuses) {
        if (s.isGating())
            out.append(s);
    }
    return out;
}

bool RuleEvaluation::decisionPointsAllOk() const
{
    return decisionPointsNotOk().isEmpty();
}

QList<RuleStatus> RuleEvaluation::decisionPointsNotOk() const
{
    QList<RuleStatus> out;
    for (const RuleStatus &s : m_statuses) {
        if (s.tier == RuleTier::DecisionPoint && s.state != RuleState::Ok && s.state != RuleState::Inactive)
            out.append(s);
    }
    return out;
}

QList<RuleStatus> RuleEvaluation::autoRollbacksWithoutData() const
{
    QList<RuleStatus> out;
    for (const RuleStatus &s : m_statuses) {
        if (s.tier == RuleTier::AutoRollback && s.state == RuleState::NoData && s.metric != RuleMetric::SecurityAlert)
            out.append(s);
    }
    return out;
}

QList<RuleStatus> RuleEvaluation::triggeredAutoRollbacks() const
{
    QList<RuleStatus> out;
    for (const RuleStatus &s : m_statuses) {
        if (s.tier == RuleTier::AutoRollback && s.state == RuleState::Breached)
            out.append(s);
    }
    return out;
}

QList<RuleStatus> RuleEvaluation::breached() const
{
    QList<RuleStatus> out;
    for (const RuleStatus &s : m_statuses) {
        if (s.state == RuleState::Breached)
            out.append(s);
    }
    return out;
}
