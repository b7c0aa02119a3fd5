#include "appsettings.h"

AppSettings::AppSettings(QObject *parent)
    : QObject(parent)
    , m_settings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console"))
{
}

QString AppSettings::operatorName() const
{
    const QString stored = m_settings.value(QStringLiteral("operator/name")).toString();
    if (!stored.isEmpty())
        return stored;
    return qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
}

void AppSettings::setOperatorName(const QString &name)
{
    if (name == operatorName())
        return;
    m_settings.setValue(QStringLiteral("operator/name"), name);
    Q_EMIT operatorNameChanged(name);
}

AppSettings::ColorScheme AppSettings::colorScheme() const
{
    const QString v = m_settings.value(QStringLiteral("view/colorScheme")).toString();
    if (v == QLatin1String("dark"))
        return ColorScheme::Dark;
    if (v == QLatin1String("light"))
        return ColorScheme::Light;
    return ColorScheme::System;
}

void AppSettings::setColorScheme(ColorScheme scheme)
{
    if (scheme == colorScheme())
        return;
    const char *name = scheme == ColorScheme::Dark ? "dark" : scheme == ColorScheme::Light ? "light" : "system";
    m_settings.setValue(QStringLiteral("view/colorScheme"), QString::fromLatin1(name));
    Q_EMIT colorSchemeChanged(scheme);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/state"), state);
}
