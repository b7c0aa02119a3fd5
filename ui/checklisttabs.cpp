#include "checklisttabs.h"

#include "checklistpage.h"

#include "deployment/checklistlayout.h"
#include "runbook/runbook.h"

#include <QMenu>
#include <QShortcut>
#include <QToolButton>
#include <QTreeView>

ChecklistTabs::ChecklistTabs(QWidget *parent)
    : QTabWidget(parent)
{
    setObjectName(QStringLiteral("checklistTabs"));
    setDocumentMode(true);
    setUsesScrollButtons(true);
    auto *tabList = new QToolButton(this);
    tabList->setObjectName(QStringLiteral("tabListButton"));
    tabList->setText(tr("All tabs"));
    tabList->setToolTip(tr("Go to any phase or checklist"));
    tabList->setPopupMode(QToolButton::InstantPopup);
    tabList->setAutoRaise(true);
    auto *tabMenu = new QMenu(tabList);
    tabList->setMenu(tabMenu);
    connect(tabMenu, &QMenu::aboutToShow, this, [this, tabMenu] {
        tabMenu->clear();
        for (int i = 0; i < count(); ++i) {
            QAction *a = tabMenu->addAction(tabText(i), this, [this, i] { setCurrentIndex(i); });
            a->setCheckable(true);
            a->setChecked(i == currentIndex());
        }
    });
    setCornerWidget(tabList, Qt::TopRightCorner);

    // Ctrl+Tab works from anywhere in the window, including inside a checklist view.
    auto *next = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Tab), this);
    connect(next, &QShortcut::activated, this, [this] {
        if (count())
            setCurrentIndex((currentIndex() + 1) % count());
    });
    auto *previous = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab), this);
    connect(previous, &QShortcut::activated, this, [this] {
        if (count())
            setCurrentIndex((currentIndex() + count() - 1) % count());
    });
    connect(this, &QTabWidget::currentChanged, this, [this] {
        if (ChecklistPage *p = currentPage())
            p->view()->setFocus();
    });
}

ChecklistPage *ChecklistTabs::page(int index) const
{
    return qobject_cast<ChecklistPage *>(widget(index));
}

ChecklistPage *ChecklistTabs::currentPage() const
{
    return qobject_cast<ChecklistPage *>(currentWidget());
}

void ChecklistTabs::clearPages()
{
    if (ChecklistPage *p = currentPage())
        m_lastSection = p->tab().sectionId;
    while (count() > 0) {
        QWidget *w = widget(0);
        removeTab(0);
        delete w;
    }
}

void ChecklistTabs::rebuild(const Runbook *runbook, Deployment *deployment)
{
    clearPages();
    int select = 0;
    for (const ChecklistTab &tab : ChecklistLayout::tabs(*runbook)) {
        auto *page = new ChecklistPage(runbook, deployment, tab, this);
        const int index = addTab(page, page->tabText());
        setTabToolTip(index, tab.title);
        if (tab.sectionId == m_lastSection)
            select = index;
        connect(page, &ChecklistPage::actionFailed, this, &ChecklistTabs::actionFailed);
        connect(page, &ChecklistPage::progressChanged, this, &ChecklistTabs::progressChanged);
    }
    setCurrentIndex(select);
}

void ChecklistTabs::refreshPages()
{
    for (int i = 0; i < count(); ++i) {
        if (ChecklistPage *p = page(i)) {
            p->refresh();
            setTabText(i, p->tabText());
        }
    }
}

void ChecklistTabs::setProcedures(ProcedureSet *procedures)
{
    for (int i = 0; i < count(); ++i) {
        if (ChecklistPage *p = page(i))
            p->setProcedures(procedures);
    }
}

void ChecklistTabs::showRollbackProcedure(const Runbook &runbook)
{
    for (int i = 0; i < count(); ++i) {
        const ChecklistPage *p = page(i);
        if (!p)
            continue;
        for (const QString &id : QStringList{p->tab().sectionId} + runbook.descendantSectionIds(p->tab().sectionId)) {
            const RunbookSection *section = runbook.section(id);
            if (section && section->kind == SectionKind::Procedure && section->title.contains(QLatin1String("rollback"), Qt::CaseInsensitive)) {
                setCurrentIndex(i);
                return;
            }
        }
    }
}
