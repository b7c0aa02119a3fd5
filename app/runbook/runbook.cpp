#include "runbook.h"

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

const RunbookSection *Runbook::section(const QString &id) const
{
    for (const RunbookSection &s : sections) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

const RunbookItem *Runbook::item(const QString &id) const
{
    for (const RunbookSection &s : sections) {
        for (const RunbookGroup &g : s.groups) {
            for (const RunbookItem &i : g.items) {
                if (i.id == id)
                    return &i;
            }
        }
    }
    return nullptr;
}

QStringList Runbook::descendantSectionIds(const QString &sectionId) const
{
    // Sections are in document order and children follow their parent, so one pass suffices.
    QStringList ids{sectionId};
    for (const RunbookSection &s : sections) {
        if (!s.parentId.isEmpty() && ids.contains(s.parentId) && !ids.contains(s.id))
            ids.append(s.id);
    }
    return ids;
}

QList<const RunbookItem *> Runbook::checkableItems(const QString &sectionId) const
{
    const QStringList ids = sectionId.isEmpty() ? QStringList{} : descendantSectionIds(sectionId);
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
    const QStringList ids = descendantSectionIds(sectionId);
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

QString toString(SectionKind kind)
{
    switch (kind) {
    case SectionKind::Phase: return QStringLiteral("phase");
    case SectionKind::Procedure: return QStringLiteral("procedure");
    case SectionKind::Checklist: return QStringLiteral("checklist");
    case SectionKind::Reference: return QStringLiteral("reference");
    }
    return {};
}

QString toString(RuleTier tier)
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

QString toString(RuleMetric metric)
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

QString toString(RuleOp op)
{
    switch (op) {
    case RuleOp::Greater: return QStringLiteral(">");
    case RuleOp::Less: return QStringLiteral("<");
    case RuleOp::Firing: return QStringLiteral("firing");
    }
    return {};
}

QString toString(RuleUnit unit)
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

QString toString(Diagnostic::Severity severity)
{
    return severity == Diagnostic::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}
