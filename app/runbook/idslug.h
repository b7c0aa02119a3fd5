#pragma once

#include <QHash>
#include <QString>

// Stable identifiers for runbook nodes: lower-case words joined by '-', made from titles
// and item text only, so an edit elsewhere in the runbook never changes them.
namespace IdSlug {

// "Run smoke tests" -> "run-smoke-tests"; empty input gives "item".
QString fromText(QStringView text);
// prefix + '/' + fromText(text), built in one buffer (the parser's hot path).
QString childId(const QString &prefix, QStringView text);

// A heading without list numbering, phase number or time window:
// "Phase 3: Traffic Shift (60-90 minutes)" -> "Traffic Shift", "1. Code Review" -> "Code Review".
QString normalizedHeading(const QString &title);

// Gives "base", then "base-2", "base-3"... for repeated bases.
class UniqueIds
{
public:
    QString take(const QString &base);

private:
    QHash<QString, int> m_used;
};

} // namespace IdSlug
