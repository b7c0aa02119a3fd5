#include "desktopnotifier.h"

#include "core/appsettings.h"

#include <KNotification>

#include <QWidget>
#include <QWindow>

DesktopNotifier::DesktopNotifier(AppSettings *settings, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_window(window)
{
}

DesktopNotifier::~DesktopNotifier()
{
    for (const QPointer<KNotification> &n : std::as_const(m_shown)) {
        if (n)
            n->close(); // deletes itself
    }
}

QString DesktopNotifier::componentName()
{
    return QStringLiteral("stonecaster-console");
}

QString DesktopNotifier::eventId(News::Kind event)
{
    switch (event) {
    case News::Kind::GateOpened:
        return QStringLiteral("gateOpened");
    case News::Kind::DecisionPointBreached:
        return QStringLiteral("decisionPointBreached");
    case News::Kind::AutomaticRollback:
        return QStringLiteral("automaticRollback");
    case News::Kind::RollbackStarted:
        return QStringLiteral("rollbackStarted");
    case News::Kind::TrafficDrift:
        return QStringLiteral("trafficDrift");
    case News::Kind::StatusUpdateDue:
        return QStringLiteral("statusUpdateDue");
    }
    Q_UNREACHABLE_RETURN(QString());
}

QString DesktopNotifier::title(News::Kind event) const
{
    switch (event) {
    case News::Kind::GateOpened:
        return tr("Traffic gate open");
    case News::Kind::DecisionPointBreached:
        return tr("Consider rollback");
    case News::Kind::AutomaticRollback:
        return tr("Automatic rollback");
    case News::Kind::RollbackStarted:
        return tr("Rollback started");
    case News::Kind::TrafficDrift:
        return tr("Traffic is not where it was commanded");
    case News::Kind::StatusUpdateDue:
        return tr("Status update due");
    }
    Q_UNREACHABLE_RETURN(QString());
}

KNotification *DesktopNotifier::notify(News::Kind event, const QString &text)
{
    if (!m_settings->desktopNotifications() || !m_window || m_window->isActiveWindow())
        return nullptr;
    const bool urgent = event != News::Kind::GateOpened && event != News::Kind::StatusUpdateDue;
    QWindow *handle = m_window->window()->windowHandle();
    // An alarm stays until the operator comes to the window; news of a step closes by itself.
    auto *n = new KNotification(eventId(event),
                                urgent && handle ? KNotification::Persistent | KNotification::CloseWhenWindowActivated : KNotification::CloseOnTimeout);
    n->setComponentName(componentName());
    if (handle)
        n->setWindow(handle);
    n->setTitle(title(event));
    n->setText(text);
    n->setUrgency(urgent ? KNotification::CriticalUrgency : KNotification::NormalUrgency);
    n->setIconName(QStringLiteral("org.stonecaster.DeployConsole"));
    // Names the application to the notification server (its name and icon, its settings page)
    // also where the console was started without its desktop file name set.
    n->setHint(QStringLiteral("desktop-entry"), QStringLiteral("org.stonecaster.DeployConsole"));
    KNotificationAction *show = n->addDefaultAction(tr("Show the console"));
    connect(show, &KNotificationAction::activated, this, [this] {
        if (!m_window)
            return;
        QWidget *top = m_window->window();
        top->show();
        top->setWindowState((top->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
        top->raise();
        top->activateWindow();
        Q_EMIT windowShown();
    });
    m_shown.removeAll(nullptr);
    m_shown.append(n);
    n->sendEvent();
    return n;
}
