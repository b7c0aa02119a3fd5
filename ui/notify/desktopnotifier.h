#pragma once

#include "common/news.h"

#include <QList>
#include <QObject>
#include <QPointer>

class AppSettings;
class KNotification;
class QWidget;

// Desktop notifications (KNotifications, the events of packaging/stonecaster-console.notifyrc):
// the news an on-call engineer must not miss while the window is behind others. The traffic
// strip and the status-update reminder decide what is news (the same events said to screen
// readers); this class only carries it to the desktop, and only while the window is not the
// active one: in front of the operator the strip, its sound and the screen reader say it
// already. Clicking a notification brings the window forward. Settings turn it off.
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    DesktopNotifier(AppSettings *settings, QWidget *window, QObject *parent = nullptr);
    // Closes what it sent and is still shown: "Show the console" of a console gone would lie.
    ~DesktopNotifier() override;

    // Names the events' file: share/knotifications6/stonecaster-console.notifyrc.
    static QString componentName();
    // The event's id in the .notifyrc ("gateOpened"), which users configure in their desktop.
    static QString eventId(News::Kind event);
    // Sends the event unless notifications are off or the window is active; returns the
    // notification sent (owned by KNotifications; it deletes itself when closed), or null.
    KNotification *notify(News::Kind event, const QString &text);

Q_SIGNALS:
    // The user clicked a notification: the window was raised and activated.
    void windowShown();

private:
    QString title(News::Kind event) const;

    AppSettings *m_settings;
    QPointer<QWidget> m_window;
    QList<QPointer<KNotification>> m_shown;
};
