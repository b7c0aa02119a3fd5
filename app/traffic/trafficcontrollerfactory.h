#pragma once

#include "trafficconfig.h"

class QObject;
class TrafficController;

// The controller the profile chose, with its timeout set; nullptr when checkTrafficConfig()
// refuses the configuration (call it for the message).
TrafficController *createTrafficController(const TrafficConfig &config, QObject *parent = nullptr);
