#include "statusupdatedialog.h"

#include "report/statusupdates.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

StatusUpdateDialog::StatusUpdateDialog(StatusUpdates *updates, StatusUpdate::Trigger trigger, bool readOnly, QWidget *parent)
    : QDialog(parent)
    , m_updates(updates)
    , m_title(new QLineEdit(this))
    , m_text(new QPlainTextEdit(this))
    , m_where(new QLabel(this))
    , m_results(new QListWidget(this))
{
    setObjectName(QStringLiteral("statusUpdateDialog"));
    setWindowTitle(tr("Status update"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_prepared.trigger = trigger;
    m_title->setObjectName(QStringLiteral("statusUpdateTitle"));
    m_text->setObjectName(QStringLiteral("statusUpdateText"));
    m_title->setAccessibleName(tr("Title of the status update"));
    m_text->setAccessibleName(tr("Text of the status update"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setMinimumSize(640, 300);
    m_where->setObjectName(QStringLiteral("statusUpdateWebhooks"));
    m_where->setWordWrap(true);
    m_where->setTextFormat(Qt::PlainText); // the profile's webhook names
    m_results->setObjectName(QStringLiteral("statusUpdateResults"));
    m_results->setMaximumHeight(90);
    m_results->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sendStatusUpdate"));
    m_copy = buttons->addButton(tr("Copy to clipboard"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("copyStatusUpdate"));
    QPushButton *refresh = buttons->addButton(tr("Prepare again"), QDialogButtonBox::ResetRole);
    refresh->setObjectName(QStringLiteral("prepareStatusUpdate"));
    buttons->addButton(QDialogButtonBox::Close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Title"), this));
    layout->addWidget(m_title);
    layout->addWidget(new QLabel(tr("Text (prepared by the console; edit it as you like)"), this));
    layout->addWidget(m_text, 1);
    layout->addWidget(m_where);
    layout->addWidget(m_results);
    layout->addWidget(buttons);

    const bool webhooks = updates && updates->hasWebhooks();
    if (!webhooks) {
        m_where->setText(tr("The profile names no webhook: copy the update and post it yourself."));
        m_send->setEnabled(false);
        m_send->setToolTip(tr("No webhook in the profile (\"webhooks\" section)"));
    } else {
        m_where->setText(tr("Sends to: %1").arg(updates->webhookNames().join(QStringLiteral(", "))));
        if (readOnly) {
            m_send->setEnabled(false);
            m_send->setToolTip(tr("Another console drives this deployment, or it is closed: it sends the updates"));
        }
    }
    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    connect(m_copy, &QPushButton::clicked, this, &StatusUpdateDialog::copyToClipboard);
    connect(refresh, &QPushButton::clicked, this, &StatusUpdateDialog::prepare);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    if (updates) {
        connect(updates, &StatusUpdates::deliveryFinished, this, [this](const QString &id, const QString &webhook, bool delivered, const QString &message) {
            if (id == m_sentId)
                addResult(tr("%1: %2").arg(webhook, delivered ? message : tr("FAILED: %1").arg(message)), delivered);
        });
        connect(updates, &StatusUpdates::deliveryFailed, this, [this](const QString &webhook, const QString &message, int retryInMs) {
            if (!m_sentId.isEmpty() && retryInMs > 0)
                addResult(tr("%1: failed, retrying in %2 s: %3").arg(webhook, QString::number(retryInMs / 1000), message), false);
        });
    }
    prepare();
}

void StatusUpdateDialog::prepare()
{
    if (!m_updates)
        return;
    m_prepared = m_updates->prepare(m_prepared.trigger);
    m_title->setText(m_prepared.title);
    m_text->setPlainText(m_prepared.text);
}

StatusUpdate StatusUpdateDialog::update() const
{
    StatusUpdate u = m_prepared;
    u.title = m_title->text().trimmed();
    u.text = m_text->toPlainText();
    u.edited = u.title != m_prepared.title || u.text != m_prepared.text;
    return u;
}

QString StatusUpdateDialog::clipboardText() const
{
    const StatusUpdate u = update();
    return u.title + QStringLiteral("\n\n") + u.text;
}

QString StatusUpdateDialog::send()
{
    if (!m_updates || !m_send->isEnabled())
        return {};
    m_sentId = m_updates->send(update());
    m_send->setEnabled(false);
    m_send->setText(tr("Sent"));
    m_results->show();
    addResult(tr("%1 sent to %2; waiting for the answers…").arg(m_sentId, m_updates->webhookNames().join(QStringLiteral(", "))), true);
    return m_sentId;
}

void StatusUpdateDialog::copyToClipboard()
{
    QGuiApplication::clipboard()->setText(clipboardText());
    m_copy->setText(tr("Copied"));
    if (m_updates && m_sentId.isEmpty())
        m_updates->acknowledge(); // posted by hand: the next one is due in 15 minutes
}

void StatusUpdateDialog::addResult(const QString &text, bool ok)
{
    auto *item = new QListWidgetItem(text, m_results);
    if (!ok)
        item->setForeground(QColor(0xb0, 0x11, 0x2a));
    m_results->scrollToBottom();
}
