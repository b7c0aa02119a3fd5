#include "rollbackplan.h"

#include "procedure/procedurecatalog.h"

#include <QCoreApplication>
#include <QStringList>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RollbackPlan", text);
}

} // namespace

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
            how = tr("asks you first: %1").arg(step.binding->describe());
            asking << step.text;
        } else {
            how = tr("runs by itself: %1").arg(step.binding->describe());
            ++automatic;
        }
        steps << QStringLiteral("%1. %2 (%3)").arg(steps.size() + 1).arg(step.text, how);
    }
    const int byHand = int(procedure.steps.size()) - automatic - int(asking.size());
    QString summary = tr("Then the %1 starts (unless another procedure is under way): %2 by themselves")
                          .arg(procedure.title, automatic == 1 ? tr("1 step runs") : tr("%1 steps run").arg(automatic));
    if (!asking.isEmpty())
        summary += (asking.size() == 1 ? tr(", 1 asks before it runs (%1)") : tr(", %1 ask before they run (%2)").arg(asking.size()))
                       .arg(asking.join(QStringLiteral(", ")));
    summary += (byHand == 1 ? tr(", 1 is yours to confirm.") : tr(", %1 are yours to confirm.").arg(byHand)) + tr(" Show Details lists them.");
    return {summary, steps.join(u'\n')};
}
