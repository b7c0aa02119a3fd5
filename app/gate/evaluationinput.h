#pragma once

#include "metrics/metric.h"

#include <QtGlobal>

#include <optional>

class SampleStore;

// Everything outside the rules that one evaluation depends on. The caller gathers it, so the
// evaluator reads no clock, no network and no settings.
struct EvaluationInput {
    // Whose series numeric rules read: green (the gate and the triggers), or blue (the rollback
    // procedure's "verify blue is stable").
    Color subject = Color::Green;
    // Green's series are read from here (latest sample and SampleStore::isFresh); null means no data.
    const SampleStore *samples = nullptr;
    qint64 nowMs = 0; // the deployment clock (Clock), the same time base as the samples
    // "Normal" response time in ms (NormalBaseline); nullopt makes every "x normal" rule NoData.
    std::optional<double> normalMs;
    // Green has traffic: observed or commanded share > 0, or the triggers stay armed after
    // 100 % until the deployment is closed. While false, rules on green are Inactive.
    bool greenActive = false;
    // Since when green has been active. "No fresh data from green" means green is down only
    // once green has had traffic for a freshness period: its series appear a poll after the
    // first shift. nullopt: long enough (no grace).
    std::optional<qint64> greenActiveSinceMs;
    // Green's health checks: true passing, false failing, nullopt not known (not checked yet).
    std::optional<bool> greenHealthy;
    // An alert matching the profile's filter is firing; nullopt when the alert source is not
    // configured or could not be asked.
    std::optional<bool> securityAlertFiring;
};
