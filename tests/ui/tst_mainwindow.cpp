// The window on a journal without an environment: the runbook previewed, a deployment started,
// items checked by mouse and keyboard and journaled, tabs and progress, screenshots.
#include "windowfixture.h"

class TestMainWindow : public QObject, protected WindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestMode(); }
    void init() { setUpWindowTest(); }
    void cleanup() { tearDownWindowTest(); }

    void previewWithoutDeployment()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(!window->deployment());
        QVERIFY(window->journal());

        QVERIFY(!window->banner()->isHidden());
        QCOMPARE(window->banner()->kind(), MessageBanner::Kind::Info);
        QVERIFY(bannerAction(window.get()));
        QVERIFY(!bannerAction(window.get())->isHidden());
        QCOMPARE(bannerAction(window.get())->text(), QStringLiteral("Start deployment…"));

        QCOMPARE(window->tabWidget()->count(), TabTitles.size());
        for (int i = 0; i < TabTitles.size(); ++i) {
            QVERIFY2(window->tabWidget()->tabText(i).startsWith(TabTitles.at(i) + QStringLiteral("  0/")), qPrintable(window->tabWidget()->tabText(i)));
            QCOMPARE(window->tabWidget()->tabToolTip(i), TabTitles.at(i));
            const QList<QModelIndex> items = allItems(window->page(i)->model());
            QVERIFY(!items.isEmpty());
            for (const QModelIndex &item : items)
                QVERIFY2(!(item.flags() & Qt::ItemIsUserCheckable), qPrintable(item.data().toString()));
        }
        QCOMPARE(window->tabWidget()->tabText(1), QStringLiteral("Phase 1: Preparation  0/12"));
        auto *header = window->findChild<QLabel *>(QStringLiteral("deploymentHeader"));
        QVERIFY(header);
        QVERIFY2(header->text().contains(QLatin1String("no deployment running")), qPrintable(header->text()));
        QVERIFY(!window->findChild<QAction *>(QStringLiteral("actionCloseDeployment"))->isEnabled());

        // Space in the preview records nothing and tells the operator how to start.
        ChecklistPage *page = showTab(window.get(), QStringLiteral("preparation"));
        QVERIFY(page);
        QTest::keyClick(page->view(), Qt::Key_Space);
        QCOMPARE(window->banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY2(window->banner()->text().contains(QLatin1String("No deployment is running")), qPrintable(window->banner()->text()));
        const Result<QList<Journal::DeploymentSummary>> list = window->journal()->deployments();
        QVERIFY(list);
        QVERIFY(list.value().isEmpty());
    }

    void startDeploymentRebuildsTabs()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QPointer<ChecklistPage> previewPage = window->page(1);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        QVERIFY(window->deployment());
        QVERIFY2(!previewPage, "the preview pages are replaced by pages of the deployment");
        QVERIFY(window->banner()->isHidden());
        QCOMPARE(window->tabWidget()->count(), TabTitles.size());
        for (int i = 0; i < TabTitles.size(); ++i) {
            QVERIFY(window->tabWidget()->tabText(i).startsWith(TabTitles.at(i) + QStringLiteral("  0/")));
            for (const QModelIndex &item : allItems(window->page(i)->model())) {
                QCOMPARE(bool(item.flags() & Qt::ItemIsUserCheckable), item.data(ChecklistModel::CheckableRole).toBool());
            }
        }
        auto *header = window->findChild<QLabel *>(QStringLiteral("deploymentHeader"));
        QVERIFY2(header->text().contains(QLatin1String("checkout-api v2.14.0")), qPrintable(header->text()));
        QVERIFY2(header->text().contains(QLatin1String("started by alice")), qPrintable(header->text()));
        QVERIFY(window->windowTitle().contains(QLatin1String("checkout-api v2.14.0")));
        QVERIFY(window->findChild<QAction *>(QStringLiteral("actionCloseDeployment"))->isEnabled());

        const QList<DeploymentEvent> events = eventsOnDisk(journalPath(), window->deployment()->id());
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().kindName, QStringLiteral("deployment-started"));
        QCOMPARE(events.first().payload.value(QStringLiteral("service")).toString(), QStringLiteral("checkout-api"));
        QCOMPARE(events.first().payload.value(QStringLiteral("version")).toString(), QStringLiteral("v2.14.0"));
        QCOMPARE(events.first().operatorName, QStringLiteral("alice"));

        // Incomplete details are refused and change nothing.
        const QString id = window->deployment()->id();
        const Status noService = window->startDeployment(QStringLiteral(" "), QStringLiteral("v2"), QStringLiteral("alice"));
        QVERIFY(!noService);
        QVERIFY(noService.error().contains(QLatin1String("service")));
        QCOMPARE(window->deployment()->id(), id);
    }

    void bannerActionStartsDeploymentThroughDialog()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        bool sawDialog = false;
        QString prefilledOperator;
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal)
                return;
            poll.stop();
            auto *dialog = qobject_cast<NewDeploymentDialog *>(modal);
            if (!dialog) {
                modal->close();
                return;
            }
            sawDialog = true;
            prefilledOperator = dialog->findChild<QLineEdit *>(QStringLiteral("operatorEdit"))->text();
            auto *box = dialog->findChild<QDialogButtonBox *>();
            QPushButton *ok = box->button(QDialogButtonBox::Ok);
            const bool disabledWhenEmpty = !ok->isEnabled();
            dialog->findChild<QLineEdit *>(QStringLiteral("serviceEdit"))->setText(QStringLiteral("checkout-api"));
            dialog->findChild<QLineEdit *>(QStringLiteral("versionEdit"))->setText(QStringLiteral("v2.14.0"));
            if (disabledWhenEmpty && ok->isEnabled())
                ok->click();
            else
                dialog->reject();
        });
        poll.start();
        QTimer::singleShot(10'000, &poll, [&poll] {
            poll.stop();
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
        });
        bannerAction(window.get())->click();
        QVERIFY(sawDialog);
        QCOMPARE(prefilledOperator, QStringLiteral("alice"));
        QVERIFY2(window->deployment(), "the dialog's Start deployment starts one");
        QCOMPARE(window->deployment()->state().service, QStringLiteral("checkout-api"));
        QCOMPARE(window->deployment()->state().version, QStringLiteral("v2.14.0"));
        QCOMPARE(window->deployment()->state().startedBy, QStringLiteral("alice"));
    }

    void mouseClickOnCheckBoxIsJournaled()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ChecklistPage *page = showTab(window.get(), QStringLiteral("preparation"));
        QVERIFY(page);
        QTreeView *view = page->view();
        const QModelIndex item = findItem(page->model(), QStringLiteral("Check all required services are running"));
        QVERIFY(item.isValid());
        const QString id = item.data(ChecklistModel::ItemIdRole).toString();
        view->scrollTo(item);

        // A click on the item's text selects it but does not check it.
        const QRect rect = view->visualRect(item);
        QVERIFY(rect.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(rect.right() - 10, rect.center().y()));
        QCOMPARE(view->currentIndex().siblingAtColumn(0), item);
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(eventsOnDisk(journalPath(), window->deployment()->id()).size(), 1);

        const QRect box = checkIndicatorRect(view, item);
        QVERIFY(box.isValid());
        QVERIFY2(rect.contains(box), "the check box lies within the item's cell");
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, box.center());
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

        const QList<DeploymentEvent> events = eventsOnDisk(journalPath(), window->deployment()->id());
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.last().kindName, QStringLiteral("item-checked"));
        QCOMPARE(events.last().itemId, id);
        QCOMPARE(events.last().operatorName, QStringLiteral("alice"));

        // A second click on the box opens it again.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, box.center(), 600);
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(eventsOnDisk(journalPath(), window->deployment()->id()).last().kindName, QStringLiteral("item-unchecked"));
    }

    void keyboardChecksAndSwitchesTabs()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        window->show();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        ChecklistPage *page = showTab(window.get(), QStringLiteral("preparation"));
        QVERIFY(page);
        QTreeView *view = page->view();
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        const ChecklistModel *model = page->model();
        const QModelIndex group = model->index(0, 0);
        const QModelIndex first = model->index(0, 0, group);
        const QModelIndex second = model->index(1, 0, group);
        view->setCurrentIndex(first);
        const QString deploymentId = window->deployment()->id();

        QTest::keyClick(view, Qt::Key_Space);
        QCOMPARE(first.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QList<DeploymentEvent> events = eventsOnDisk(journalPath(), deploymentId);
        QCOMPARE(events.last().kindName, QStringLiteral("item-checked"));
        QCOMPARE(events.last().itemId, first.data(ChecklistModel::ItemIdRole).toString());

        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(view->currentIndex().siblingAtColumn(0), second);
        QTest::keyClick(view, Qt::Key_Space);
        QCOMPARE(second.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        events = eventsOnDisk(journalPath(), deploymentId);
        QCOMPARE(events.size(), 3);
        QCOMPARE(events.last().itemId, second.data(ChecklistModel::ItemIdRole).toString());
        QCOMPARE(first.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

        // Space again opens the item again.
        QTest::keyClick(view, Qt::Key_Space);
        QCOMPARE(second.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(eventsOnDisk(journalPath(), deploymentId).last().kindName, QStringLiteral("item-unchecked"));

        // Ctrl+Tab / Ctrl+Shift+Tab move between tabs from inside the checklist, wrapping around.
        QTabWidget *tabs = window->tabWidget();
        const int start = tabs->currentIndex();
        QCOMPARE(start, 1);
        QTest::keyClick(view, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 2);
        QTRY_COMPARE(QApplication::focusWidget(), window->page(2)->view());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tabs->currentIndex(), 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tabs->currentIndex(), 0);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tabs->currentIndex(), tabs->count() - 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
        // From outside the tabs too, e.g. the runbook reference list.
        auto *reference = window->findChild<QWidget *>(QStringLiteral("referenceList"));
        QVERIFY(reference);
        reference->setFocus();
        QTRY_VERIFY(reference->hasFocus());
        QTest::keyClick(reference, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 2);
        reference->setFocus();
        QTRY_VERIFY(reference->hasFocus());
        QTest::keyClick(reference, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tabs->currentIndex(), 1);
        // The key switch did not check anything.
        QCOMPARE(eventsOnDisk(journalPath(), deploymentId).size(), 4);
    }

    void tabTextShowsProgress()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        const int phase1 = tabOf(window.get(), QStringLiteral("preparation"));
        QCOMPARE(phase1, 1);
        QCOMPARE(window->tabWidget()->tabText(phase1), QStringLiteral("Phase 1: Preparation  0/12"));
        ChecklistModel *model = window->page(phase1)->model();
        QVERIFY(model->setData(findItem(model, QStringLiteral("Verify database connectivity")), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(window->tabWidget()->tabText(phase1), QStringLiteral("Phase 1: Preparation  1/12"));
        QVERIFY(model->skip(findItem(model, QStringLiteral("Run smoke tests")), QStringLiteral("covered by CI")));
        QCOMPARE(window->tabWidget()->tabText(phase1), QStringLiteral("Phase 1: Preparation  2/12"));
        QCOMPARE(window->tabWidget()->tabText(2), QStringLiteral("Phase 2: Blue Environment  0/14"));
        auto *progress = window->page(phase1)->findChild<QProgressBar *>(QStringLiteral("tabProgress"));
        QCOMPARE(progress->value(), 2);
        QCOMPARE(progress->maximum(), 12);
        QCOMPARE(progress->format(), QStringLiteral("1 of 12 done, 1 skipped"));
        auto *overall = window->findChild<QProgressBar *>(QStringLiteral("overallProgress"));
        QCOMPARE(overall->value(), 2);
        QCOMPARE(overall->maximum(), window->deployment()->progress().total);
        // A change made outside the page (another tab's model, the engine) shows too.
        QVERIFY(window->deployment()->check(QStringLiteral("blue-environment/testing/verify-api-endpoints")));
        QCOMPARE(window->tabWidget()->tabText(2), QStringLiteral("Phase 2: Blue Environment  1/14"));
    }

    // The page's progress bar sits next to a stretching label: its text must still fit.
    void progressTextFits()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        ChecklistPage *page = showTab(window.get(), QStringLiteral("preparation"));
        ChecklistModel *model = page->model();
        QVERIFY(model->setData(findItem(model, QStringLiteral("Verify database connectivity")), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model->skip(findItem(model, QStringLiteral("Run smoke tests")), QStringLiteral("covered by CI")));
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QCoreApplication::processEvents();
        for (QProgressBar *bar : {page->findChild<QProgressBar *>(QStringLiteral("tabProgress")), window->findChild<QProgressBar *>(QStringLiteral("overallProgress"))}) {
            QVERIFY(bar);
            QVERIFY(bar->text().contains(QLatin1String("1 skipped")));
            const int needed = bar->fontMetrics().horizontalAdvance(bar->text()) + 8;
            QVERIFY2(bar->width() >= needed,
                     qPrintable(QStringLiteral("%1: \"%2\" needs %3 px, the bar is %4 px wide").arg(bar->objectName(), bar->text()).arg(needed).arg(bar->width())));
        }
    }

    // Run with STONECASTER_SCREENSHOT_DIR=/some/folder to get images of the window for review.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        QVERIFY(QDir().mkpath(dir));
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        m_clock->advanceMs(17 * Minute);
        ChecklistPage *page = showTab(window.get(), QStringLiteral("preparation"));
        ChecklistModel *model = page->model();
        for (const char *text : {"Verify staging environment is ready", "Check all required services are running", "Verify database connectivity",
                                 "Deploy code to staging environment"}) {
            QVERIFY(model->setData(findItem(model, QString::fromLatin1(text)), Qt::Checked, Qt::CheckStateRole));
            m_clock->advanceMs(2 * Minute);
        }
        QVERIFY(model->skip(findItem(model, QStringLiteral("Check external service dependencies")), QStringLiteral("no external calls in this release")));
        QVERIFY(model->setData(findItem(model, QStringLiteral("Run smoke tests")).siblingAtColumn(ChecklistModel::NoteColumn),
                               QStringLiteral("smoke run #4812: 212 passed")));
        page->view()->setCurrentIndex(findItem(model, QStringLiteral("Run smoke tests")));
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QCoreApplication::processEvents();
        const QString light = QDir(dir).filePath(QStringLiteral("checklist-window.png"));
        QVERIFY2(window->grab().save(light), qPrintable(light));

        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::System); });
        QCoreApplication::processEvents();
        const QString dark = QDir(dir).filePath(QStringLiteral("checklist-window-dark.png"));
        QVERIFY2(window->grab().save(dark), qPrintable(dark));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
