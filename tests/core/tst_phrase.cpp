// Phrase: the engine's text, English for the journal and translated for the window.
#include "core/phrase.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTest>
#include <QTranslator>

namespace {

// A catalogue in code: German for the few sources these tests use; records what it was asked.
class FakeGerman : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int n) const override
    {
        asked << QLatin1String(context) + u'/' + QLatin1String(source) + u'/' + QString::number(n);
        const QLatin1String c(context);
        const QLatin1String s(source);
        if (c == QLatin1String("Test") && s == QLatin1String("the gate is closed: %1"))
            return QStringLiteral("das Gate ist geschlossen: %1");
        if (c == QLatin1String("Test") && s == QLatin1String("a rollback is running"))
            return QStringLiteral("ein Rollback läuft");
        if (c == QLatin1String("Test") && s == QLatin1String("%1 of %2 left"))
            return QStringLiteral("von %2 noch %1"); // another order
        if (c == QLatin1String("Test") && s == QLatin1String("%n items open (first: %1)"))
            return n == 1 ? QStringLiteral("%n Punkt offen (erster: %1)") : QStringLiteral("%n Punkte offen (erster: %1)");
        return {};
    }
    mutable QStringList asked;
};

} // namespace

class TestPhrase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        QLocale::setDefault(QLocale::c());
    }

    void englishFillsArgumentsInOnePass()
    {
        // An argument's own "%1" (a server's message, a runbook's words) is never filled again.
        const Phrase p = phrase("Test", "%1 of %2 left").arg(QStringLiteral("100%1")).arg(QStringLiteral("5:00"));
        QCOMPARE(p.english(), QStringLiteral("100%1 of 5:00 left"));
        QCOMPARE(p.translated(), p.english()); // no translator: English
        QCOMPARE(phrase("Test", "at %1%").arg(5).english(), QStringLiteral("at 5%"));
        QCOMPARE(phrase("Test", "%n items open (first: %1)", nullptr, 3).arg(QStringLiteral("x")).english(), QStringLiteral("3 items open (first: x)"));
    }

    void translatedNestedVerbatimAndReordered()
    {
        FakeGerman german;
        QVERIFY(QCoreApplication::installTranslator(&german));
        const Phrase inner = phrase("Test", "a rollback is running");
        const Phrase verbatim = Phrase::verbatim(QStringLiteral("a rollback is running")); // e.g. a runbook's text
        const Phrase p = phrase("Test", "the gate is closed: %1").arg(Phrase::list({inner, verbatim}, QStringLiteral("; ")));
        QCOMPARE(p.english(), QStringLiteral("the gate is closed: a rollback is running; a rollback is running"));
        QCOMPARE(p.translated(), QStringLiteral("das Gate ist geschlossen: ein Rollback läuft; a rollback is running"));
        QCOMPARE(phrase("Test", "%1 of %2 left").arg(QStringLiteral("1:00")).arg(QStringLiteral("5:00")).translated(), QStringLiteral("von 5:00 noch 1:00"));
        // The count chooses the form and fills %n.
        const Phrase plural = phrase("Test", "%n items open (first: %1)", nullptr, 2).arg(QStringLiteral("Backup"));
        QCOMPARE(plural.translated(), QStringLiteral("2 Punkte offen (erster: Backup)"));
        QVERIFY(german.asked.contains(QStringLiteral("Test/%n items open (first: %1)/2")));
        // Something the catalogue lacks stays English.
        QCOMPARE(phrase("Test", "not in the catalogue").translated(), QStringLiteral("not in the catalogue"));
        // Equal is: says the same in English.
        QVERIFY(inner == Phrase::verbatim(QStringLiteral("a rollback is running")));
        QVERIFY(!(inner == phrase("Test", "the gate is closed: %1")));
        QCoreApplication::removeTranslator(&german);
    }

    void numbersInTheReadersLocale()
    {
        const Phrase p = phrase("Test", "%1 of %2 left").arg(Phrase::number(2.4, QStringLiteral("2.4"))).arg(Phrase::number(1e12, QStringLiteral("1e+12")));
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(p.english(), QStringLiteral("2.4 of 1e+12 left")); // the journal's English never changes
        QCOMPARE(p.translated(), QStringLiteral("2,4 of 1e+12 left")); // not a plain decimal: as written
        QCOMPARE(Phrase::number(0.05, QStringLiteral("0.05")).translated(), QStringLiteral("0,05"));
        QCOMPARE(Phrase::number(-3, QStringLiteral("-3")).translated(), QStringLiteral("-3"));
    }

    void statusKeepsEnglishAndPhrase()
    {
        FakeGerman german;
        QVERIFY(QCoreApplication::installTranslator(&german));
        const Status s = Status::failure(phrase("Test", "a rollback is running"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error(), QStringLiteral("a rollback is running"));
        QCOMPARE(s.errorPhrase().translated(), QStringLiteral("ein Rollback läuft"));
        const Status plain = Status::failure(QStringLiteral("disk I/O error"));
        QCOMPARE(plain.errorPhrase().translated(), QStringLiteral("disk I/O error"));
        QVERIFY(Phrase().isEmpty());
        QVERIFY(Phrase::list({}, QStringLiteral("; ")).isEmpty());
        QCoreApplication::removeTranslator(&german);
    }
};

QTEST_GUILESS_MAIN(TestPhrase)
#include "tst_phrase.moc"
