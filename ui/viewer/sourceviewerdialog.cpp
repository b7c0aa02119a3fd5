#include "sourceviewerdialog.h"

#include "sourceview.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStringDecoder>
#include <QVBoxLayout>

namespace {

SourceViewerDialog *openNew(QWidget *parent)
{
    auto *dialog = new SourceViewerDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

void present(QDialog *dialog)
{
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

} // namespace

SourceViewerDialog *SourceViewerDialog::showFile(QWidget *parent, const QString &path)
{
    SourceViewerDialog *dialog = openNew(parent);
    dialog->setFile(path);
    present(dialog);
    return dialog;
}

SourceViewerDialog *SourceViewerDialog::showProfile(QWidget *parent, const QString &fileName, QString *error)
{
    if (!fileName.isEmpty())
        return showFile(parent, fileName);
    // The built-in demo's profile is compiled in; the console points its addresses at the
    // in-process simulator.
    QFile demo(QStringLiteral(":/profiles/demo.json"));
    if (!demo.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("The demo profile is missing from the program's resources: %1").arg(demo.errorString());
        return nullptr;
    }
    return showText(parent, tr("demo.json (the built-in demo profile)"), QString::fromUtf8(demo.readAll()), QStringLiteral("demo.json"));
}

SourceViewerDialog *SourceViewerDialog::showText(QWidget *parent, const QString &title, const QString &text,
                                                 const QString &fileNameForHighlighting)
{
    SourceViewerDialog *dialog = openNew(parent);
    dialog->setText(title, text, fileNameForHighlighting);
    present(dialog);
    return dialog;
}

SourceViewerDialog::SourceViewerDialog(QWidget *parent)
    : QDialog(parent)
    , m_path(new QLabel(this))
    , m_note(new QLabel(this))
    , m_view(new SourceView(this))
{
    setObjectName(QStringLiteral("sourceViewerDialog"));
    setModal(false);
    m_path->setObjectName(QStringLiteral("sourcePath"));
    m_path->setTextFormat(Qt::PlainText);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->hide();
    m_note->setObjectName(QStringLiteral("sourceNote"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_path);
    layout->addWidget(m_note);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(900, 640);
}

QString SourceViewerDialog::note() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void SourceViewerDialog::showNote(const QString &text, bool error)
{
    m_note->setText(text);
    // The banner's colours are for the main window; a bold line reads well in any scheme.
    QFont f = m_note->font();
    f.setBold(error);
    m_note->setFont(f);
    m_note->setVisible(!text.isEmpty());
}

void SourceViewerDialog::setText(const QString &title, const QString &text, const QString &fileNameForHighlighting)
{
    setWindowTitle(title);
    m_path->hide();
    showNote({}, false);
    m_view->setSource(text, fileNameForHighlighting);
}

void SourceViewerDialog::setFile(const QString &path)
{
    const QFileInfo info(path);
    setWindowTitle(info.fileName().isEmpty() ? path : info.fileName());
    m_path->setText(QDir::toNativeSeparators(info.absoluteFilePath()));
    m_path->show();
    m_view->setSource({}, path);
    if (!info.exists()) {
        showNote(tr("%1 does not exist.").arg(QDir::toNativeSeparators(path)), true);
        return;
    }
    if (info.isDir()) {
        showNote(tr("%1 is a folder, not a file.").arg(QDir::toNativeSeparators(path)), true);
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showNote(tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return;
    }
    const qint64 size = file.size();
    const QByteArray bytes = file.read(MaxShownBytes);
    if (bytes.isEmpty() && size > 0) {
        showNote(tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return;
    }
    QStringList notes;
    const bool truncated = size > bytes.size();
    if (truncated) {
        const QLocale locale;
        notes << tr("The file is %1; only its first %2 are shown.")
                     .arg(locale.formattedDataSize(size), locale.formattedDataSize(MaxShownBytes));
    }
    // Strict UTF-8 first. A cut file may end inside a character: the decoder keeps those
    // bytes as pending state, which is not an error.
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        text = QString::fromUtf8(bytes); // invalid bytes become U+FFFD
        notes << tr("The file is not valid UTF-8; the bytes that are not are shown as \uFFFD.");
    }
    showNote(notes.join(QLatin1Char(' ')), false);
    m_view->setSource(text, path);
}
