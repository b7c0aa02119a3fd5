#include "messagebanner.h"

#include "core/redactor.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setObjectName(QStringLiteral("bannerText"));
    // Messages carry servers' and programs' words (a proxy's HTML error page): shown as text.
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action->setObjectName(QStringLiteral("bannerAction"));
    m_close->setObjectName(QStringLiteral("bannerClose"));
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);
    connect(m_action, &QPushButton::clicked, this, &MessageBanner::actionTriggered);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString &text, const QString &actionText, Topic topic)
{
    m_kind = kind;
    m_topic = topic;
    m_label->setText(Redactor::redact(text));
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    applyColors();
    show();
}

QString MessageBanner::text() const
{
    return m_label->text();
}

void MessageBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !signalsBlocked()) {
        const QSignalBlocker block(this);
        applyColors();
    }
}

void MessageBanner::applyColors()
{
    // Tint the window colour towards the message's colour so text stays readable in light and dark palettes.
    const QColor base = parentWidget() ? parentWidget()->palette().color(QPalette::Window) : palette().color(QPalette::Window);
    const QColor tint = m_kind == Kind::Error ? QColor(0xda, 0x44, 0x53) : m_kind == Kind::Warning ? QColor(0xf6, 0x74, 0x00) : QColor(0x3d, 0xae, 0xe9);
    QColor mixed;
    mixed.setRgbF(base.redF() * 0.75f + tint.redF() * 0.25f, base.greenF() * 0.75f + tint.greenF() * 0.25f, base.blueF() * 0.75f + tint.blueF() * 0.25f);
    QPalette p = palette();
    p.setColor(QPalette::Window, mixed);
    setPalette(p);
}
