#include "newdeploymentdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

NewDeploymentDialog::NewDeploymentDialog(const QString &runbookName, const QString &operatorName, QWidget *parent)
    : QDialog(parent)
    , m_service(new QLineEdit(this))
    , m_version(new QLineEdit(this))
    , m_operator(new QLineEdit(operatorName, this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New deployment"));
    setObjectName(QStringLiteral("newDeploymentDialog"));
    m_service->setObjectName(QStringLiteral("serviceEdit"));
    m_version->setObjectName(QStringLiteral("versionEdit"));
    m_operator->setObjectName(QStringLiteral("operatorEdit"));
    m_service->setPlaceholderText(tr("e.g. checkout-api"));
    m_version->setPlaceholderText(tr("e.g. v2.14.0 or a1b2c3d"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Start deployment"));
    auto *runbook = new QLabel(runbookName, this);
    runbook->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Service:"), m_service);
    form->addRow(tr("&Version or git ref:"), m_version);
    form->addRow(tr("&Operator:"), m_operator);
    form->addRow(tr("Runbook:"), runbook);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *e : {m_service, m_version, m_operator})
        connect(e, &QLineEdit::textChanged, this, &NewDeploymentDialog::validate);
    validate();
    resize(460, sizeHint().height());
}

void NewDeploymentDialog::validate()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!service().isEmpty() && !version().isEmpty() && !operatorName().isEmpty());
}

QString NewDeploymentDialog::service() const
{
    return m_service->text().trimmed();
}

QString NewDeploymentDialog::version() const
{
    return m_version->text().trimmed();
}

QString NewDeploymentDialog::operatorName() const
{
    return m_operator->text().trimmed();
}
