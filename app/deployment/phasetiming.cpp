#include "phasetiming.h"

#include <QCoreApplication>

PhaseTiming PhaseTiming::evaluate(const std::optional<PhaseWindow> &window, qint64 elapsedMs, bool finished)
{
    PhaseTiming t;
    if (finished) {
        t.state = State::Finished;
        return t;
    }
    if (!window)
        return t;
    const qint64 minutes = elapsedMs / 60000;
    if (minutes < window->startMinutes) {
        t.state = State::Upcoming;
        t.minutesLeft = window->startMinutes - minutes;
    } else if (minutes < window->endMinutes) {
        t.state = State::InWindow;
        t.minutesLeft = window->endMinutes - minutes;
    } else {
        t.state = State::Overdue;
        t.minutesOver = minutes - window->endMinutes;
    }
    return t;
}

QString PhaseTiming::describe(const std::optional<PhaseWindow> &window) const
{
    QString planned;
    if (window)
        planned = tr("Planned %1–%2 min").arg(window->startMinutes).arg(window->endMinutes);
    switch (state) {
    case State::NoWindow: return planned;
    case State::Finished: return planned.isEmpty() ? tr("Finished") : planned + tr(" · finished");
    case State::Upcoming: return planned + tr(" · starts in %1 min").arg(minutesLeft);
    case State::InWindow: return planned + tr(" · in its window, %1 min left").arg(minutesLeft);
    case State::Overdue: return planned + tr(" · %1 min past its window").arg(minutesOver);
    }
    return planned;
}
