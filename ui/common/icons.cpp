#include "common/icons.h"

#include <QGuiApplication>
#include <QStringList>

namespace Icons {

QString fallbackThemeName()
{
    return QStringLiteral("stonecaster");
}

QString applicationIconName()
{
    return QStringLiteral("org.stonecaster.DeployConsole");
}

void install()
{
    // ":/icons" is one of Qt's theme search paths by default; say so in case a platform
    // theme replaced them.
    QStringList paths = QIcon::themeSearchPaths();
    if (!paths.contains(QStringLiteral(":/icons")))
        QIcon::setThemeSearchPaths(paths << QStringLiteral(":/icons"));
    QIcon::setFallbackThemeName(fallbackThemeName());
    QGuiApplication::setWindowIcon(application());
}

QString name(Id id)
{
    switch (id) {
    case Id::NewDeployment:
        return QStringLiteral("document-new");
    case Id::OpenDeployment:
        return QStringLiteral("document-open");
    case Id::CloseDeployment:
        return QStringLiteral("document-close");
    case Id::ExportReport:
        return QStringLiteral("document-export");
    case Id::StatusUpdate:
        return QStringLiteral("mail-send");
    case Id::Quit:
        return QStringLiteral("application-exit");
    case Id::Configure:
        return QStringLiteral("configure");
    case Id::UserGuide:
        return QStringLiteral("help-contents");
    case Id::About:
        return QStringLiteral("help-about");
    case Id::StepForward:
        return QStringLiteral("go-next");
    case Id::StepBack:
        return QStringLiteral("go-previous");
    case Id::Override:
        return QStringLiteral("go-jump");
    case Id::Retry:
        return QStringLiteral("view-refresh");
    case Id::RollBack:
        return QStringLiteral("go-first");
    case Id::Skip:
        return QStringLiteral("media-skip-forward");
    case Id::Reopen:
        return QStringLiteral("edit-undo");
    case Id::Note:
        return QStringLiteral("document-edit");
    }
    Q_UNREACHABLE_RETURN(QString());
}

QIcon action(Id id)
{
    return QIcon::fromTheme(name(id));
}

QIcon application()
{
    return QIcon::fromTheme(applicationIconName());
}

} // namespace Icons
