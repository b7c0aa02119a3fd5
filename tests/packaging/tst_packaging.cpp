// The packaging files agree with each other and with the program: the Flatpak manifest (it
// cannot be built here without Flathub, so its form and its sandbox are checked), the desktop
// entry, the AppStream id, and the manual pages, which must document every option --help has.
#include "cli/commandline.h"
#include "sim/simcommandline.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString AppId = u"org.stonecaster.DeployConsole"_s;

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every long option named in a --help text ("--time-scale <N>" -> "time-scale").
QStringList longOptions(const QString &help)
{
    QStringList names;
    static const QRegularExpression option(u"(?:^|[ ,])--([a-z][a-z-]*)"_s);
    for (const QString &line : help.split(u'\n')) {
        if (!line.startsWith(u"  -"_s))
            continue;
        auto it = option.globalMatch(line.section(u"  "_s, 1, 1)); // the option column only
        while (it.hasNext())
            names << it.next().captured(1);
    }
    names.removeDuplicates();
    return names;
}

} // namespace

class TestPackaging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flatpakManifest()
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(read(QStringLiteral(STONECASTER_SOURCE_DIR "/packaging/flatpak/org.stonecaster.DeployConsole.json")), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject m = doc.object();
        QCOMPARE(m.value(u"app-id").toString(), AppId);
        QCOMPARE(m.value(u"runtime").toString(), u"org.kde.Platform"_s);
        QCOMPARE(m.value(u"sdk").toString(), u"org.kde.Sdk"_s);
        // The KDE runtime of the Qt this is built and tested with (Qt 6.8: runtime 6.8).
        QCOMPARE(m.value(u"runtime-version").toString(), u"%1.%2"_s.arg(QT_VERSION_MAJOR).arg(QT_VERSION_MINOR));
        QCOMPARE(m.value(u"command").toString(), u"stonecaster-console"_s);

        // Network access and what a window needs, nothing more: no files, no session bus
        // names (secrets and notifications go through the portals), no devices but the GPU.
        QStringList finishArgs;
        for (const QJsonValue &v : m.value(u"finish-args").toArray())
            finishArgs << v.toString();
        finishArgs.sort();
        QCOMPARE(finishArgs, (QStringList{u"--device=dri"_s, u"--share=ipc"_s, u"--share=network"_s, u"--socket=fallback-x11"_s, u"--socket=wayland"_s}));

        const QJsonArray modules = m.value(u"modules").toArray();
        QVERIFY(!modules.isEmpty());
        for (const QJsonValue &v : modules) {
            const QJsonObject module = v.toObject();
            QVERIFY2(!module.value(u"name").toString().isEmpty(), "every module has a name");
            QCOMPARE(module.value(u"buildsystem").toString(), u"cmake-ninja"_s);
            QVERIFY2(!module.value(u"sources").toArray().isEmpty(), qPrintable(module.value(u"name").toString()));
        }
        // This project last, built without its tests from this tree.
        const QJsonObject app = modules.last().toObject();
        QVERIFY(app.value(u"config-opts").toArray().contains(u"-DBUILD_TESTING=OFF"_s));
        QCOMPARE(app.value(u"sources").toArray().first().toObject().value(u"type").toString(), u"dir"_s);
        QCOMPARE(app.value(u"sources").toArray().first().toObject().value(u"path").toString(), u"../.."_s);
    }

    // The Qt plugins the console loads at run time, which dpkg-shlibdeps cannot see, are named
    // in the .deb's Depends: without qt6-svg-plugins every icon would be missing.
    void debDependsOnRuntimePlugins()
    {
        const QString config = QString::fromUtf8(read(QStringLiteral(STONECASTER_BINARY_DIR "/CPackConfig.cmake")));
        static const QRegularExpression depends(u"set\\(CPACK_DEBIAN_PACKAGE_DEPENDS \"([^\"]*)\"\\)"_s);
        const QRegularExpressionMatch match = depends.match(config);
        QVERIFY2(match.hasMatch(), "CPACK_DEBIAN_PACKAGE_DEPENDS in CPackConfig.cmake");
        const QStringList packages = match.captured(1).split(u", "_s);
        for (const QString &plugin : {u"libqt6sql6-sqlite"_s, u"qt6-qpa-plugins"_s, u"qt6-svg-plugins"_s})
            QVERIFY2(packages.contains(plugin), qPrintable(match.captured(1)));
    }

    void desktopEntry()
    {
        QSettings entry(QStringLiteral(STONECASTER_SOURCE_DIR "/packaging/org.stonecaster.DeployConsole.desktop"), QSettings::IniFormat);
        entry.beginGroup(u"Desktop Entry"_s);
        QCOMPARE(entry.value(u"Exec"_s).toString(), u"stonecaster-console"_s);
        QCOMPARE(entry.value(u"Icon"_s).toString(), AppId);
        QVERIFY(QFile::exists(QStringLiteral(STONECASTER_SOURCE_DIR "/packaging/icons/org.stonecaster.DeployConsole.svg")));
        const QByteArray metainfo = read(QStringLiteral(STONECASTER_BINARY_DIR "/packaging/org.stonecaster.DeployConsole.metainfo.xml"));
        QVERIFY(metainfo.contains("<id>org.stonecaster.DeployConsole</id>"));
        QVERIFY(metainfo.contains("<launchable type=\"desktop-id\">org.stonecaster.DeployConsole.desktop</launchable>"));
        // Every screenshot it names is one of ours.
        static const QRegularExpression image(u"<image>[^<]*/([^/<]+\\.png)</image>"_s);
        auto it = image.globalMatch(QString::fromUtf8(metainfo));
        int count = 0;
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            QVERIFY2(QFile::exists(QStringLiteral(STONECASTER_SOURCE_DIR "/packaging/screenshots/") + name), qPrintable(name));
            ++count;
        }
        QVERIFY(count >= 1);
    }

    void manPagesDocumentEveryOption_data()
    {
        QTest::addColumn<QString>("help");
        QTest::addColumn<QString>("page");
        QTest::newRow("stonecaster-console") << CommandLine::helpText() << CommandLine::manPage(u"1.2.3"_s);
        QTest::newRow("stonecaster-sim") << SimCommandLine::helpText() << SimCommandLine::manPage(u"1.2.3"_s);
    }
    void manPagesDocumentEveryOption()
    {
        QFETCH(QString, help);
        QFETCH(QString, page);
        QVERIFY(page.startsWith(u".TH STONECASTER-"_s));
        QVERIFY(page.contains(u"\"1.2.3\""_s) || page.contains(u" 1.2.3\""_s));
        for (const QString &section : {u".SH NAME"_s, u".SH SYNOPSIS"_s, u".SH DESCRIPTION"_s, u".SH OPTIONS"_s, u".SH EXIT STATUS"_s})
            QVERIFY2(page.contains(section), qPrintable(section));
        const QStringList options = longOptions(help);
        QVERIFY2(options.size() >= 4, qPrintable(options.join(u' ')));
        for (QString option : options) {
            const QString roff = u"\\fB\\-\\-"_s + option.replace(u'-', u"\\-"_s) + u"\\fR"_s;
            QVERIFY2(page.contains(roff), qPrintable(roff));
        }
        // roff control characters never start a line of text.
        for (const QString &line : page.split(u'\n')) {
            if (line.startsWith(u'.'))
                QVERIFY2(QRegularExpression(u"^\\.(TH|SH|TP|PP|B|br)( |$)"_s).match(line).hasMatch(), qPrintable(line));
        }
    }

    // The usual form: "--version" prints the program and its version on one line.
    void versionLine()
    {
        QProcess console;
        console.start(QStringLiteral(STONECASTER_CONSOLE), {u"--version"_s});
        QVERIFY(console.waitForFinished(30'000));
        QCOMPARE(console.exitCode(), 0);
        static const QRegularExpression form(u"^stonecaster-console \\d+\\.\\d+\\.\\d+\\n$"_s);
        QVERIFY2(form.match(QString::fromUtf8(console.readAllStandardOutput())).hasMatch(), "stonecaster-console X.Y.Z");
    }
};

QTEST_GUILESS_MAIN(TestPackaging)
#include "tst_packaging.moc"
