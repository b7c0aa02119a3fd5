#include "trafficcontrollerfactory.h"

#include "commandcontroller.h"
#include "democontroller.h"
#include "haproxycontroller.h"
#include "httpcontroller.h"

TrafficController *createTrafficController(const TrafficConfig &config, QObject *parent)
{
    if (!checkTrafficConfig(config))
        return nullptr;
    TrafficController *controller = nullptr;
    switch (config.kind) {
    case TrafficConfig::Kind::Demo: controller = new DemoController(config.demo, parent); break;
    case TrafficConfig::Kind::Haproxy: controller = new HaproxyController(config.haproxy, parent); break;
    case TrafficConfig::Kind::Http: controller = new HttpController(config.http, parent); break;
    case TrafficConfig::Kind::Command: controller = new CommandController(config.command, parent); break;
    }
    if (controller)
        controller->setTimeoutMs(config.timeoutMs);
    return controller;
}
