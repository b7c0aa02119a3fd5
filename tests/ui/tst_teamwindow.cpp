// Team mode in the window: consoles of several people on one deployment through the tests'
// PostgreSQL server, as docs/team.md has a team set it up: the journal made by a database owner
// that is not a superuser, alice and carol drive (stonecaster_driver), bob watches
// (stonecaster_watcher). Each window says who drives and who watches, the watcher's window is
// read-only where the database would refuse it, a rollback request reaches the driver's
// window at once, and the driver whose control is taken is told by whom.
// STONECASTER_SCREENSHOT_DIR=/some/folder saves the driver's and the watcher's windows side by
// side (packaging/screenshots/team-driver-and-watcher.png).
#include "teamcontrols.h"
#include "windowfixture.h"

#include "journal/deploymentlock.h"
#include "session/consolesession.h"
#include "../journal/journaltarget.h"

#include <QPainter>

using namespace Qt::StringLiterals;

class TestTeamWindow : public QObject, public WindowFixture
{
    Q_OBJECT

    std::unique_ptr<JournalTarget> m_target;
    QString m_db;

    QString as(const QString &user) const { return m_target->uri(m_db, user); }

    ConsoleWindow window(const QString &user) { return makeWindow(as(user), user); }
    static QString role(const ConsoleWindow &w) { return w->teamControls()->roleLabel()->text(); }
    static MessageBanner *banner(const ConsoleWindow &w) { return w->findChild<MessageBanner *>(); }

    // alice starts a deployment in her window, bob's window opens it as the newest open one.
    bool driverAndWatcher(ConsoleWindow *alice, ConsoleWindow *bob)
    {
        *alice = window(u"alice"_s);
        if (!*alice || !(*alice)->startDeployment(u"checkout-api"_s, u"v2.14.0"_s, u"alice"_s))
            return false;
        *bob = window(u"bob"_s);
        return *bob && (*bob)->deployment() && (*bob)->deployment()->id() == (*alice)->deployment()->id();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!JournalTarget::isPostgres())
            QSKIP("team mode needs the tests' PostgreSQL server (ctest runs this test with it)");
        m_target = std::make_unique<JournalTarget>();
        QVERIFY2(m_target->isValid(), qPrintable(m_target->error()));
    }
    void init()
    {
        setUpWindowTest();
        // docs/team.md: a database the journal's owner owns, opened once by that owner.
        m_db = m_target->database(QString::fromLatin1(QTest::currentTestFunction()).toLower());
        QCOMPARE(m_target->exec(m_target->uri(m_db, u"stonecaster"_s), {u"ALTER DATABASE \"%1\" OWNER TO stonecaster_owner"_s.arg(m_db)}),
                 QString());
        Journal owner;
        const Status created = owner.open(as(u"stonecaster_owner"_s));
        QVERIFY2(created.ok(), qPrintable(created.error()));
    }
    void cleanup() { tearDownWindowTest(); }
    void cleanupTestCase() { m_target.reset(); }

    void eachWindowSaysWhoDrivesAndWhoWatches()
    {
        ConsoleWindow alice;
        ConsoleWindow bob;
        QVERIFY(driverAndWatcher(&alice, &bob));
        QCOMPARE(role(alice), u"Driving as alice"_s);
        QCOMPARE(role(bob), u"Watching as bob: alice drives"_s);
        QVERIFY(alice->teamControls()->roleLabel()->isVisibleTo(alice.get()));
        QVERIFY2(banner(bob)->text().contains(u"bob watches"_s), qPrintable(banner(bob)->text()));

        // What the database refuses a watcher, the window does not offer.
        QAction *bobTakes = bob->teamControls()->takeControlAction();
        QVERIFY(!bobTakes->isEnabled());
        QVERIFY2(bobTakes->toolTip().contains(u"bob is a watcher's login"_s), qPrintable(bobTakes->toolTip()));
        QVERIFY(bob->teamControls()->requestRollbackAction()->isEnabled());
        QVERIFY(!alice->teamControls()->requestRollbackAction()->isEnabled()); // the driver rolls back herself
        ChecklistPage *bobsPage = showTab(bob.get(), u"preparation"_s);
        ChecklistModel *bobsModel = bobsPage->model();
        const QModelIndex bobsItem = findItem(bobsModel, u"Verify staging environment is ready"_s);
        QVERIFY(bobsItem.isValid());
        QVERIFY(!(bobsModel->flags(bobsItem) & Qt::ItemIsUserCheckable));
        QVERIFY(!bobsModel->setData(bobsItem, Qt::Checked, Qt::CheckStateRole));
        bobsPage->view()->setCurrentIndex(bobsItem);
        for (const char *name : {"skipButton", "reopenButton"}) {
            auto *button = bobsPage->findChild<QPushButton *>(QLatin1String(name));
            QVERIFY2(button && !button->isEnabled(), name);
        }

        // A watcher adds notes, from the window too; the driver's window shows them under bob's name.
        auto *bobsNote = bobsPage->findChild<QPushButton *>(u"noteButton"_s);
        QVERIFY(bobsNote && bobsNote->isEnabled());
        QVERIFY(bobsModel->setData(bobsItem.siblingAtColumn(ChecklistModel::NoteColumn), u"staging looks fine from on-call"_s));
        ChecklistModel *alicesModel = showTab(alice.get(), u"preparation"_s)->model();
        const QString itemId = alice->deployment()->runbook().checkableItems(u"preparation"_s).first()->id;
        QTRY_COMPARE_WITH_TIMEOUT(alice->deployment()->state().item(itemId).note, u"staging looks fine from on-call"_s, 2000);
        QCOMPARE(alice->deployment()->state().item(itemId).noteBy, u"bob"_s);

        // What the driver does shows in the watcher's window as it is stored.
        QVERIFY(alicesModel->setData(findItem(alicesModel, u"Verify staging environment is ready"_s), Qt::Checked, Qt::CheckStateRole));
        QTRY_COMPARE_WITH_TIMEOUT(findItem(bobsModel, u"Verify staging environment is ready"_s).data(Qt::CheckStateRole).toInt(), int(Qt::Checked),
                                  2000);
    }

    void aRollbackRequestReachesTheDriversWindow()
    {
        ConsoleWindow alice;
        ConsoleWindow bob;
        QVERIFY(driverAndWatcher(&alice, &bob));
        bob->teamControls()->requestRollback(u"p95 on green doubled on my dashboard"_s);
        QVERIFY2(banner(bob)->text().contains(u"Rollback requested: p95 on green doubled on my dashboard"_s), qPrintable(banner(bob)->text()));
        QTRY_VERIFY_WITH_TIMEOUT(banner(alice)->text().contains(u"bob asks you to roll back"_s), 2000);
        QCOMPARE(banner(alice)->kind(), MessageBanner::Kind::Error);
        QVERIFY2(banner(alice)->text().endsWith(u": p95 on green doubled on my dashboard"_s), qPrintable(banner(alice)->text()));
        // The request is the database's record, under bob's login.
        QCOMPARE(m_target->value(as(u"stonecaster"_s), u"SELECT operator_name FROM events WHERE kind = 'rollback-requested'"_s).toString(),
                 u"bob"_s);
    }

    void takingControlIsAnnouncedInTheOtherWindow()
    {
        ConsoleWindow alice;
        ConsoleWindow bob;
        QVERIFY(driverAndWatcher(&alice, &bob));
        ConsoleWindow carol = window(u"carol"_s);
        QVERIFY(carol);
        QCOMPARE(role(carol), u"Watching as carol: alice drives"_s);
        QAction *carolTakes = carol->teamControls()->takeControlAction();
        QVERIFY2(carolTakes->isEnabled(), qPrintable(carolTakes->toolTip()));
        carol->teamControls()->takeControl(true);
        QCOMPARE(role(carol), u"Driving as carol"_s);
        QVERIFY(!carol->deployment()->isReadOnly());
        QTRY_VERIFY_WITH_TIMEOUT(banner(alice)->text().contains(u"carol took control of this deployment from you"_s), 2000);
        QTRY_COMPARE_WITH_TIMEOUT(role(alice), u"Watching as alice: carol drives"_s, 2000);
        QVERIFY(alice->deployment()->isReadOnly());
        QTRY_COMPARE_WITH_TIMEOUT(role(bob), u"Watching as bob: carol drives"_s, 2000);
        QVERIFY2(banner(bob)->text().contains(u"carol took control of this deployment"_s) && banner(bob)->text().contains(u"from alice"_s),
                 qPrintable(banner(bob)->text()));
    }

    void screenshot()
    {
        const QString dir = qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        QVERIFY(QDir().mkpath(dir));
        ConsoleWindow alice;
        ConsoleWindow bob;
        QVERIFY(driverAndWatcher(&alice, &bob));
        ChecklistModel *model = showTab(alice.get(), u"preparation"_s)->model();
        for (const QString &text : {u"Verify staging environment is ready"_s, u"Check all required services are running"_s,
                                    u"Verify database connectivity"_s}) {
            QVERIFY(model->setData(findItem(model, text), Qt::Checked, Qt::CheckStateRole));
            m_clock->advanceMs(2 * Minute);
        }
        ChecklistModel *bobsModel = showTab(bob.get(), u"preparation"_s)->model();
        QTRY_COMPARE_WITH_TIMEOUT(findItem(bobsModel, u"Verify database connectivity"_s).data(Qt::CheckStateRole).toInt(), int(Qt::Checked), 2000);
        bob->teamControls()->requestRollback(u"p95 on green doubled on my dashboard"_s);
        QTRY_VERIFY_WITH_TIMEOUT(banner(alice)->text().contains(u"bob asks you to roll back"_s), 2000);
        for (MainWindow *w : {alice.get(), bob.get()}) {
            w->resize(1000, 720);
            w->show();
            QVERIFY(QTest::qWaitForWindowExposed(w));
        }
        QCoreApplication::processEvents();
        const QPixmap left = alice->grab();
        const QPixmap right = bob->grab();
        QPixmap both(left.width() + right.width() + 8, std::max(left.height(), right.height()));
        both.setDevicePixelRatio(left.devicePixelRatio());
        both.fill(Qt::darkGray);
        {
            QPainter p(&both);
            p.drawPixmap(0, 0, left);
            p.drawPixmap(left.width() / left.devicePixelRatio() + 8, 0, right);
        }
        const QString file = QDir(dir).filePath(u"team-driver-and-watcher.png"_s);
        QVERIFY2(both.save(file), qPrintable(file));
    }
};

QTEST_MAIN(TestTeamWindow)
#include "tst_teamwindow.moc"
