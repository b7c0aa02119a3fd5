#include "runbook/idslug.h"

#include <QTest>

class TestIdSlug : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fromText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("slug");
        QTest::newRow("plain words") << "Run smoke tests" << "run-smoke-tests";
        QTest::newRow("punctuation collapses") << "Terraform/Pulumi plans  reviewed!" << "terraform-pulumi-plans-reviewed";
        QTest::newRow("percent kept as number") << "Start with 5% traffic to green" << "start-with-5-traffic-to-green";
        QTest::newRow("accents dropped") << "Vérifier la base" << "verifier-la-base";
        QTest::newRow("apostrophe joins") << "Don't panic" << "dont-panic";
        QTest::newRow("empty gives a name") << "!!!" << "item";
    }
    void fromText()
    {
        QFETCH(QString, text);
        QFETCH(QString, slug);
        QCOMPARE(IdSlug::fromText(text), slug);
    }

    void normalizedHeading_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("phase number and window dropped") << "Phase 3: Traffic Shift (60-90 minutes)" << "Traffic Shift";
        QTest::newRow("list numbering dropped") << "1. Code Review and Testing" << "Code Review and Testing";
        QTest::newRow("stage in hours") << "Stage 2 - Canary (1-2 hours)" << "Canary";
        QTest::newRow("plain heading kept") << "Rollback Procedures" << "Rollback Procedures";
    }
    void normalizedHeading()
    {
        QFETCH(QString, heading);
        QFETCH(QString, normalized);
        QCOMPARE(IdSlug::normalizedHeading(heading), normalized);
    }

    void uniqueIdsSuffixDuplicates()
    {
        IdSlug::UniqueIds ids;
        QCOMPARE(ids.take(QStringLiteral("a")), QStringLiteral("a"));
        QCOMPARE(ids.take(QStringLiteral("a-2")), QStringLiteral("a-2"));
        QCOMPARE(ids.take(QStringLiteral("a")), QStringLiteral("a-3"));
        QCOMPARE(ids.take(QStringLiteral("a")), QStringLiteral("a-4"));
    }

    void normalizedHeadingByHand_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("roman stage number") << "Stage ii - Canary (1-2 hours)" << "Canary";
        QTest::newRow("nested numbering") << "1.2.3 Code Review" << "Code Review";
        QTest::newRow("prefix alone is kept") << "Phase 4:" << "Phase 4:";
        QTest::newRow("window with T+") << "Rollback (T+0 to T+30 min)" << "Rollback";
        QTest::newRow("parentheses without a number stay") << "Rollback (manual)" << "Rollback (manual)";
    }
    void normalizedHeadingByHand()
    {
        QFETCH(QString, heading);
        QFETCH(QString, normalized);
        QCOMPARE(IdSlug::normalizedHeading(heading), normalized);
    }

    void uniqueIdsInTheCallersIndex()
    {
        IdSlug::UniqueIds ids;
        QHash<QString, int> index;
        QCOMPARE(ids.insert(index, QStringLiteral("a"), 1), QStringLiteral("a"));
        QCOMPARE(ids.insert(index, QStringLiteral("a-2"), 2), QStringLiteral("a-2"));
        QCOMPARE(ids.insert(index, QStringLiteral("a"), 3), QStringLiteral("a-3"));
        QCOMPARE(ids.insert(index, QStringLiteral("a"), 4), QStringLiteral("a-4"));
        QCOMPARE(index.size(), 4);
        QCOMPARE(index.value(QStringLiteral("a-3")), 3);
    }

    void longTextGivesEightyCharacters()
    {
        const QString slug = IdSlug::fromText(QString(30, QLatin1Char('a')) + QLatin1Char(' ') + QString(49, QLatin1Char('b')) + QStringLiteral(" c d"));
        QCOMPARE(slug.size(), 80);
        QVERIFY(slug.endsWith(QLatin1Char('b'))); // the separator at 81 is dropped, not kept
    }
};

QTEST_GUILESS_MAIN(TestIdSlug)
#include "tst_idslug.moc"
