#include "reportexportdialog.h"

#include "report/reportexport.h"
#include "report/reportformat.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

ReportExportDialog::ReportExportDialog(ReportExport *job, QWidget *parent)
    : QDialog(parent)
    , m_job(job)
    , m_what(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_step(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("reportExportDialog"));
    setWindowTitle(tr("Export report"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_job->setParent(this);
    const std::optional<ReportFormat> format = reportFormatForPath(job->path());
    m_what->setText(tr("Writing the report as %1 to\n%2").arg(format ? nameOf(*format) : QString(), QDir::toNativeSeparators(job->path())));
    m_what->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A path, and the export's errors, are shown as written, never as HTML.
    m_what->setTextFormat(Qt::PlainText);
    m_step->setTextFormat(Qt::PlainText);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setAccessibleName(tr("Export progress"));
    m_progress->setRange(0, 100);
    m_step->setObjectName(QStringLiteral("exportStatus"));
    m_step->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_what);
    layout->addWidget(m_progress);
    layout->addWidget(m_step);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());

    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_finished)
            close();
        else
            m_job->cancel();
    });
    connect(m_job, &ReportExport::progressChanged, this, [this](int percent, const QString &step) {
        m_progress->setValue(percent);
        m_step->setText(step);
    });
    connect(m_job, &ReportExport::finished, this, &ReportExportDialog::onFinished);
    m_job->start();
}

QString ReportExportDialog::resultText() const
{
    return m_step->text();
}

void ReportExportDialog::onFinished(bool ok, const QString &message)
{
    m_finished = true;
    m_ok = ok;
    m_step->setText(ok ? tr("Written: %1").arg(QDir::toNativeSeparators(m_job->path())) : message);
    m_step->setStyleSheet(ok ? QString() : QStringLiteral("color: #b0112a;"));
    if (ok)
        m_progress->setValue(100);
    m_buttons->setStandardButtons(QDialogButtonBox::Close);
    Q_EMIT exportFinished(ok, message);
}
