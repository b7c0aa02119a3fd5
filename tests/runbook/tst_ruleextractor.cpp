#include "runbook/ruleextractor.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestRuleExtractor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tierForHeading_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<int>("tier");
        using T = RuleExtractor::HeadingTier;
        QTest::newRow("automatic rollback triggers") << "Automatic Rollback Triggers" << int(T::AutoRollback);
        QTest::newRow("auto-rollback") << "Auto-rollback" << int(T::AutoRollback);
        QTest::newRow("abort criteria") << "Abort Criteria" << int(T::AutoRollback);
        QTest::newRow("decision points") << "Rollback Decision Points" << int(T::DecisionPoint);
        QTest::newRow("consider rollback when") << "Consider rollback when" << int(T::DecisionPoint);
        QTest::newRow("alerting thresholds") << "Alerting Thresholds" << int(T::Alerting);
        QTest::newRow("alert levels") << "Alert Levels" << int(T::Alerting);
        QTest::newRow("key metrics") << "Key Metrics to Monitor" << int(T::Target);
        QTest::newRow("SLOs") << "Service Level Objectives" << int(T::Target);
        QTest::newRow("monitoring and alerting is not a tier") << "Monitoring and Alerting" << int(T::None);
        QTest::newRow("manual rollback process is not a tier") << "Manual Rollback Process" << int(T::None);
        QTest::newRow("monitoring during shift is not a tier") << "Monitoring During Shift" << int(T::None);
    }
    void tierForHeading()
    {
        QFETCH(QString, heading);
        QFETCH(int, tier);
        QCOMPARE(int(RuleExtractor::tierForHeading(heading)), tier);
    }

    void clause_data()
    {
        QTest::addColumn<QString>("clause");
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("op");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<int>("percentile");
        QTest::newRow("symbol and percent") << "Error rate > 2%" << "error_rate" << ">" << 2.0 << "%" << 0;
        QTest::newRow("multiple of normal") << "Response time > 3x normal" << "response_time" << ">" << 3.0 << "x_normal" << 0;
        QTest::newRow("times baseline") << "latency above 1.5 times the baseline" << "response_time" << ">" << 1.5 << "x_normal" << 0;
        QTest::newRow("database errors are not error rate") << "Database errors > 0.5%" << "db_error_rate" << ">" << 0.5 << "%" << 0;
        QTest::newRow("words for comparison") << "CPU usage exceeds 85 percent" << "resource_utilization" << ">" << 85.0 << "%" << 0;
        QTest::newRow("cpu/memory is one metric") << "Resource utilization: < 80% CPU/Memory" << "resource_utilization" << "<" << 80.0 << "%" << 0;
        QTest::newRow("p95 in milliseconds") << "Response Times: < 500ms p95" << "response_time" << "<" << 500.0 << "ms" << 95;
        QTest::newRow("bare percentile is response time") << "p99 > 1.2s" << "response_time" << ">" << 1.2 << "s" << 99;
        QTest::newRow("seconds spelled out") << "page load time over 3 seconds" << "page_load_time" << ">" << 3.0 << "s" << 0;
        QTest::newRow("query time") << "Database Performance: < 100ms query time" << "db_query_time" << "<" << 100.0 << "ms" << 0;
        QTest::newRow("less than") << "error rate less than 0.1%" << "error_rate" << "<" << 0.1 << "%" << 0;
        QTest::newRow("service down is an event") << "Critical service down" << "service_down" << "firing" << qQNaN() << "" << 0;
        QTest::newRow("health checks failing") << "Green health checks failing" << "service_down" << "firing" << qQNaN() << "" << 0;
        QTest::newRow("security alert") << "Security alert triggered" << "security_alert" << "firing" << qQNaN() << "" << 0;
    }
    void clause()
    {
        QFETCH(QString, clause);
        Phrase error;
        const QList<Rule> rules = RuleExtractor::parseClause(RuleTier::AutoRollback, clause, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error.english()));
        QCOMPARE(rules.size(), 1);
        const Rule &r = rules.first();
        QTEST(nameOf(r.metric), "metric");
        QTEST(nameOf(r.op), "op");
        QFETCH(double, value);
        if (qIsNaN(value))
            QVERIFY(!r.value);
        else
            QCOMPARE(r.value.value(), value);
        QTEST(nameOf(r.unit), "unit");
        QFETCH(int, percentile);
        QCOMPARE(r.percentile.value_or(0), percentile);
    }

    void badClause_data()
    {
        QTest::addColumn<QString>("clause");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unknown metric") << "Queue depth > 500" << "no known metric";
        QTest::newRow("no threshold") << "error rate climbing" << "no threshold";
        QTest::newRow("non-strict") << "error rate >= 1%" << "strict";
        QTest::newRow("at least") << "error rate at least 1%" << "strict";
        QTest::newRow("two thresholds") << "error rate > 1% > 2%" << "more than one threshold";
        QTest::newRow("bare multiple") << "latency > 2x" << "multiple of what";
        QTest::newRow("two metrics one threshold") << "error rate and latency > 2%" << "several metrics";
    }
    void badClause()
    {
        QFETCH(QString, clause);
        QFETCH(QString, messagePart);
        Phrase error;
        QVERIFY(RuleExtractor::parseClause(RuleTier::DecisionPoint, clause, &error).isEmpty());
        QVERIFY2(error.english().contains(messagePart), qPrintable(error.english()));
    }

    void lineWithTwoMetricsGivesTwoRules()
    {
        const RuleExtractor::Result r = RuleExtractor::extract(RuleTier::AlertCritical, QStringLiteral("Critical: Error rate > 1%, Response time > 2s"),
                                                               QStringLiteral("Critical"), QStringLiteral("Error rate > 1%, Response time > 2s"), 213);
        QVERIFY(r.diagnostics.isEmpty());
        QCOMPARE(r.rules.size(), 2);
        QCOMPARE(r.rules[0].metric, RuleMetric::ErrorRate);
        QCOMPARE(r.rules[1].metric, RuleMetric::ResponseTime);
        QCOMPARE(r.rules[1].unit, RuleUnit::Seconds);
        QCOMPARE(r.rules[1].line, 213);
        QCOMPARE(r.rules[1].tier, RuleTier::AlertCritical);
    }

    void wordsAfterTheRuleAreIgnored()
    {
        const RuleExtractor::Result r = RuleExtractor::extract(RuleTier::DecisionPoint, QStringLiteral("If error rate > 1%, consider rollback"), {}, {}, 102);
        QVERIFY(r.diagnostics.isEmpty());
        QCOMPARE(r.rules.size(), 1);
    }

    void lineWithoutRuleIsDiagnosed()
    {
        const RuleExtractor::Result r = RuleExtractor::extract(RuleTier::DecisionPoint, QStringLiteral("Ask the team lead"), {}, {}, 9);
        QVERIFY(r.rules.isEmpty());
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics.first().line, 9);
    }

    void alertLevel_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("tier"); // -1: none
        QTest::newRow("critical") << "Critical" << int(RuleTier::AlertCritical);
        QTest::newRow("warning") << "warning" << int(RuleTier::AlertWarning);
        QTest::newRow("info") << "Info" << int(RuleTier::AlertInfo);
        QTest::newRow("other") << "Error Rates" << -1;
    }
    void alertLevel()
    {
        QFETCH(QString, word);
        QFETCH(int, tier);
        const std::optional<RuleTier> level = RuleExtractor::alertLevel(word);
        QCOMPARE(level ? int(*level) : -1, tier);
    }

    // The clause reader matches by hand as the regular expressions it replaced did (PCRE2 here:
    // \s, \d, \w and \b ASCII only; "s" and "k" also match U+017F and U+212A) behind keyword
    // tests that read ASCII case only. These rows pin that reading; the expected values are
    // what the expressions gave.
    void clauseReadAsTheExpressionsDid_data()
    {
        QTest::addColumn<QString>("clause");
        QTest::addColumn<QString>("rule"); // "metric op value unit percentile", or part of the error
        QTest::newRow("keyword test reads ASCII case: ſql is no database") << u"ſql errors > 1%"_s << "error_rate > 1 % 0";
        QTest::newRow("a unit with ſ is no unit") << u"latency > 5 ſec"_s << "response_time > 5  0";
        QTest::newRow("unit in capitals") << "latency > 5 SEC" << "response_time > 5 s 0";
        QTest::newRow("is and two spaces") << "error rate is  above 1%" << "error_rate > 1 % 0";
        QTest::newRow("cpu alone before a longer word") << "cpu/memoryx usage > 5" << "resource_utilization > 5  0";
        QTest::newRow("cpu and memory as one") << "CPU / memory usage > 85%" << "resource_utilization > 85 % 0";
        QTest::newRow("times sign and usual") << u"latency > 2 × usual"_s << "response_time > 2 x_normal 0";
        QTest::newRow("decimal percentile") << "p99.9 latency > 800 ms" << "response_time > 800 ms 99";
        QTest::newRow("percentile spelled out") << "95th percentile response time above 1.2 seconds" << "response_time > 1.2 s 95";
        QTest::newRow("security with ſ is not known") << u"ſecurity alert triggered"_s << "no known metric";
        QTest::newRow("go down is not down") << "Critical services go down" << "no known metric";
        QTest::newRow("greater or equal sign") << u"Error rate ≥ 1%"_s << "not a strict comparison";
    }
    void clauseReadAsTheExpressionsDid()
    {
        QFETCH(QString, clause);
        QFETCH(QString, rule);
        Phrase error;
        const QList<Rule> rules = RuleExtractor::parseClause(RuleTier::Target, clause, &error);
        if (rules.isEmpty()) {
            QVERIFY2(error.english().contains(rule), qPrintable(error.english()));
            return;
        }
        QCOMPARE(rules.size(), 1);
        const Rule &r = rules.first();
        QCOMPARE(QStringLiteral("%1 %2 %3 %4 %5").arg(nameOf(r.metric), nameOf(r.op)).arg(r.value.value_or(-1)).arg(nameOf(r.unit)).arg(r.percentile.value_or(0)), rule);
    }

    void headingTierReadAsTheExpressionsDid_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<int>("tier");
        using T = RuleExtractor::HeadingTier;
        QTest::newRow("alerts alone") << "Alerts" << int(T::Alerting);
        QTest::newRow("targets alone") << "Targets" << int(T::Target);
        QTest::newRow("slo") << "SLO" << int(T::Target);
        QTest::newRow("rollback criteria") << "Rollback criteria" << int(T::DecisionPoint);
        QTest::newRow("two spaces") << "Key  Metrics" << int(T::Target);
    }
    void headingTierReadAsTheExpressionsDid()
    {
        QFETCH(QString, heading);
        QFETCH(int, tier);
        QCOMPARE(int(RuleExtractor::tierForHeading(heading)), tier);
    }
};

QTEST_GUILESS_MAIN(TestRuleExtractor)
#include "tst_ruleextractor.moc"
