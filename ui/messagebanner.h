#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

// A coloured strip above the tabs for errors, warnings and next steps, with an optional
// action button; stays until closed or replaced, unlike a status bar message.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Warning, Error };
    explicit MessageBanner(QWidget *parent = nullptr);

    // `topic` names what the message is about, so that it can be replaced or withdrawn when
    // that changes without reading its (translated) text.
    void showMessage(Kind kind, const QString &text, const QString &actionText = {}, const QString &topic = {});
    QString text() const;
    Kind kind() const { return m_kind; }
    QString topic() const { return isHidden() ? QString() : m_topic; }

Q_SIGNALS:
    void actionTriggered();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    Kind m_kind = Kind::Info;
    QString m_topic;
    QLabel *m_label;
    QPushButton *m_action;
    QToolButton *m_close;
};
