#include "procedurecatalog.h"

#include "runbook/runbook.h"

#include <algorithm>

namespace {

bool namesRollback(const Runbook &runbook, const RunbookSection &section)
{
    const RunbookSection *s = &section;
    while (s) {
        if (s->title.contains(QLatin1String("rollback"), Qt::CaseInsensitive) || s->title.contains(QLatin1String("roll back"), Qt::CaseInsensitive))
            return true;
        s = s->parentId.isEmpty() ? nullptr : runbook.section(s->parentId);
    }
    return false;
}

void addSteps(ProcedureDef &def, const RunbookGroup &group, const QList<ActionBinding> &bindings)
{
    for (const RunbookItem &item : group.items) {
        if (!item.checkable)
            continue;
        ProcedureStep step{item.id, item.text, group.title.value_or(QString()), std::nullopt};
        if (const ActionBinding *b = bindingFor(bindings, item))
            step.binding = *b;
        def.steps.append(step);
    }
}

} // namespace

const ProcedureStep *ProcedureDef::step(const QString &itemId) const
{
    for (const ProcedureStep &s : steps) {
        if (s.itemId == itemId)
            return &s;
    }
    return nullptr;
}

QList<ProcedureDef> findProcedures(const Runbook &runbook, const QList<ActionBinding> &bindings)
{
    QList<ProcedureDef> procedures;
    bool haveRollback = false;
    for (const RunbookSection &section : runbook.sections) {
        if (section.kind != SectionKind::Procedure || !section.hasCheckableItems())
            continue;
        if (!haveRollback && namesRollback(runbook, section)) {
            haveRollback = true;
            ProcedureDef def{section.id, section.title, section.id, true, {}};
            for (const RunbookGroup &group : section.groups)
                addSteps(def, group, bindings);
            procedures.prepend(def);
            continue;
        }
        for (const RunbookGroup &group : section.groups) {
            ProcedureDef def{group.title ? group.id : section.id, group.title.value_or(section.title), section.id, false, {}};
            addSteps(def, group, bindings);
            if (!def.steps.isEmpty())
                procedures.append(def);
        }
    }
    return procedures;
}

QList<Phrase> unmatchedBindings(const Runbook &runbook, const QList<ActionBinding> &bindings, const QString &profileFile)
{
    const QList<const RunbookItem *> items = runbook.checkableItems();
    QList<Phrase> messages;
    for (const ActionBinding &b : bindings) {
        if (std::any_of(items.cbegin(), items.cend(), [&b](const RunbookItem *item) { return b.matches(*item); }))
            continue;
        const Phrase at = profileFile.isEmpty() ? phrase("ProcedureCatalog", "the profile, line %1").arg(b.line)
                                                : Phrase::verbatim(QStringLiteral("%1:%2").arg(profileFile).arg(b.line));
        const Phrase what = b.itemId.isEmpty() ? phrase("ProcedureCatalog", "text \"%1\"").arg(b.itemText) : phrase("ProcedureCatalog", "item \"%1\"").arg(b.itemId);
        messages << phrase("ProcedureCatalog", "%1: the binding for the %2 (%3) matches no checklist item of the runbook, so it does nothing; "
                                               "check the spelling against the runbook (--parse-runbook lists every item's id and text)")
                        .arg(at)
                        .arg(what)
                        .arg(nameOf(b.kind));
    }
    return messages;
}
