#pragma once

#include <QObject>
#include <QSettings>

// The console's persistent preferences, one typed getter and change signal each, over
// QSettings. Tests enable QStandardPaths test mode so they never touch a user's files.
class AppSettings : public QObject
{
    Q_OBJECT
public:
    explicit AppSettings(QObject *parent = nullptr);

    enum class ColorScheme { System, Light, Dark };

    QString operatorName() const;
    void setOperatorName(const QString &name);

    ColorScheme colorScheme() const;
    void setColorScheme(ColorScheme scheme);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

Q_SIGNALS:
    void operatorNameChanged(const QString &name);
    void colorSchemeChanged(AppSettings::ColorScheme scheme);

private:
    QSettings m_settings;
};
