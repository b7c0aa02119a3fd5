#pragma once

#include "runbook/runbook.h"

// Which tabs the checklist window shows for a runbook: one per phase and one per top-level
// section with checkboxes; sections without checkboxes are reference material shown alongside.
struct ChecklistTab {
    QString title;
    QString sectionId; // the tab shows this section and all its descendants
    SectionKind kind = SectionKind::Checklist;
    std::optional<PhaseWindow> window;
};

namespace ChecklistLayout {
QList<ChecklistTab> tabs(const Runbook &runbook);
// Sections shown as reference: top-level sections without checkboxes, and reference
// subsections of checklist sections (e.g. "Automatic Rollback Triggers").
QList<const RunbookSection *> referenceSections(const Runbook &runbook);
// "Phase 1: Preparation (0-30 minutes)" -> "Phase 1: Preparation".
QString tabTitle(const RunbookSection &section);
}
