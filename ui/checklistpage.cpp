#include "checklistpage.h"

#include "common/icons.h"
#include "common/plaintext.h"

#include "deployment/checklistmodel.h"
#include "deployment/deployment.h"
#include "deployment/phasetiming.h"
#include "procedure/procedureset.h"
#include "procedure/procedurepanel.h"
#include "progressbar.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QDateTime>
#include <QPushButton>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

ChecklistPage::ChecklistPage(const Runbook *runbook, Deployment *deployment, const ChecklistTab &tab, QWidget *parent)
    : QWidget(parent)
    , m_runbook(runbook)
    , m_deployment(deployment)
    , m_tab(tab)
    , m_model(new ChecklistModel(runbook, deployment, tab.sectionId, this))
    , m_view(new QTreeView(this))
    , m_timing(new QLabel(this))
    , m_progress(new ProgressBar(this))
    , m_skip(new QPushButton(tr("&Skip…"), this))
    , m_reopen(new QPushButton(tr("&Reopen"), this))
    , m_note(new QPushButton(tr("&Note…"), this))
    , m_runCheck(new QPushButton(tr("Run &check"), this))
    , m_evidence(new QLabel(this))
    , m_split(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("checklistPage-") + tab.sectionId);
    m_view->setObjectName(QStringLiteral("checklistView"));
    m_timing->setObjectName(QStringLiteral("phaseTiming"));
    m_progress->setObjectName(QStringLiteral("tabProgress"));
    m_view->setAccessibleName(tr("Checklist: %1").arg(tab.title));
    m_progress->setAccessibleName(tr("Progress of %1").arg(tab.title));
    m_skip->setObjectName(QStringLiteral("skipButton"));
    m_skip->setIcon(Icons::action(Icons::Id::Skip));
    m_reopen->setObjectName(QStringLiteral("reopenButton"));
    m_reopen->setIcon(Icons::action(Icons::Id::Reopen));
    m_note->setObjectName(QStringLiteral("noteButton"));
    m_note->setIcon(Icons::action(Icons::Id::Note));
    m_runCheck->setObjectName(QStringLiteral("runCheckButton"));
    m_evidence->setObjectName(QStringLiteral("checkEvidence"));
    m_evidence->setTextFormat(Qt::RichText);
    m_evidence->setWordWrap(true);
    m_runCheck->setVisible(false);
    m_evidence->setVisible(false);

    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->expandAll();
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(ChecklistModel::TextColumn, QHeaderView::Interactive);
    m_view->setColumnWidth(ChecklistModel::TextColumn, 460);
    m_view->setColumnWidth(ChecklistModel::StateColumn, 150);
    m_view->setColumnWidth(ChecklistModel::ByColumn, 90);
    m_view->setColumnWidth(ChecklistModel::WhenColumn, 70);
    m_view->installEventFilter(this);
    m_view->setToolTip(tr("Space: check or uncheck · S: skip with a reason · R: reopen · N or F2: note"));
    if (m_model->rowCount() > 0 && m_model->rowCount(m_model->index(0, 0)) > 0)
        m_view->setCurrentIndex(m_model->index(0, 0, m_model->index(0, 0)));

    m_timing->setTextFormat(Qt::PlainText);
    m_progress->setTextVisible(true);
    m_progress->setMaximumWidth(260);
    // The label beside it stretches; without a minimum the bar shrinks to its size hint and clips its text.
    m_progress->setMinimumWidth(m_progress->fontMetrics().horizontalAdvance(tr("%1 of %2 done, %3 skipped").arg(999).arg(999).arg(999)) + 24);

    auto *header = new QHBoxLayout;
    header->addWidget(m_timing, 1);
    header->addWidget(m_progress);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_skip);
    buttons->addWidget(m_reopen);
    buttons->addWidget(m_note);
    buttons->addWidget(m_runCheck);
    buttons->addStretch(1);
    m_split->addWidget(m_view);
    m_split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_split, 1);
    layout->addWidget(m_evidence);
    layout->addLayout(buttons);

    connect(m_model, &ChecklistModel::actionFailed, this, &ChecklistPage::actionFailed);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        refresh();
        updateButtons();
        Q_EMIT progressChanged();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ChecklistPage::updateButtons);
    connect(m_skip, &QPushButton::clicked, this, &ChecklistPage::skipCurrent);
    connect(m_reopen, &QPushButton::clicked, this, &ChecklistPage::reopenCurrent);
    connect(m_note, &QPushButton::clicked, this, &ChecklistPage::editNoteOfCurrent);
    connect(m_runCheck, &QPushButton::clicked, this, &ChecklistPage::runCheckOfCurrent);
    refresh();
    updateButtons();
}

Deployment::Progress ChecklistPage::progress() const
{
    // Without a deployment every item is open.
    return m_deployment ? m_deployment->progress(m_tab.sectionId)
                        : Deployment::Progress{0, 0, int(m_runbook->checkableItems(m_tab.sectionId).size())};
}

QString ChecklistPage::tabText() const
{
    const Deployment::Progress p = progress();
    return QStringLiteral("%1  %2/%3").arg(m_tab.title).arg(p.finished()).arg(p.total);
}

void ChecklistPage::refresh()
{
    const Deployment::Progress p = progress();
    m_progress->setRange(0, std::max(1, p.total));
    m_progress->setValue(p.finished());
    m_progress->setFormat(p.skipped ? tr("%1 of %2 done, %3 skipped").arg(p.done).arg(p.total).arg(p.skipped)
                                    : tr("%1 of %2 done").arg(p.done).arg(p.total));
    QString timing;
    if (m_deployment) {
        const bool finished = p.total > 0 && p.finished() == p.total;
        const PhaseTiming t = PhaseTiming::evaluate(m_tab.window, m_deployment->elapsedMs(), finished);
        timing = t.describe(m_tab.window);
        if (!timing.isEmpty())
            timing += QStringLiteral(" · ");
        timing += tr("deployment at %1").arg(ChecklistModel::formatElapsed(m_deployment->elapsedMs()));
    } else if (m_tab.window) {
        timing = tr("Planned %1–%2 min · no deployment running").arg(m_tab.window->startMinutes).arg(m_tab.window->endMinutes);
    } else {
        timing = tr("No deployment running");
    }
    m_timing->setText(timing);
}

void ChecklistPage::updateButtons()
{
    const QModelIndex current = m_view->currentIndex();
    const bool writable = m_deployment && !m_deployment->isReadOnly();
    const bool checkable = current.isValid() && current.data(ChecklistModel::CheckableRole).toBool();
    const bool isItem = current.isValid() && !current.data(ChecklistModel::IsGroupRole).toBool();
    m_skip->setEnabled(writable && checkable);
    m_reopen->setEnabled(writable && checkable);
    // A watching console adds notes too; checking stays with the driver.
    m_note->setEnabled(m_deployment && m_deployment->mayAnnotate() && isItem);
    const ActionBinding *check = m_procedures && isItem ? m_procedures->checkFor(currentItemId()) : nullptr;
    m_runCheck->setEnabled(writable && check && !m_procedures->isCheckRunning(currentItemId()));
    m_runCheck->setToolTip(check ? tr("Runs the profile's check for this item: %1. Its result is kept as evidence and checks the item.").arg(check->describePhrase().translated())
                                 : tr("No check is bound to this item in the profile."));
    updateEvidence();
}

QString ChecklistPage::currentItemId() const
{
    return m_view->currentIndex().siblingAtColumn(ChecklistModel::TextColumn).data(ChecklistModel::ItemIdRole).toString();
}

void ChecklistPage::setProcedures(ProcedureSet *procedures)
{
    // The same set again: nothing to do. A set that was destroyed reads as null here, but its
    // panel is still up and must go.
    if (m_procedures == procedures && (procedures || !m_panel))
        return;
    m_procedures = procedures;
    delete m_panel;
    m_panel = nullptr;
    bool anyCheck = false;
    if (procedures) {
        QList<ProcedureRunner *> runners;
        const QStringList sections = QStringList{m_tab.sectionId} + m_runbook->descendantSectionIds(m_tab.sectionId);
        for (const QString &id : sections)
            runners += procedures->runnersInSection(id);
        if (!runners.isEmpty()) {
            m_panel = new ProcedurePanel(procedures, runners, m_split);
            connect(m_panel, &ProcedurePanel::actionFailed, this, &ChecklistPage::actionFailed);
            m_split->addWidget(m_panel);
            m_split->setStretchFactor(0, 1);
            m_split->setStretchFactor(1, 2);
        }
        for (const RunbookItem *item : m_runbook->checkableItems(m_tab.sectionId))
            anyCheck = anyCheck || procedures->checkFor(item->id);
        connect(procedures, &ProcedureSet::checkFinished, this, [this](const QString &itemId, bool ok, const QString &message) {
            updateButtons();
            if (!ok && m_model->indexOfItem(itemId).isValid())
                Q_EMIT actionFailed(tr("Check failed: %1").arg(message));
        });
    }
    m_runCheck->setVisible(anyCheck);
    m_evidence->setVisible(anyCheck);
    updateButtons();
}

void ChecklistPage::runCheckOfCurrent()
{
    if (!m_procedures)
        return;
    const QString id = currentItemId();
    if (!m_procedures->checkFor(id))
        return;
    if (const Status s = m_procedures->runCheck(id); !s)
        Q_EMIT actionFailed(s.errorPhrase().translated());
    updateButtons();
}

void ChecklistPage::updateEvidence()
{
    if (m_evidence->isHidden())
        return; // no item of this tab has a check
    m_evidence->setToolTip({});
    const QString id = currentItemId();
    if (!m_procedures || !m_deployment || !m_procedures->checkFor(id)) {
        m_evidence->setText(tr("<i>Select an item with a check (Run check) to see its last result.</i>"));
        return;
    }
    if (m_procedures->isCheckRunning(id)) {
        m_evidence->setText(tr("Check running: %1…").arg(m_procedures->checkFor(id)->describePhrase().translated().toHtmlEscaped()));
        return;
    }
    const auto it = m_deployment->state().checks.constFind(id);
    if (it == m_deployment->state().checks.cend()) {
        m_evidence->setText(tr("Check: %1 · not run yet").arg(m_procedures->checkFor(id)->describePhrase().translated().toHtmlEscaped()));
        return;
    }
    m_evidence->setText(tr("Last check %1 at %2 by %3 (%4 ms): %5")
                            .arg(it->ok ? tr("<b style='color:#2e9d4f'>passed</b>") : tr("<b style='color:#d03030'>failed</b>"),
                                 QDateTime::fromMSecsSinceEpoch(it->atMs).toString(QStringLiteral("HH:mm:ss")), it->by.toHtmlEscaped())
                            .arg(it->durationMs)
                            .arg(it->message.toHtmlEscaped()));
    m_evidence->setToolTip(shownAsText(it->output, Qt::WhiteSpacePre));
}

void ChecklistPage::toggleCurrent()
{
    const QModelIndex current = m_view->currentIndex().siblingAtColumn(ChecklistModel::TextColumn);
    if (!current.isValid() || !current.data(ChecklistModel::CheckableRole).toBool())
        return;
    if (!m_deployment) {
        Q_EMIT actionFailed(tr("No deployment is running: start one (Ctrl+N) to record progress."));
        return;
    }
    const bool done = current.data(Qt::CheckStateRole).toInt() == Qt::Checked;
    m_model->setData(current, done ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
}

void ChecklistPage::skipCurrent()
{
    const QModelIndex current = m_view->currentIndex().siblingAtColumn(ChecklistModel::TextColumn);
    if (!current.isValid() || !current.data(ChecklistModel::CheckableRole).toBool() || !m_deployment)
        return;
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Skip item"),
                                                 shownAsText(tr("Why is \"%1\" skipped or not applicable?").arg(current.data().toString())),
                                                 QLineEdit::Normal, current.data(ChecklistModel::SkipReasonRole).toString(), &ok);
    if (!ok)
        return;
    if (reason.trimmed().isEmpty()) {
        Q_EMIT actionFailed(tr("Not skipped: a skip needs a reason."));
        return;
    }
    (void)m_model->skip(current, reason);
}

void ChecklistPage::reopenCurrent()
{
    const QModelIndex current = m_view->currentIndex().siblingAtColumn(ChecklistModel::TextColumn);
    if (current.isValid() && current.data(ChecklistModel::CheckableRole).toBool() && m_deployment)
        (void)m_model->reopen(current);
}

void ChecklistPage::editNoteOfCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.data(ChecklistModel::IsGroupRole).toBool() || !m_deployment || !m_deployment->mayAnnotate())
        return;
    m_view->setCurrentIndex(current.siblingAtColumn(ChecklistModel::NoteColumn));
    m_view->edit(current.siblingAtColumn(ChecklistModel::NoteColumn));
}

bool ChecklistPage::eventFilter(QObject *watched, QEvent *event)
{
    // While a note is edited the keys go to the editor, not to the view.
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() & ~Qt::KeypadModifier)
            return QWidget::eventFilter(watched, event);
        switch (key->key()) {
        case Qt::Key_Space: toggleCurrent(); return true;
        case Qt::Key_S: skipCurrent(); return true;
        case Qt::Key_R: reopenCurrent(); return true;
        case Qt::Key_N: editNoteOfCurrent(); return true;
        case Qt::Key_C: runCheckOfCurrent(); return true;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}
