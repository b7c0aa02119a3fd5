#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

// A coloured strip above the tabs for errors, warnings and next steps, with an optional
// action button; stays until closed or replaced, unlike a status bar message. The text is
// plain text, never HTML (it often quotes a server or a program), with known secrets replaced.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Warning, Error };
    // What a message is about, so that it can be replaced or withdrawn when that changes
    // without reading its (translated) text.
    enum class Topic { General, ReadOnly };
    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, const QString &actionText = {}, Topic topic = Topic::General);
    QString text() const;
    Kind kind() const { return m_kind; }
    // The shown message's topic; General when none is shown.
    Topic topic() const { return isHidden() ? Topic::General : m_topic; }

Q_SIGNALS:
    void actionTriggered();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    Kind m_kind = Kind::Info;
    Topic m_topic = Topic::General;
    QLabel *m_label;
    QPushButton *m_action;
    QToolButton *m_close;
};
