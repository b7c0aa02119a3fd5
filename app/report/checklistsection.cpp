#include "checklistsection.h"

#include "deployment/checklistlayout.h"
#include "report/reportdata.h"
#include "report/reportdocument.h"
#include "report/reporttext.h"

namespace {

using Tone = ReportCell::Tone;

// The group an item stands in, for the item's cell ("Environment Setup").
QHash<QString, QString> groupTitles(const Runbook &runbook)
{
    QHash<QString, QString> titles;
    for (const RunbookSection &section : runbook.sections) {
        for (const RunbookGroup &group : section.groups) {
            const QString title = group.title.value_or(section.title);
            for (const RunbookItem &item : group.items)
                titles.insert(item.id, title);
        }
    }
    return titles;
}

} // namespace

void ChecklistSection::add(ReportDocument &doc, const ReportData &data, const ReportText &text)
{
    doc.heading(QStringLiteral("Checklist"), QStringLiteral("checklist"));
    doc.paragraph(QStringLiteral("Every checklist item of the runbook the deployment started with: who checked or skipped it and when, "
                                 "notes, reasons for skips, and the evidence of items the console ran a check for."));
    const QHash<QString, QString> groups = groupTitles(data.runbook);
    for (const ChecklistTab &tab : ChecklistLayout::tabs(data.runbook)) {
        const QList<const RunbookItem *> items = data.runbook.checkableItems(tab.sectionId);
        if (items.isEmpty())
            continue;
        int done = 0, skipped = 0, open = 0;
        QList<QList<ReportCell>> rows;
        QList<std::pair<QString, const CheckRecord *>> evidence;
        for (const RunbookItem *item : items) {
            const ItemState s = data.state.item(item->id);
            ReportCell state;
            switch (s.status) {
            case ItemState::Status::Done:
                ++done;
                state = ReportCell(QStringLiteral("done"), Tone::Good);
                break;
            case ItemState::Status::Skipped:
                ++skipped;
                state = ReportCell(QStringLiteral("skipped"), Tone::Warn);
                break;
            case ItemState::Status::Open:
                ++open;
                state = ReportCell(QStringLiteral("open"), Tone::Muted);
                break;
            }
            QStringList notes;
            if (s.status == ItemState::Status::Skipped && !s.skipReason.isEmpty())
                notes << QStringLiteral("Skipped because: %1").arg(s.skipReason);
            if (!s.note.isEmpty())
                notes << QStringLiteral("Note (%1, %2): %3").arg(s.noteBy, text.sinceStart(s.noteAtMs), s.note);
            const auto check = data.state.checks.constFind(item->id);
            if (check != data.state.checks.cend()) {
                const CheckRecord &c = check.value();
                QString line = QStringLiteral("Check %1 (%2, %3, by %4, %5)")
                                   .arg(c.ok ? QStringLiteral("passed") : QStringLiteral("FAILED"), c.action, ReportText::duration(c.durationMs), c.by, text.sinceStart(c.atMs));
                if (!c.message.isEmpty())
                    line += QStringLiteral(": ") + c.message;
                if (c.exitCode)
                    line += QStringLiteral(" (exit status %1)").arg(*c.exitCode);
                notes << line;
                if (!c.output.isEmpty())
                    evidence << std::pair{item->text, &c};
            }
            const QString group = groups.value(item->id);
            rows << QList<ReportCell>{group.isEmpty() ? item->text : QStringLiteral("%1 › %2").arg(group, item->text),
                                      state,
                                      s.status == ItemState::Status::Open ? QString() : s.by,
                                      ReportCell(s.status == ItemState::Status::Open || s.atMs == 0 ? QString() : text.sinceStart(s.atMs), Tone::Plain, true),
                                      notes.join(QStringLiteral(" · "))};
        }
        doc.heading(QStringLiteral("%1: %2 done, %3 skipped, %4 open").arg(tab.title, QString::number(done), QString::number(skipped), QString::number(open)),
                    QStringLiteral("checklist-") + tab.sectionId, 3);
        doc.table({QStringLiteral("Item"), QStringLiteral("State"), QStringLiteral("By"), QStringLiteral("When"), QStringLiteral("Notes, reasons, evidence")}, rows);
        for (const auto &[itemText, c] : std::as_const(evidence))
            doc.preformatted(QStringLiteral("Evidence for \"%1\" (%2)").arg(itemText, c->ok ? QStringLiteral("passed") : QStringLiteral("failed")), c->output);
    }
}
