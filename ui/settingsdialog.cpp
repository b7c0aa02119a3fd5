#include "settingsdialog.h"

#include "colorscheme.h"

#include "core/appsettings.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(AppSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_operator(new QLineEdit(settings->operatorName(), this))
    , m_scheme(new QComboBox(this))
    , m_notifications(new QCheckBox(tr("Tell the &desktop when the window is in the background"), this))
    , m_recentLimit(new QSpinBox(this))
{
    setWindowTitle(tr("Configure StoneCaster Deploy Console"));
    setObjectName(QStringLiteral("settingsDialog"));
    setMinimumWidth(460);
    m_operator->setObjectName(QStringLiteral("operatorName"));
    m_operator->setPlaceholderText(tr("Your name, as the journal records it"));
    m_operator->setToolTip(tr("Recorded on every check, note, traffic step and rollback you make. "
                              "Team mode records the database login instead."));
    m_scheme->setObjectName(QStringLiteral("colorScheme"));
    m_scheme->addItem(tr("Follow the system"), int(AppSettings::ColorScheme::System));
    m_scheme->addItem(tr("Light"), int(AppSettings::ColorScheme::Light));
    m_scheme->addItem(tr("Dark"), int(AppSettings::ColorScheme::Dark));
    m_scheme->setCurrentIndex(m_scheme->findData(int(settings->colorScheme())));
    m_notifications->setObjectName(QStringLiteral("desktopNotifications"));
    m_notifications->setChecked(settings->desktopNotifications());
    m_notifications->setToolTip(tr("A notification when the traffic gate opens, a decision point is breached, traffic is rolled back "
                                   "or drifts, and when a status update is due. Which ones pop up or sound is set in the desktop's "
                                   "notification settings."));
    m_recentLimit->setObjectName(QStringLiteral("recentLimit"));
    m_recentLimit->setRange(1, 50);
    m_recentLimit->setValue(settings->recentLimit());
    auto *clearRecent = new QPushButton(tr("Clear recent lists"), this);
    clearRecent->setObjectName(QStringLiteral("clearRecent"));
    connect(clearRecent, &QPushButton::clicked, this, [this, clearRecent] {
        m_settings->clearRecent();
        clearRecent->setEnabled(false);
        clearRecent->setText(tr("Recent lists cleared"));
    });

    auto *form = new QFormLayout;
    form->addRow(tr("&Operator name:"), m_operator);
    form->addRow(tr("Colour &scheme:"), m_scheme);
    form->addRow(tr("Notifications:"), m_notifications);
    form->addRow(tr("&Recent entries kept:"), m_recentLimit);
    form->addRow(QString(), clearRecent);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void SettingsDialog::apply()
{
    const QString name = m_operator->text().trimmed();
    if (!name.isEmpty())
        m_settings->setOperatorName(name);
    const auto scheme = AppSettings::ColorScheme(m_scheme->currentData().toInt());
    if (scheme != m_settings->colorScheme()) {
        m_settings->setColorScheme(scheme);
        ColorScheme::apply(qApp, scheme);
    }
    m_settings->setDesktopNotifications(m_notifications->isChecked());
    m_settings->setRecentLimit(m_recentLimit->value());
}
