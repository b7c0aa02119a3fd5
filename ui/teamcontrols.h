#pragma once

#include <QObject>
#include <QPointer>

class ConsoleSession;
class Deployment;
class MainMenus;
class MessageBanner;
class QAction;
class QLabel;
class QMainWindow;
struct DeploymentEvent;

// What a console shows and asks in team mode (and, where it makes sense, on one machine too):
// its role in the status bar ("Driving as alice", "Watching as bob: alice drives",
// "Disconnected (...)"), Deployment > Take control and Request rollback…, and the banners for
// what other consoles do to this one: a rollback request reaches the driver with a sound, the
// console whose control was taken says who took it, a dropped connection says that nothing can
// change until it is back. The session decides; this shows and asks.
class TeamControls : public QObject
{
    Q_OBJECT
public:
    TeamControls(QMainWindow *window, ConsoleSession *session, MessageBanner *banner, MainMenus *menus);

    QLabel *roleLabel() const { return m_role; }
    QAction *takeControlAction() const { return m_takeControl; }
    QAction *requestRollbackAction() const { return m_requestRollback; }

    // Asks and does (the dialogs are skipped when a test passes the answer).
    void takeControl(bool confirmed = false);
    void requestRollback(const QString &reason = {});

private:
    void refresh();
    QString roleText() const;
    void follow();
    void eventApplied(const DeploymentEvent &event, bool fromElsewhere);
    void connectionChanged(bool connected);

    QMainWindow *m_window;
    ConsoleSession *m_session;
    MessageBanner *m_banner;
    QLabel *m_role;
    QAction *m_takeControl;
    QAction *m_requestRollback;
    QPointer<Deployment> m_followed;
};
