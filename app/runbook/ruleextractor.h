#pragma once

#include "runbook.h"

#include <optional>

// Reads threshold rules out of runbook lines. The tier comes from the heading a line
// stands under (tierForHeading), never from words inside the line.
class RuleExtractor
{
public:
    enum class HeadingTier { None, Target, Alerting, DecisionPoint, AutoRollback };

    // Which kind of rule list a section or group heading introduces.
    static HeadingTier tierForHeading(const QString &heading);

    // An alerting level named by a key or heading: "Critical" -> AlertCritical.
    static std::optional<RuleTier> alertLevel(const QString &word);

    struct Result {
        QList<Rule> rules; // ids not yet assigned
        QList<Diagnostic> diagnostics;
    };

    // One item under a rule heading. 'key'/'value' are set for "**Key**: value" bullets,
    // 'text' is the item's plain text.
    static Result extract(RuleTier tier, const QString &text, const QString &key, const QString &value, int line);

    // One clause as extract() reads each of its clauses: the rules get 'line' and 'text'; a
    // limit without a unit is a diagnostic, not a rule.
    static Result extractClause(RuleTier tier, QStringView clause, const QString &text, int line);

    // A sentence or list item that reads as a rollback trigger wherever it stands: a rollback
    // verb, a condition and a number or event ("Roll back immediately when ...", "If ... exceeds
    // ..., roll back"). DecisionPoint if it says "consider" (or "may", "decide"), else
    // AutoRollback; nullopt if it is no trigger.
    static std::optional<RuleTier> proseTrigger(QStringView text);

    // Rules of one clause ("Error rate > 1%"), or a diagnostic message in 'error'.
    static QList<Rule> parseClause(RuleTier tier, QStringView clause, Phrase *error);
};
