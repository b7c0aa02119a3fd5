// Desktop notifications reach a notification server over D-Bus, as on a desktop: the test runs
// on a private session bus (dbus-run-session) where a fake org.freedesktop.Notifications server
// records what KNotifications sends, with the events of the build tree's .notifyrc
// (XDG_DATA_DIRS). Every event arrives with its title, text and urgency while the window is in
// the background; nothing while it is the active window or when turned off in the settings;
// clicking the notification brings the window forward; and the window passes on the traffic
// strip's news and the status-update reminder.
#include "windowfixture.h"

#include "notify/desktopnotifier.h"
#include "report/reportactions.h"
#include "settingsdialog.h"
#include "traffic/trafficpanel.h"

#include <QCheckBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QSettings>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

// What a notification server is told: the freedesktop.org Desktop Notifications interface.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Received {
        QString appName;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        uint id = 0;
    };
    QList<Received> received;
    QList<uint> closed; // the ids CloseNotification was called with

    explicit FakeNotificationServer(QDBusConnection connection)
        : m_connection(connection)
    {
    }
    void invokeDefaultAction(uint id)
    {
        QDBusMessage signal = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"), QStringLiteral("org.freedesktop.Notifications"),
                                                         QStringLiteral("ActionInvoked"));
        signal << id << QStringLiteral("default");
        m_connection.send(signal);
    }

public Q_SLOTS:
    QStringList GetCapabilities() { return {QStringLiteral("body"), QStringLiteral("actions"), QStringLiteral("persistence")}; }
    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = QStringLiteral("StoneCaster tests");
        version = QStringLiteral("1");
        specVersion = QStringLiteral("1.2");
        return QStringLiteral("fake-notification-server");
    }
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int expireTimeout)
    {
        Q_UNUSED(replacesId);
        Q_UNUSED(appIcon);
        Q_UNUSED(expireTimeout);
        received.append({appName, summary, body, actions, hints, ++m_lastId});
        return m_lastId;
    }
    // As the specification says: the server answers a close with NotificationClosed (3: closed
    // by a call to CloseNotification).
    void CloseNotification(uint id)
    {
        closed.append(id);
        QDBusMessage signal = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"), QStringLiteral("org.freedesktop.Notifications"),
                                                         QStringLiteral("NotificationClosed"));
        signal << id << 3u;
        m_connection.send(signal);
    }

private:
    QDBusConnection m_connection;
    uint m_lastId = 0; // ids are never reused
};

class TestDesktopNotifier : public QObject, protected WindowFixture
{
    Q_OBJECT

    std::unique_ptr<FakeNotificationServer> m_server;
    std::unique_ptr<QWidget> m_otherWindow;

    // The console's side has the server's answers to everything sent before: a call on the same
    // connection KNotifications uses, answered after them (the bus keeps each connection's order).
    static void roundTrip()
    {
        const QDBusMessage ping = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("/org/freedesktop/Notifications"),
                                                                 QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("GetCapabilities"));
        QCOMPARE(QDBusConnection::sessionBus().call(ping, QDBus::BlockWithGui).type(), QDBusMessage::ReplyMessage);
        QCoreApplication::processEvents();
    }

    // Another application's window in front: the console's window is in the background.
    void putWindowBehind(QWidget *window)
    {
        window->show();
        m_otherWindow = std::make_unique<QWidget>();
        m_otherWindow->show();
        m_otherWindow->activateWindow();
        QTRY_VERIFY(m_otherWindow->isActiveWindow());
        QVERIFY(!window->isActiveWindow());
    }

private Q_SLOTS:
    void initTestCase()
    {
        setUpTestMode();
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs a session bus: ctest runs this test under dbus-run-session");
        QDBusConnection bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-notification-server"));
        QVERIFY2(bus.isConnected(), qPrintable(bus.lastError().message()));
        m_server = std::make_unique<FakeNotificationServer>(bus);
        QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_server.get(), QDBusConnection::ExportAllSlots));
        QVERIFY2(bus.registerService(QStringLiteral("org.freedesktop.Notifications")), qPrintable(bus.lastError().message()));
    }
    void init()
    {
        setUpWindowTest();
        m_server->received.clear();
        m_server->closed.clear();
    }
    void cleanup()
    {
        m_otherWindow.reset();
        tearDownWindowTest();
        // The notifiers closed what they sent; closed notifications delete themselves once the
        // server said so.
        QTest::qWait(50);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    void everyEventReachesTheDesktopFromTheBackground_data()
    {
        QTest::addColumn<News::Kind>("event");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("urgency"); // the freedesktop.org hint: 1 normal, 2 critical
        QTest::newRow("gate opened") << News::Kind::GateOpened << u"Traffic gate open"_s << 1;
        QTest::newRow("decision point") << News::Kind::DecisionPointBreached << u"Consider rollback"_s << 2;
        QTest::newRow("automatic rollback") << News::Kind::AutomaticRollback << u"Automatic rollback"_s << 2;
        QTest::newRow("rollback") << News::Kind::RollbackStarted << u"Rollback started"_s << 2;
        QTest::newRow("drift") << News::Kind::TrafficDrift << u"Traffic is not where it was commanded"_s << 2;
        QTest::newRow("status update") << News::Kind::StatusUpdateDue << u"Status update due"_s << 1;
    }
    // Each event is in the .notifyrc (KNotifications drops an unknown one without a word).
    void everyEventReachesTheDesktopFromTheBackground()
    {
        QFETCH(News::Kind, event);
        QFETCH(QString, title);
        QFETCH(int, urgency);
        QWidget window;
        putWindowBehind(&window);
        {
            DesktopNotifier notifier(m_settings.get(), &window);
            QVERIFY(notifier.notify(event, u"text of the event"_s));
            QTRY_COMPARE(m_server->received.size(), 1);
            roundTrip();
            const FakeNotificationServer::Received &r = m_server->received.constFirst();
            QCOMPARE(r.summary, title);
            QCOMPARE(r.body, u"text of the event"_s);
            QCOMPARE(r.hints.value(u"urgency"_s).toInt(), urgency);
            QCOMPARE(r.hints.value(u"desktop-entry"_s).toString(), u"org.stonecaster.DeployConsole"_s);
            QVERIFY2(r.actions.contains(u"default"_s), qPrintable(r.actions.join(u',')));
        }
        // The console's window going away takes its notifications with it.
        QTRY_COMPARE(m_server->closed, QList<uint>{m_server->received.constFirst().id});
    }

    void nothingWhileTheWindowIsActive()
    {
        QWidget window;
        window.show();
        window.activateWindow();
        QTRY_VERIFY(window.isActiveWindow());
        DesktopNotifier notifier(m_settings.get(), &window);
        QVERIFY(!notifier.notify(News::Kind::AutomaticRollback, u"rolled back"_s));
        // A notification sent now would arrive before this one: the bus keeps the order.
        putWindowBehind(&window);
        QVERIFY(notifier.notify(News::Kind::GateOpened, u"open"_s));
        QTRY_COMPARE(m_server->received.size(), 1);
        roundTrip();
        QCOMPARE(m_server->received.constFirst().summary, u"Traffic gate open"_s);
    }

    void turnedOffInTheSettingsDialog()
    {
        QWidget window;
        putWindowBehind(&window);
        SettingsDialog dialog(m_settings.get());
        auto *box = dialog.findChild<QCheckBox *>(u"desktopNotifications"_s);
        QVERIFY(box);
        QVERIFY(box->isChecked()); // on unless turned off
        box->setChecked(false);
        dialog.apply();
        QVERIFY(!AppSettings().desktopNotifications()); // kept for the next start
        DesktopNotifier notifier(m_settings.get(), &window);
        QVERIFY(!notifier.notify(News::Kind::AutomaticRollback, u"rolled back"_s));
        m_settings->setDesktopNotifications(true);
        QVERIFY(notifier.notify(News::Kind::GateOpened, u"open"_s));
        QTRY_COMPARE(m_server->received.size(), 1);
        roundTrip();
        QCOMPARE(m_server->received.constFirst().summary, u"Traffic gate open"_s);
    }

    void clickingBringsTheWindowForward()
    {
        QWidget window;
        putWindowBehind(&window);
        DesktopNotifier notifier(m_settings.get(), &window);
        QSignalSpy shown(&notifier, &DesktopNotifier::windowShown);
        QVERIFY(notifier.notify(News::Kind::DecisionPointBreached, u"p95 above 1.5x baseline"_s));
        QTRY_COMPARE(m_server->received.size(), 1);
        roundTrip();
        m_server->invokeDefaultAction(m_server->received.constFirst().id);
        QTRY_COMPARE(shown.size(), 1);
        QTRY_VERIFY(window.isActiveWindow());
    }

    // The window passes on what its traffic strip and its status-update reminder say.
    void theWindowPassesOnItsNews()
    {
        ConsoleWindow window = makeWindow(journalPath());
        QVERIFY(window);
        putWindowBehind(window.get());
        Q_EMIT window->trafficPanel()->news(News::Kind::AutomaticRollback, u"Automatic rollback: p95 latency. All traffic was sent back to blue."_s);
        QTRY_COMPARE(m_server->received.size(), 1);
        roundTrip();
        QCOMPARE(m_server->received.constLast().summary, u"Automatic rollback"_s);
        QCOMPARE(m_server->received.constLast().body, u"Automatic rollback: p95 latency. All traffic was sent back to blue."_s);
        Q_EMIT window->trafficPanel()->news(News::Kind::GateOpened, u"Traffic gate open: the step to 25% is allowed"_s);
        QTRY_COMPARE(m_server->received.size(), 2);
        roundTrip();
        QCOMPARE(m_server->received.constLast().summary, u"Traffic gate open"_s);
        Q_EMIT window->reports()->statusUpdateDue(u"Stakeholders wait for the status update"_s);
        QTRY_COMPARE(m_server->received.size(), 3);
        roundTrip();
        QCOMPARE(m_server->received.constLast().summary, u"Status update due"_s);
    }
};

QTEST_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
