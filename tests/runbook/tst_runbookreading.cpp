#include "runbook/runbookloader.h"
#include "runbook/runbookparser.h"
#include "runbook/runbookreading.h"

#include <QTest>

#include <algorithm>

// The reading the release manager confirms: built from the Runbook alone, the same text for
// the same reading, and a digest that follows every change of what was read.
class TestRunbookReading : public QObject
{
    Q_OBJECT

    static QString withLine(QString text, const QString &after, const QString &line)
    {
        const qsizetype at = text.indexOf(after);
        Q_ASSERT(at >= 0);
        text.insert(text.indexOf(QLatin1Char('\n'), at) + 1, line + QLatin1Char('\n'));
        return text;
    }

private Q_SLOTS:
    void referenceRunbookReadsCompletely()
    {
        const Runbook runbook = RunbookLoader::loadBundled();
        const RunbookReading reading(runbook);
        QVERIFY2(reading.isComplete(), qPrintable(reading.text()));
        QVERIFY(reading.hasPlan());
        QVERIFY(reading.hasAutoRollback());
        QVERIFY(reading.gaps().isEmpty());
        QCOMPARE(reading.plan().size(), runbook.trafficPlan.size());
        QCOMPARE(reading.rules().size(), runbook.rules.size());

        // Every rule with its tier, metric, comparison, value, unit and line.
        const QString text = reading.text();
        QVERIFY2(text.contains(QLatin1String("line 148: automatic rollback: error_rate > 2 %")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("line 102: decision point: error_rate > 1 %")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("line 103: decision point: response_time")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("x normal")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("line 84: 5 %, hold")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Not read:\n  (nothing")), qPrintable(text));
        for (const Rule &r : reading.rules())
            QVERIFY2(r.line > 0, qPrintable(r.id));

        const auto rule = std::find_if(reading.rules().cbegin(), reading.rules().cend(),
                                       [](const Rule &r) { return r.tier == RuleTier::AutoRollback && r.metric == RuleMetric::ErrorRate; });
        QVERIFY(rule != reading.rules().cend());
        QCOMPARE(RunbookReading::tierText(rule->tier).english(), QStringLiteral("automatic rollback"));
        QCOMPARE(RunbookReading::comparisonText(*rule).english(), QStringLiteral(">"));
        QCOMPARE(RunbookReading::valueText(*rule).english(), QStringLiteral("2"));
        QCOMPARE(RunbookReading::unitText(*rule).english(), QStringLiteral("%"));
        QCOMPARE(rule->line, 148);
    }

    void sameRunbookSameReading()
    {
        const RunbookReading a(RunbookLoader::loadBundled());
        const RunbookReading b(RunbookParser::parse(RunbookLoader::bundledText(), QStringLiteral("elsewhere.md")));
        QCOMPARE(a.text(), b.text());
        QCOMPARE(a.digest(), b.digest());
        QCOMPARE(a.digest().size(), 64); // SHA-256, hex
    }

    void digestFollowsARuleChange()
    {
        const QString original = RunbookLoader::bundledText();
        QString changed = original;
        changed.replace(QStringLiteral("- Error rate > 2%"), QStringLiteral("- Error rate > 3%"));
        QVERIFY(changed != original);
        const RunbookReading before(RunbookParser::parse(original));
        const RunbookReading after(RunbookParser::parse(changed));
        QVERIFY(before.digest() != after.digest());
        QVERIFY(after.text().contains(QLatin1String("automatic rollback: error_rate > 3 %")));

        // Text that is not part of the reading does not change it.
        QString prose = original;
        prose.replace(QStringLiteral("## Overview"), QStringLiteral("## Overview of the release"));
        QCOMPARE(RunbookReading(RunbookParser::parse(prose)).digest(), before.digest());
    }

    void unreadLinesAreListedAtTheirLines()
    {
        // An alerting threshold without a level: the parser says so at its line and leaves it out.
        const QString text = withLine(RunbookLoader::bundledText(), QStringLiteral("- **Info**: Error rate > 0.1%"), QStringLiteral("- **Urgent**: Error rate > 3%"));
        const Runbook runbook = RunbookParser::parse(text);
        QVERIFY2(!runbook.hasErrors(), "a runbook with unread lines still loads");
        const RunbookReading reading(runbook);
        QVERIFY(!reading.isComplete());
        QCOMPARE(reading.unread().size(), 1);
        QCOMPARE(reading.unread().first().line, 216);
        QVERIFY2(reading.text().contains(QLatin1String("Not read:\n  line 216: alerting threshold without a level")), qPrintable(reading.text()));
        QVERIFY(reading.digest() != RunbookReading(RunbookLoader::loadBundled()).digest());
    }

    // Holds in seconds read as written, and the digest tells them from whole minutes.
    void holdsInSecondsAreShownToTheSecond()
    {
        const QString plan = QStringLiteral("# Seconds\n\n## Phase 1: Shift (0-10 min)\n\n### Traffic shift\n"
                                            "- [ ] Start with 10% traffic to green\n- [ ] Hold %1\n"
                                            "- [ ] Increase to 50% traffic\n- [ ] Wait 45 s\n- [ ] Increase to 100% traffic\n");
        const RunbookReading reading(RunbookParser::parse(plan.arg(QStringLiteral("90 s"))));
        QVERIFY2(reading.text().contains(QLatin1String("line 6: 10 %, hold 1 min 30 s\n")), qPrintable(reading.text()));
        QVERIFY2(reading.text().contains(QLatin1String("line 8: 50 %, hold 45 s\n")), qPrintable(reading.text()));
        QCOMPARE(RunbookReading::stepText({10, 120'000, 6}), QStringLiteral("10 %, hold 2 min"));
        QVERIFY(reading.digest() != RunbookReading(RunbookParser::parse(plan.arg(QStringLiteral("1 min")))).digest());
        QCOMPARE(reading.digest(), RunbookReading(RunbookParser::parse(plan.arg(QStringLiteral("1m30s")))).digest());
    }

    void missingPlanAndAutoRollbackAreSaidPlainly()
    {
        const RunbookReading reading(RunbookParser::parse(QStringLiteral("# Small\n\n## Checks\n- [ ] Deploy\n")));
        QVERIFY(!reading.hasPlan());
        QVERIFY(!reading.hasAutoRollback());
        QCOMPARE(reading.gaps().size(), 2);
        QVERIFY(reading.gaps().at(0).english().startsWith(QLatin1String("No traffic plan")));
        QVERIFY(reading.gaps().at(1).english().startsWith(QLatin1String("No automatic-rollback rule")));
        QVERIFY(reading.text().contains(QLatin1String("Traffic plan:\n  (none)")));
        QVERIFY(reading.text().contains(QLatin1String("No automatic-rollback rule")));
        // "no traffic plan found" is also what the parser could not read.
        QVERIFY(!reading.isComplete());
    }
};

QTEST_GUILESS_MAIN(TestRunbookReading)
#include "tst_runbookreading.moc"
