#include "runbook/trafficplanextractor.h"

#include <QTest>

class TestTrafficPlanExtractor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stepPercent_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("percent"); // -1: not a step
        QTest::newRow("start with") << "Start with 5% traffic to green" << 5;
        QTest::newRow("increase to") << "Increase to 100% if stable" << 100;
        QTest::newRow("percent spelled out") << "Shift 60 percent of traffic to green" << 60;
        QTest::newRow("noun instead of verb") << "Canary at 1% of requests" << 1;
        QTest::newRow("threshold is not a step") << "If error rate > 1%, consider rollback" << -1;
        QTest::newRow("below is not a step") << "Keep CPU below 80%" << -1;
        QTest::newRow("no percent") << "Monitor metrics for 5 minutes" << -1;
        QTest::newRow("decimal percent is not a step") << "Route 0.5% of traffic to green" << -1;
        QTest::newRow("two percents are not guessed") << "Move 10% of the 50% pool" << -1;
        QTest::newRow("no action or traffic noun") << "Check 100% of pods ready" << -1;
    }
    void stepPercent()
    {
        QFETCH(QString, text);
        QFETCH(int, percent);
        QCOMPARE(TrafficPlanExtractor::stepPercent(text).value_or(-1), percent);
    }

    void holdMs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("seconds"); // -1: no hold
        QTest::addColumn<bool>("error");
        QTest::newRow("monitor for") << "Monitor metrics for 5 minutes" << 300 << false;
        QTest::newRow("wait without for") << "Wait 20 min" << 1200 << false;
        QTest::newRow("hours") << "Soak for at least 1 hour" << 3600 << false;
        QTest::newRow("seconds as whole minutes") << "Hold for 120 seconds" << 120 << false;
        QTest::newRow("hyphenated duration first") << "30-minute soak" << 1800 << false;
        QTest::newRow("seconds") << "Wait 90 seconds" << 90 << false;
        QTest::newRow("s") << "Hold 90 s" << 90 << false;
        QTest::newRow("fraction of a minute") << "Monitor for 1.5 min" << 90 << false;
        QTest::newRow("compound") << "Hold 1m30s" << 90 << false;
        QTest::newRow("compound with spaces") << "Wait 1 min 30 s" << 90 << false;
        QTest::newRow("hours and minutes") << "Soak for 1h30m" << 5400 << false;
        QTest::newRow("hours, minutes and seconds") << "Soak for 1h 2m 3s" << 3723 << false;
        QTest::newRow("larger unit after is not compound") << "Wait 10 s 2 h" << 10 << false;
        QTest::newRow("ninety seconds") << "Wait ninety seconds" << 90 << false;
        QTest::newRow("seconds before soak") << "45-second soak" << 45 << false;
        QTest::newRow("fraction of a second is refused") << "Wait 2.5 seconds" << -1 << true;
        QTest::newRow("longer than a week is refused") << "Soak for 200 hours" << -1 << true;
        QTest::newRow("no hold") << "Increase to 10% if stable" << -1 << false;
    }
    void holdMs()
    {
        QFETCH(QString, text);
        QFETCH(int, seconds);
        QFETCH(bool, error);
        Phrase message;
        QCOMPARE(TrafficPlanExtractor::holdMs(text, &message).value_or(-1000), qint64(seconds) * 1000);
        QCOMPARE(!message.isEmpty(), error);
    }

    void durationCells_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("unit"); // the header's
        QTest::addColumn<int>("seconds"); // -1: refused
        QTest::newRow("90 s") << "90 s" << "" << 90;
        QTest::newRow("1m30s") << "1m30s" << "" << 90;
        QTest::newRow("1.5 min") << "1.5 min" << "" << 90;
        QTest::newRow("ten minutes") << "ten minutes" << "" << 600;
        QTest::newRow("bare seconds under (s)") << "45" << "s" << 45;
        QTest::newRow("bare minutes under (min)") << "10" << "min" << 600;
        QTest::newRow("bare fraction under (min)") << "0.5" << "min" << 30;
        QTest::newRow("trailing words") << "1m30s or so" << "" << -1;
        QTest::newRow("part of a second") << "0.5 s" << "" << -1;
    }
    void durationCells()
    {
        QFETCH(QString, cell);
        QFETCH(QString, unit);
        QFETCH(int, seconds);
        Phrase message;
        const std::optional<qint64> ms = TrafficPlanExtractor::durationMs(cell, unit, &message);
        QCOMPARE(ms.value_or(-1000), qint64(seconds) * 1000);
        QCOMPARE(message.isEmpty(), seconds >= 0);
    }

    void stepAndHoldOnOneLine()
    {
        TrafficPlanExtractor e;
        e.addLine(QStringLiteral("Shift 5% to green and hold for 10 minutes"), 1);
        e.addLine(QStringLiteral("Shift 100% to green"), 2);
        e.finish();
        QCOMPARE(e.steps().size(), 2);
        QCOMPARE(e.steps()[0].holdMs, std::optional<qint64>(10 * 60'000));
        QVERIFY(!e.steps()[1].holdMs);
        QVERIFY(e.diagnostics().isEmpty());
    }

    void missingHoldAndEndBelowHundredAreReported()
    {
        TrafficPlanExtractor e;
        e.addLine(QStringLiteral("Shift 5% to green"), 3);
        e.addLine(QStringLiteral("Shift 50% to green"), 4);
        e.finish();
        QCOMPARE(e.diagnostics().size(), 2);
        QCOMPARE(e.diagnostics()[0].line, 3);
        QVERIFY(e.diagnostics()[0].message.english().contains(QLatin1String("no monitoring hold")));
        QCOMPARE(e.diagnostics()[1].line, 4);
        QVERIFY(e.diagnostics()[1].message.english().contains(QLatin1String("ends at 50%")));
    }

    void holdBeforeAnyStepAndSecondHold()
    {
        TrafficPlanExtractor e;
        e.addLine(QStringLiteral("Wait 5 minutes"), 1);
        e.addLine(QStringLiteral("Shift 10% to green"), 2);
        e.addLine(QStringLiteral("Wait 5 minutes"), 3);
        e.addLine(QStringLiteral("Wait 10 minutes"), 4);
        e.addLine(QStringLiteral("Shift 100% to green"), 5);
        e.finish();
        QCOMPARE(e.steps().size(), 2);
        QCOMPARE(e.steps()[0].holdMs, std::optional<qint64>(5 * 60'000));
        QCOMPARE(e.diagnostics().size(), 2);
        QCOMPARE(e.diagnostics()[0].line, 1);
        QCOMPARE(e.diagnostics()[1].line, 4);
        QCOMPARE(e.diagnostics()[1].severity, Diagnostic::Severity::Error);
    }

    void isTrafficHeading()
    {
        QVERIFY(TrafficPlanExtractor::isTrafficHeading(QStringLiteral("Gradual Traffic Shift")));
        QVERIFY(TrafficPlanExtractor::isTrafficHeading(QStringLiteral("Canary")));
        QVERIFY(!TrafficPlanExtractor::isTrafficHeading(QStringLiteral("Rollback Decision Points")));
        QVERIFY(!TrafficPlanExtractor::isTrafficHeading(QStringLiteral("Post-Deployment Testing")));
    }

    // Steps, holds and traffic headings are read by hand as the expressions they replaced read
    // them; the expected values are what the expressions gave.
    void readAsTheExpressionsDid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("percent"); // -1: not a step
        QTest::addColumn<int>("minutes"); // -1: no hold
        QTest::addColumn<bool>("heading"); // a traffic-shift heading
        QTest::newRow("at least, in hours") << "Monitor for at least 2 hours" << -1 << 120 << false;
        QTest::newRow("duration before bake") << "15-minute bake" << -1 << 15 << false;
        QTest::newRow("minutes of monitoring") << "10 minutes of monitoring" << -1 << 10 << false;
        QTest::newRow("space before the percent sign") << "Shift 20 % to green" << 20 << -1 << true;
        QTest::newRow("decimal step") << "Increase to 5.5%" << -1 << -1 << false;
        QTest::newRow("two percents") << "Move 10% of the 50% of users" << -1 << -1 << false;
        QTest::newRow("ramp-up") << "Ramp-up" << -1 << -1 << true;
        QTest::newRow("cut-over") << "Cut-over" << -1 << -1 << true;
        QTest::newRow("weights") << "Weights" << -1 << -1 << true;
    }
    void readAsTheExpressionsDid()
    {
        QFETCH(QString, text);
        QFETCH(int, percent);
        QFETCH(int, minutes);
        QFETCH(bool, heading);
        Phrase message;
        QCOMPARE(TrafficPlanExtractor::stepPercent(text).value_or(-1), percent);
        QCOMPARE(TrafficPlanExtractor::holdMs(text, &message).value_or(-60'000), qint64(minutes) * 60'000);
        QCOMPARE(TrafficPlanExtractor::isTrafficHeading(text), heading);
    }
};

QTEST_GUILESS_MAIN(TestTrafficPlanExtractor)
#include "tst_trafficplanextractor.moc"
