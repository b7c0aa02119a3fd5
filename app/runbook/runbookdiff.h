#pragma once

#include "runbook.h"

// How the checklist items of two versions of a runbook differ, by item id. Used to tell the
// operator, when a runbook was edited, which journaled items changed or vanished.
struct RunbookDiff {
    struct Change {
        QString oldId;
        QString oldText;
        QString newId;
        QString newText;
        int newLine = 0;
    };
    QList<const RunbookItem *> removed; // from the old runbook
    QList<const RunbookItem *> added;   // from the new runbook
    QList<Change> changed; // same group and position, new wording (so a new id)

    bool isEmpty() const { return removed.isEmpty() && added.isEmpty() && changed.isEmpty(); }
    static RunbookDiff compare(const Runbook &before, const Runbook &after);
    // "line 12: "Run smoke tests" was changed to ..."; one line per difference.
    QStringList describe() const;
};
