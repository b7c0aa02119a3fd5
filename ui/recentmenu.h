#pragma once

#include "core/appsettings.h"

#include <QMenu>

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
};
