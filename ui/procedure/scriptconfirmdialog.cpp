#include "scriptconfirmdialog.h"

#include "core/processenvironment.h"
#include "core/processrunner.h"
#include "core/regularfile.h"
#include "viewer/sourceview.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
constexpr qint64 MaxScriptBytes = 2 * 1024 * 1024;

bool looksLikeText(const QByteArray &head)
{
    return !head.contains('\0');
}
} // namespace

QString ScriptConfirmDialog::scriptPathOf(const ActionBinding &binding)
{
    if (binding.kind != ActionBinding::Kind::Command)
        return {};
    if (!binding.command.script.isEmpty())
        return binding.command.script;
    // Found where the program will be found: on the PATH its environment gives it.
    const Result<QProcessEnvironment> environment = ProcessEnvironment::build(binding.command.environment);
    const Result<QString> program =
        ProcessRunner::resolveProgram(binding.command.program, environment ? environment.value().value(QStringLiteral("PATH")) : QString());
    if (!program)
        return binding.command.program;
    QFile file(program.value());
    if (file.open(QIODevice::ReadOnly) && looksLikeText(file.read(4096)))
        return program.value();
    return {}; // a binary: nothing to read
}

ScriptConfirmDialog::ScriptConfirmDialog(const QString &stepText, const ActionBinding &binding, bool runAgain, QWidget *parent)
    : QDialog(parent)
    , m_view(new SourceView(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("scriptConfirmDialog"));
    setWindowTitle(runAgain ? tr("Run \"%1\" again?").arg(stepText) : tr("Run \"%1\"?").arg(stepText));
    const CommandSpec &c = binding.command;

    auto *what = new QLabel(this);
    what->setObjectName(QStringLiteral("scriptCommand"));
    what->setTextFormat(Qt::RichText);
    what->setWordWrap(true);
    what->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QString text = runAgain ? tr("<b>This step ran before and did not finish</b> (it failed, or was running when the console stopped). "
                                 "Running it again repeats whatever it already did.<br>")
                            : tr("<b>This step changes things and runs only when you confirm.</b><br>");
    text += tr("Runs <code>%1</code><br>in <code>%2</code>, ended after %3 s if still running.")
                .arg(c.commandLine().toHtmlEscaped(), c.workingDirectory.toHtmlEscaped())
                .arg(c.timeoutMs / 1000);
    what->setText(text);

    m_view->setObjectName(QStringLiteral("scriptView"));
    m_view->setMinimumSize(720, 320);
    m_note->setObjectName(QStringLiteral("scriptNote"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);

    m_shown = scriptPathOf(binding);
    if (m_shown.isEmpty()) {
        m_note->setText(tr("The program is not a script (a binary); there is no text to show."));
        m_view->hide();
    } else {
        // A FIFO or a device is refused at once rather than waited on (the window would hang).
        const RegularFile file = RegularFile::read(m_shown, MaxScriptBytes, true);
        if (file.problem != RegularFile::Problem::None) {
            m_note->setText(tr("Cannot read %1: %2. The step will fail if its program is missing.")
                                .arg(m_shown, file.detail.isEmpty() ? tr("not a regular file") : file.detail));
            m_view->hide();
        } else {
            m_note->setText(file.size > MaxScriptBytes ? tr("%1 (the first 2 MiB of %2 bytes)").arg(m_shown).arg(file.size) : m_shown);
            m_view->setSource(QString::fromUtf8(file.bytes), QFileInfo(m_shown).fileName());
        }
    }

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *run = buttons->addButton(runAgain ? tr("Run again") : tr("Run"), QDialogButtonBox::AcceptRole);
    run->setObjectName(QStringLiteral("runScriptButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true); // Enter does not run a destructive script
    run->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(m_note);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(860, 560);
}
