#pragma once

#include "core/result.h"

#include <QString>

// How traffic is shared between blue and green, in whole percent (blue + green = 100).
// The gate and the runbook's plan work in percent green (0, 5, 10, 25, 50, 100); each
// controller turns that into its own weights and turns weights it reads back into this.
struct TrafficSplit {
    int bluePercent = 100;
    int greenPercent = 0;

    // blue = 100 - green; `greenPercent` must be 0..100.
    static TrafficSplit fromGreenPercent(int greenPercent);
    // The share from two relative weights (HAProxy's 0..256, the demo's 0..256, a load
    // balancer's), green rounded to the nearest whole percent. Both 0 is a failure: no
    // server would take requests, which is not a split anybody asked for.
    static Result<TrafficSplit> fromWeights(int blueWeight, int greenWeight);

    // Replaces "${blue}" and "${green}" in `text` with the percentages.
    QString substitute(QString text) const;

    friend bool operator==(const TrafficSplit &, const TrafficSplit &) = default;
};
