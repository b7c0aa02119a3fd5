#include "stepaction.h"

#include "core/clock.h"
#include "core/guardedrequest.h"
#include "core/processrunner.h"
#include "core/readable.h"
#include "deployment/deployment.h"
#include "gate/ruleevaluator.h"
#include "metrics/metricssession.h"
#include "rollout/rollout.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>

namespace {

// An HTTP check reads a status and a short body; a larger answer is not what it checks.
constexpr qint64 MaxCheckAnswerBytes = 1024 * 1024;

// Shared by the actions: outcome bookkeeping and "exactly once".
class ActionBase : public StepAction
{
public:
    using StepAction::StepAction;

protected:
    void begin() { m_elapsed.start(); }
    void say(const QString &line)
    {
        m_transcript += line + u'\n';
        Q_EMIT output(line + u'\n');
    }
    void done(bool ok, const QString &message)
    {
        if (m_done)
            return;
        m_done = true;
        ActionOutcome outcome;
        outcome.ok = ok;
        outcome.message = message;
        outcome.output = m_transcript;
        outcome.durationMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
        // Always from the event loop, never inside start().
        QTimer::singleShot(0, this, [this, outcome] { Q_EMIT finished(outcome); });
    }
    bool isDone() const { return m_done; }

private:
    QElapsedTimer m_elapsed;
    QString m_transcript;
    bool m_done = false;
};

class CommandAction : public StepAction
{
public:
    CommandAction(const CommandSpec &command)
        : m_command(command)
        , m_runner(new ProcessRunner(this))
    {
        connect(m_runner, &ProcessRunner::output, this, &StepAction::output);
        connect(m_runner, &ProcessRunner::finished, this, [this](const ProcessOutcome &o) {
            Q_EMIT finished(ActionOutcome{o.ok, o.exitCode, o.message, o.output, o.durationMs});
        });
    }
    void start() override
    {
        Q_EMIT output(QStringLiteral("$ %1\n").arg(m_command.commandLine()));
        m_runner->start(m_command);
    }
    void cancel(const QString &reason) override { m_runner->cancel(reason); }

private:
    CommandSpec m_command;
    ProcessRunner *m_runner;
};

// GETs each URL in turn; every answer must pass.
class HttpAction : public ActionBase
{
public:
    struct Target {
        QUrl url;
        int expectStatus = 0; // 0: any 2xx
        QString bodyContains;
        QString setting; // where the URL comes from, for messages
    };
    HttpAction(QNetworkAccessManager *network, QString peer, QList<Target> targets, int timeoutMs)
        : m_network(network)
        , m_peer(std::move(peer))
        , m_targets(std::move(targets))
        , m_timeoutMs(timeoutMs)
    {
    }
    void start() override
    {
        begin();
        if (m_targets.isEmpty())
            return done(false, QStringLiteral("no URL to check (the profile has no health URLs)"));
        next();
    }
    void cancel(const QString &reason) override
    {
        if (m_get)
            m_get->abort();
        done(false, reason);
    }

private:
    void next()
    {
        if (isDone())
            return;
        if (m_index >= m_targets.size())
            return done(true, m_targets.size() == 1 ? m_lastLine : QStringLiteral("all %1 answered as expected").arg(m_targets.size()));
        const Target &t = m_targets[m_index];
        say(QStringLiteral("GET %1").arg(t.url.toDisplayString()));
        QNetworkRequest request;
        request.setRawHeader("User-Agent", "stonecaster-console");
        if (m_get)
            m_get->deleteLater(); // it may be the one still emitting finished()
        HttpGuards guards;
        // A step's output and result are journaled as they are said: in English.
        guards.peer = Phrase::verbatim(m_peer);
        guards.setting = Phrase::verbatim(t.setting);
        guards.timeoutMs = m_timeoutMs;
        guards.maxBodyBytes = MaxCheckAnswerBytes;
        m_get = new GuardedRequest(m_network, request, guards, this);
        connect(m_get, &GuardedRequest::finished, this, [this] { onAnswer(); });
        m_get->get(t.url);
    }
    void onAnswer()
    {
        const Target &t = m_targets[m_index];
        const HttpOutcome &o = m_get->outcome();
        if (!o.answered()) {
            say(QStringLiteral("  %1").arg(o.error.english()));
            return done(false, QStringLiteral("%1: %2").arg(t.url.toDisplayString(), o.error.english()));
        }
        say(QStringLiteral("  %1  %2").arg(o.statusLine(), GuardedRequest::excerpt(o.body)));
        const bool statusOk = t.expectStatus ? o.status == t.expectStatus : o.is2xx();
        if (!statusOk)
            return done(false, QStringLiteral("%1 answered %2, expected %3")
                                   .arg(t.url.toDisplayString(), o.statusLine(), t.expectStatus ? QString::number(t.expectStatus) : QStringLiteral("2xx")));
        if (!t.bodyContains.isEmpty() && !QString::fromUtf8(o.body).contains(t.bodyContains))
            return done(false, QStringLiteral("%1 answered %2 without \"%3\" in the body").arg(t.url.toDisplayString(), o.statusLine(), t.bodyContains));
        m_lastLine = QStringLiteral("%1 answered %2").arg(t.url.toDisplayString(), o.statusLine());
        ++m_index;
        next();
    }

    QNetworkAccessManager *m_network;
    QString m_peer;
    QList<Target> m_targets;
    int m_timeoutMs;
    qsizetype m_index = 0;
    QPointer<GuardedRequest> m_get;
    QString m_lastLine;
};

class TcpAction : public ActionBase
{
public:
    TcpAction(QString host, int port, int timeoutMs)
        : m_host(std::move(host))
        , m_port(port)
        , m_timeoutMs(timeoutMs)
        , m_socket(new QTcpSocket(this))
        , m_timer(new QTimer(this))
    {
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] {
            m_socket->abort();
            done(false, QStringLiteral("%1 port %2: no connection within %3").arg(m_host).arg(m_port).arg(readableDuration(m_timeoutMs)));
        });
        connect(m_socket, &QTcpSocket::connected, this, [this] {
            m_timer->stop();
            say(QStringLiteral("  connected to %1").arg(m_socket->peerAddress().toString()));
            m_socket->disconnectFromHost();
            done(true, QStringLiteral("%1 port %2 accepts connections").arg(m_host).arg(m_port));
        });
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
            m_timer->stop();
            say(QStringLiteral("  %1").arg(m_socket->errorString()));
            done(false, QStringLiteral("%1 port %2: %3").arg(m_host).arg(m_port).arg(m_socket->errorString()));
        });
    }
    void start() override
    {
        begin();
        say(QStringLiteral("connect %1 port %2").arg(m_host).arg(m_port));
        m_timer->start(m_timeoutMs);
        m_socket->connectToHost(m_host, quint16(m_port));
    }
    void cancel(const QString &reason) override
    {
        m_socket->abort();
        done(false, reason);
    }

private:
    QString m_host;
    int m_port;
    int m_timeoutMs;
    QTcpSocket *m_socket;
    QTimer *m_timer;
};

// All traffic to blue, through the Rollout (journaled like the Roll back button), and done
// once the load balancer reports green at 0 %. The Rollout itself resends a failed rollback
// command every 2 s; this step waits for that up to a limit, then fails (and can be retried).
class TrafficToBlueAction : public ActionBase
{
public:
    static constexpr int WaitMs = 60'000;

    TrafficToBlueAction(const ActionContext &context, QString stepText)
        : m_context(context)
        , m_stepText(std::move(stepText))
        , m_timer(new QTimer(this))
    {
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] {
            const TrafficState &t = m_context.deployment->state().traffic;
            done(false, QStringLiteral("green is not observed at 0 % after %1 s%2")
                            .arg(WaitMs / 1000)
                            .arg(t.lastMessage.isEmpty() ? QString() : QStringLiteral(": ") + t.lastMessage));
        });
    }
    void start() override
    {
        begin();
        Rollout *rollout = m_context.rollout;
        if (!rollout)
            return done(false, QStringLiteral("this console cannot move traffic (no traffic controller, or another console drives the deployment)"));
        connect(m_context.deployment, &Deployment::trafficChanged, this, [this] { check(); });
        connect(rollout, &Rollout::trafficChanged, this, [this] { check(); });
        const TrafficState &t = m_context.deployment->state().traffic;
        if (t.commandedGreen != 0 || !t.rollbackActive) {
            say(QStringLiteral("commanding 0 % on green (all traffic to blue)"));
            if (const Status s = rollout->sendAllToBlue(QStringLiteral("procedure step: %1").arg(m_stepText)); !s)
                return done(false, s.error());
        } else {
            say(QStringLiteral("traffic is already commanded to blue; waiting for the load balancer to report green at 0 %"));
        }
        m_timer->start(WaitMs);
        check();
    }
    void cancel(const QString &reason) override { done(false, reason); }

private:
    void check()
    {
        if (isDone())
            return;
        const TrafficState &t = m_context.deployment->state().traffic;
        if (t.commandedGreen == 0 && !t.awaitingResult && t.lastOk == true && !t.lastVerified) {
            // Nothing can read traffic back: say what is known, and no more.
            m_timer->stop();
            say(QStringLiteral("the traffic controller accepted 0 % green but cannot read traffic back"));
            done(true, QStringLiteral("0 % green commanded and accepted; not verified (the traffic controller cannot read traffic back)"));
        } else if (t.commandedGreen == 0 && !t.awaitingResult && t.lastOk == true && t.observedGreen.value_or(-1) == 0) {
            m_timer->stop();
            say(QStringLiteral("load balancer reports green 0 %, blue 100 %"));
            done(true, QStringLiteral("all traffic on blue (green observed at 0 %)"));
        } else if (t.commandedGreen == 0 && !t.awaitingResult && t.lastOk == false && !m_reportedFailure) {
            m_reportedFailure = true;
            say(QStringLiteral("the command failed: %1; it is sent again every 2 s").arg(t.lastMessage));
        }
    }

    ActionContext m_context;
    QString m_stepText;
    QTimer *m_timer;
    bool m_reportedFailure = false;
};

// Watches blue for a window of deployment time: every decision point and automatic trigger
// with a threshold is judged on BLUE's latest samples once a second. A breach fails the step
// at once; at the end every such rule must be Ok on fresh data (stale is not stable).
class VerifyBlueStableAction : public ActionBase
{
public:
    VerifyBlueStableAction(const ActionContext &context, qint64 windowMs)
        : m_context(context)
        , m_windowMs(windowMs)
        , m_tick(new ClockTimer(context.deployment->clock(), this))
    {
        for (const Rule &rule : RuleEvaluator::gatingRules(context.deployment->runbook().rules)) {
            if (rule.value && metricForRule(rule.metric))
                m_rules << rule;
        }
        m_tick->setInterval(1000);
        connect(m_tick, &ClockTimer::timeout, this, [this] { evaluate(); });
    }
    void start() override
    {
        begin();
        if (!m_context.metrics)
            return done(false, QStringLiteral("no metrics: blue's stability cannot be judged"));
        if (m_rules.isEmpty())
            return done(false, QStringLiteral("the runbook has no decision point or trigger with a threshold to judge blue by"));
        m_startMs = m_context.deployment->clock()->nowMs();
        say(QStringLiteral("watching blue for %1 (deployment time) against %2 rules").arg(formatWindow(m_windowMs)).arg(m_rules.size()));
        m_tick->start();
        evaluate();
    }
    void cancel(const QString &reason) override
    {
        m_tick->stop();
        done(false, reason);
    }

private:
    static QString formatWindow(qint64 ms) { return ms % 60000 == 0 ? QStringLiteral("%1 min").arg(ms / 60000) : QStringLiteral("%1 s").arg(ms / 1000); }

    void evaluate()
    {
        if (isDone())
            return;
        const qint64 now = m_context.deployment->clock()->nowMs();
        EvaluationInput input;
        input.subject = Color::Blue;
        input.samples = m_context.metrics->store();
        input.nowMs = now;
        input.normalMs = m_context.metrics->normalResponseTimeMs();
        input.greenActive = true; // "active": the rules are judged (on blue)
        QStringList notOk;
        for (const Rule &rule : std::as_const(m_rules)) {
            const RuleStatus s = RuleEvaluator::judge(rule, input);
            const QString text = QStringLiteral("%1 %2").arg(nameOf(rule.metric), s.state == RuleState::NoData ? s.reason.english() : s.comparisonText());
            if (s.state == RuleState::Breached) {
                m_tick->stop();
                say(QStringLiteral("blue breaches %1: %2").arg(rule.id, text));
                return done(false, QStringLiteral("blue is not stable: %1").arg(text));
            }
            if (s.state != RuleState::Ok)
                notOk << text;
        }
        const qint64 elapsed = now - m_startMs;
        if (elapsed >= m_windowMs) {
            m_tick->stop();
            if (!notOk.isEmpty()) {
                say(QStringLiteral("no verdict: %1").arg(notOk.join(QStringLiteral("; "))));
                return done(false, QStringLiteral("blue's stability is not known: %1").arg(notOk.join(QStringLiteral("; "))));
            }
            say(QStringLiteral("blue stayed inside every threshold for %1").arg(formatWindow(m_windowMs)));
            return done(true, QStringLiteral("blue stable for %1").arg(formatWindow(m_windowMs)));
        }
        // A line every 10 s of deployment time, so the operator sees it working.
        if (elapsed >= m_nextReportMs) {
            m_nextReportMs = elapsed + 10'000;
            say(QStringLiteral("%1 left; %2").arg(formatWindow(((m_windowMs - elapsed + 999) / 1000) * 1000),
                                                 notOk.isEmpty() ? QStringLiteral("all rules ok on blue") : notOk.join(QStringLiteral("; "))));
        }
    }

    ActionContext m_context;
    qint64 m_windowMs;
    ClockTimer *m_tick;
    QList<Rule> m_rules;
    qint64 m_startMs = 0;
    qint64 m_nextReportMs = 0;
};

QString bindingSetting(const ActionBinding &binding)
{
    return QStringLiteral("the binding's URL (line %1 of the profile)").arg(binding.line);
}

} // namespace

std::unique_ptr<StepAction> StepAction::create(const ActionBinding &binding, const ActionContext &context, const QString &stepText)
{
    switch (binding.kind) {
    case ActionBinding::Kind::Command: return std::make_unique<CommandAction>(binding.command);
    case ActionBinding::Kind::Http:
        return std::make_unique<HttpAction>(context.network, QStringLiteral("the checked endpoint"),
                                            QList<HttpAction::Target>{{binding.url, binding.expectStatus, binding.bodyContains, bindingSetting(binding)}},
                                            binding.timeoutMs);
    case ActionBinding::Kind::HealthChecks: {
        QList<HttpAction::Target> targets;
        for (const QUrl &u : binding.urls)
            targets.append({u, 0, {}, bindingSetting(binding)});
        // After a rollback the services that must run are blue's; green may well be down.
        if (binding.urls.isEmpty() && !context.health.blue.url.isEmpty())
            targets.append({context.health.blue.url, 0, {}, QStringLiteral("health.blue in the profile")});
        return std::make_unique<HttpAction>(context.network, QStringLiteral("the health endpoint"), targets, binding.timeoutMs);
    }
    case ActionBinding::Kind::Tcp: return std::make_unique<TcpAction>(binding.host, binding.port, binding.timeoutMs);
    case ActionBinding::Kind::TrafficToBlue: return std::make_unique<TrafficToBlueAction>(context, stepText);
    case ActionBinding::Kind::VerifyBlueStable: return std::make_unique<VerifyBlueStableAction>(context, binding.windowMs);
    }
    return nullptr;
}
