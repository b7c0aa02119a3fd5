#pragma once
// What the main window's tests share: a window on a session of its own with a journal in a
// temporary folder, empty settings and a ManualClock; finding tabs, items and banner buttons;
// contrast of colours. Inherit WindowFixture beside QObject; call setUpWindowTest() in init().
#include "checklistpage.h"
#include "colorscheme.h"
#include "common/statuscolor.h"
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


inline constexpr qint64 Minute = 60'000;

inline const QStringList TabTitles{
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

inline QRect checkIndicatorRect(QTreeView *view, const QModelIndex &index)
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
inline QList<DeploymentEvent> eventsOnDisk(const QString &journalPath, const QString &deploymentId)
{
    Journal journal;
    if (!journal.open(journalPath))
        return {};
    const Result<QList<DeploymentEvent>> events = journal.events(deploymentId);
    return events ? events.value() : QList<DeploymentEvent>{};
}

inline QList<QModelIndex> allItems(const QAbstractItemModel *model)
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
inline double contrast(const QColor &a, const QColor &b)
{
    return StatusColor::contrast(a, b);
}

inline QString describe(const QColor &a, const QColor &b)
{
    return QStringLiteral("%1 on %2: contrast %3:1").arg(a.name(), b.name()).arg(contrast(a, b), 0, 'f', 2);
}


class WindowFixture
{
protected:
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

    static void setUpTestMode()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).contains(QLatin1String(".qttest")));
    }
    void setUpWindowTest()
    {
        // Every test starts from empty settings (no saved geometry, operator or scheme).
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<AppSettings>();
        m_clock = std::make_unique<ManualClock>();
    }
    void tearDownWindowTest()
    {
        m_settings.reset();
        m_clock.reset();
        m_dir.reset();
    }
};
