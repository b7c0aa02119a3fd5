// The Roll back button on the demo at 25 % green: traffic goes back to blue, the runbook's
// Manual Rollback Process runs step by step in its tab, the destructive database script is
// shown highlighted before it runs, and the steps nobody can automate wait for the operator.
#include "checklistpage.h"
#include "demofixture.h"
#include "procedure/procedurepanel.h"
#include "procedure/scriptconfirmdialog.h"
#include "translations.h"
#include "viewer/sourceview.h"

#include "deployment/checklistmodel.h"
#include "procedure/procedureset.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QTreeView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

namespace {

// Presses `buttonText` in the next modal dialog (a QMessageBox or our script confirmation).
void pressInNextModal(const QString &buttonText, std::function<void(QWidget *)> inspect = {})
{
    QTimer::singleShot(50, qApp, [buttonText, inspect] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal) {
            pressInNextModal(buttonText, inspect);
            return;
        }
        if (inspect)
            inspect(modal);
        for (QPushButton *b : modal->findChildren<QPushButton *>()) {
            if (b->text().remove(u'&') == buttonText) {
                b->click();
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("no button \"%1\" in the dialog").arg(buttonText)));
    });
}

ChecklistPage *currentPage(Demo &demo)
{
    return qobject_cast<ChecklistPage *>(demo.window->tabWidget()->currentWidget());
}

} // namespace

class TestRollbackWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // English as the console shows it: with its plural forms ("1 asks", "5 steps").
        QCOMPARE(Translations::install(qApp, QLocale(QLocale::English)), QStringLiteral("en"));
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).clear();
    }

    void rollBackAt25PercentRunsTheProcedure()
    {
        Demo demo(150.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("rollback.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        demo.stepThrough({5, 10, 25});
        if (QTest::currentTestFailed())
            return;

        QString confirmation;
        pressInNextModal(QStringLiteral("Roll back now"), [&confirmation](QWidget *dialog) {
            if (auto *box = qobject_cast<QMessageBox *>(dialog))
                confirmation = box->informativeText() + u'\n' + box->detailedText();
        });
        QTest::mouseClick(demo.panel()->rollbackButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(demo.window->deployment()->state().traffic.rollbackActive, 10000);
        // The confirmation named what happens: traffic to blue, then the procedure's steps.
        QVERIFY2(confirmation.contains(QLatin1String("5 steps run by themselves, 1 asks before running (Execute database rollback scripts), 7 are yours to confirm")),
                 qPrintable(confirmation));
        QVERIFY2(confirmation.contains(QLatin1String("5. Execute database rollback scripts (asks you first: runs ")), qPrintable(confirmation));
        QTRY_COMPARE_WITH_TIMEOUT(demo.rollout()->currentPercent(), 0, 10000);
        QCOMPARE(demo.sim.weights().green, 0);

        // The window is on the rollback tab, with the procedure running there.
        ChecklistPage *page = currentPage(demo);
        QVERIFY(page);
        ProcedurePanel *panel = page->procedurePanel();
        QVERIFY2(panel, "the rollback tab has no procedure panel");
        ProcedureRunner *runner = panel->currentRunner();
        QVERIFY(runner && runner->procedure().rollback);
        QCOMPARE(runner->procedure().steps.size(), 13);

        // Bound steps run by themselves; the destructive script is shown and confirmed; steps
        // without an action are confirmed by the operator.
        bool sawScript = false;
        QString scriptHighlighting;
        for (int guard = 0; guard < 40 && runner->phase() != ProcedureRunner::Phase::Completed; ++guard) {
            QVERIFY2(QTest::qWaitFor([&] { return runner->phase() != ProcedureRunner::Phase::Running; }, 30000),
                     "the procedure did not come to rest");
            const ProcedureRunner::Phase phase = runner->phase();
            if (phase == ProcedureRunner::Phase::Completed)
                break;
            QVERIFY2(phase == ProcedureRunner::Phase::AwaitingOperator,
                     qPrintable(QStringLiteral("unexpected phase %1 at step %2: %3")
                                    .arg(int(phase))
                                    .arg(runner->currentIndex())
                                    .arg(demo.window->deployment()->state().steps.value(runner->procedure().steps[runner->currentIndex()].itemId).message)));
            auto *confirm = panel->findChild<QPushButton *>(QStringLiteral("confirmStepButton"));
            QVERIFY(confirm->isEnabled());
            if (runner->waiting() == ProcedureRunner::Waiting::Destructive) {
                pressInNextModal(QStringLiteral("Run"), [&](QWidget *dialog) {
                    if (auto *d = qobject_cast<ScriptConfirmDialog *>(dialog)) {
                        sawScript = d->view()->toPlainText().contains(QLatin1String("ALTER TABLE orders"));
                        scriptHighlighting = d->view()->definitionName();
                    }
                });
            }
            QTest::mouseClick(confirm, Qt::LeftButton);
            QTest::qWait(20);
        }
        QTRY_COMPARE_WITH_TIMEOUT(runner->phase(), ProcedureRunner::Phase::Completed, 30000);
        QVERIFY2(sawScript, "the rollback script was not shown before it ran");
        QVERIFY2(scriptHighlighting.contains(QLatin1String("SQL")), qPrintable(scriptHighlighting));

        const DeploymentState &state = demo.window->deployment()->state();
        for (const ProcedureStep &step : runner->procedure().steps) {
            const StepRecord rec = state.steps.value(step.itemId);
            QVERIFY2(rec.status == StepRecord::Status::Done, qPrintable(step.text));
            QCOMPARE(state.item(step.itemId).status, ItemState::Status::Done);
            if (!step.binding)
                QVERIFY2(rec.confirmed && rec.by == QLatin1String("alice"), qPrintable(step.text));
        }
        const StepRecord script = state.steps.value(QStringLiteral("manual-rollback-process/database-rollback/execute-database-rollback-scripts"));
        QCOMPARE(script.exitCode, 0);
        QVERIFY2(script.output.contains(QLatin1String("COMMIT;")), qPrintable(script.output));
        QVERIFY(script.confirmed);
        const StepRecord stable = state.steps.value(QStringLiteral("manual-rollback-process/immediate-actions/verify-blue-environment-is-stable"));
        QCOMPARE(stable.action, QStringLiteral("verify-blue-stable"));
        QVERIFY(!stable.confirmed);
        QCOMPARE(demo.rollout()->observedPercent(), 0);
        QCOMPARE(state.procedures.value(runner->procedure().id).status, ProcedureRecord::Status::Completed);
        auto *output = panel->findChild<QPlainTextEdit *>(QStringLiteral("stepOutput"));
        QVERIFY(output);
    }

    // The Emergency Procedures tab runs each emergency the same way: Service Down sends traffic
    // back to blue by itself, then waits for the operator at the first step done by hand; the
    // rollback procedure does not start behind its back.
    void emergencyProcedureRunsFromItsTab()
    {
        Demo demo(150.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("emergency.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        demo.stepThrough({5, 10, 25});
        if (QTest::currentTestFailed())
            return;
        ProcedurePanel *panel = nullptr;
        for (int i = 0; i < demo.window->tabWidget()->count() && !panel; ++i) {
            auto *p = qobject_cast<ChecklistPage *>(demo.window->tabWidget()->widget(i));
            if (p && p->procedurePanel() && !p->procedurePanel()->currentRunner()->procedure().rollback) {
                demo.window->tabWidget()->setCurrentIndex(i);
                panel = p->procedurePanel();
            }
        }
        QVERIFY2(panel, "no tab with the emergency procedures");
        auto *selector = panel->findChild<QComboBox *>(QStringLiteral("procedureSelector"));
        QVERIFY(selector && selector->isVisible());
        QCOMPARE(selector->count(), 4);
        QCOMPARE(selector->itemText(0), QStringLiteral("Service Down"));
        selector->setCurrentIndex(0);
        ProcedureRunner *serviceDown = panel->currentRunner();
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("startProcedureButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(serviceDown->phase(), ProcedureRunner::Phase::AwaitingOperator, 20000);
        QCOMPARE(serviceDown->procedure().steps[serviceDown->currentIndex()].text, QStringLiteral("Check service logs"));
        QCOMPARE(serviceDown->waiting(), ProcedureRunner::Waiting::Unbound);
        QCOMPARE(demo.rollout()->observedPercent(), 0);
        QVERIFY(demo.window->deployment()->state().traffic.rollbackActive);
        QTest::qWait(200);
        ProcedureRunner *rollback = demo.session.procedures()->rollbackRunner();
        QCOMPARE(rollback->phase(), ProcedureRunner::Phase::NotStarted);
        auto *prompt = panel->findChild<QLabel *>(QStringLiteral("procedurePrompt"));
        QVERIFY2(prompt->text().contains(QLatin1String("Check service logs")), qPrintable(prompt->text()));
    }

    // An item bound to a check in the profile gets "Run check": the demo's health endpoint
    // answers, the item is checked and the evidence is shown and journaled.
    void executableItemRunsItsCheck()
    {
        Demo demo(60.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("check.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        QTRY_VERIFY(demo.session.procedures());
        const QString itemId = QStringLiteral("preparation/code-deployment/check-health-endpoints");
        QVERIFY2(demo.window->deployment()->runbook().item(itemId), "the reference runbook's item id changed");
        ChecklistPage *page = nullptr;
        for (int i = 0; i < demo.window->tabWidget()->count() && !page; ++i) {
            auto *p = qobject_cast<ChecklistPage *>(demo.window->tabWidget()->widget(i));
            if (p && p->model()->indexOfItem(itemId).isValid()) {
                demo.window->tabWidget()->setCurrentIndex(i);
                page = p;
            }
        }
        QVERIFY(page);
        page->view()->setCurrentIndex(page->model()->indexOfItem(itemId));
        auto *run = page->findChild<QPushButton *>(QStringLiteral("runCheckButton"));
        QVERIFY(run && run->isVisible());
        QTRY_VERIFY(run->isEnabled());
        QTest::mouseClick(run, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(demo.window->deployment()->state().item(itemId).status, ItemState::Status::Done, 10000);
        const CheckRecord check = demo.window->deployment()->state().checks.value(itemId);
        QVERIFY(check.ok);
        QCOMPARE(check.action, QStringLiteral("http"));
        QVERIFY2(check.output.contains(QLatin1String("200 OK")), qPrintable(check.output));
        auto *evidence = page->findChild<QLabel *>(QStringLiteral("checkEvidence"));
        QTRY_VERIFY2(evidence->text().contains(QLatin1String("passed")), qPrintable(evidence->text()));
        QTest::qWait(200);
        save(demo.window.get(), QStringLiteral("checklist-run-check.png"));
    }

    // Run with STONECASTER_SCREENSHOT_DIR set.
    void screenshots()
    {
        if (qEnvironmentVariableIsEmpty("STONECASTER_SCREENSHOT_DIR"))
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        Demo demo(100.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("shots.sqlite"))));
        demo.window->resize(1400, 900);
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        demo.stepThrough({5, 10, 25});
        pressInNextModal(QStringLiteral("Roll back now"), [](QWidget *dialog) {
            QTest::qWait(100);
            save(dialog, QStringLiteral("rollback-confirmation.png"));
        });
        QTest::mouseClick(demo.panel()->rollbackButton(), Qt::LeftButton);
        ChecklistPage *page = nullptr;
        QTRY_VERIFY((page = currentPage(demo)) && page->procedurePanel());
        ProcedurePanel *panel = page->procedurePanel();
        ProcedureRunner *runner = panel->currentRunner();
        QTRY_VERIFY_WITH_TIMEOUT(runner->waiting() == ProcedureRunner::Waiting::Destructive, 60000);
        QTest::qWait(300);
        save(demo.window.get(), QStringLiteral("rollback-awaiting-confirmation.png"));
        pressInNextModal(QStringLiteral("Run"), [](QWidget *dialog) {
            QTest::qWait(200);
            save(dialog, QStringLiteral("rollback-script-highlighted.png"));
        });
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("confirmStepButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(runner->isActionRunning(), 10000);
        QTest::qWait(1500);
        save(demo.window.get(), QStringLiteral("rollback-script-running.png"));
        while (runner->phase() != ProcedureRunner::Phase::Completed) {
            QVERIFY(QTest::qWaitFor([&] { return runner->phase() != ProcedureRunner::Phase::Running; }, 30000));
            if (runner->phase() == ProcedureRunner::Phase::AwaitingOperator)
                QVERIFY(panel->confirmNow().ok());
            else if (runner->phase() != ProcedureRunner::Phase::Completed)
                QFAIL("the procedure stopped");
        }
        QTest::qWait(300);
        save(demo.window.get(), QStringLiteral("rollback-procedure-completed.png"));
    }
};

QTEST_MAIN(TestRollbackWindow)
#include "tst_rollbackwindow.moc"
