#include "profile.h"

RolloutConfig Profile::rolloutConfig() const
{
    RolloutConfig config;
    config.source = fileName.isEmpty() ? QStringLiteral("profile") : fileName;
    config.traffic = traffic;
    config.health = health;
    config.alerts = alerts;
    config.ruleForMs = ruleForMs;
    return config;
}
