#include "procedurepanel.h"

#include "common/plaintext.h"

#include "deployment/deployment.h"
#include "procedure/procedureset.h"
#include "scriptconfirmdialog.h"
#include "viewer/sourceviewerdialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

constexpr int ItemIdRole = Qt::UserRole + 1;
// The output view keeps a bounded tail, and breaks a line longer than this for display (one
// endless line, a progress bar or a binary dump, would otherwise be laid out whole on every
// piece that arrives).
constexpr int ShownOutputChars = 256 * 1024;
constexpr int LongestShownLine = 4096;

QString clockTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

ProcedurePanel::ProcedurePanel(ProcedureSet *procedures, QList<ProcedureRunner *> runners, QWidget *parent)
    : QWidget(parent)
    , m_procedures(procedures)
    , m_runners(std::move(runners))
    , m_selector(new QComboBox(this))
    , m_state(new QLabel(this))
    , m_start(new QPushButton(tr("Start procedure"), this))
    , m_steps(new QTreeWidget(this))
    , m_prompt(new QLabel(this))
    , m_confirm(new QPushButton(tr("Confirm done"), this))
    , m_retry(new QPushButton(tr("Re&try"), this))
    , m_skip(new QPushButton(tr("S&kip step…"), this))
    , m_abort(new QPushButton(tr("&Abort…"), this))
    , m_viewScript(new QPushButton(tr("&View script…"), this))
    , m_output(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("procedurePanel"));
    m_selector->setObjectName(QStringLiteral("procedureSelector"));
    m_state->setObjectName(QStringLiteral("procedureState"));
    m_start->setObjectName(QStringLiteral("startProcedureButton"));
    m_steps->setObjectName(QStringLiteral("procedureSteps"));
    m_prompt->setObjectName(QStringLiteral("procedurePrompt"));
    m_confirm->setObjectName(QStringLiteral("confirmStepButton"));
    m_retry->setObjectName(QStringLiteral("retryStepButton"));
    m_skip->setObjectName(QStringLiteral("skipStepButton"));
    m_abort->setObjectName(QStringLiteral("abortProcedureButton"));
    m_viewScript->setObjectName(QStringLiteral("viewScriptButton"));
    m_output->setObjectName(QStringLiteral("stepOutput"));
    m_steps->setAccessibleName(tr("Procedure steps"));
    m_output->setAccessibleName(tr("Output of the step"));

    for (ProcedureRunner *r : std::as_const(m_runners))
        m_selector->addItem(r->procedure().title);
    m_selector->setVisible(m_runners.size() > 1);
    auto *title = new QLabel(m_runners.size() == 1 ? QStringLiteral("<b>%1</b>").arg(m_runners.first()->procedure().title.toHtmlEscaped())
                                                   : tr("<b>Procedure</b>"),
                             this);

    m_steps->setColumnCount(3);
    m_steps->setHeaderLabels({tr("Step"), tr("State"), tr("Action")});
    m_steps->setRootIsDecorated(false);
    m_steps->setUniformRowHeights(true);
    m_steps->header()->setStretchLastSection(true);
    m_steps->setColumnWidth(0, 320);
    m_steps->setColumnWidth(1, 230);

    m_prompt->setWordWrap(true);
    m_prompt->setTextFormat(Qt::RichText);
    m_prompt->setMinimumHeight(m_prompt->fontMetrics().height() * 2 + 8);

    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setMaximumBlockCount(5000);
    m_output->setPlaceholderText(tr("The selected step's output appears here."));

    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addWidget(m_selector);
    top->addWidget(m_state, 1);
    top->addWidget(m_start);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_confirm);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_abort);
    buttons->addStretch(1);
    buttons->addWidget(m_viewScript);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_steps);
    split->addWidget(m_output);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_prompt);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(m_selector, &QComboBox::currentIndexChanged, this, [this] { rebuildSteps(); });
    connect(m_start, &QPushButton::clicked, this, &ProcedurePanel::startCurrent);
    connect(m_confirm, &QPushButton::clicked, this, &ProcedurePanel::confirmCurrent);
    connect(m_retry, &QPushButton::clicked, this, &ProcedurePanel::retryCurrent);
    connect(m_skip, &QPushButton::clicked, this, &ProcedurePanel::skipCurrent);
    connect(m_abort, &QPushButton::clicked, this, &ProcedurePanel::abortCurrent);
    connect(m_viewScript, &QPushButton::clicked, this, &ProcedurePanel::viewScript);
    connect(m_steps, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            showOutputOf(item->data(0, ItemIdRole).toString());
        refresh();
    });
    for (ProcedureRunner *r : std::as_const(m_runners)) {
        connect(r, &ProcedureRunner::changed, this, &ProcedurePanel::refresh);
        // The step that starts or waits is the one selected, so its output is what is shown.
        const auto follow = [this, r](const QString &itemId) {
            if (r != currentRunner())
                return;
            for (int i = 0; i < m_steps->topLevelItemCount(); ++i) {
                if (m_steps->topLevelItem(i)->data(0, ItemIdRole).toString() == itemId) {
                    m_steps->setCurrentItem(m_steps->topLevelItem(i));
                    break;
                }
            }
            showOutputOf(itemId);
        };
        connect(r, &ProcedureRunner::stepStarted, this, follow);
        connect(r, &ProcedureRunner::awaitingOperator, this, follow);
        connect(r, &ProcedureRunner::output, this, [this](const QString &itemId, const QString &text) {
            if (itemId == m_outputItemId)
                appendOutput(text);
        });
        connect(r, &ProcedureRunner::stepFinished, this, [this](const QString &itemId) {
            if (itemId == m_outputItemId)
                showOutputOf(itemId);
        });
    }
    if (m_procedures)
        connect(m_procedures->deployment(), &Deployment::itemChanged, this, &ProcedurePanel::refresh);
    rebuildSteps();
}

ProcedureRunner *ProcedurePanel::currentRunner() const
{
    const int i = m_selector->currentIndex();
    return i >= 0 && i < m_runners.size() ? m_runners[i] : nullptr;
}

void ProcedurePanel::selectRunner(ProcedureRunner *runner)
{
    const int i = m_runners.indexOf(runner);
    if (i >= 0 && i != m_selector->currentIndex())
        m_selector->setCurrentIndex(i);
}

void ProcedurePanel::rebuildSteps()
{
    m_steps->clear();
    ProcedureRunner *r = currentRunner();
    if (!r)
        return;
    QString group;
    for (const ProcedureStep &step : r->procedure().steps) {
        auto *item = new QTreeWidgetItem(m_steps);
        const bool newGroup = step.groupTitle != group;
        group = step.groupTitle;
        item->setText(0, (newGroup && !group.isEmpty() && r->procedure().rollback ? group + QStringLiteral(" › ") : QString()) + step.text);
        item->setData(0, ItemIdRole, step.itemId);
        item->setText(2, step.binding ? step.binding->describePhrase().translated() : tr("by hand: confirm when done"));
        item->setToolTip(2, item->text(2));
        if (step.binding && step.binding->destructive)
            item->setText(2, tr("⚠ destructive · ") + item->text(2));
    }
    refresh();
    const int index = r->currentIndex();
    if (QTreeWidgetItem *item = m_steps->topLevelItem(index >= 0 ? index : 0))
        m_steps->setCurrentItem(item);
}

const ProcedureStep *ProcedurePanel::selectedStep() const
{
    ProcedureRunner *r = currentRunner();
    QTreeWidgetItem *item = m_steps->currentItem();
    return r && item ? r->procedure().step(item->data(0, ItemIdRole).toString()) : nullptr;
}

QString ProcedurePanel::stateText(int index, ProcedureRunner::StepState stepState) const
{
    ProcedureRunner *r = currentRunner();
    const ProcedureStep &step = r->procedure().steps[index];
    const DeploymentState &state = m_procedures->deployment()->state();
    const StepRecord rec = state.steps.value(step.itemId);
    const ItemState item = state.item(step.itemId);
    using S = ProcedureRunner::StepState;
    switch (stepState) {
    case S::Confirmed: return tr("✓ confirmed by %1 %2").arg(rec.by, clockTime(rec.finishedAtMs));
    case S::Done: return tr("✓ done %1 (%2)").arg(clockTime(rec.finishedAtMs), rec.message);
    case S::CheckedByHand: return tr("✓ checked by %1 %2").arg(item.by, clockTime(item.atMs));
    case S::Skipped: return tr("skipped: %1").arg(rec.status == StepRecord::Status::Skipped ? rec.skipReason : item.skipReason);
    case S::Failed: return tr("✗ failed: %1").arg(rec.message);
    case S::RunningElsewhere: return tr("running in %1's console since %2").arg(rec.by, clockTime(rec.startedAtMs));
    case S::Running: return tr("running… since %1").arg(clockTime(rec.startedAtMs));
    case S::Interrupted: return tr("interrupted (was running at %1)").arg(clockTime(rec.startedAtMs));
    case S::StillRunning:
        return tr("still running since %1, outside this console: %2").arg(clockTime(rec.startedAtMs), r->runDescription(index));
    case S::ResultUnsaved: return tr("ended; its result is not saved yet (retried every %1 s)").arg(ProcedureRunner::ResultRetryMs / 1000);
    case S::AwaitingOperator:
        return r->waiting() == ProcedureRunner::Waiting::Unbound ? tr("your turn: do it, then confirm") : tr("waits for your confirmation");
    case S::Pending: break;
    }
    return tr("pending");
}

QColor ProcedurePanel::stateColor(ProcedureRunner::StepState state) const
{
    using S = ProcedureRunner::StepState;
    switch (state) {
    case S::Done:
    case S::Confirmed:
    case S::CheckedByHand: return QColor(0x2e, 0x9d, 0x4f);
    case S::Failed:
    case S::Interrupted: return QColor(0xd0, 0x30, 0x30);
    case S::Running:
    case S::StillRunning:
    case S::RunningElsewhere: return QColor(0x2a, 0x7a, 0xd5);
    case S::ResultUnsaved:
    case S::AwaitingOperator: return QColor(0xd9, 0x7a, 0x00);
    case S::Pending:
    case S::Skipped: break;
    }
    return palette().color(QPalette::Text);
}

void ProcedurePanel::refresh()
{
    ProcedureRunner *r = currentRunner();
    if (!r || !m_procedures)
        return;
    const Deployment *deployment = m_procedures->deployment();
    const bool writable = !deployment->isReadOnly();
    const ProcedureRunner::Phase phase = r->phase();
    const int current = r->currentIndex();
    for (int i = 0; i < m_steps->topLevelItemCount() && i < r->procedure().steps.size(); ++i) {
        QTreeWidgetItem *item = m_steps->topLevelItem(i);
        const ProcedureRunner::StepState state = r->stepState(i);
        const QString text = stateText(i, state);
        item->setText(1, text);
        item->setToolTip(1, text);
        item->setData(1, StepStateRole, QVariant::fromValue(int(state)));
        item->setForeground(1, stateColor(state));
        QFont font = item->font(0);
        font.setBold(i == current && phase != ProcedureRunner::Phase::Completed);
        item->setFont(0, font);
    }

    const ProcedureStep *currentStep = current >= 0 ? &r->procedure().steps[current] : nullptr;
    const QString stepName = currentStep ? currentStep->text.toHtmlEscaped() : QString();
    const ProcedureRecord rec = deployment->state().procedures.value(r->procedure().id);
    QString prompt;
    QString stateLine;
    switch (phase) {
    case ProcedureRunner::Phase::NotStarted:
        stateLine = tr("not started");
        prompt = r->procedure().rollback ? tr("Starts by itself when traffic is rolled back (the red Roll back button or an automatic trigger); "
                                              "or start it here.")
                                         : tr("Start it when this emergency happens: bound steps run by themselves, the others wait for you.");
        break;
    case ProcedureRunner::Phase::Running:
        stateLine = tr("running since %1%2").arg(clockTime(rec.startedAtMs), rec.automatic ? tr(" (started automatically)") : QString());
        if (!currentStep)
            break;
        if (r->stepState(current) == ProcedureRunner::StepState::ResultUnsaved)
            prompt = tr("<b style='color:#d97a00'>Not saved yet:</b> “%1” has ended, and the journal refused its result. It is kept and "
                        "written again every %2 s; nothing else happens until it is saved, and the step is not run again.")
                         .arg(stepName)
                         .arg(ProcedureRunner::ResultRetryMs / 1000);
        else if (r->stepState(current) == ProcedureRunner::StepState::StillRunning)
            prompt = tr("<b>Still running:</b> “%1” was started by a console that stopped or lost the deployment, and its program still "
                        "runs (%2). It is not run again; once it has ended you can run it again or skip it.")
                         .arg(stepName, r->runDescription(current).toHtmlEscaped());
        else
            prompt = tr("<b>Running:</b> %1 — %2").arg(stepName, currentStep->binding ? currentStep->binding->describePhrase().translated().toHtmlEscaped() : QString());
        break;
    case ProcedureRunner::Phase::AwaitingOperator:
        stateLine = tr("waiting for you");
        switch (r->waiting()) {
        case ProcedureRunner::Waiting::Unbound:
            prompt = tr("<b style='color:#d97a00'>Your turn:</b> do “%1”, then press <b>Confirm done</b> (or skip it with a reason).").arg(stepName);
            break;
        case ProcedureRunner::Waiting::Destructive:
            prompt = tr("<b style='color:#d97a00'>Confirm to run:</b> “%1” is destructive: %2. Press <b>Run…</b> to read the script and run it.")
                         .arg(stepName, currentStep->binding->describePhrase().translated().toHtmlEscaped());
            break;
        case ProcedureRunner::Waiting::Interrupted:
            prompt = tr("<b style='color:#d03030'>Interrupted:</b> “%1” was running when the console stopped. Check what it did, then "
                        "<b>Run again…</b> or skip it with a reason.")
                         .arg(stepName);
            break;
        case ProcedureRunner::Waiting::None: break;
        }
        break;
    case ProcedureRunner::Phase::Failed:
        stateLine = tr("stopped on a failed step");
        prompt = tr("<b style='color:#d03030'>Failed:</b> “%1”: %2. <b>Retry</b>, <b>Skip</b> with a reason, or <b>Abort</b> the procedure.")
                     .arg(stepName, deployment->state().steps.value(currentStep->itemId).message.toHtmlEscaped());
        break;
    case ProcedureRunner::Phase::Completed:
        stateLine = tr("completed at %1").arg(clockTime(rec.finishedAtMs));
        prompt = r->canRunAgain() ? tr("<b style='color:#2e9d4f'>Completed.</b> Every step is done or skipped; the journal has each step's output. "
                                       "If the emergency happens again, run the procedure again.")
                                  : tr("<b style='color:#2e9d4f'>Completed.</b> Every step is done or skipped; the journal has each step's output.");
        break;
    case ProcedureRunner::Phase::Aborted:
        stateLine = tr("aborted at %1").arg(clockTime(rec.finishedAtMs));
        prompt = tr("Aborted: %1. Start it again to continue from the first open step.").arg(rec.finishReason.toHtmlEscaped());
        break;
    }
    if (!writable)
        prompt += tr("<br><i>Read-only here: %1.</i>").arg(deployment->readOnlyPhrase().translated().toHtmlEscaped());
    m_state->setText(stateLine);
    m_prompt->setText(prompt);

    const bool awaiting = phase == ProcedureRunner::Phase::AwaitingOperator;
    m_start->setEnabled(writable && (phase == ProcedureRunner::Phase::NotStarted || phase == ProcedureRunner::Phase::Aborted || r->canRunAgain()));
    m_start->setText(phase == ProcedureRunner::Phase::Aborted ? tr("Restart procedure")
                     : r->canRunAgain()                        ? tr("Run procedure again")
                                                               : tr("Start procedure"));
    m_confirm->setEnabled(writable && awaiting);
    switch (r->waiting()) {
    case ProcedureRunner::Waiting::Destructive: m_confirm->setText(tr("&Run…")); break;
    case ProcedureRunner::Waiting::Interrupted:
        m_confirm->setText(current >= 0 && r->procedure().steps[current].binding ? tr("&Run again…") : tr("&Confirm done"));
        break;
    default: m_confirm->setText(tr("&Confirm done")); break;
    }
    m_retry->setEnabled(writable && phase == ProcedureRunner::Phase::Failed);
    m_skip->setEnabled(writable && (awaiting || phase == ProcedureRunner::Phase::Failed));
    m_abort->setEnabled(writable && (phase == ProcedureRunner::Phase::Running || awaiting || phase == ProcedureRunner::Phase::Failed));
    const ProcedureStep *selected = selectedStep();
    m_viewScript->setEnabled(selected && selected->binding && !ScriptConfirmDialog::scriptPathOf(*selected->binding).isEmpty());
    if (!m_outputItemId.isEmpty() && !((r->isActionRunning() || r->hasUnsavedResult()) && current >= 0 && r->procedure().steps[current].itemId == m_outputItemId)
        && m_output->document()->isEmpty())
        showOutputOf(m_outputItemId);
}

void ProcedurePanel::showOutputOf(const QString &itemId)
{
    m_outputItemId = itemId;
    ProcedureRunner *r = currentRunner();
    if (!r || !m_procedures)
        return;
    const int current = r->currentIndex();
    m_output->clear();
    m_outputColumn = 0;
    if ((r->isActionRunning() || r->hasUnsavedResult()) && current >= 0 && r->procedure().steps[current].itemId == itemId) {
        appendOutput(r->liveOutput());
    } else {
        const StepRecord rec = m_procedures->deployment()->state().steps.value(itemId);
        QString text = rec.output;
        if (!rec.message.isEmpty() && rec.status != StepRecord::Status::Pending)
            text += (text.isEmpty() || text.endsWith(u'\n') ? QString() : QStringLiteral("\n")) + QStringLiteral("— %1").arg(rec.message);
        appendOutput(text);
    }
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void ProcedurePanel::appendOutput(const QString &text)
{
    QString piece;
    piece.reserve(text.size() + text.size() / LongestShownLine + 1);
    for (const QChar c : text) {
        if (c == u'\n') {
            m_outputColumn = 0;
        } else if (++m_outputColumn > LongestShownLine) {
            piece += u'\n';
            m_outputColumn = 1;
        }
        piece += c;
    }
    QScrollBar *bar = m_output->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    m_output->moveCursor(QTextCursor::End);
    m_output->insertPlainText(piece.right(ShownOutputChars));
    if (const int excess = m_output->document()->characterCount() - ShownOutputChars; excess > 0) {
        // Cut a quarter more than needed, so that trimming is not done for every piece.
        QTextCursor cut(m_output->document());
        cut.setPosition(std::min(excess + ShownOutputChars / 4, m_output->document()->characterCount() - 1), QTextCursor::KeepAnchor);
        cut.removeSelectedText();
    }
    if (atEnd)
        bar->setValue(bar->maximum());
}

void ProcedurePanel::startCurrent()
{
    ProcedureRunner *r = currentRunner();
    if (!r)
        return;
    if (ProcedureRunner *other = m_procedures ? m_procedures->activeRunner(r) : nullptr) {
        const QPointer<ProcedurePanel> self(this);
        const QPointer<ProcedureRunner> runner(r);
        QPointer<QMessageBox> box = new QMessageBox(QMessageBox::Question, tr("Start procedure"),
                                                    shownAsText(tr("“%1” is still under way. Start “%2” as well?").arg(other->procedure().title, r->procedure().title)),
                                                    QMessageBox::Yes | QMessageBox::Cancel, this);
        const bool yes = box->exec() == QMessageBox::Yes;
        delete box;
        if (!yes || !self || !runner || !m_procedures)
            return;
    }
    // The reason is journaled: language-neutral, never translated.
    if (const Status s = r->start(QStringLiteral("started by %1").arg(m_procedures->deployment()->operatorName()), false); !s)
        Q_EMIT actionFailed(s.errorPhrase().translated());
}

Status ProcedurePanel::confirmNow()
{
    ProcedureRunner *r = currentRunner();
    return r ? r->confirm() : Status::failure(phrase("ProcedurePanel", "no procedure"));
}

void ProcedurePanel::confirmCurrent()
{
    ProcedureRunner *r = currentRunner();
    if (!r)
        return;
    const ProcedureRunner::Waiting why = r->waiting();
    const int index = r->currentIndex();
    if (index < 0 || why == ProcedureRunner::Waiting::None)
        return;
    const ProcedureStep step = r->procedure().steps[index];
    if (why != ProcedureRunner::Waiting::Unbound && step.binding && !askToRun(step, why == ProcedureRunner::Waiting::Interrupted))
        return;
    if (const Status s = confirmNow(); !s)
        Q_EMIT actionFailed(s.errorPhrase().translated());
}

bool ProcedurePanel::askToRun(const ProcedureStep &step, bool again)
{
    // The panel (and the runner) can go while the dialog is open (another console takes the
    // deployment over): nothing is run then.
    const QPointer<ProcedurePanel> self(this);
    const QPointer<ProcedureRunner> runner(currentRunner());
    bool accepted = false;
    if (step.binding->kind == ActionBinding::Kind::Command) {
        QPointer<ScriptConfirmDialog> dialog = new ScriptConfirmDialog(step.text, *step.binding, again, this);
        accepted = dialog->exec() == QDialog::Accepted;
        delete dialog;
    } else {
        QPointer<QMessageBox> box = new QMessageBox(QMessageBox::Question, tr("Run step"),
                                                    shownAsText(again ? tr("“%1” was running when the console stopped. Run it again now? It %2.")
                                                                                .arg(step.text, step.binding->describePhrase().translated())
                                                                          : tr("Run “%1” now? It %2.").arg(step.text, step.binding->describePhrase().translated())),
                                                    QMessageBox::Yes | QMessageBox::Cancel, this);
        accepted = box->exec() == QMessageBox::Yes;
        delete box;
    }
    return accepted && self && runner && runner == currentRunner();
}

void ProcedurePanel::retryCurrent()
{
    ProcedureRunner *r = currentRunner();
    if (!r || r->currentIndex() < 0)
        return;
    // A failed destructive step may have done part of its work: it is shown again before it reruns.
    const ProcedureStep step = r->procedure().steps[r->currentIndex()];
    if (step.binding && step.binding->destructive && !askToRun(step, true))
        return;
    if (const Status s = r->retry(); !s)
        Q_EMIT actionFailed(s.errorPhrase().translated());
}

void ProcedurePanel::skipCurrent()
{
    ProcedureRunner *r = currentRunner();
    if (!r || r->currentIndex() < 0)
        return;
    const QPointer<ProcedurePanel> self(this);
    const QPointer<ProcedureRunner> runner(r);
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Skip step"), shownAsText(tr("Why is “%1” skipped?").arg(r->procedure().steps[r->currentIndex()].text)),
                                                 QLineEdit::Normal, {}, &ok);
    if (!ok || !self || !runner)
        return; // cancelled, or the deployment was taken over meanwhile
    if (const Status s = r->skip(reason); !s)
        Q_EMIT actionFailed(s.errorPhrase().translated());
}

void ProcedurePanel::abortCurrent()
{
    ProcedureRunner *r = currentRunner();
    if (!r)
        return;
    const QPointer<ProcedurePanel> self(this);
    const QPointer<ProcedureRunner> runner(r);
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Abort procedure"),
                                                 shownAsText(tr("Abort “%1”? A running step is ended (its whole process group). Why?").arg(r->procedure().title)),
                                                 QLineEdit::Normal, {}, &ok);
    if (!ok || !self || !runner)
        return;
    if (const Status s = r->abort(reason); !s)
        Q_EMIT actionFailed(s.errorPhrase().translated());
}

void ProcedurePanel::viewScript()
{
    const ProcedureStep *step = selectedStep();
    if (!step || !step->binding)
        return;
    const QString path = ScriptConfirmDialog::scriptPathOf(*step->binding);
    if (!path.isEmpty())
        SourceViewerDialog::showFile(this, path);
}
