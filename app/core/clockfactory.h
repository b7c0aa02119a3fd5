#pragma once

#include <QString>

#include <memory>

class Clock;

// The clock for `--time-scale N`: the system clock at 1, otherwise a ScaledClock. A scaled
// clock normally starts at the real time of its making, so two processes (a console restarted
// after a crash, a separate simulator) would each run on their own timeline. When the
// environment variable STONECASTER_TIME_ORIGIN_MS holds a real time in milliseconds since the
// epoch, every scaled clock runs on one timeline instead: at real time R it reads
// origin + (R - origin) * N, whichever process made it and whenever (tests that restart the
// console, and a simulator it talks to, use this).
std::unique_ptr<Clock> makeClock(double timeScale);

inline constexpr const char *TimeOriginVariable = "STONECASTER_TIME_ORIGIN_MS";
