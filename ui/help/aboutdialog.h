#pragma once

#include <QDialog>

class QLabel;

// Help > About: the console's version, and the versions of Qt (the one running and the one it
// was built with) and of the KDE Frameworks in use, SyntaxHighlighting and Notifications (the
// library loaded and the one built with), selectable so they can be pasted into a bug report; and the way to the guide.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The lines of the versions shown, as plain text.
    static QString versionsText();
    // The version of the libKF6SyntaxHighlighting loaded in this process, from its file name
    // (libKF6SyntaxHighlighting.so.6.13.0); empty where that cannot be told.
    static QString loadedSyntaxHighlightingVersion();
    static QString loadedNotificationsVersion(); // libKF6Notifications, the same way
    // The version of the loaded library whose file name starts with `soName` ("libKF6Foo.so").
    static QString loadedLibraryVersion(const QString &soName);

Q_SIGNALS:
    void userGuideRequested();
};
