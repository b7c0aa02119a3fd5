#include "checklistpage.h"

#include "deployment/checklistmodel.h"
#include "deployment/deployment.h"
#include "deployment/phasetiming.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
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
    , m_progress(new QProgressBar(this))
    , m_skip(new QPushButton(tr("&Skip…"), this))
    , m_reopen(new QPushButton(tr("&Reopen"), this))
    , m_note(new QPushButton(tr("&Note…"), this))
{
    setObjectName(QStringLiteral("checklistPage-") + tab.sectionId);
    m_view->setObjectName(QStringLiteral("checklistView"));
    m_timing->setObjectName(QStringLiteral("phaseTiming"));
    m_progress->setObjectName(QStringLiteral("tabProgress"));
    m_skip->setObjectName(QStringLiteral("skipButton"));
    m_reopen->setObjectName(QStringLiteral("reopenButton"));
    m_note->setObjectName(QStringLiteral("noteButton"));

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
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_model, &ChecklistModel::actionFailed, this, &ChecklistPage::actionFailed);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        refresh();
        Q_EMIT progressChanged();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ChecklistPage::updateButtons);
    connect(m_skip, &QPushButton::clicked, this, &ChecklistPage::skipCurrent);
    connect(m_reopen, &QPushButton::clicked, this, &ChecklistPage::reopenCurrent);
    connect(m_note, &QPushButton::clicked, this, &ChecklistPage::editNoteOfCurrent);
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
    m_note->setEnabled(writable && isItem);
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
                                                 tr("Why is \"%1\" skipped or not applicable?").arg(current.data().toString()),
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
    if (!current.isValid() || current.data(ChecklistModel::IsGroupRole).toBool() || !m_deployment || m_deployment->isReadOnly())
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
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}
