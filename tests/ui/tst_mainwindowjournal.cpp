// The window and its journal: a deployment reopened after the window closed, which one is
// reopened, a closed deployment read-only, a journal that cannot be used reported and left alone.
#include "windowfixture.h"

class TestMainWindowJournal : public QObject, protected WindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestMode(); }
    void init() { setUpWindowTest(); }
    void cleanup() { tearDownWindowTest(); }

    void reopenAfterWindowClosed_data()
    {
        QTest::addColumn<bool>("closeFirst");
        QTest::newRow("window closed normally") << true;
        QTest::newRow("console gone without closing (crash)") << false;
    }

    void reopenAfterWindowClosed()
    {
        QFETCH(bool, closeFirst);
        QString deploymentId;
        QStringList checked;
        QString skipped;
        QString noted;
        {
            auto window = makeWindow(journalPath());
            QVERIFY(window);
            QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
            deploymentId = window->deployment()->id();
            ChecklistModel *model = showTab(window.get(), QStringLiteral("preparation"))->model();
            for (int r = 0; r < 3; ++r) {
                const QModelIndex i = model->index(r, 0, model->index(0, 0));
                QVERIFY(model->setData(i, Qt::Checked, Qt::CheckStateRole));
                checked << i.data(ChecklistModel::ItemIdRole).toString();
            }
            const QModelIndex s = model->index(0, 0, model->index(2, 0));
            QVERIFY(model->skip(s, QStringLiteral("no migrations")));
            skipped = s.data(ChecklistModel::ItemIdRole).toString();
            const QModelIndex n = model->index(1, ChecklistModel::NoteColumn, model->index(1, 0));
            QVERIFY(model->setData(n, QStringLiteral("smoke run #4812 green")));
            noted = n.data(ChecklistModel::ItemIdRole).toString();
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
            if (closeFirst)
                QVERIFY(window->close());
        }

        // A new window on the same journal (e.g. after a crash) continues the open deployment.
        auto window = makeWindow(journalPath(), QStringLiteral("bob"));
        QVERIFY(window);
        QVERIFY2(window->deployment(), "the open deployment is reopened automatically");
        QCOMPARE(window->deployment()->id(), deploymentId);
        QVERIFY(!window->deployment()->isReadOnly());
        QVERIFY2(window->banner()->isHidden(), qPrintable(window->banner()->text()));
        const int phase1 = tabOf(window.get(), QStringLiteral("preparation"));
        QCOMPARE(window->tabWidget()->tabText(phase1), QStringLiteral("Phase 1: Preparation  4/12"));
        const ChecklistModel *model = window->page(phase1)->model();
        for (const QString &id : std::as_const(checked)) {
            QCOMPARE(model->indexOfItem(id).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
            QCOMPARE(model->indexOfItem(id, ChecklistModel::ByColumn).data().toString(), QStringLiteral("alice"));
        }
        QCOMPARE(model->indexOfItem(skipped).data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
        QCOMPARE(model->indexOfItem(skipped, ChecklistModel::StateColumn).data().toString(), QStringLiteral("Skipped: no migrations"));
        QCOMPARE(model->indexOfItem(noted, ChecklistModel::NoteColumn).data().toString(), QStringLiteral("smoke run #4812 green"));

        // The operator now at the console is the one recorded for new actions.
        QVERIFY(window->page(phase1)->model()->setData(model->index(3, 0, model->index(0, 0)), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(eventsOnDisk(journalPath(), deploymentId).last().operatorName, QStringLiteral("bob"));
    }

    // Options::deploymentId empty means "the latest open one": a closed newer deployment must
    // not hide an older one still running.
    void reopensLatestOpenDeploymentEvenIfNewerOneClosed()
    {
        QString runningId;
        {
            auto window = makeWindow(journalPath());
            QVERIFY(window);
            QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
            runningId = window->deployment()->id();
            m_clock->advanceMs(10 * Minute);
            QVERIFY(window->startDeployment(QStringLiteral("billing"), QStringLiteral("v7.1.0"), QStringLiteral("alice")));
            QVERIFY(window->deployment()->id() != runningId);
            m_clock->advanceMs(Minute);
            QVERIFY(window->closeDeployment(DeploymentOutcome::Aborted, QStringLiteral("wrong service")));
        }
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY2(window->deployment(), "checkout-api is still running and should be reopened");
        QCOMPARE(window->deployment()->id(), runningId);
    }

    void closedDeploymentIsReadOnly()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        const QString id = window->deployment()->id();
        QVERIFY(window->closeDeployment(DeploymentOutcome::Completed, QStringLiteral("done")));
        QVERIFY(window->deployment());
        QVERIFY(window->deployment()->isReadOnly());
        for (int i = 0; i < window->tabWidget()->count(); ++i) {
            for (const QModelIndex &item : allItems(window->page(i)->model())) {
                for (int c = 0; c < ChecklistModel::ColumnCount; ++c) {
                    QVERIFY(!(item.siblingAtColumn(c).flags() & Qt::ItemIsUserCheckable));
                    QVERIFY(!(item.siblingAtColumn(c).flags() & Qt::ItemIsEditable));
                }
            }
        }
        QVERIFY(!window->findChild<QAction *>(QStringLiteral("actionCloseDeployment"))->isEnabled());
        QVERIFY(!window->banner()->isHidden());
        QCOMPARE(window->banner()->kind(), MessageBanner::Kind::Info);
        // The outcome as the window says it (CloseDeploymentDialog::outcomeText), not the journal's id.
        QVERIFY2(window->banner()->text().contains(QLatin1String("Deployment closed: Completed.")), qPrintable(window->banner()->text()));
        QCOMPARE(bannerAction(window.get())->text(), QStringLiteral("Start deployment…"));
        const QList<DeploymentEvent> events = eventsOnDisk(journalPath(), id);
        QCOMPARE(events.last().kindName, QStringLiteral("deployment-closed"));
        QCOMPARE(events.last().payload.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
        QCOMPARE(events.last().payload.value(QStringLiteral("note")).toString(), QStringLiteral("done"));

        // Space on an item of the closed deployment changes nothing.
        ChecklistPage *page = showTab(window.get(), QStringLiteral("preparation"));
        page->view()->setCurrentIndex(page->model()->index(0, 0, page->model()->index(0, 0)));
        QTest::keyClick(page->view(), Qt::Key_Space);
        QCOMPARE(eventsOnDisk(journalPath(), id).size(), events.size());
        QVERIFY(!window->closeDeployment(DeploymentOutcome::Completed, QStringLiteral("again")));

        // A later window does not reopen a closed deployment.
        window.reset();
        auto later = makeWindow(journalPath());
        QVERIFY(later);
        QVERIFY(!later->deployment());
        QCOMPARE(bannerAction(later.get())->text(), QStringLiteral("Start deployment…"));
    }

    void unusableJournalReported_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("text file") << "garbage" << "not a readable journal";
        QTest::newRow("another program's SQLite database") << "foreign" << "not a StoneCaster journal";
        QTest::newRow("directory") << "directory" << "is not a file";
    }

    void unusableJournalReported()
    {
        QFETCH(QString, what);
        QFETCH(QString, messagePart);
        const QString path = m_dir->filePath(QStringLiteral("journal.sqlite"));
        if (what == QLatin1String("garbage")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 200; ++i)
                f.write("this is not a journal, it is a shopping list: eggs, milk, flour\n");
        } else if (what == QLatin1String("foreign")) {
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("CREATE TABLE recipes (name TEXT)")));
                QVERIFY(q.exec(QStringLiteral("INSERT INTO recipes VALUES ('bread')")));
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        } else {
            QVERIFY(QDir().mkpath(path));
        }
        QByteArray before;
        if (QFileInfo(path).isFile()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            before = f.readAll();
        }

        auto window = makeWindow(path);
        QVERIFY2(window, "a bad journal does not make the runbook unusable");
        QVERIFY(!window->journal());
        QVERIFY(!window->deployment());
        QVERIFY(!window->banner()->isHidden());
        QCOMPARE(window->banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY2(window->banner()->text().contains(path), qPrintable(window->banner()->text()));
        QVERIFY2(window->banner()->text().contains(messagePart), qPrintable(window->banner()->text()));
        // The checklists are still there to read, but nothing can be checked.
        QCOMPARE(window->tabWidget()->count(), TabTitles.size());
        for (const QModelIndex &item : allItems(window->page(1)->model()))
            QVERIFY(!(item.flags() & Qt::ItemIsUserCheckable));

        const Status started = window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice"));
        QVERIFY(!started);
        QVERIFY2(started.error().contains(path), qPrintable(started.error()));
        QVERIFY(!window->deployment());

        // The file was left exactly as it was.
        if (!before.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), before);
        }
    }
};

QTEST_MAIN(TestMainWindowJournal)
#include "tst_mainwindowjournal.moc"
