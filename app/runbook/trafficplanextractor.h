#pragma once

#include "runbook.h"

// Reads the traffic plan (percent steps and monitoring holds) out of the items of the
// runbook's traffic-shift group: "Start with 5% traffic to green", "Monitor metrics for 5 minutes".
class TrafficPlanExtractor
{
public:
    // Whether a section or group heading introduces traffic-shift steps.
    static bool isTrafficHeading(const QString &heading);

    // Feed items in document order; lines that are neither step nor hold are ignored.
    void addLine(const QString &text, int line);
    // A step read from a table row, checked as the steps of lines are.
    void addStep(int percent, std::optional<qint64> holdMs, int line);
    // Checks the whole plan; call once after the last line.
    void finish();

    QList<TrafficStep> steps() const { return m_steps; }
    QList<Diagnostic> diagnostics() const { return m_diagnostics; }

    // Parsing pieces, public for tests.
    static std::optional<int> stepPercent(const QString &text);
    // The hold a line names, in milliseconds (whole seconds: "90 s", "1.5 min", "1m30s").
    static std::optional<qint64> holdMs(const QString &text, Phrase *error);
    // A table cell that is only a duration: "10 min", "10m", "ten minutes", "1h", "90 s", "1m30s";
    // a bare number takes 'defaultUnit' ("min" from a "Hold (min)" header) if there is one.
    static std::optional<qint64> durationMs(QStringView cell, QStringView defaultUnit, Phrase *error);
    // A duration written at i ("5 minutes", "10m", "1m30s", "ten minutes"): its end, or -1, and
    // its length in 'seconds'.
    static qsizetype durationAt(QStringView text, qsizetype i, double *seconds);

private:
    bool appendStep(int percent, int line);

    QList<TrafficStep> m_steps;
    QList<Diagnostic> m_diagnostics;
    int m_lastHoldLine = 0;
};
