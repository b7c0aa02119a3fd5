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
};

QTEST_GUILESS_MAIN(TestIdSlug)
#include "tst_idslug.moc"
