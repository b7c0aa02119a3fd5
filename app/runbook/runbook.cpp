#include "runbook.h"

#include "markdownlines.h"

#include <QSet>
#include <QStringList>

bool RunbookSection::hasCheckableItems() const
{
    for (const RunbookGroup &group : groups) {
        for (const RunbookItem &item : group.items) {
            if (item.checkable)
                return true;
        }
    }
    return false;
}

bool Runbook::hasErrors() const
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
                       [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; });
}

void Runbook::rebuildIndex()
{
    sectionIndex.clear();
    itemIndex.clear();
    for (qsizetype s = 0; s < sections.size(); ++s) {
        sectionIndex.insert(sections[s].id, s);
        for (qsizetype g = 0; g < sections[s].groups.size(); ++g) {
            for (qsizetype i = 0; i < sections[s].groups[g].items.size(); ++i)
                itemIndex.insert(sections[s].groups[g].items[i].id, {s, g, i});
        }
    }
}

const RunbookSection *Runbook::section(const QString &id) const
{
    const auto it = sectionIndex.constFind(id);
    return it == sectionIndex.cend() ? nullptr : &sections[*it];
}

const RunbookItem *Runbook::item(const QString &id) const
{
    const auto it = itemIndex.constFind(id);
    if (it == itemIndex.cend())
        return nullptr;
    return &sections[(*it)[0]].groups[(*it)[1]].items[(*it)[2]];
}

QStringList Runbook::descendantSectionIds(const QString &sectionId) const
{
    // Sections are in document order and children follow their parent, so one pass suffices.
    QStringList ids{sectionId};
    QSet<QString> seen{sectionId};
    for (const RunbookSection &s : sections) {
        if (!s.parentId.isEmpty() && seen.contains(s.parentId) && !seen.contains(s.id)) {
            ids.append(s.id);
            seen.insert(s.id);
        }
    }
    return ids;
}

QList<const RunbookItem *> Runbook::checkableItems(const QString &sectionId) const
{
    const QStringList list = sectionId.isEmpty() ? QStringList{} : descendantSectionIds(sectionId);
    const QSet<QString> ids(list.cbegin(), list.cend());
    QList<const RunbookItem *> result;
    for (const RunbookSection &s : sections) {
        if (!sectionId.isEmpty() && !ids.contains(s.id))
            continue;
        for (const RunbookGroup &g : s.groups) {
            for (const RunbookItem &i : g.items) {
                if (i.checkable)
                    result.append(&i);
            }
        }
    }
    return result;
}

QString Runbook::sectionSource(const QString &sectionId) const
{
    const QStringList list = descendantSectionIds(sectionId);
    const QSet<QString> ids(list.cbegin(), list.cend());
    int first = 0;
    int last = 0;
    for (const RunbookSection &s : sections) {
        if (!ids.contains(s.id))
            continue;
        if (first == 0)
            first = s.line;
        last = std::max(last, s.endLine);
    }
    if (first == 0)
        return {};
    const QStringList lines = source.split(QLatin1Char('\n'));
    return lines.mid(first - 1, last - first + 1).join(QLatin1Char('\n'));
}

QString titleWithoutWindow(const QString &title)
{
    std::optional<MarkdownLines::WindowText> w = MarkdownLines::phaseWindow(title);
    if (!w)
        w = MarkdownLines::otherPhaseWindow(title);
    if (!w)
        return title;
    QStringView head = QStringView(title).first(w->text.data() - title.constData());
    while (!head.isEmpty() && (head.back().isSpace() || QStringView(u"-–—:,").contains(head.back())))
        head.chop(1);
    return head.isEmpty() ? title : head.toString();
}

QString holdText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (ms % 60'000 == 0)
        return QStringLiteral("%1 min").arg(ms / 60'000);
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    return QStringLiteral("%1 min %2 s").arg(QString::number(seconds / 60), QString::number(seconds % 60));
}

QString nameOf(SectionKind kind)
{
    switch (kind) {
    case SectionKind::Phase: return QStringLiteral("phase");
    case SectionKind::Procedure: return QStringLiteral("procedure");
    case SectionKind::Checklist: return QStringLiteral("checklist");
    case SectionKind::Reference: return QStringLiteral("reference");
    }
    return {};
}

QString nameOf(RuleTier tier)
{
    switch (tier) {
    case RuleTier::Target: return QStringLiteral("target");
    case RuleTier::AlertInfo: return QStringLiteral("alert-info");
    case RuleTier::AlertWarning: return QStringLiteral("alert-warning");
    case RuleTier::AlertCritical: return QStringLiteral("alert-critical");
    case RuleTier::DecisionPoint: return QStringLiteral("decision-point");
    case RuleTier::AutoRollback: return QStringLiteral("auto-rollback");
    }
    return {};
}

QString nameOf(RuleMetric metric)
{
    switch (metric) {
    case RuleMetric::ErrorRate: return QStringLiteral("error_rate");
    case RuleMetric::ResponseTime: return QStringLiteral("response_time");
    case RuleMetric::DbErrorRate: return QStringLiteral("db_error_rate");
    case RuleMetric::DbQueryTime: return QStringLiteral("db_query_time");
    case RuleMetric::ResourceUtilization: return QStringLiteral("resource_utilization");
    case RuleMetric::PageLoadTime: return QStringLiteral("page_load_time");
    case RuleMetric::ServiceDown: return QStringLiteral("service_down");
    case RuleMetric::SecurityAlert: return QStringLiteral("security_alert");
    }
    return {};
}

QString nameOf(RuleOp op)
{
    switch (op) {
    case RuleOp::Greater: return QStringLiteral(">");
    case RuleOp::Less: return QStringLiteral("<");
    case RuleOp::Firing: return QStringLiteral("firing");
    }
    return {};
}

QString nameOf(RuleUnit unit)
{
    switch (unit) {
    case RuleUnit::None: return {};
    case RuleUnit::Percent: return QStringLiteral("%");
    case RuleUnit::Milliseconds: return QStringLiteral("ms");
    case RuleUnit::Seconds: return QStringLiteral("s");
    case RuleUnit::TimesNormal: return QStringLiteral("x_normal");
    }
    return {};
}

QString nameOf(Diagnostic::Severity severity)
{
    return severity == Diagnostic::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}
