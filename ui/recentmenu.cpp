#include "recentmenu.h"

#include "journal/journal.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>

RecentMenu::RecentMenu(AppSettings *settings, QWidget *parent)
    : QMenu(tr("Open &Recent"), parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("menuOpenRecent"));
    connect(this, &QMenu::aboutToShow, this, &RecentMenu::rebuild);
    rebuild();
}

void RecentMenu::setCurrent(const QString &journalPath, const QString &profilePath)
{
    m_journalPath = journalPath.isEmpty() || journalPath.contains(QLatin1String("://")) ? journalPath : QFileInfo(journalPath).absoluteFilePath();
    m_profilePath = profilePath.isEmpty() ? QString() : QFileInfo(profilePath).absoluteFilePath();
}

QStringList RecentMenu::arguments(const AppSettings::RecentDeployment &deployment)
{
    QStringList args;
    if (!deployment.journalPath.isEmpty())
        args << QStringLiteral("--journal") << deployment.journalPath;
    args << QStringLiteral("--deployment") << deployment.id;
    if (!deployment.profilePath.isEmpty())
        args << QStringLiteral("--profile") << deployment.profilePath;
    return args;
}

QStringList RecentMenu::runbookArguments(const QString &runbookPath)
{
    return {QStringLiteral("--runbook"), runbookPath};
}

QStringList RecentMenu::profileArguments(const QString &profilePath)
{
    return {QStringLiteral("--profile"), profilePath};
}

bool RecentMenu::isHere(const AppSettings::RecentDeployment &deployment) const
{
    const QString journal = deployment.journalPath.isEmpty() ? QFileInfo(Journal::defaultPath()).absoluteFilePath() : deployment.journalPath;
    const QString here = m_journalPath.isEmpty() ? QFileInfo(Journal::defaultPath()).absoluteFilePath() : m_journalPath;
    return journal == here && deployment.profilePath == m_profilePath;
}

void RecentMenu::rebuild()
{
    clear();
    const auto addFiles = [this](const QString &title, const QStringList &paths, QStringList (*argumentsFor)(const QString &)) {
        if (paths.isEmpty())
            return;
        addSection(title);
        for (const QString &path : paths) {
            const bool exists = QFileInfo::exists(path);
            QAction *a = addAction(exists ? QFileInfo(path).fileName() : tr("%1 (missing)").arg(QFileInfo(path).fileName()));
            a->setToolTip(path);
            a->setStatusTip(path);
            a->setEnabled(exists);
            const QStringList args = argumentsFor(path);
            connect(a, &QAction::triggered, this, [this, args] { launch(args); });
        }
    };
    const QList<AppSettings::RecentDeployment> deployments = m_settings->recentDeployments();
    if (!deployments.isEmpty()) {
        addSection(tr("Deployments"));
        for (const AppSettings::RecentDeployment &d : deployments) {
            const bool here = isHere(d);
            const QString where = d.journalPath.isEmpty()                         ? tr("default journal")
                                  : d.journalPath.contains(QLatin1String("://")) ? tr("shared journal")
                                                                                 : QFileInfo(d.journalPath).fileName();
            QAction *a = addAction(here ? d.label : tr("%1 (%2, new window)").arg(d.label, where));
            a->setToolTip(tr("Deployment %1 in %2").arg(d.id, d.journalPath.isEmpty() ? Journal::defaultPath() : d.journalPath));
            if (here)
                connect(a, &QAction::triggered, this, [this, id = d.id] { Q_EMIT openHere(id); });
            else
                connect(a, &QAction::triggered, this, [this, args = arguments(d)] { launch(args); });
        }
    }
    addFiles(tr("Runbooks (new window)"), m_settings->recentRunbooks(), &RecentMenu::runbookArguments);
    addFiles(tr("Profiles (new window)"), m_settings->recentProfiles(), &RecentMenu::profileArguments);
    if (actions().isEmpty()) {
        addAction(tr("No recent deployments or files"))->setEnabled(false);
        return;
    }
    addSeparator();
    QAction *clearAction = addAction(tr("&Clear list"), m_settings, &AppSettings::clearRecent);
    clearAction->setObjectName(QStringLiteral("actionClearRecent"));
}

void RecentMenu::openRunbook(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_settings->addRecentRunbook(absolute);
    launch(runbookArguments(absolute));
}

void RecentMenu::openProfile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_settings->addRecentProfile(absolute);
    launch(profileArguments(absolute));
}

void RecentMenu::launch(const QStringList &arguments)
{
    const bool started = m_launcher ? m_launcher(arguments) : QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments);
    if (!started) {
        Q_EMIT failed(tr("Could not start a new console window (%1 %2).").arg(QCoreApplication::applicationFilePath(), arguments.join(u' ')));
    }
}
