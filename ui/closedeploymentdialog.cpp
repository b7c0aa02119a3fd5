#include "closedeploymentdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

CloseDeploymentDialog::CloseDeploymentDialog(int openItems, QWidget *parent)
    : QDialog(parent)
    , m_outcome(new QComboBox(this))
    , m_note(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Close deployment"));
    setObjectName(QStringLiteral("closeDeploymentDialog"));
    m_outcome->setObjectName(QStringLiteral("outcomeCombo"));
    for (DeploymentOutcome each : {DeploymentOutcome::Completed, DeploymentOutcome::RolledBack, DeploymentOutcome::Aborted})
        m_outcome->addItem(outcomeText(each), int(each));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Close deployment"));
    auto *form = new QFormLayout(this);
    if (openItems > 0) {
        auto *warning = new QLabel(tr("%n checklist item(s) are still open. A closed deployment can no longer change.", "", openItems), this);
        warning->setWordWrap(true);
        form->addRow(warning);
    }
    form->addRow(tr("&Outcome:"), m_outcome);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString CloseDeploymentDialog::outcomeText(DeploymentOutcome outcome)
{
    switch (outcome) {
    case DeploymentOutcome::Completed: return tr("Completed");
    case DeploymentOutcome::RolledBack: return tr("Rolled back");
    case DeploymentOutcome::Aborted: return tr("Aborted");
    }
    return {};
}

DeploymentOutcome CloseDeploymentDialog::outcome() const
{
    return static_cast<DeploymentOutcome>(m_outcome->currentData().toInt());
}

QString CloseDeploymentDialog::note() const
{
    return m_note->toPlainText();
}
