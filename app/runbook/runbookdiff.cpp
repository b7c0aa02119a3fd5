#include "runbookdiff.h"

#include <QHash>

namespace {

struct Place {
    QString groupId;
    qsizetype index = 0;
    const RunbookItem *item = nullptr;
};

QHash<QString, Place> checkable(const Runbook &r)
{
    QHash<QString, Place> places;
    for (const RunbookSection &s : r.sections) {
        for (const RunbookGroup &g : s.groups) {
            qsizetype index = 0;
            for (const RunbookItem &i : g.items) {
                if (i.checkable)
                    places.insert(i.id, {g.id, index++, &i});
            }
        }
    }
    return places;
}

} // namespace

RunbookDiff RunbookDiff::compare(const Runbook &before, const Runbook &after)
{
    const QHash<QString, Place> oldItems = checkable(before);
    const QHash<QString, Place> newItems = checkable(after);
    RunbookDiff diff;
    QHash<QPair<QString, qsizetype>, const RunbookItem *> addedAt;
    for (const RunbookItem *item : after.checkableItems()) {
        if (!oldItems.contains(item->id)) {
            const Place &p = newItems[item->id];
            addedAt.insert({p.groupId, p.index}, item);
        }
    }
    for (const RunbookItem *item : before.checkableItems()) {
        if (newItems.contains(item->id))
            continue;
        const Place &p = oldItems[item->id];
        if (const RunbookItem *replacement = addedAt.take({p.groupId, p.index}))
            diff.changed.append({item->id, item->text, replacement->id, replacement->text, replacement->line});
        else
            diff.removed.append(item);
    }
    for (const RunbookItem *item : after.checkableItems()) {
        if (!oldItems.contains(item->id) && addedAt.values().contains(item))
            diff.added.append(item);
    }
    return diff;
}

QStringList RunbookDiff::describe() const
{
    QStringList lines;
    for (const Change &c : changed)
        lines << QStringLiteral("line %1: \"%2\" is now \"%3\"").arg(c.newLine).arg(c.oldText, c.newText);
    for (const RunbookItem *i : removed)
        lines << QStringLiteral("\"%1\" (was line %2) is no longer in the runbook").arg(i->text).arg(i->line);
    for (const RunbookItem *i : added)
        lines << QStringLiteral("line %1: \"%2\" is new").arg(i->line).arg(i->text);
    return lines;
}
