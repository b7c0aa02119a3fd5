#pragma once
// The demo environment and a ConsoleSession on it, as main() makes them for --demo; shared by
// the session tests.
#include "session/consoleenvironment.h"
#include "session/consolesession.h"

#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/journal.h"
#include "rollout/rollout.h"

#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

struct DemoSession {
    // `adjust` changes the demo profile before the session gets it (bindings for a test).
    DemoSession(const QString &scenario, double timeScale, const std::function<void(Profile &)> &adjust = {})
    {
        Result<std::unique_ptr<ConsoleEnvironment>> created = ConsoleEnvironment::create({true, scenario, {}, timeScale});
        if (!created) {
            error = created.error();
            return;
        }
        environment = created.take();
        session = std::make_unique<ConsoleSession>(environment->clock());
        Profile profile = environment->profile();
        if (adjust)
            adjust(profile);
        session->setEnvironment(profile, environment->name(), true);
        session->startEnvironment();
    }
    ~DemoSession()
    {
        session.reset(); // before the environment's clock and simulator
    }
    // Skips the items before the traffic shift and takes every step as soon as the gate opens.
    void autoAdvance()
    {
        QVERIFY(session->deployment()->confirmReading().ok());
        for (const QString &id : TrafficGate::preShiftItemIds(session->deployment()->runbook()))
            QVERIFY(session->deployment()->skip(id, QStringLiteral("done in the change ticket")).ok());
        auto *timer = new QTimer(session.get());
        QObject::connect(timer, &QTimer::timeout, session.get(), [this] {
            Rollout *rollout = session->rollout();
            if (rollout && rollout->gate().open && !rollout->commandInFlight())
                (void)rollout->advanceAutomatically();
        });
        timer->start(20);
    }
    QList<DeploymentEvent> events() const { return session->journal()->events(session->deployment()->id()).value(); }

    QString error;
    std::unique_ptr<ConsoleEnvironment> environment;
    std::unique_ptr<ConsoleSession> session;
};

