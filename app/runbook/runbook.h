#pragma once

#include "core/phrase.h"

#include <QHash>
#include <QList>
#include <QString>

#include <array>

#include <optional>

// The parsed runbook: the product's specification of a deployment. Plain value types,
// produced by RunbookParser and never changed afterwards.

struct RunbookLink {
    QString text;
    QString url;
};

struct RunbookItem {
    QString id;
    QString text; // display text, Markdown emphasis and link syntax removed
    bool checkable = false;
    bool checked = false; // as written in the file ("- [x]")
    int line = 0;
    QString key; // for "**Key**: value" bullets
    QString value;
    QList<RunbookLink> links;
};

struct RunbookGroup {
    QString id;
    std::optional<QString> title; // nullopt for items directly under the heading
    int line = 0;
    QList<RunbookItem> items;
};

struct PhaseWindow {
    int startMinutes = 0;
    int endMinutes = 0;
};

enum class SectionKind { Phase, Procedure, Checklist, Reference };

struct RunbookSection {
    QString id;
    QString title; // as written, without the leading #s
    int level = 2;
    QString parentId; // empty at the top
    SectionKind kind = SectionKind::Reference;
    std::optional<PhaseWindow> window;
    int line = 0;
    int endLine = 0; // last line belonging to this heading's own content (before the next heading)
    QList<RunbookGroup> groups;

    bool hasCheckableItems() const;
};

struct TrafficStep {
    int percent = 0;
    std::optional<qint64> holdMs; // whole seconds, in milliseconds; nullopt for the last step
    int line = 0;
};

// A phase heading's title without its planned window and the dash or colon before it:
// "Monitoring — T+15 to T+45 min" -> "Monitoring", "Verify - (0-20 min)" -> "Verify". The title
// as it is when it holds no window (or nothing but one).
QString titleWithoutWindow(const QString &title);

// A hold as a person reads it: "10 min", "90 s", "1 min 30 s" (whole minutes as minutes: "120 min").
QString holdText(qint64 ms);

// Keep AutoRollback and SecurityAlert last: the parser sizes a table by them.
enum class RuleTier { Target, AlertInfo, AlertWarning, AlertCritical, DecisionPoint, AutoRollback };
enum class RuleMetric { ErrorRate, ResponseTime, DbErrorRate, DbQueryTime, ResourceUtilization, PageLoadTime, ServiceDown, SecurityAlert };
enum class RuleOp { Greater, Less, Firing };
enum class RuleUnit { None, Percent, Milliseconds, Seconds, TimesNormal };

struct Rule {
    QString id;
    RuleTier tier = RuleTier::Target;
    RuleMetric metric = RuleMetric::ErrorRate;
    RuleOp op = RuleOp::Greater;
    std::optional<double> value; // nullopt for "firing" rules
    RuleUnit unit = RuleUnit::None;
    std::optional<int> percentile;
    int line = 0;
    QString text; // the source line the rule came from
};

struct Diagnostic {
    enum class Severity { Error, Warning };
    int line = 0; // 0 when it concerns the whole file
    Severity severity = Severity::Error;
    // English for --parse-runbook, the headless modes and the reading's digest; the window
    // says it translated.
    Phrase message;
};

struct Runbook {
    QString fileName; // for diagnostics; may be empty for text not read from a file
    QString title;
    QString source; // the exact text parsed
    QList<RunbookSection> sections; // flat, in document order
    QList<TrafficStep> trafficPlan;
    QList<Rule> rules;
    QList<Diagnostic> diagnostics;

    // Lookup tables by id; RunbookParser fills them, rebuildIndex() after changing sections by hand.
    QHash<QString, qsizetype> sectionIndex;
    QHash<QString, std::array<qsizetype, 3>> itemIndex; // section, group, item
    void rebuildIndex();

    bool hasErrors() const;
    const RunbookSection *section(const QString &id) const;
    const RunbookItem *item(const QString &id) const;
    // Checkable items of a section and all its descendant sections, in document order.
    QList<const RunbookItem *> checkableItems(const QString &sectionId = {}) const;
    QStringList descendantSectionIds(const QString &sectionId) const;
    QString sectionSource(const QString &sectionId) const;
};

// Plain aggregates of Qt values, which QList may move with memmove when it grows.
Q_DECLARE_TYPEINFO(RunbookLink, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(RunbookItem, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(RunbookGroup, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(RunbookSection, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(Rule, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(Diagnostic, Q_RELOCATABLE_TYPE);

QString nameOf(SectionKind kind);
QString nameOf(RuleTier tier);
QString nameOf(RuleMetric metric);
QString nameOf(RuleOp op);
QString nameOf(RuleUnit unit); // empty for RuleUnit::None
QString nameOf(Diagnostic::Severity severity);
