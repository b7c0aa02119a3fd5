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

    // Gate opened, breaches, rollbacks and due status updates reach the desktop while the
    // window is in the background (on unless turned off).
    bool desktopNotifications() const;
    void setDesktopNotifications(bool on);

    // File > Open Recent: the deployments opened or started here, the runbooks and profiles
    // given on the command line, newest first, at most recentLimit() of each. A deployment is
    // remembered with the journal and the profile it ran with, so it can be reopened from any
    // window; an entry whose file is gone stays until the list is cleared (the menu says so).
    struct RecentDeployment {
        QString id;
        QString label; // "checkout 2.14.0"
        QString journalPath; // empty: the default journal
        QString profilePath; // empty: the built-in demo
        bool operator==(const RecentDeployment &other) const { return id == other.id && journalPath == other.journalPath; }
    };
    QList<RecentDeployment> recentDeployments() const;
    void addRecentDeployment(const RecentDeployment &deployment);
    QStringList recentRunbooks() const;
    void addRecentRunbook(const QString &path);
    QStringList recentProfiles() const;
    void addRecentProfile(const QString &path);
    void clearRecent();
    int recentLimit() const; // 10 unless changed in the settings dialog
    void setRecentLimit(int limit); // 1..50; the lists are cut to it at once

    void sync() { m_settings.sync(); }

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

Q_SIGNALS:
    void operatorNameChanged(const QString &name);
    void colorSchemeChanged(AppSettings::ColorScheme scheme);
    void recentChanged();

private:
    QStringList recentPaths(const QString &key) const;
    void addRecentPath(const QString &key, const QString &path);
    void cutRecent();
    void writeDeployments(const QList<RecentDeployment> &list);

    QSettings m_settings;
};
