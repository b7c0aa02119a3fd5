#pragma once

#include "core/phrase.h"
#include "procedure/actionbinding.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct Runbook;

struct ProcedureStep {
    QString itemId;
    QString text;
    QString groupTitle; // "Immediate Actions"
    std::optional<ActionBinding> binding; // none: the operator does it and confirms
};

// A procedure the console can run: the runbook's manual rollback (all its groups, in order),
// or one emergency procedure (one titled group: "Service Down").
struct ProcedureDef {
    QString id;        // the section's id (rollback) or the group's id (emergency)
    QString title;
    QString sectionId; // where it is written (its tab)
    bool rollback = false;
    QList<ProcedureStep> steps;

    const ProcedureStep *step(const QString &itemId) const;
};

// Finds the procedures in a runbook: procedure sections with checkable items. The first whose
// heading (or a parent heading) names a rollback is THE rollback procedure, run as one; the
// others are run per titled group, so each emergency ("Service Down", "Database Issues"...) is
// its own procedure. Steps are bound with the profile's bindings.
QList<ProcedureDef> findProcedures(const Runbook &runbook, const QList<ActionBinding> &bindings);

// Bindings that match no checklist item of the runbook (a renamed step, a typo): they would
// do nothing. One message each, at its line of the profile ("FILE:LINE: ...").
QList<Phrase> unmatchedBindings(const Runbook &runbook, const QList<ActionBinding> &bindings, const QString &profileFile);
