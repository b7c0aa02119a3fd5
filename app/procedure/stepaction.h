#pragma once

#include "deployment/actionoutcome.h"
#include "health/healthcheckconfig.h"
#include "procedure/actionbinding.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class Deployment;
class MetricsSession;
class QNetworkAccessManager;
class Rollout;
class StepAction;

// What bound actions may use: the deployment's traffic (through its Rollout, so the journal
// and the gate see every command), its metrics, the network and the environment's health checks.
struct ActionContext {
    Deployment *deployment = nullptr;
    QPointer<Rollout> rollout;   // null: this console cannot move traffic
    MetricsSession *metrics = nullptr;
    QNetworkAccessManager *network = nullptr;
    HealthChecksConfig health;   // their URLs are the default for "health" actions
    // Tests replace the actions; null: StepAction::create.
    std::function<std::unique_ptr<StepAction>(const ActionBinding &, const QString &stepText)> factory;
};

// One run of a bound action. Never blocks; finished() comes exactly once, from the event loop
// (also when it could not start, and after cancel()), unless the object is deleted first.
class StepAction : public QObject
{
    Q_OBJECT
public:
    static std::unique_ptr<StepAction> create(const ActionBinding &binding, const ActionContext &context, const QString &stepText);

    virtual void start() = 0;
    // Ends it now (the program's process group, the request); finished() reports `reason`.
    virtual void cancel(const QString &reason) = 0;

Q_SIGNALS:
    void output(const QString &text);
    void finished(const ActionOutcome &outcome);

protected:
    using QObject::QObject;
};
