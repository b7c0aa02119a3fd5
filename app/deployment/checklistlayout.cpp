#include "checklistlayout.h"

#include <QSet>

namespace ChecklistLayout {

QString tabTitle(const RunbookSection &section)
{
    if (section.kind != SectionKind::Phase || !section.window)
        return section.title;
    return titleWithoutWindow(section.title);
}

QList<ChecklistTab> tabs(const Runbook &runbook)
{
    // A section holding phases is split into its phases; every other top-level section with
    // checkboxes becomes one tab with its subsections as groups.
    QSet<QString> phaseAncestors;
    for (const RunbookSection &s : runbook.sections) {
        if (s.kind != SectionKind::Phase)
            continue;
        for (QString p = s.parentId; !p.isEmpty();) {
            phaseAncestors.insert(p);
            const RunbookSection *parent = runbook.section(p);
            p = parent ? parent->parentId : QString();
        }
    }
    QList<ChecklistTab> result;
    QSet<QString> covered;
    for (const RunbookSection &s : runbook.sections) {
        if (covered.contains(s.parentId)) {
            covered.insert(s.id);
            continue;
        }
        if (s.kind == SectionKind::Phase) {
            result.append({tabTitle(s), s.id, s.kind, s.window});
            covered.insert(s.id);
            continue;
        }
        if (phaseAncestors.contains(s.id) || s.kind == SectionKind::Reference)
            continue;
        result.append({s.title, s.id, s.kind, std::nullopt});
        covered.insert(s.id);
    }
    return result;
}

QList<const RunbookSection *> referenceSections(const Runbook &runbook)
{
    QList<const RunbookSection *> result;
    QSet<QString> listed;
    for (const RunbookSection &s : runbook.sections) {
        if (listed.contains(s.parentId)) {
            listed.insert(s.id); // shown as part of its listed ancestor
            continue;
        }
        if (s.kind != SectionKind::Reference)
            continue;
        // Reference text with no content of its own (a bare heading over checklists) is not listed.
        const bool hasContent = !s.groups.isEmpty() || s.endLine > s.line;
        if (!hasContent)
            continue;
        result.append(&s);
        listed.insert(s.id);
    }
    return result;
}

} // namespace ChecklistLayout
