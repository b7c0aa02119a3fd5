#include "headlesswatch.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "headless/headlessoutput.h"
#include "journal/journal.h"
#include "journal/journallocation.h"
#include "rollout/rollout.h"
#include "session/consoleenvironment.h"
#include "session/consolesession.h"

#include <QCoreApplication>
#include <QTextStream>

#include <memory>

namespace {

int fail(QTextStream &err, const QString &message)
{
    err << "stonecaster-console: " << message << '\n';
    err.flush();
    return CommandLine::ExitFailure;
}

// The deployment to follow: the one named, or the newest still open.
Status openDeployment(ConsoleSession &session, const CommandLine &cl)
{
    QString id = cl.deploymentId;
    if (id.isEmpty()) {
        id = session.latestOpenDeploymentId();
        if (id.isEmpty())
            return Status::failure(QStringLiteral("%1: no deployment is open; name one with --deployment ID").arg(session.journal()->path()));
    }
    return session.openDeployment(id, cl.operatorName);
}

class HeadlessWatch : public QObject
{
public:
    HeadlessWatch(const CommandLine &cl, QTextStream &out, QTextStream &err)
        : m_cl(cl)
        , m_out(out)
        , m_err(err)
    {
    }

    int run(const QString &password);

private:
    void line(const QString &kind, const QString &text)
    {
        const Deployment *d = m_session->deployment();
        HeadlessOutput::line(m_out, d ? m_clock->nowMs() - d->state().startedAtMs : 0, kind, text);
    }
    void bind(Rollout *rollout);
    void sayRole();
    void finish(int code, const QString &outcome);

    const CommandLine &m_cl;
    QTextStream &m_out;
    QTextStream &m_err;
    std::unique_ptr<ConsoleEnvironment> m_environment;
    Clock *m_clock = nullptr;
    std::unique_ptr<ConsoleSession> m_session;
    QString m_role;
    bool m_finished = false;
    int m_exitCode = CommandLine::ExitOk;
};

int HeadlessWatch::run(const QString &password)
{
    // A shared journal that cannot be reached is said before anything else starts.
    if (JournalLocation::looksLikeUri(m_cl.journalPath)) {
        Journal probe;
        probe.setPassword(password);
        if (Status s = probe.open(m_cl.journalPath); !s)
            return fail(m_err, s.error());
    }
    const ConsoleEnvironment::Options options{m_cl.demo, m_cl.scenario, m_cl.profilePath, m_cl.timeScale};
    if (const QString usage = ConsoleEnvironment::usageError(options); !usage.isEmpty()) {
        m_err << "stonecaster-console: " << usage << '\n';
        return CommandLine::ExitUsage;
    }
    Result<std::unique_ptr<ConsoleEnvironment>> environment = ConsoleEnvironment::create(options);
    if (!environment)
        return fail(m_err, environment.error());
    m_environment = environment.take();
    m_clock = m_environment->clock();
    m_session = std::make_unique<ConsoleSession>(m_clock);
    m_session->setWatchOnly(true);
    m_session->setEnvironment(m_environment->profile(), m_environment->name(), m_environment->isSimulated());
    if (Status s = m_session->openJournal(m_cl.journalPath, password); !s)
        return fail(m_err, s.error());
    connect(m_session.get(), &ConsoleSession::failure, this, [this](const Phrase &message) { line(QStringLiteral("error"), message.english()); });
    // From before each Rollout starts: its start may already act.
    connect(m_session.get(), &ConsoleSession::rolloutCreated, this, &HeadlessWatch::bind);
    connect(m_session.get(), &ConsoleSession::roleChanged, this, &HeadlessWatch::sayRole);
    connect(m_session.get(), &ConsoleSession::connectionChanged, this, [this](bool connected) {
        const Deployment *d = m_session->deployment();
        if (connected)
            line(QStringLiteral("journal"), QStringLiteral("connected; caught up to #%1").arg(d ? d->state().lastSeq : 0));
        else
            line(QStringLiteral("journal"), QStringLiteral("disconnected (%1)").arg(m_session->journal()->connectionProblem()));
    });
    m_session->startEnvironment();
    if (Status s = openDeployment(*m_session, m_cl); !s)
        return fail(m_err, s.error());
    Deployment *d = m_session->deployment();
    m_out << "deployment " << d->id() << " (" << d->state().service << ' ' << d->state().version << ") journal " << m_session->journal()->path() << '\n';
    m_out.flush();
    sayRole();
    if (d->state().closed) {
        line(QStringLiteral("done"), QStringLiteral("closed (%1)").arg(d->state().outcome ? nameOf(*d->state().outcome) : QString()));
        return CommandLine::ExitOk;
    }
    connect(d, &Deployment::eventApplied, this, [this](const DeploymentEvent &e, bool) {
        line(QStringLiteral("event"), HeadlessOutput::describe(e));
        if (e.kind == DeploymentEvent::Kind::DeploymentClosed)
            finish(CommandLine::ExitOk, QStringLiteral("closed (%1) by %2").arg(e.payload.value(QStringLiteral("outcome")).toString(), e.operatorName));
    });
    if (!m_finished)
        m_exitCode = QCoreApplication::exec();
    return m_exitCode;
}

void HeadlessWatch::bind(Rollout *rollout)
{
    if (!rollout)
        return;
    // What this console does itself: only while the database has it act on automatic triggers.
    connect(rollout, &Rollout::rollbackStarted, this, [this](const RuleStatus &, const QString &reason) {
        line(QStringLiteral("rollback"), QStringLiteral("%1 (sent by this console)").arg(reason));
    });
    connect(rollout, &Rollout::commandFailed, this, [this](const Phrase &message) { line(QStringLiteral("error"), QStringLiteral("traffic command failed: %1").arg(message.english())); });
    connect(rollout, &Rollout::journalFailed, this, [this](const Phrase &message) { line(QStringLiteral("error"), message.english()); });
}

void HeadlessWatch::sayRole()
{
    const QString role = m_session->roleText();
    if (role == m_role || role.isEmpty())
        return;
    m_role = role;
    line(QStringLiteral("role"), role);
}

void HeadlessWatch::finish(int code, const QString &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    line(QStringLiteral("done"), outcome);
    m_exitCode = code;
    QCoreApplication::exit(code);
}

} // namespace

int runHeadlessWatch(const CommandLine &commandLine, const QString &journalPassword, QTextStream &out, QTextStream &err)
{
    HeadlessWatch watch(commandLine, out, err);
    const int code = watch.run(journalPassword);
    return code;
}

int runHeadlessRollbackRequest(const CommandLine &cl, const QString &journalPassword, QTextStream &out, QTextStream &err)
{
    // No environment: a request is one journal write.
    SystemClock clock;
    ConsoleSession session(&clock);
    session.setWatchOnly(true);
    if (Status s = session.openJournal(cl.journalPath, journalPassword); !s)
        return fail(err, s.error());
    if (Status s = openDeployment(session, cl); !s)
        return fail(err, s.error());
    const QString id = session.deployment()->id();
    if (Status s = session.requestRollback(cl.rollbackReason); !s)
        return fail(err, QStringLiteral("deployment %1: %2").arg(id, s.error()));
    out << "requested rollback of " << id << " as " << session.deployment()->operatorName() << ": " << cl.rollbackReason << '\n';
    out.flush();
    session.releaseDeployment();
    return CommandLine::ExitOk;
}
