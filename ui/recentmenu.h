#pragma once

#include "core/appsettings.h"

#include <QMenu>

#include <functional>

// Deployment > Open Recent: the deployments, runbooks and profiles AppSettings remembers. A
// deployment of this window's journal and environment opens here (openHere); anything else
// opens in a new console window: the program started again with the options that name it,
// as a second window of the same application would be.
class RecentMenu : public QMenu
{
    Q_OBJECT
public:
    RecentMenu(AppSettings *settings, QWidget *parent = nullptr);

    // What this window runs on: its journal's file and its profile (empty: the demo).
    void setCurrent(const QString &journalPath, const QString &profilePath);

    // The command line of a new window for each kind of entry.
    static QStringList arguments(const AppSettings::RecentDeployment &deployment);
    static QStringList runbookArguments(const QString &runbookPath);
    static QStringList profileArguments(const QString &profilePath);

    // Deployment > Open runbook / Open profile: remembered, and opened in a new window.
    void openRunbook(const QString &path);
    void openProfile(const QString &path);
    // How a new window is started (tests: to see the command line instead).
    void setLauncher(std::function<bool(const QStringList &arguments)> launcher) { m_launcher = std::move(launcher); }

Q_SIGNALS:
    void openHere(const QString &deploymentId);
    // A new window could not be started: what to tell the user.
    void failed(const QString &message);

private:
    void rebuild();
    void launch(const QStringList &arguments);
    bool isHere(const AppSettings::RecentDeployment &deployment) const;

    AppSettings *m_settings;
    QString m_journalPath;
    QString m_profilePath;
    std::function<bool(const QStringList &arguments)> m_launcher;
};
