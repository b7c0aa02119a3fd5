#pragma once

#include <QDialog>

class AppSettings;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

// Settings > Configure StoneCaster Deploy Console…: what a user changes about the console
// itself: the operator name recorded on their actions, the colour scheme, desktop notifications,
// how many recent entries Open Recent keeps (and clearing them). OK applies; nothing secret is kept here
// (tokens come from the environment or the keychain, never from settings).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(AppSettings *settings, QWidget *parent = nullptr);

    void apply();

private:
    AppSettings *m_settings;
    QLineEdit *m_operator;
    QComboBox *m_scheme;
    QCheckBox *m_notifications;
    QSpinBox *m_recentLimit;
};
