#pragma once

#include "core/phrase.h"
#include "runbook.h"

#include <QList>
#include <QString>
#include <QStringList>

// What the console understood of a runbook, as the release manager confirms it before the
// first traffic step (the window's reading view, the headless run's first lines): the traffic
// plan, every rule with its tier, metric, comparison, value, unit and line, and everything the
// parser could not read (its diagnostics). A plain value built from a Runbook; the window and
// the headless run show the same one, and the journal keeps its canonical text and digest.
class RunbookReading
{
public:
    RunbookReading() = default;
    explicit RunbookReading(const Runbook &runbook);

    const QList<TrafficStep> &plan() const { return m_plan; }
    const QList<Rule> &rules() const { return m_rules; }
    // What the parser could not read, at its line (0: the whole file), in line order.
    const QList<Diagnostic> &unread() const { return m_unread; }

    bool hasPlan() const { return !m_plan.isEmpty(); }
    bool hasAutoRollback() const;
    // Nothing was left unread.
    bool isComplete() const { return m_unread.isEmpty(); }
    // Plain statements about what the reading lacks: no traffic plan, no automatic-rollback
    // rule. Empty when it has both.
    QList<Phrase> gaps() const;

    // The reading as text, the same every time for the same reading: what is printed, journaled
    // and digested. Lines are the runbook's, so moving a rule changes the reading too.
    QString text() const;
    // SHA-256 of text() (UTF-8), lower-case hex.
    QString digest() const;

    // One step: "5 %, hold 5 min", "100 %".
    static QString stepText(const TrafficStep &step);
    // A rule's parts as the view's columns show them (phrases: the window says them in the
    // reader's language, text() in English).
    static Phrase tierText(RuleTier tier);          // "automatic rollback", "decision point"...
    static Phrase comparisonText(const Rule &rule); // ">", "<", "firing"
    static Phrase valueText(const Rule &rule);      // "5", "1.5"; empty for firing rules
    static Phrase unitText(const Rule &rule);       // "%", "ms", "s", "x normal"; empty for none
    // The metric with its percentile when it has one: "response_time (p95)".
    static QString metricText(const Rule &rule);
    // A whole rule in one line: "automatic rollback: error_rate > 5 %".
    static QString ruleText(const Rule &rule);
    // "line 12: phase ... has no planned window" ("whole file: ..." for line 0).
    static QString unreadText(const Diagnostic &diagnostic);

    friend bool operator==(const RunbookReading &a, const RunbookReading &b) { return a.text() == b.text(); }

private:
    QString m_title;
    QList<TrafficStep> m_plan;
    QList<Rule> m_rules;
    QList<Diagnostic> m_unread;
};
