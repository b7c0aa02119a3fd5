#include "overridedialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

OverrideDialog::OverrideDialog(int fromPercent, int toPercent, const QStringList &blockedBy, QWidget *parent)
    : QDialog(parent)
    , m_phrase(QStringLiteral("override to %1%").arg(toPercent))
    , m_confirmation(new QLineEdit(this))
    , m_reason(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("overrideDialog"));
    setWindowTitle(tr("Override the traffic gate"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The runbook's gate does not allow moving from %1% to %2% green now:").arg(fromPercent).arg(toPercent), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    QStringList items;
    for (const QString &reason : blockedBy)
        items << QStringLiteral("<li>%1</li>").arg(reason.toHtmlEscaped());
    auto *reasons = new QLabel(QStringLiteral("<ul style=\"margin-left:-20px\">%1</ul>").arg(items.join(QString())), this);
    reasons->setTextFormat(Qt::RichText);
    reasons->setWordWrap(true);
    layout->addWidget(reasons);
    auto *warning = new QLabel(tr("Overriding sends %1% of production traffic to green anyway. The override, your name and your "
                                  "reason are journaled and appear in the deployment's reports.")
                                   .arg(toPercent),
                               this);
    warning->setWordWrap(true);
    layout->addWidget(warning);
    auto *reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    layout->addWidget(reasonLabel);
    m_reason->setObjectName(QStringLiteral("overrideReason"));
    m_reason->setAccessibleName(tr("Reason for the override"));
    m_reason->setTabChangesFocus(true);
    m_reason->setMaximumHeight(80);
    layout->addWidget(m_reason);
    auto *prompt = new QLabel(tr("Type <b>%1</b> to confirm:").arg(m_phrase.toHtmlEscaped()), this);
    layout->addWidget(prompt);
    prompt->setBuddy(m_confirmation);
    m_confirmation->setObjectName(QStringLiteral("overrideConfirmation"));
    m_confirmation->setAccessibleName(tr("Confirmation phrase"));
    m_confirmation->setAccessibleDescription(tr("Type %1 to confirm the override").arg(m_phrase));
    layout->addWidget(m_confirmation);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Override"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirmation, &QLineEdit::textChanged, this, &OverrideDialog::updateOk);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &OverrideDialog::updateOk);
    m_reason->setFocus();
    updateOk();
    resize(520, sizeHint().height());
}

QString OverrideDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void OverrideDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_confirmation->text().trimmed() == m_phrase && !reason().isEmpty());
}
