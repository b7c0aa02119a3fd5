// A whole demo deployment by keyboard alone, as a release manager who does not use a mouse (or
// a screen reader user) drives it: Ctrl+N and typing for a new deployment, the runbook's
// reading confirmed with its mnemonic, the checklist items before the shift checked with Space
// (Ctrl+Tab between tabs, arrow keys between rows), Tab to the traffic slider and the arrow key
// for each step as the gate opens. Every key goes to the widget that has the focus; the test
// only looks at what is shown and journaled.
#include "demofixture.h"

#include "checklistpage.h"
#include "checklisttabs.h"
#include "deployment/checklistmodel.h"
#include "reading/readingdialog.h"

#include <QApplication>
#include <QLineEdit>
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
        // The first tab's checklist takes the focus when its tab is chosen.
        if (tabs->currentIndex() != 0)
            tabs->setCurrentIndex(0); // where the window opens a new deployment anyway
        tabs->currentPage()->view()->setFocus();
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

        // Tab (forwards only) reaches the traffic slider; each step is one arrow key once the gate opens.
        QSlider *slider = demo.panel()->slider();
        for (int i = 0; i < 80 && QApplication::focusWidget() != slider; ++i)
            key(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), slider);
        for (int next : {5, 10, 25, 50, 100}) {
            QVERIFY2(QTest::qWaitFor([&] { return demo.panel()->advanceButton()->isEnabled(); }, 30'000), qPrintable(demo.panel()->gateText()));
            QCOMPARE(QApplication::focusWidget(), slider);
            key(Qt::Key_Right);
            QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), next, 10'000);
        }
        // Everything the keys did is in the journal, by alice.
        int commands = 0, checked = 0;
        for (const DeploymentEvent &e : demo.events()) {
            if (e.kind == DeploymentEvent::Kind::TrafficCommanded)
                ++commands;
            if (e.kind == DeploymentEvent::Kind::ItemChecked) {
                ++checked;
                QCOMPARE(e.operatorName, u"alice"_s);
            }
        }
        QCOMPARE(commands, 5);
        QCOMPARE(checked, int(preShift.size()));
    }
};

QTEST_MAIN(TestKeyboardDeployment)
#include "tst_keyboarddeployment.moc"
