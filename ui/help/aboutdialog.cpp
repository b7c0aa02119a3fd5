#include "aboutdialog.h"

#include <knotifications_version.h>
#include <ksyntaxhighlighting_version.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFont>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <QtGlobal>

#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
#include <link.h>
#endif

QString AboutDialog::loadedLibraryVersion(const QString &soName)
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // The library among those loaded into this process; its real file name carries the full
    // version (libKF6SyntaxHighlighting.so.6 -> libKF6SyntaxHighlighting.so.6.13.0).
    struct Search {
        QString soName;
        QString file;
    } search{soName, {}};
    dl_iterate_phdr(
        [](dl_phdr_info *info, size_t, void *data) {
            auto *search = static_cast<Search *>(data);
            const QString name = QString::fromLocal8Bit(info->dlpi_name);
            if (!QFileInfo(name).fileName().startsWith(search->soName))
                return 0;
            search->file = QFileInfo(name).canonicalFilePath();
            return 1;
        },
        &search);
    const QString &file = search.file;
    const qsizetype so = file.lastIndexOf(QLatin1String(".so."));
    if (so < 0)
        return {};
    const QString version = file.mid(so + 4);
    return version.count(QLatin1Char('.')) == 2 ? version : QString();
#else
    Q_UNUSED(soName);
    return {};
#endif
}

QString AboutDialog::loadedSyntaxHighlightingVersion()
{
    return loadedLibraryVersion(QStringLiteral("libKF6SyntaxHighlighting.so"));
}

QString AboutDialog::loadedNotificationsVersion()
{
    return loadedLibraryVersion(QStringLiteral("libKF6Notifications.so"));
}

QString AboutDialog::versionsText()
{
    const QString loaded = loadedSyntaxHighlightingVersion();
    const QString built = QStringLiteral(KSYNTAXHIGHLIGHTING_VERSION_STRING);
    const QString loadedNotifications = loadedNotificationsVersion();
    const QString builtNotifications = QStringLiteral(KNOTIFICATIONS_VERSION_STRING);
    return tr("Qt %1 (built with Qt %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)) + QLatin1Char('\n')
        + (loaded.isEmpty() ? tr("KDE Frameworks SyntaxHighlighting: built with %1").arg(built)
                            : tr("KDE Frameworks SyntaxHighlighting %1 (built with %2)").arg(loaded, built))
        + QLatin1Char('\n')
        + (loadedNotifications.isEmpty() ? tr("KDE Frameworks Notifications: built with %1").arg(builtNotifications)
                                         : tr("KDE Frameworks Notifications %1 (built with %2)").arg(loadedNotifications, builtNotifications));
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About StoneCaster Deploy Console"));

    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("aboutIcon"));
    const QIcon appIcon = QApplication::windowIcon().isNull() ? QIcon::fromTheme(QStringLiteral("org.stonecaster.DeployConsole")) : QApplication::windowIcon();
    if (!appIcon.isNull())
        icon->setPixmap(appIcon.pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);

    auto *title = new QLabel(tr("StoneCaster Deploy Console %1").arg(QStringLiteral(STONECASTER_VERSION)), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    title->setTextFormat(Qt::PlainText);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);

    auto *summary = new QLabel(tr("Blue/green deployments run from your team's own runbook: checklists, a traffic gate on live "
                                  "metrics, automatic rollback and guided rollback procedures, every action journaled."),
                               this);
    summary->setTextFormat(Qt::PlainText);
    summary->setWordWrap(true);

    auto *versions = new QLabel(versionsText(), this);
    versions->setObjectName(QStringLiteral("aboutVersions"));
    versions->setTextFormat(Qt::PlainText);
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    versions->setAccessibleName(tr("Versions"));

    // Installed beside the program (PREFIX/bin, PREFIX/share/doc/...), whatever the prefix.
    const QFileInfo installed(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/doc/stonecaster-deploy-console"));
    auto *guide = new QLabel(installed.isDir() ? tr("The user guide is built in (Help > User guide, F1) and installed in %1.").arg(installed.canonicalFilePath())
                                               : tr("The user guide is built in: Help > User guide (F1)."),
                             this);
    guide->setObjectName(QStringLiteral("aboutGuide"));
    guide->setTextFormat(Qt::PlainText);
    guide->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *openGuide = buttons->addButton(tr("&User guide"), QDialogButtonBox::HelpRole);
    openGuide->setObjectName(QStringLiteral("aboutUserGuide"));
    connect(openGuide, &QPushButton::clicked, this, &AboutDialog::userGuideRequested);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(summary);
    text->addSpacing(8);
    text->addWidget(versions);
    text->addSpacing(8);
    text->addWidget(guide);
    text->addStretch();
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}
