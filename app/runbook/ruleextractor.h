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

    // Rules of one clause ("Error rate > 1%"), or a diagnostic message in 'error'.
    static QList<Rule> parseClause(RuleTier tier, QStringView clause, QString *error);
};
