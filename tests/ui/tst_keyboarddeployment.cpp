// A whole demo deployment by keyboard alone, as a release manager who does not use a mouse (or
// a screen reader user) drives it: Ctrl+N and typing for a new deployment, the runbook's
// reading confirmed with its mnemonic, the checklist (which has the focus when the deployment
// opens) worked through with Space (Ctrl+Tab between tabs, arrow keys between rows), Tab to
// the traffic slider and the arrow key for the first steps, Tab to the step button and Space
// for the others as the gate opens, and at the end Tab to Roll back, Space, and the
// confirmation answered with Tab and Space. Every key goes to the widget that has the focus;
// the test never moves the focus itself and only looks at what is shown and journaled.
#include "demofixture.h"

#include "checklistpage.h"
#include "checklisttabs.h"
#include "deployment/checklistmodel.h"
#include "reading/readingdialog.h"

#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

// Keys to whatever has the focus now.
void key(Qt::Key k, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY2(focus, "nothing has the keyboard focus");
    QTest::keyClick(focus, k, modifiers);
}

void type(const QString &text)
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY2(focus, "nothing has the keyboard focus");
    QTest::keyClicks(focus, text);
}

} // namespace

class TestKeyboardDeployment : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void wholeDemoDeploymentByKeyboard()
    {
        Demo demo(300.0);
        QVERIFY(demo.start(m_dir.filePath(u"keyboard.sqlite"_s)));
        demo.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(demo.window.get()));

        // Ctrl+N: the dialog is modal, so its keys are typed from the event loop it runs.
        bool typed = false;
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY(QApplication::activeModalWidget());
            QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
            type(u"checkout-api"_s);
            key(Qt::Key_Tab);
            type(u"v2.14.0"_s);
            key(Qt::Key_Tab);
            key(Qt::Key_A, Qt::ControlModifier);
            type(u"alice"_s);
            key(Qt::Key_Return);
            typed = true;
        });
        QTest::keyClick(demo.window.get(), Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(typed);
        QTRY_VERIFY(demo.window->deployment());
        QCOMPARE(demo.window->deployment()->state().service, u"checkout-api"_s);
        QCOMPARE(demo.window->deployment()->operatorName(), u"alice"_s);

        // The reading opens by itself after a new deployment; Alt+C confirms it, Escape closes it.
        ReadingDialog *reading = demo.window->readingDialog();
        QVERIFY(reading);
        QTRY_VERIFY(reading->isActiveWindow());
        key(Qt::Key_C, Qt::AltModifier);
        QTRY_VERIFY(demo.window->deployment()->isReadingConfirmed());
        key(Qt::Key_Escape);
        QTRY_VERIFY(!reading->isVisible());
        demo.window->activateWindow(); // what the window manager does as the dialog closes (offscreen has none)
        QTRY_VERIFY(demo.window->isActiveWindow());

        // Every item before the traffic shift, checked with Space, tab by tab.
        const QStringList preShift = TrafficGate::preShiftItemIds(demo.window->deployment()->runbook());
        QVERIFY(!preShift.isEmpty());
        const auto open = [&] {
            QStringList ids;
            for (const QString &id : preShift) {
                if (demo.window->deployment()->state().item(id).status == ItemState::Status::Open)
                    ids << id;
            }
            return ids;
        };
        ChecklistTabs *tabs = demo.window->findChild<ChecklistTabs *>();
        QVERIFY(tabs);
        // A new deployment opens on its first tab, with the focus in its checklist.
        QCOMPARE(tabs->currentIndex(), 0);
        for (int tab = 0; tab < tabs->count() && !open().isEmpty(); ++tab) {
            QTreeView *view = tabs->currentPage()->view();
            QTRY_COMPARE(QApplication::focusWidget(), view);
            key(Qt::Key_Home);
            QModelIndex previous;
            for (int row = 0; row < 500; ++row) {
                const QModelIndex current = view->currentIndex();
                if (row > 0 && current == previous)
                    break; // the last row
                if (preShift.contains(current.data(ChecklistModel::ItemIdRole).toString())
                    && current.siblingAtColumn(ChecklistModel::TextColumn).data(Qt::CheckStateRole).toInt() != Qt::Checked)
                    key(Qt::Key_Space);
                previous = current;
                key(Qt::Key_Down);
            }
            key(Qt::Key_Tab, Qt::ControlModifier); // the next tab; its checklist takes the focus
        }
        QVERIFY2(open().isEmpty(), qPrintable(open().join(u", ")));

        // Tab (forwards only) reaches the traffic slider; the first steps are one arrow key each
        // once the gate opens.
        QSlider *slider = demo.panel()->slider();
        const auto tabTo = [&](QWidget *target) {
            for (int i = 0; i < 80 && QApplication::focusWidget() != target; ++i)
                key(Qt::Key_Tab);
            return QApplication::focusWidget() == target;
        };
        QVERIFY(tabTo(slider));
        for (int next : {5, 10}) {
            QVERIFY2(QTest::qWaitFor([&] { return demo.panel()->advanceButton()->isEnabled(); }, 30'000), qPrintable(demo.panel()->gateText()));
            QCOMPARE(QApplication::focusWidget(), slider);
            key(Qt::Key_Right);
            QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), next, 10'000);
        }
        // The others with the step button: Tab to it once the gate opens, Space. (A button that
        // is disabled while the hold runs hands the focus on: Tab finds it again.)
        QPushButton *advance = demo.panel()->advanceButton();
        for (int next : {25, 50, 100}) {
            QVERIFY2(QTest::qWaitFor([&] { return advance->isEnabled(); }, 30'000), qPrintable(demo.panel()->gateText()));
            QVERIFY(tabTo(advance));
            QVERIFY2(advance->text().contains(QString::number(next)), qPrintable(advance->text()));
            key(Qt::Key_Space);
            QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), next, 10'000);
        }

        // Roll back: Tab to the button, Space; the confirmation opens on Cancel (a stray Return
        // must not roll back), so Tab to "Roll back now" and Space.
        QPushButton *rollback = demo.panel()->rollbackButton();
        QVERIFY(tabTo(rollback));
        bool confirmed = false;
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY_WITH_TIMEOUT(QApplication::activeModalWidget(), 20'000);
            QWidget *box = QApplication::activeModalWidget();
            // Whatever fails below, the box must not stay open (the test would hang in it).
            const auto close = qScopeGuard([&] {
                if (!confirmed)
                    box->close();
            });
            QTRY_VERIFY_WITH_TIMEOUT(QApplication::focusWidget() && box->isAncestorOf(QApplication::focusWidget()), 20'000);
            auto *cancel = qobject_cast<QPushButton *>(QApplication::focusWidget());
            QVERIFY(cancel);
            QVERIFY2(!cancel->text().contains(u"Roll back"_s), qPrintable(cancel->text()));
            for (int i = 0; i < 5; ++i) {
                auto *button = qobject_cast<QPushButton *>(QApplication::focusWidget());
                if (button && button->text() == u"Roll back now"_s)
                    break;
                key(Qt::Key_Tab);
            }
            auto *confirm = qobject_cast<QPushButton *>(QApplication::focusWidget());
            QVERIFY(confirm && confirm->text() == u"Roll back now"_s);
            key(Qt::Key_Space);
            confirmed = true;
        });
        key(Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(confirmed, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), 0, 10'000);
        // Everything the keys did is in the journal, by alice.
        int commands = 0, checked = 0, rollbacks = 0;
        for (const DeploymentEvent &e : demo.events()) {
            if (e.kind == DeploymentEvent::Kind::TrafficCommanded)
                ++commands;
            if (e.kind == DeploymentEvent::Kind::RollbackStarted) {
                ++rollbacks;
                QCOMPARE(e.operatorName, u"alice"_s);
            }
            if (e.kind == DeploymentEvent::Kind::ItemChecked) {
                ++checked;
                QCOMPARE(e.operatorName, u"alice"_s);
            }
        }
        QCOMPARE(commands, 6); // five steps and the rollback's 0 %
        QCOMPARE(rollbacks, 1);
        QCOMPARE(checked, int(preShift.size()));
    }
};

QTEST_MAIN(TestKeyboardDeployment)
#include "tst_keyboarddeployment.moc"
