// The runbook's reading in the window: the traffic strip locked on "reading not confirmed"
// with a way to the reading, the reading view listing plan, rules and what was not read,
// Confirm journaling it (not for a watcher), and a click on a row opening the runbook's
// source at that line, highlighted. Also the screenshot of the view (see screenshot()).
#include "demofixture.h"
#include "mainwindow.h"
#include "reading/readingdialog.h"
#include "traffic/trafficpanel.h"
#include "translations.h"
#include "viewer/sourceview.h"
#include "viewer/sourceviewerdialog.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/journal.h"
#include "runbook/runbookloader.h"
#include "runbook/runbookreading.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTreeWidget>

#include <memory>

class TestReadingWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_journals = 0;
    ManualClock m_clock;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<Deployment> m_deployment;

    // A deployment of `text` on a journal of its own, without a window.
    bool startDeployment(const QString &text = RunbookLoader::bundledText(), const QString &name = QStringLiteral("runbook.md"))
    {
        m_deployment.reset();
        m_journal = std::make_unique<Journal>();
        if (!m_journal->open(m_dir.filePath(QStringLiteral("r%1.sqlite").arg(++m_journals))).ok())
            return false;
        auto started = Deployment::start(m_journal.get(), &m_clock, {QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice"), name, text});
        if (!started) {
            qWarning("%s", qPrintable(started.error()));
            return false;
        }
        m_deployment = started.take();
        return true;
    }

    static QTreeWidgetItem *rowAtLine(QTreeWidget *view, int line)
    {
        for (int i = 0; i < view->topLevelItemCount(); ++i) {
            if (view->topLevelItem(i)->data(0, ReadingDialog::LineRole).toInt() == line)
                return view->topLevelItem(i);
        }
        return nullptr;
    }

    static QString sourceLine(SourceViewerDialog *source, int line)
    {
        return source->view()->document()->findBlockByNumber(line - 1).text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).clear();
        QVERIFY(m_dir.isValid());
        // The screenshot in another language (STONECASTER_TEST_LANGUAGE=de), the catalogue
        // installed as the console does.
        if (const QString language = qEnvironmentVariable("STONECASTER_TEST_LANGUAGE"); !language.isEmpty())
            QCOMPARE(Translations::install(qApp, QLocale(language)), language);
    }

    void cleanup()
    {
        m_deployment.reset();
        m_journal.reset();
    }

    // The demo in the window: the gate waits for the reading alone once the checklist is done;
    // the strip leads to the reading, Confirm journals it and the gate opens.
    void gateWaitsForTheConfirmedReading()
    {
        Demo demo(200.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("demo.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        TrafficPanel *panel = demo.panel();
        QTRY_VERIFY(panel->rollout());
        Deployment *d = demo.window->deployment();
        for (const QString &id : TrafficGate::preShiftItemIds(d->runbook()))
            QVERIFY(d->skip(id, QStringLiteral("done in the change ticket")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(demo.rollout()->gate().reasonKeys == QStringList{QStringLiteral("reading-not-confirmed")}, 20000);
        QVERIFY2(panel->gateText().contains(QLatin1String("reading not confirmed")), qPrintable(panel->gateText()));
        QVERIFY(!panel->advanceButton()->isEnabled());
        QVERIFY(!panel->overrideButton()->isEnabled()); // no way around the reading
        QVERIFY(panel->reviewReadingButton()->isVisible());

        QTest::mouseClick(panel->reviewReadingButton(), Qt::LeftButton);
        ReadingDialog *dialog = demo.window->readingDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->deployment(), d);
        QCOMPARE(dialog->rulesView()->topLevelItemCount(), d->runbook().rules.size());
        QVERIFY(dialog->statusText().contains(QLatin1String("Not confirmed")));
        QVERIFY(dialog->confirmButton()->isEnabled());

        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QVERIFY(d->isReadingConfirmed());
        QList<DeploymentEvent> confirmed = demo.events();
        confirmed.removeIf([](const DeploymentEvent &e) { return e.kind != DeploymentEvent::Kind::ReadingConfirmed; });
        QCOMPARE(confirmed.size(), 1);
        QCOMPARE(confirmed.first().operatorName, QStringLiteral("alice"));
        QCOMPARE(confirmed.first().payload.value(QStringLiteral("reading")).toString(), d->reading().text());
        QVERIFY(!dialog->confirmButton()->isEnabled());
        QVERIFY2(dialog->statusText().contains(QLatin1String("Confirmed by alice")), qPrintable(dialog->statusText()));

        QTRY_VERIFY_WITH_TIMEOUT(panel->advanceButton()->isEnabled(), 20000);
        QVERIFY(!panel->reviewReadingButton()->isVisible());
    }

    // The menu item opens the same view; it is there only with a deployment.
    void menuItemOpensTheReading()
    {
        Demo demo(10.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("menu.sqlite"))));
        auto *action = demo.window->findChild<QAction *>(QStringLiteral("actionRunbookReading"));
        QVERIFY(action);
        QVERIFY(!demo.window->deployment() || action->isEnabled());
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        QVERIFY(action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        action->trigger();
        QVERIFY(demo.window->readingDialog());
        QCOMPARE(demo.window->readingDialog()->deployment(), demo.window->deployment());
    }

    void listsEveryRuleWithItsParts()
    {
        QVERIFY(startDeployment());
        ReadingDialog dialog;
        dialog.setDeployment(m_deployment.get());
        const RunbookReading &reading = m_deployment->reading();
        QCOMPARE(dialog.rulesView()->topLevelItemCount(), reading.rules().size());
        QCOMPARE(dialog.planView()->topLevelItemCount(), reading.plan().size());
        QTreeWidgetItem *trigger = rowAtLine(dialog.rulesView(), 148);
        QVERIFY(trigger);
        QCOMPARE(trigger->text(0), QStringLiteral("automatic rollback"));
        QCOMPARE(trigger->text(1), QStringLiteral("error_rate"));
        QCOMPARE(trigger->text(2), QStringLiteral(">"));
        QCOMPARE(trigger->text(3), QStringLiteral("2"));
        QCOMPARE(trigger->text(4), QStringLiteral("%"));
        QCOMPARE(trigger->text(5), QStringLiteral("148"));
        // Read completely: one row saying so, and no gaps.
        QCOMPARE(dialog.unreadView()->topLevelItemCount(), 1);
        QVERIFY(dialog.unreadView()->topLevelItem(0)->text(1).startsWith(QLatin1String("Nothing")));
        QVERIFY(dialog.gapsText().isEmpty());
        for (QWidget *w : std::initializer_list<QWidget *>{dialog.planView(), dialog.rulesView(), dialog.unreadView(), dialog.confirmButton()})
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
    }

    void clickingARuleOpensTheSourceAtItsLine()
    {
        QVERIFY(startDeployment());
        ReadingDialog dialog;
        dialog.setDeployment(m_deployment.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTreeWidgetItem *trigger = rowAtLine(dialog.rulesView(), 148);
        QVERIFY(trigger);
        const QRect rect = dialog.rulesView()->visualItemRect(trigger);
        QTest::mouseClick(dialog.rulesView()->viewport(), Qt::LeftButton, {}, rect.center());
        SourceViewerDialog *source = dialog.sourceViewer();
        QVERIFY(source);
        QVERIFY(source->isVisible());
        QCOMPARE(source->view()->highlightedLine(), 148);
        QCOMPARE(source->view()->currentLineNumber(), 148);
        QVERIFY2(sourceLine(source, 148).contains(QLatin1String("Error rate > 2%")), qPrintable(sourceLine(source, 148)));
        // The highlight is drawn: one full-width selection on that line besides the marks.
        bool highlighted = false;
        for (const QTextEdit::ExtraSelection &s : source->view()->extraSelections())
            highlighted |= s.cursor.blockNumber() == 147 && s.format.property(QTextFormat::FullWidthSelection).toBool();
        QVERIFY(highlighted);

        // The keyboard: Enter on a plan step moves the same view there.
        QTreeWidgetItem *step = dialog.planView()->topLevelItem(0);
        dialog.planView()->setFocus();
        dialog.planView()->setCurrentItem(step);
        QTest::keyClick(dialog.planView(), Qt::Key_Return);
        QCOMPARE(dialog.sourceViewer(), source);
        QCOMPARE(source->view()->highlightedLine(), m_deployment->reading().plan().first().line);
        source->close();
    }

    void unreadLinesAreListedAndShown()
    {
        QString text = RunbookLoader::bundledText();
        const QString info = QStringLiteral("- **Info**: Error rate > 0.1%, Response time > 500ms\n");
        QVERIFY(text.contains(info));
        text.replace(info, info + QStringLiteral("- **Urgent**: Error rate > 3%\n"));
        QVERIFY(startDeployment(text));
        ReadingDialog dialog;
        dialog.setDeployment(m_deployment.get());
        QCOMPARE(dialog.unreadView()->topLevelItemCount(), 1);
        QTreeWidgetItem *unread = dialog.unreadView()->topLevelItem(0);
        QCOMPARE(unread->text(0), QStringLiteral("216"));
        QVERIFY(unread->text(1).contains(QLatin1String("without a level")));
        dialog.showLine(216);
        QVERIFY(dialog.sourceViewer());
        QVERIFY(sourceLine(dialog.sourceViewer(), 216).contains(QLatin1String("Urgent")));
        QCOMPARE(dialog.sourceViewer()->view()->lineMarks().size(), 1); // the diagnostic, marked
        dialog.sourceViewer()->close();
    }

    void noPlanAndNoAutomaticRollbackAreSaidPlainly()
    {
        QVERIFY(startDeployment(QStringLiteral("# Small release\n\n## Process\n\n### Phase 1: Ship (0-30 minutes)\n- [ ] Deploy\n- [ ] Smoke test\n")));
        ReadingDialog dialog;
        dialog.setDeployment(m_deployment.get());
        QVERIFY2(dialog.gapsText().contains(QLatin1String("No traffic plan")), qPrintable(dialog.gapsText()));
        QVERIFY(dialog.gapsText().contains(QLatin1String("No automatic-rollback rule")));
        QVERIFY(dialog.planView()->topLevelItem(0)->text(0).contains(QLatin1String("no traffic plan")));
    }

    void aWatcherCannotConfirm()
    {
        QVERIFY(startDeployment());
        ReadingDialog dialog;
        dialog.setDeployment(m_deployment.get());
        QVERIFY(dialog.confirmButton()->isEnabled());
        m_deployment->setHeldBy(QStringLiteral("bob on host-2 (pid 42) since 10:04"));
        QVERIFY(!dialog.confirmButton()->isEnabled());
        QVERIFY(dialog.confirmButton()->toolTip().contains(QLatin1String("bob on host-2")));
        dialog.confirm();
        QVERIFY(!m_deployment->isReadingConfirmed());
        m_deployment->setHeldBy({});
        QVERIFY(dialog.confirmButton()->isEnabled());
    }

    // The screenshot in packaging/screenshots/reading-confirmation.png, for any runbook:
    //   STONECASTER_READING_SCREENSHOT=$PWD/packaging/screenshots/reading-confirmation.png
    //   [STONECASTER_READING_RUNBOOK=tests/data/table-runbook.md]
    //   QT_QPA_PLATFORM=offscreen build/dev/tests/ui/tst_readingwindow screenshot
    // (one command line; the runbook is the reference one when none is given).
    void screenshot()
    {
        const QString out = qEnvironmentVariable("STONECASTER_READING_SCREENSHOT");
        if (out.isEmpty())
            QSKIP("set STONECASTER_READING_SCREENSHOT=FILE.png (and STONECASTER_READING_RUNBOOK=FILE.md) to take it");
        const QString path = qEnvironmentVariable("STONECASTER_READING_RUNBOOK");
        QString text = RunbookLoader::bundledText();
        if (!path.isEmpty()) {
            const Runbook read = RunbookLoader::load(path);
            QVERIFY2(!read.hasErrors(), qPrintable(path + QStringLiteral(": the runbook has errors")));
            text = read.source;
        }
        QVERIFY(startDeployment(text, path.isEmpty() ? QStringLiteral("deployment-runbook.md") : QFileInfo(path).fileName()));
        ReadingDialog dialog;
        dialog.setDeployment(m_deployment.get());
        dialog.resize(900, 760);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(dialog.grab().save(out), qPrintable(out));
    }
};

QTEST_MAIN(TestReadingWindow)
#include "tst_readingwindow.moc"
