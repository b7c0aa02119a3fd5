#include "rollbackplan.h"

#include "procedure/procedurecatalog.h"

#include <QCoreApplication>
#include <QStringList>

RollbackPlan RollbackPlan::describe(const ProcedureDef &procedure)
{
    int automatic = 0;
    QStringList asking;
    QStringList steps;
    for (const ProcedureStep &step : procedure.steps) {
        QString how;
        if (!step.binding) {
            how = tr("you confirm when done");
        } else if (step.binding->destructive) {
            how = tr("asks you first: %1").arg(step.binding->describePhrase().translated());
            asking << step.text;
        } else {
            how = tr("runs by itself: %1").arg(step.binding->describePhrase().translated());
            ++automatic;
        }
        steps << QStringLiteral("%1. %2 (%3)").arg(steps.size() + 1).arg(step.text, how);
    }
    const int byHand = int(procedure.steps.size()) - automatic - int(asking.size());
    QString summary = tr("Then the %1 starts (unless another procedure is under way): %2 by themselves")
                          .arg(procedure.title, tr("%n step(s) run", nullptr, automatic));
    if (!asking.isEmpty())
        summary += tr(", %n ask(s) before running (%1)", nullptr, int(asking.size())).arg(asking.join(QStringLiteral(", ")));
    summary += tr(", %n is/are yours to confirm.", nullptr, byHand) + tr(" Show Details lists them.");
    return {summary, steps.join(u'\n')};
}
