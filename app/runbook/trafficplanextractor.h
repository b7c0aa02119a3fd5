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
    // Checks the whole plan; call once after the last line.
    void finish();

    QList<TrafficStep> steps() const { return m_steps; }
    QList<Diagnostic> diagnostics() const { return m_diagnostics; }

    // Parsing pieces, public for tests.
    static std::optional<int> stepPercent(const QString &text);
    static std::optional<int> holdMinutes(const QString &text, QString *error);

private:
    QList<TrafficStep> m_steps;
    QList<Diagnostic> m_diagnostics;
    int m_lastHoldLine = 0;
};
