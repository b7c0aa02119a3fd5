#pragma once

#include <QCoreApplication>
#include <QString>

struct ProcedureDef;

// What the rollback procedure will do, for the Roll back confirmation: a one-line summary (how
// many steps run by themselves, which ask first, how many are the operator's) and the steps,
// one per line, each with how it is done.
struct RollbackPlan {
    QString summary;
    QString steps;

    static RollbackPlan describe(const ProcedureDef &procedure);

    Q_DECLARE_TR_FUNCTIONS(RollbackPlan)
};
