// The translations: the German catalogue complete for every tr() string of the sources (run
// through lupdate, so a string added since the catalogue was updated counts as missing), the
// placeholders and accelerators of every translation matching its source, and the language
// taken from the environment (LANG) as the console does: German under de_DE, English under C.
#include "translations.h"
#include "consolewindow.h"

#include "core/appsettings.h"
#include "core/clock.h"
#include "core/guardedrequest.h"
#include "gate/trafficgate.h"
#include "profile/profileloader.h"
#include "runbook/runbookparser.h"
#include "runbook/runbookreading.h"

#include <QApplication>
#include <QEventLoop>
#include <QFile>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QXmlStreamReader>

#include <cstring>

namespace {

const char *const ChildOption = "--print-window-language";

struct Message {
    QString context;
    QString source;
    QString type; // the translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList forms; // one translation, or the numerus forms
    qint64 line = 0; // in the updated catalogue
    bool numerus = false;
};

QList<Message> readCatalogue(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("context")) {
                context.clear();
            } else if (name == QLatin1String("name") && context.isEmpty()) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                message = Message{context, {}, {}, {}, xml.lineNumber(), xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
            } else if (name == QLatin1String("source")) {
                message.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                message.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!message.numerus)
                    message.forms << xml.readElementText(); // the numerus forms are elements of their own
            } else if (name == QLatin1String("numerusform")) {
                message.forms << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            messages << message;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return messages;
}

// "%1", "%2", "%n", ... as a sorted list (a placeholder may appear twice).
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d+|n|L\\d+)"));
    QStringList found;
    for (const QRegularExpressionMatch &m : pattern.globalMatch(text))
        found << m.captured();
    found.sort();
    return found;
}

int accelerators(const QString &text)
{
    QString t = text;
    t.remove(QStringLiteral("&&"));
    static const QRegularExpression accel(QStringLiteral("&[^&;\\s#]")); // not an entity like &amp;
    return int(t.count(accel));
}

QString describe(const Message &m)
{
    return QStringLiteral("  %1: \"%2\" (catalogue line %3)").arg(m.context, m.source, QString::number(m.line));
}

// The child: the locale's name, the catalogue's language, a plural form, an engine phrase as the
// window shows it and as the journal keeps it, a rule's status with a decimal number, a runbook
// diagnostic, a profile error as the window and as the headless modes say it, a rule's tier as the
// reading shows it, and the window's menu titles in the language the environment chose, one per line.
int printWindowLanguage(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTextStream out(stdout);
    out << QLocale().name() << '\n' << Translations::install(&app) << '\n';
    // A plural form, in the catalogue of the language (English's holds only those).
    out << QCoreApplication::translate("RunbookEditorDialog", "%n warning(s)", nullptr, 1) << '\n';
    // The gate's reasons: said in the reader's language, journaled in English.
    GateInput in;
    in.positions = {0, 5};
    in.rollbackActive = true;
    const GateDecision gate = TrafficGate::decide(in);
    out << gate.reasonPhrases.value(0).translated() << '\n' << gate.reasons.value(0) << '\n';
    RuleStatus status;
    status.ruleId = QStringLiteral("decision-point.error_rate");
    status.tier = RuleTier::DecisionPoint;
    status.state = RuleState::Breached;
    status.value = 2.4;
    status.threshold = 2;
    status.unit = QStringLiteral("%");
    out << status.describePhrase().translated() << '\n';
    // A runbook diagnostic, as the editor and the reading show it.
    const Runbook runbook = RunbookParser::parse(QStringLiteral("# Title\n\nText.\n"), QStringLiteral("x.md"));
    QString noPhases;
    for (const Diagnostic &d : runbook.diagnostics) {
        if (d.message.english().startsWith(u"no phases found"))
            noPhases = d.message.translated();
    }
    out << noPhases << '\n';
    const Result<Profile> profile = ProfileLoader::parse(R"({"name": "x", "bogus": 1})", QStringLiteral("p.json"));
    // (one of its errors, a line each: the one about the unknown key)
    const auto bogus = [](const QString &text) { return text.split(u'\n').filter(QStringLiteral("bogus")).value(0); };
    out << bogus(profile.errorPhrase().translated()) << '\n' << bogus(profile.error()) << '\n';
    out << RunbookReading::tierText(RuleTier::DecisionPoint).translated() << '\n';
    // A request's error as the window and the journal say it (the server's name and the setting
    // to check are phrases too).
    QNetworkAccessManager network;
    HttpGuards guards;
    guards.peer = phrase("HttpController", "the traffic API");
    guards.setting = phrase("HttpController", "traffic.http.url in the profile");
    GuardedRequest request(&network, QNetworkRequest(), guards);
    QEventLoop loop;
    QObject::connect(&request, &GuardedRequest::finished, &loop, &QEventLoop::quit);
    request.get(QUrl(QStringLiteral("ftp://traffic.example")));
    loop.exec();
    out << request.outcome().error.translated() << '\n' << request.outcome().error.english() << '\n';
    // Qt's own words (a dialog's Cancel button), from Qt's catalogue when one is installed.
    out << QCoreApplication::translate("QPlatformTheme", "Cancel") << '\n';
    AppSettings settings;
    ManualClock clock;
    ConsoleWindow window(&settings, &clock);
    for (QAction *menu : window->menuBar()->actions())
        out << menu->text() << '\n';
    return 0;
}

QStringList windowLanguage(const QString &lang, QString *error)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("LANG"), lang);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(ChildOption)});
    if (!child.waitForFinished(60'000) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        child.kill();
        child.waitForFinished();
        *error = QString::fromUtf8(child.readAllStandardError());
        return {};
    }
    return QString::fromUtf8(child.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // lupdate over the sources into a copy of the committed catalogue: every string it finds
    // translated, none left over from strings the sources no longer have.
    void germanCatalogueIsComplete()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ts = dir.filePath(QStringLiteral("stonecaster_de.ts"));
        QVERIFY(QFile::copy(QStringLiteral(STONECASTER_SOURCE_DIR "/translations/stonecaster_de.ts"), ts));
        QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.start(QStringLiteral(STONECASTER_LUPDATE),
                      {QStringLiteral("-project"), QStringLiteral(STONECASTER_LUPDATE_PROJECT), QStringLiteral("-locations"), QStringLiteral("none"),
                       // as translations/CMakeLists.txt: the engine's phrase() reads like translate()
                       QStringLiteral("-tr-function-alias"), QStringLiteral("translate+=phrase"), QStringLiteral("-ts"), ts});
        QVERIFY2(lupdate.waitForFinished(120'000) && lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

        QString error;
        const QList<Message> messages = readCatalogue(ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 400, qPrintable(QStringLiteral("only %1 strings found").arg(messages.size())));

        QStringList untranslated, leftOver, wrongPlaceholders, wrongAccelerators;
        for (const Message &m : messages) {
            if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete")) {
                leftOver << describe(m);
                continue;
            }
            if (m.type == QLatin1String("unfinished") || m.forms.isEmpty()
                || std::any_of(m.forms.cbegin(), m.forms.cend(), [](const QString &f) { return f.trimmed().isEmpty(); })) {
                untranslated << describe(m);
                continue;
            }
            for (const QString &form : m.forms) {
                if (placeholders(form) != placeholders(m.source))
                    wrongPlaceholders << describe(m) + QStringLiteral(" -> \"%1\"").arg(form);
                if (accelerators(form) != accelerators(m.source))
                    wrongAccelerators << describe(m) + QStringLiteral(" -> \"%1\"").arg(form);
            }
        }
        const QString update = QStringLiteral("\nUpdate the catalogue (cmake --build build/dev --target stonecaster_lupdate) and translate them.");
        QVERIFY2(untranslated.isEmpty(), qPrintable(QStringLiteral("%1 string(s) not translated into German:\n").arg(untranslated.size()) + untranslated.join(u'\n') + update));
        QVERIFY2(leftOver.isEmpty(), qPrintable(QStringLiteral("%1 translation(s) of strings the sources no longer have:\n").arg(leftOver.size()) + leftOver.join(u'\n') + update));
        QVERIFY2(wrongPlaceholders.isEmpty(), qPrintable(QStringLiteral("placeholders differ from the source:\n") + wrongPlaceholders.join(u'\n')));
        QVERIFY2(wrongAccelerators.isEmpty(), qPrintable(QStringLiteral("accelerators (&) differ from the source:\n") + wrongAccelerators.join(u'\n')));
    }

    // The test itself can fail: an unfinished entry and a wrong placeholder are seen.
    void checksSeeFaults()
    {
        QTemporaryDir dir;
        const QString ts = dir.filePath(QStringLiteral("x.ts"));
        QFile file(ts);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE TS><TS version=\"2.1\" language=\"de_DE\"><context><name>C</name>"
                   "<message><source>Open %1</source><translation type=\"unfinished\"></translation></message>"
                   "<message numerus=\"yes\"><source>%n item(s)</source><translation><numerusform>ein Eintrag</numerusform><numerusform>%n Einträge</numerusform></translation></message>"
                   "<message><source>&amp;File</source><translation>&amp;Datei</translation></message>"
                   "</context></TS>");
        file.close();
        QString error;
        const QList<Message> messages = readCatalogue(ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages.at(0).type, QStringLiteral("unfinished"));
        QCOMPARE(messages.at(1).forms, (QStringList{QStringLiteral("ein Eintrag"), QStringLiteral("%n Einträge")}));
        QVERIFY(placeholders(messages.at(1).forms.at(0)) != placeholders(messages.at(1).source));
        QCOMPARE(messages.at(2).forms, QStringList{QStringLiteral("&Datei")});
        QCOMPARE(accelerators(messages.at(2).forms.at(0)), 1);
        QCOMPARE(accelerators(QStringLiteral("Fish && Chips")), 0);
    }

    // Qt reads LANG itself (no locale data needed): the window is German under de_DE.UTF-8.
    void germanFromLang()
    {
        QString error;
        const QStringList lines = windowLanguage(QStringLiteral("de_DE.UTF-8"), &error);
        QVERIFY2(lines.size() > 3, qPrintable(error));
        QCOMPARE(lines.at(0), QStringLiteral("de_DE"));
        QCOMPARE(lines.at(1), QStringLiteral("de"));
        QCOMPARE(lines.at(2), QStringLiteral("1 Warnung"));
        // The engine's phrases (app/), German in the window, English in the journal, a German
        // decimal comma.
        QCOMPARE(lines.at(3), QStringLiteral("ein Rollback läuft"));
        QCOMPARE(lines.at(4), QStringLiteral("a rollback is running"));
        QCOMPARE(lines.at(5), QStringLiteral("error_rate 2,4 % > 2 % (Grün)"));
        QVERIFY2(lines.at(6).startsWith(u"keine Phasen gefunden"), qPrintable(lines.at(6)));
        // A profile error at its place, in German in the window and English where it is printed.
        QVERIFY2(lines.at(7).startsWith(u"p.json:1:15: unbekannter Schlüssel „bogus“ in der obersten Ebene (erwartet einer von: "), qPrintable(lines.at(7)));
        QVERIFY2(lines.at(8).startsWith(u"p.json:1:15: unknown key \"bogus\" in the top level (expected one of: "), qPrintable(lines.at(8)));
        QCOMPARE(lines.at(9), QStringLiteral("Entscheidungspunkt"));
        QCOMPARE(lines.at(10), QStringLiteral("„ftp://traffic.example“ ist keine http://- oder https://-URL mit Host; prüfen Sie traffic.http.url im Profil"));
        QCOMPARE(lines.at(11), QStringLiteral("\"ftp://traffic.example\" is not an http:// or https:// URL with a host; check traffic.http.url in the profile"));
        // Qt's German comes with qt6-translations-l10n (in the build root's package list; the .deb
        // recommends it).
        if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm")))
            QCOMPARE(lines.at(12), QStringLiteral("Abbrechen"));
        else
            qWarning("qtbase_de.qm is not installed (qt6-translations-l10n): Qt's own buttons stay English");
        QCOMPARE(lines.mid(13), (QStringList{QStringLiteral("&Deployment"), QStringLiteral("&Ansicht"), QStringLiteral("&Einstellungen"), QStringLiteral("&Hilfe")}));
    }

    void englishUnderC()
    {
        for (const QString &lang : {QStringLiteral("C"), QStringLiteral("C.UTF-8"), QStringLiteral("fr_FR.UTF-8")}) {
            QString error;
            const QStringList lines = windowLanguage(lang, &error);
            QVERIFY2(lines.size() > 3, qPrintable(error));
            QCOMPARE(lines.at(1), QStringLiteral("en"));
            QCOMPARE(lines.at(2), QStringLiteral("1 warning")); // not "1 warning(s)"
            QCOMPARE(lines.at(3), QStringLiteral("a rollback is running"));
            // English words, the locale's numbers (French writes a decimal comma).
            QCOMPARE(lines.at(5), lang.startsWith(u"fr") ? QStringLiteral("error_rate 2,4 % > 2 % (green)") : QStringLiteral("error_rate 2.4 % > 2 % (green)"));
            QVERIFY2(lines.at(6).startsWith(u"no phases found"), qPrintable(lines.at(6)));
            QCOMPARE(lines.at(7), lines.at(8));
            QCOMPARE(lines.at(9), QStringLiteral("decision point"));
            QCOMPARE(lines.at(10), lines.at(11));
            QCOMPARE(lines.at(12), QStringLiteral("Cancel")); // no German buttons in an English window
            QCOMPARE(lines.mid(13), (QStringList{QStringLiteral("&Deployment"), QStringLiteral("&View"), QStringLiteral("&Settings"), QStringLiteral("&Help")}));
        }
    }

    // What scripts read does not change with the locale (the headless modes load no catalogue).
    void parseRunbookOutputIsLanguageNeutral()
    {
        QByteArray outputs[2];
        int i = 0;
        for (const QString &lang : {QStringLiteral("C"), QStringLiteral("de_DE.UTF-8")}) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
                env.remove(QString::fromLatin1(name));
            env.insert(QStringLiteral("LANG"), lang);
            QProcess console;
            console.setProcessEnvironment(env);
            console.start(QStringLiteral(STONECASTER_CONSOLE),
                          {QStringLiteral("--parse-runbook"), QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md")});
            QVERIFY(console.waitForFinished(60'000));
            QCOMPARE(console.exitCode(), 0);
            outputs[i++] = console.readAllStandardOutput();
        }
        QVERIFY(!outputs[0].isEmpty());
        QVERIFY(outputs[0] == outputs[1]);
    }
};

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], ChildOption) == 0)
            return printWindowLanguage(argc, argv);
    }
    QApplication app(argc, argv);
    TestTranslations test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
