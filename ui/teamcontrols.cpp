#include "teamcontrols.h"

#include "mainmenus.h"
#include "messagebanner.h"

#include "deployment/deployment.h"
#include "journal/deploymentlock.h"
#include "journal/journal.h"
#include "session/consolesession.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QInputDialog>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

TeamControls::TeamControls(QMainWindow *window, ConsoleSession *session, MessageBanner *banner, MainMenus *menus)
    : QObject(window)
    , m_window(window)
    , m_session(session)
    , m_banner(banner)
    , m_role(new QLabel(window))
    , m_takeControl(new QAction(tr("&Take control…"), window))
    , m_requestRollback(new QAction(tr("&Request rollback…"), window))
{
    m_role->setObjectName(QStringLiteral("teamRole"));
    m_role->setTextFormat(Qt::PlainText);
    m_role->setContentsMargins(6, 0, 6, 0);
    window->statusBar()->addPermanentWidget(m_role);
    m_takeControl->setObjectName(QStringLiteral("actionTakeControl"));
    m_requestRollback->setObjectName(QStringLiteral("actionRequestRollback"));
    menus->addTeamActions(m_takeControl, m_requestRollback);
    connect(m_takeControl, &QAction::triggered, this, [this] { takeControl(); });
    connect(m_requestRollback, &QAction::triggered, this, [this] { requestRollback(); });

    connect(session, &ConsoleSession::roleChanged, this, &TeamControls::refresh);
    connect(session, &ConsoleSession::lockChanged, this, &TeamControls::refresh);
    connect(session, &ConsoleSession::deploymentChanged, this, [this] {
        follow();
        refresh();
    });
    connect(session, &ConsoleSession::connectionChanged, this, &TeamControls::connectionChanged);
    refresh();
}

void TeamControls::follow()
{
    Deployment *d = m_session->deployment();
    if (d == m_followed)
        return;
    if (m_followed)
        disconnect(m_followed, nullptr, this, nullptr);
    m_followed = d;
    if (d) {
        connect(d, &Deployment::eventApplied, this, &TeamControls::eventApplied);
        connect(d, &Deployment::readOnlyChanged, this, &TeamControls::refresh);
    }
}

// ConsoleSession::roleText() (which headless runs print, in English) in the window's language:
// the same cases and, untranslated, the same words.
QString TeamControls::roleText() const
{
    const Journal *journal = m_session->journal();
    if (!journal)
        return {};
    const Deployment *d = m_session->deployment();
    const QString who = m_session->isTeamMode() ? m_session->identity() : (d ? d->operatorName() : QString());
    if (!journal->isConnected())
        return tr("Disconnected (%1)").arg(journal->connectionProblem());
    if (!d)
        return m_session->isTeamMode() ? tr("Signed in as %1 (%2)").arg(who, m_session->mayDrive() ? tr("driver") : tr("watcher")) : QString();
    if (d->state().closed)
        return tr("Reading a closed deployment as %1").arg(who);
    if (m_session->isDriving())
        return tr("Driving as %1").arg(who);
    const QString driver = m_session->driverName();
    QString text = driver.isEmpty() ? tr("Watching as %1: nobody drives").arg(who) : tr("Watching as %1: %2 drives").arg(who, driver);
    if (m_session->isTeamMode() && m_session->lock() && m_session->lock()->leadsTriggers())
        text += tr("; this console acts on automatic triggers while the driver is away");
    return text;
}

void TeamControls::refresh()
{
    const QString role = roleText();
    m_role->setText(role);
    m_role->setVisible(!role.isEmpty());
    const Status take = m_session->takeControlAllowed();
    m_takeControl->setEnabled(take.ok());
    m_takeControl->setToolTip(take.ok() ? tr("Drive this deployment from here; the console that drives it now is told") : take.errorPhrase().translated());
    const Deployment *d = m_session->deployment();
    const bool mayRequest = d && d->mayAnnotate() && !m_session->isDriving();
    m_requestRollback->setEnabled(mayRequest);
    m_requestRollback->setToolTip(mayRequest ? tr("Ask the console that drives this deployment to roll back")
                                             : tr("Only a console that watches a running deployment asks for a rollback"));
}

void TeamControls::takeControl(bool confirmed)
{
    if (const Status allowed = m_session->takeControlAllowed(); !allowed) {
        m_banner->showMessage(MessageBanner::Kind::Error, allowed.errorPhrase().translated());
        return;
    }
    const QString driver = m_session->driverName();
    if (!confirmed && !driver.isEmpty()) {
        const auto answer = QMessageBox::question(m_window, tr("Take control"),
                                                  tr("%1 drives this deployment now. Take control from them? Their console is told, and "
                                                     "the journal records that you took it.")
                                                      .arg(driver));
        if (answer != QMessageBox::Yes)
            return;
    }
    if (const Status s = m_session->takeControl(); !s) {
        m_banner->showMessage(MessageBanner::Kind::Error, s.errorPhrase().translated());
        return;
    }
    m_banner->showMessage(MessageBanner::Kind::Info,
                          driver.isEmpty() ? tr("This console drives the deployment now.")
                                           : tr("This console drives the deployment now; %1's console was told.").arg(driver));
    refresh();
}

void TeamControls::requestRollback(const QString &given)
{
    QString reason = given;
    if (reason.isEmpty()) {
        bool ok = false;
        reason = QInputDialog::getText(m_window, tr("Request rollback"),
                                       tr("Why should %1 roll back? The driver sees this at once.")
                                           .arg(m_session->driverName().isEmpty() ? tr("the driver") : m_session->driverName()),
                                       QLineEdit::Normal, {}, &ok);
        if (!ok)
            return;
    }
    if (const Status s = m_session->requestRollback(reason); !s) {
        m_banner->showMessage(MessageBanner::Kind::Error, s.errorPhrase().translated());
        return;
    }
    m_banner->showMessage(MessageBanner::Kind::Info, tr("Rollback requested: %1").arg(reason.trimmed()));
}

void TeamControls::eventApplied(const DeploymentEvent &e, bool fromElsewhere)
{
    if (!fromElsewhere)
        return;
    const QString at = QDateTime::fromMSecsSinceEpoch(e.atMs).toString(QStringLiteral("HH:mm:ss"));
    if (e.kind == DeploymentEvent::Kind::RollbackRequested && m_session->isDriving()) {
        m_banner->showMessage(MessageBanner::Kind::Error, tr("%1 asks you to roll back (%2): %3")
                                                              .arg(e.operatorName, at, e.payload.value(QStringLiteral("reason")).toString()));
        QApplication::beep();
        QApplication::alert(m_window);
    } else if (e.kind == DeploymentEvent::Kind::ControlTaken) {
        const QString from = e.payload.value(QStringLiteral("from")).toString();
        const QString me = m_session->isTeamMode() ? m_session->identity() : m_session->deployment()->operatorName();
        if (!from.isEmpty() && from == me)
            m_banner->showMessage(MessageBanner::Kind::Warning, tr("%1 took control of this deployment from you at %2. This console watches it now.")
                                                                    .arg(e.operatorName, at));
        else
            m_banner->showMessage(MessageBanner::Kind::Info, tr("%1 took control of this deployment at %2%3.")
                                                                 .arg(e.operatorName, at, from.isEmpty() ? QString() : tr(" from %1").arg(from)));
    }
    refresh();
}

void TeamControls::connectionChanged(bool connected)
{
    if (!connected) {
        m_banner->showMessage(MessageBanner::Kind::Warning,
                              tr("Disconnected: %1. Nothing can be changed from here until it is back.").arg(m_session->journal()->connectionProblem()));
    } else {
        const Deployment *d = m_session->deployment();
        m_banner->showMessage(MessageBanner::Kind::Info, d ? tr("Connected to the journal again; caught up to event %1.").arg(d->state().lastSeq)
                                                           : tr("Connected to the journal again."));
    }
    refresh();
}
