#include "appsettings.h"

#include <QFileInfo>

#include <algorithm>

#if defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#endif

namespace {
const QString RunbooksKey = QStringLiteral("recent/runbooks");
const QString ProfilesKey = QStringLiteral("recent/profiles");
const QString DeploymentsKey = QStringLiteral("recent/deployments");
constexpr int DefaultRecentLimit = 10;
} // namespace

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
    for (const char *variable : {"USER", "LOGNAME", "USERNAME"}) {
        if (const QString name = qEnvironmentVariable(variable).trimmed(); !name.isEmpty())
            return name;
    }
#if defined(Q_OS_UNIX)
    // A session without the usual variables (a container, a service, bubblewrap): the account's
    // name, so a console never records actions or takes a lock as nobody.
    if (const passwd *account = ::getpwuid(::getuid()); account && account->pw_name && *account->pw_name)
        return QString::fromLocal8Bit(account->pw_name);
#endif
    return {};
}

void AppSettings::setOperatorName(const QString &name)
{
    if (name == operatorName())
        return;
    m_settings.setValue(QStringLiteral("operator/name"), name);
    Q_EMIT operatorNameChanged(name);
}

bool AppSettings::desktopNotifications() const
{
    return m_settings.value(QStringLiteral("notifications/desktop"), true).toBool();
}

void AppSettings::setDesktopNotifications(bool on)
{
    m_settings.setValue(QStringLiteral("notifications/desktop"), on);
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

int AppSettings::recentLimit() const
{
    const int limit = m_settings.value(QStringLiteral("recent/limit"), DefaultRecentLimit).toInt();
    return limit >= 1 && limit <= 50 ? limit : DefaultRecentLimit;
}

void AppSettings::setRecentLimit(int limit)
{
    limit = std::clamp(limit, 1, 50);
    if (limit == recentLimit())
        return;
    m_settings.setValue(QStringLiteral("recent/limit"), limit);
    cutRecent();
    Q_EMIT recentChanged();
}

QStringList AppSettings::recentPaths(const QString &key) const
{
    return m_settings.value(key).toStringList().mid(0, recentLimit());
}

void AppSettings::addRecentPath(const QString &key, const QString &path)
{
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = m_settings.value(key).toStringList();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    m_settings.setValue(key, paths.mid(0, recentLimit()));
    Q_EMIT recentChanged();
}

QStringList AppSettings::recentRunbooks() const
{
    return recentPaths(RunbooksKey);
}

void AppSettings::addRecentRunbook(const QString &path)
{
    addRecentPath(RunbooksKey, path);
}

QStringList AppSettings::recentProfiles() const
{
    return recentPaths(ProfilesKey);
}

void AppSettings::addRecentProfile(const QString &path)
{
    addRecentPath(ProfilesKey, path);
}

QList<AppSettings::RecentDeployment> AppSettings::recentDeployments() const
{
    QList<RecentDeployment> list;
    const int size = m_settings.value(DeploymentsKey + QStringLiteral("/size")).toInt();
    // QSettings' arrays, read by hand so that a const getter needs no beginReadArray().
    for (int i = 0; i < size && list.size() < recentLimit(); ++i) {
        const QString prefix = DeploymentsKey + QStringLiteral("/%1/").arg(i + 1);
        RecentDeployment d{m_settings.value(prefix + QStringLiteral("id")).toString(), m_settings.value(prefix + QStringLiteral("label")).toString(),
                           m_settings.value(prefix + QStringLiteral("journal")).toString(), m_settings.value(prefix + QStringLiteral("profile")).toString()};
        if (!d.id.isEmpty())
            list.append(d);
    }
    return list;
}

void AppSettings::addRecentDeployment(const RecentDeployment &deployment)
{
    if (deployment.id.isEmpty())
        return;
    RecentDeployment entry = deployment;
    if (!entry.journalPath.isEmpty() && !entry.journalPath.contains(QLatin1String("://"))) // a file, not a shared journal's URI
        entry.journalPath = QFileInfo(entry.journalPath).absoluteFilePath();
    if (!entry.profilePath.isEmpty())
        entry.profilePath = QFileInfo(entry.profilePath).absoluteFilePath();
    QList<RecentDeployment> list = recentDeployments();
    list.removeAll(entry);
    list.prepend(entry);
    writeDeployments(list);
    Q_EMIT recentChanged();
}

void AppSettings::clearRecent()
{
    m_settings.remove(RunbooksKey);
    m_settings.remove(ProfilesKey);
    m_settings.remove(DeploymentsKey);
    Q_EMIT recentChanged();
}

void AppSettings::cutRecent()
{
    for (const QString &key : {RunbooksKey, ProfilesKey})
        m_settings.setValue(key, m_settings.value(key).toStringList().mid(0, recentLimit()));
    writeDeployments(recentDeployments());
}

void AppSettings::writeDeployments(const QList<RecentDeployment> &list)
{
    const int count = int(std::min<qsizetype>(list.size(), recentLimit()));
    m_settings.remove(DeploymentsKey);
    m_settings.beginWriteArray(DeploymentsKey, count);
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("id"), list[i].id);
        m_settings.setValue(QStringLiteral("label"), list[i].label);
        m_settings.setValue(QStringLiteral("journal"), list[i].journalPath);
        m_settings.setValue(QStringLiteral("profile"), list[i].profilePath);
    }
    m_settings.endArray();
}
