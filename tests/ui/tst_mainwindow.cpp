#include "checklistpage.h"
#include "colorscheme.h"
#include "consolewindow.h"
#include "messagebanner.h"
#include "newdeploymentdialog.h"

#include "core/appsettings.h"
#include "deployment/checklistmodel.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <cmath>
#include <memory>

namespace {

constexpr qint64 Minute = 60'000;

const QStringList TabTitles{
    QStringLiteral("Pre-Deployment Checklist"), QStringLiteral("Phase 1: Preparation"), QStringLiteral("Phase 2: Blue Environment"),
    QStringLiteral("Phase 3: Traffic Shift"),   QStringLiteral("Phase 4: Validation"),  QStringLiteral("Phase 5: Cleanup"),
    QStringLiteral("Rollback Procedures"),      QStringLiteral("Emergency Procedures"), QStringLiteral("Communication Procedures"),
    QStringLiteral("Post-Deployment Validation"), QStringLiteral("Documentation Updates"), QStringLiteral("Lessons Learned"),
};

// The protected option initialisers the view and its delegate use, reached through member
// pointers so the check box is found exactly where the delegate will look for it.
struct ViewOptionAccess : QTreeView {
    using QTreeView::initViewItemOption;
};
struct DelegateOptionAccess : QStyledItemDelegate {
    using QStyledItemDelegate::initStyleOption;
};

QRect checkIndicatorRect(QTreeView *view, const QModelIndex &index)
{
    QStyleOptionViewItem opt;
    (view->*(&ViewOptionAccess::initViewItemOption))(&opt);
    opt.rect = view->visualRect(index);
    auto *delegate = qobject_cast<QStyledItemDelegate *>(view->itemDelegateForIndex(index));
    if (!delegate)
        return {};
    (delegate->*(&DelegateOptionAccess::initStyleOption))(&opt, index);
    const QStyle *style = view->style();
    return style->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &opt, view);
}

// Reads the journal through a connection of its own, as another process would.
QList<DeploymentEvent> eventsOnDisk(const QString &journalPath, const QString &deploymentId)
{
    Journal journal;
    if (!journal.open(journalPath))
        return {};
    const Result<QList<DeploymentEvent>> events = journal.events(deploymentId);
    return events ? events.value() : QList<DeploymentEvent>{};
}

QList<QModelIndex> allItems(const QAbstractItemModel *model)
{
    QList<QModelIndex> items;
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        for (int r = 0; r < model->rowCount(group); ++r)
            items << model->index(r, 0, group);
    }
    return items;
}

// WCAG 2 contrast ratio: 1 (same colour) to 21 (black on white); 4.5 is readable body text.
double contrast(const QColor &a, const QColor &b)
{
    auto luminance = [](const QColor &c) {
        auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QString describe(const QColor &a, const QColor &b)
{
    return QStringLiteral("%1 on %2: contrast %3:1").arg(a.name(), b.name()).arg(contrast(a, b), 0, 'f', 2);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<ManualClock> m_clock;

    QString journalPath() const { return m_dir->filePath(QStringLiteral("journal.sqlite")); }

    ConsoleWindow makeWindow(const QString &journal, const QString &operatorName = QStringLiteral("alice"))
    {
        ConsoleWindow window(m_settings.get(), m_clock.get());
        MainWindow::Options options;
        options.journalPath = journal;
        options.operatorName = operatorName;
        if (!window->initialize(options))
            return {};
        return window;
    }

    static int tabOf(MainWindow *window, const QString &sectionId)
    {
        for (int i = 0; i < window->tabWidget()->count(); ++i) {
            if (window->page(i) && window->page(i)->tab().sectionId == sectionId)
                return i;
        }
        return -1;
    }
    static ChecklistPage *showTab(MainWindow *window, const QString &sectionId)
    {
        const int index = tabOf(window, sectionId);
        if (index < 0)
            return nullptr;
        window->tabWidget()->setCurrentIndex(index);
        return window->page(index);
    }
    static QModelIndex findItem(const ChecklistModel *model, const QString &text)
    {
        for (const QModelIndex &i : allItems(model)) {
            if (i.data().toString() == text)
                return i;
        }
        return {};
    }
    static QPushButton *bannerAction(MainWindow *window)
    {
        return window->banner()->findChild<QPushButton *>(QStringLiteral("bannerAction"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).contains(QLatin1String(".qttest")));
    }

    void init()
    {
        // Every test starts from empty settings (no saved geometry, operator or scheme).
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<AppSettings>();
        m_clock = std::make_unique<ManualClock>();
    }

    void cleanup()
    {
        m_settings.reset();
        m_clock.reset();
        m_dir.reset();
    }

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
        QVERIFY(window->banner()->text().contains(QLatin1String("completed")));
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

    void darkSchemeIsReadable()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::System); });
        QCoreApplication::processEvents();

        QTreeView *view = window->page(1)->view();
        const QPalette vp = view->palette();
        QVERIFY2(vp.color(QPalette::Base).lightnessF() < 0.25, "the dark scheme has a dark list background");
        QVERIFY2(vp.color(QPalette::Text).lightnessF() - vp.color(QPalette::Base).lightnessF() > 0.6,
                 qPrintable(describe(vp.color(QPalette::Text), vp.color(QPalette::Base))));
        QVERIFY2(contrast(vp.color(QPalette::Text), vp.color(QPalette::Base)) >= 7.0, qPrintable(describe(vp.color(QPalette::Text), vp.color(QPalette::Base))));
        QVERIFY2(contrast(vp.color(QPalette::Text), vp.color(QPalette::AlternateBase)) >= 7.0,
                 qPrintable(describe(vp.color(QPalette::Text), vp.color(QPalette::AlternateBase))));
        const QPalette wp = window->palette();
        QVERIFY2(contrast(wp.color(QPalette::WindowText), wp.color(QPalette::Window)) >= 7.0,
                 qPrintable(describe(wp.color(QPalette::WindowText), wp.color(QPalette::Window))));
        // The banner re-tints itself for the new palette.
        QVERIFY(!window->banner()->isHidden());
        auto *bannerText = window->banner()->findChild<QLabel *>(QStringLiteral("bannerText"));
        const QColor bannerFg = bannerText->palette().color(QPalette::WindowText);
        const QColor bannerBg = window->banner()->palette().color(QPalette::Window);
        QVERIFY2(bannerBg.lightnessF() < 0.4, qPrintable(describe(bannerFg, bannerBg)));
        QVERIFY2(contrast(bannerFg, bannerBg) >= 4.5, qPrintable(describe(bannerFg, bannerBg)));

        restore.dismiss();
        ColorScheme::apply(qApp, AppSettings::ColorScheme::System);
        QCoreApplication::processEvents();
        QVERIFY2(view->palette().color(QPalette::Base).lightnessF() > 0.75, "the system scheme comes back after the dark one");
        QVERIFY(contrast(view->palette().color(QPalette::Text), view->palette().color(QPalette::Base)) >= 7.0);
        const QColor bannerBgAfter = window->banner()->palette().color(QPalette::Window);
        QVERIFY2(bannerBgAfter.lightnessF() > 0.6, qPrintable(bannerBgAfter.name()));
    }

    // An open item's check box must stand out from its row (WCAG 1.4.11: 3:1 for controls),
    // or the operator cannot see what is left to do.
    void darkSchemeCheckBoxesVisible()
    {
        auto window = makeWindow(journalPath());
        QVERIFY(window);
        QVERIFY(window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")));
        ChecklistPage *page = showTab(window.get(), QStringLiteral("preparation"));
        const ChecklistModel *model = page->model();
        const QModelIndex group = model->index(0, 0);
        QVERIFY(page->model()->setData(model->index(3, 0, group), Qt::Checked, Qt::CheckStateRole));
        page->view()->setCurrentIndex(model->index(0, 0, model->index(2, 0))); // keep the selection off the rows measured
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::System); });
        QCoreApplication::processEvents();

        QTreeView *view = page->view();
        const QImage image = view->viewport()->grab().toImage();
        const qreal dpr = image.devicePixelRatio();
        auto pixel = [&](QPoint p) { return image.pixelColor(QPoint(qRound(p.x() * dpr), qRound(p.y() * dpr))); };
        // Strongest contrast inside the indicator against the row's own background.
        auto indicatorContrast = [&](const QModelIndex &item) {
            const QRect box = checkIndicatorRect(view, item);
            const QColor background = pixel(view->visualRect(item.siblingAtColumn(ChecklistModel::ByColumn)).center());
            double best = 1.0;
            for (int x = box.left(); x <= box.right(); ++x) {
                for (int y = box.top(); y <= box.bottom(); ++y)
                    best = std::max(best, contrast(pixel(QPoint(x, y)), background));
            }
            return std::pair{best, background};
        };
        // The measure finds a checked box (its mark is drawn in the text colour)...
        const auto [checkedContrast, checkedBackground] = indicatorContrast(model->index(3, 0, group));
        QVERIFY2(checkedContrast >= 3.0, qPrintable(QStringLiteral("checked box: %1:1").arg(checkedContrast, 0, 'f', 2)));
        // ...and an open one, on a plain and on an alternate row, must be visible as well.
        for (int row : {1, 2}) {
            const auto [open, background] = indicatorContrast(model->index(row, 0, group));
            QVERIFY2(open >= 3.0, qPrintable(QStringLiteral("open check box on row %1 (background %2): strongest contrast %3:1")
                                                 .arg(row).arg(background.name()).arg(open, 0, 'f', 2)));
        }
    }

    // The current item is always shown selected: its text must stay readable in the dark scheme.
    void darkSchemeSelectionIsReadable()
    {
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        const QPalette dark = qApp->palette();
        ColorScheme::apply(qApp, AppSettings::ColorScheme::System);
        for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
            const QColor fg = dark.color(group, QPalette::HighlightedText);
            const QColor bg = dark.color(group, QPalette::Highlight);
            QVERIFY2(contrast(fg, bg) >= 4.5, qPrintable(describe(fg, bg)));
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
