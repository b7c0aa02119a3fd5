#include "runbookeditordialog.h"

#include "sourceview.h"

#include "runbook/runbookloader.h"
#include "runbook/runbookparser.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

RunbookEditorDialog::RunbookEditorDialog(const QString &path, const QString &text, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
    , m_note(new QLabel(this))
    , m_editor(new SourceView(this))
    , m_summary(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_check(new QPushButton(tr("C&heck"), this))
    , m_save(new QPushButton(tr("&Save"), this))
{
    setObjectName(QStringLiteral("runbookEditorDialog"));
    setModal(false);
    m_editor->setObjectName(QStringLiteral("runbookEditor"));
    m_list->setObjectName(QStringLiteral("diagnosticsList"));
    m_editor->setAccessibleName(tr("Runbook text"));
    m_list->setAccessibleName(tr("Parser diagnostics"));
    m_summary->setObjectName(QStringLiteral("diagnosticsSummary"));
    m_note->setObjectName(QStringLiteral("runbookNote"));
    m_check->setObjectName(QStringLiteral("checkButton"));
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_check->setToolTip(tr("Read the text as the console would, without saving"));
    m_save->setShortcut(QKeySequence::Save);

    QString source = text;
    QString problem;
    if (m_path.isEmpty()) {
        problem = tr("This is the bundled reference runbook; open your own with --runbook FILE to edit it.");
    } else {
        QFile file(m_path);
        Diagnostic decodeError;
        if (!file.open(QIODevice::ReadOnly)) {
            problem = tr("%1 cannot be read (%2); the text shown is the one the console loaded.")
                          .arg(QDir::toNativeSeparators(m_path), file.errorString());
        } else if (QString decoded; !RunbookLoader::decode(file.readAll(), &decoded, &decodeError)) {
            problem = tr("%1 is not valid UTF-8 (%2); it is shown read-only so that saving cannot damage it.")
                          .arg(QDir::toNativeSeparators(m_path), decodeError.message.translated());
        } else {
            source = decoded;
            m_editable = true;
        }
    }
    m_note->setText(problem);
    m_note->setVisible(!problem.isEmpty());

    m_editor->setReadOnly(!m_editable);
    m_editor->setSource(source, m_path.isEmpty() ? QStringLiteral("runbook.md") : m_path);

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_summary);
    lowerLayout->addWidget(m_list);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_check, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    m_save->setVisible(m_editable);
    m_save->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &RunbookEditorDialog::reject);
    connect(m_check, &QPushButton::clicked, this, &RunbookEditorDialog::check);
    connect(m_save, &QPushButton::clicked, this, &RunbookEditorDialog::save);
    connect(m_list, &QListWidget::itemActivated, this, &RunbookEditorDialog::diagnosticActivated);
    connect(m_list, &QListWidget::itemClicked, this, &RunbookEditorDialog::diagnosticActivated);
    connect(m_editor->document(), &QTextDocument::modificationChanged, this, [this](bool modified) {
        m_save->setEnabled(m_editable && modified);
        updateTitle();
    });

    m_parsed = RunbookParser::parse(source, m_path);
    showDiagnostics(m_parsed);
    updateTitle();
    resize(1000, 720);
}

bool RunbookEditorDialog::isModified() const
{
    return m_editor->document()->isModified();
}

void RunbookEditorDialog::updateTitle()
{
    const QString name = m_path.isEmpty() ? tr("bundled reference runbook") : QFileInfo(m_path).fileName();
    setWindowTitle(tr("Runbook source: %1%2").arg(name, isModified() ? QStringLiteral(" *") : QString()));
}

void RunbookEditorDialog::check()
{
    m_parsed = RunbookParser::parse(m_editor->toPlainText(), m_path);
    showDiagnostics(m_parsed);
}

bool RunbookEditorDialog::save()
{
    if (!m_editable)
        return false;
    QSaveFile file(m_path);
    const QByteArray bytes = m_editor->toPlainText().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Runbook not saved"),
                             tr("%1 could not be written: %2\nYour changes are still in the editor.")
                                 .arg(QDir::toNativeSeparators(m_path), file.errorString()));
        return false;
    }
    m_editor->document()->setModified(false);
    // Read back through the loader, exactly as the console reads a runbook at start-up.
    m_parsed = RunbookLoader::load(m_path);
    showDiagnostics(m_parsed);
    Q_EMIT saved(m_parsed);
    return true;
}

void RunbookEditorDialog::showDiagnostics(const Runbook &runbook)
{
    m_list->clear();
    QList<SourceView::LineMark> marks;
    int errors = 0;
    int warnings = 0;
    for (const Diagnostic &d : runbook.diagnostics) {
        const bool error = d.severity == Diagnostic::Severity::Error;
        (error ? errors : warnings)++;
        const QString where = d.line > 0 ? tr("Line %1").arg(d.line) : tr("File");
        auto *item = new QListWidgetItem(tr("%1: %2: %3").arg(where, error ? tr("error") : tr("warning"), d.message.translated()), m_list);
        item->setIcon(style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning));
        item->setData(Qt::UserRole, d.line);
        if (d.line > 0)
            marks << SourceView::LineMark{d.line, error ? SourceView::LineMark::Kind::Error : SourceView::LineMark::Kind::Warning, d.message.translated()};
    }
    m_editor->setLineMarks(marks);
    if (errors == 0 && warnings == 0)
        m_summary->setText(tr("No problems found: the console can run this runbook."));
    else if (errors == 0)
        m_summary->setText(tr("%n warning(s); the console can run this runbook.", nullptr, warnings));
    else if (warnings == 0)
        m_summary->setText(tr("%n error(s): the console will not start a deployment on this runbook until they are fixed.", nullptr, errors));
    else
        m_summary->setText(tr("%n error(s), %1: the console will not start a deployment on this runbook until they are fixed.", nullptr, errors)
                               .arg(tr("%n warning(s)", nullptr, warnings)));
}

void RunbookEditorDialog::diagnosticActivated(QListWidgetItem *item)
{
    const int line = item ? item->data(Qt::UserRole).toInt() : 0;
    if (line <= 0)
        return;
    m_editor->goToLine(line);
    m_editor->setFocus();
}

void RunbookEditorDialog::reject()
{
    if (isModified()) {
        const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                                  tr("The runbook has changes that are not saved. Save them before closing?"),
                                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save()))
            return;
        if (answer == QMessageBox::Discard)
            m_editor->document()->setModified(false);
    }
    QDialog::reject();
}
