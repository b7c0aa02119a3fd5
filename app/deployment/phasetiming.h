#pragma once

#include "runbook/runbook.h"

#include <QCoreApplication>

// Where a phase stands against its planned window, for the phase tab's header.
struct PhaseTiming {
    enum class State { NoWindow, Upcoming, InWindow, Overdue, Finished };
    State state = State::NoWindow;
    qint64 minutesLeft = 0; // InWindow: until the window ends; Upcoming: until it starts
    qint64 minutesOver = 0; // Overdue: past the window's end

    // 'finished' = every checklist item of the phase is done or skipped.
    static PhaseTiming evaluate(const std::optional<PhaseWindow> &window, qint64 elapsedMs, bool finished);
    QString describe(const std::optional<PhaseWindow> &window) const;

    Q_DECLARE_TR_FUNCTIONS(PhaseTiming)
};
