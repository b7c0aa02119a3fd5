// The report's content against the journal it was made from: every section there, the traffic
// timeline's steps, the decision record's numbers (threshold in force with "normal" in ms,
// blue's value from the samples, how long a breach lasted), procedures, checklist, status
// updates, and the phases against their planned windows.
#include "reportdocumentsearch.h"
#include "reportfixture.h"

#include "report/decisionrecordsection.h"
#include "report/reportbuilder.h"
#include "report/reportdata.h"
#include "report/reportdataloader.h"
#include "report/reporttext.h"

#include <QTest>

#include <cmath>

using namespace ReportSearch;

class TestReportBuilder : public QObject
{
    Q_OBJECT

    ReportFixture m_fixture;

    static int countEvents(const ReportData &data, DeploymentEvent::Kind kind)
    {
        return int(std::count_if(data.events.cbegin(), data.events.cend(), [kind](const DeploymentEvent &e) { return e.kind == kind; }));
    }

private Q_SLOTS:
    void everySectionIsThere_data()
    {
        QTest::addColumn<ReportJournal::Scenario>("scenario");
        QTest::newRow("completed") << ReportJournal::Scenario::Completed;
        QTest::newRow("rolled back") << ReportJournal::Scenario::RolledBack;
        QTest::newRow("in progress") << ReportJournal::Scenario::InProgress;
    }
    void everySectionIsThere()
    {
        QFETCH(ReportJournal::Scenario, scenario);
        const std::optional<ReportData> data = m_fixture.load(scenario);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const ReportDocument doc = ReportBuilder::build(*data);
        QStringList anchors;
        for (const ReportBlock &b : doc.blocks) {
            if (b.kind == ReportBlock::Kind::Heading && b.level == 2)
                anchors << b.anchor;
        }
        QCOMPARE(anchors, (QStringList{QStringLiteral("summary"), QStringLiteral("traffic-timeline"), QStringLiteral("metrics"), QStringLiteral("decision-record"),
                                       QStringLiteral("procedures"), QStringLiteral("checklist"), QStringLiteral("status-updates")}));
        QCOMPARE(doc.charts.size(), MetricCount);
        QCOMPARE(ofKind(section(doc, QStringLiteral("metrics")), ReportBlock::Kind::Chart).size(), MetricCount);
        QCOMPARE(doc.runningNotice.isEmpty(), scenario != ReportJournal::Scenario::InProgress);
        QCOMPARE(doc.outcome, scenario == ReportJournal::Scenario::Completed    ? QStringLiteral("Completed")
                              : scenario == ReportJournal::Scenario::RolledBack ? QStringLiteral("Rolled back")
                                                                                 : QStringLiteral("In progress"));
        // One row per traffic command, as journaled.
        const QList<ReportBlock> timeline = ofKind(section(doc, QStringLiteral("traffic-timeline")), ReportBlock::Kind::Table);
        QCOMPARE(timeline.size(), 1);
        QCOMPARE(timeline.first().rows.size(), countEvents(*data, DeploymentEvent::Kind::TrafficCommanded));
        // One entry per gate change, breach, override and rollback.
        const int decisions = countEvents(*data, DeploymentEvent::Kind::GateChanged) + countEvents(*data, DeploymentEvent::Kind::RuleBreached)
            + countEvents(*data, DeploymentEvent::Kind::GateOverridden) + countEvents(*data, DeploymentEvent::Kind::RollbackStarted);
        QCOMPARE(ofKind(section(doc, QStringLiteral("decision-record")), ReportBlock::Kind::Entry).size(), decisions);
        // Every checkable item of the runbook once.
        int items = 0;
        for (const ReportBlock &b : ofKind(section(doc, QStringLiteral("checklist")), ReportBlock::Kind::Table))
            items += int(b.rows.size());
        QCOMPARE(items, int(data->runbook.checkableItems().size()));
        QCOMPARE(ofKind(section(doc, QStringLiteral("status-updates")), ReportBlock::Kind::Entry).size(), data->state.statusUpdates.size());
    }

    void theDecisionRecordHasTheNumbersBehindEachDecision()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::RolledBack);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const ReportDocument doc = ReportBuilder::build(*data);
        const QList<ReportBlock> triggers = entriesContaining(doc, QStringLiteral("Automatic trigger: response_time"));
        QCOMPARE(triggers.size(), 1);
        const ReportBlock &t = triggers.first();
        QCOMPARE(t.tone, ReportCell::Tone::Bad);
        QVERIFY(t.text.startsWith(QStringLiteral("08:39:30 (T+0:39:30)")));
        QCOMPARE(fact(t, QStringLiteral("Rule")), QStringLiteral("\"Response time > 3x normal\" (runbook line 149, auto-rollback.response_time)"));
        // The query and blue's value as journaled with the breach...
        QCOMPARE(fact(t, QStringLiteral("Evaluated")),
                 QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{color=\"green\"}[1m])))"));
        QCOMPARE(fact(t, QStringLiteral("Blue")), QStringLiteral("176.3 ms (its latest value then)"));
        QCOMPARE(fact(t, QStringLiteral("Green")), QStringLiteral("531 ms"));
        QCOMPARE(fact(t, QStringLiteral("Threshold in force")), QStringLiteral("> 527.4 ms (3x normal; normal was 175.8 ms)"));
        QCOMPARE(fact(t, QStringLiteral("Lasted")), QStringLiteral("2 s, until 08:39:32 (T+0:39:32) (traffic left green)"));

        // ...and where a journal has neither, the profile's query and blue's sample at that moment.
        const ReportBlock point = entriesContaining(doc, QStringLiteral("Decision point breached: response_time")).value(0);
        QCOMPARE(fact(point, QStringLiteral("Evaluated")),
                 QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(demo_request_duration_seconds_bucket{color=\"green\"}[1m])))"));
        const std::optional<Sample> blue = data->valueAt(Metric::ResponseTime, Color::Blue, ReportJournal::StartMs + 38 * ReportJournal::Minute);
        QVERIFY(blue);
        QCOMPARE(fact(point, QStringLiteral("Blue")), QStringLiteral("%1 (sampled at 08:38:00)").arg(ReportText::value(blue->value, QStringLiteral("ms"))));
        QCOMPARE(fact(point, QStringLiteral("Rule")), QStringLiteral("\"If response time > 2x normal, consider rollback\" (runbook line 103, decision-point.response_time)"));
        QCOMPARE(fact(point, QStringLiteral("Threshold in force")), QStringLiteral("> 351.6 ms (2x normal; normal was 175.8 ms)"));
        QCOMPARE(fact(point, QStringLiteral("Green")), QStringLiteral("412.5 ms"));
        QVERIFY(fact(point, QStringLiteral("For")).startsWith(QStringLiteral("breaching since 08:37:40 (T+0:37:40)")));

        const ReportBlock rollback = entriesContaining(doc, QStringLiteral("Rollback started automatically")).value(0);
        qsizetype triggerAt = -1, rollbackAt = -1;
        for (qsizetype i = 0; i < doc.blocks.size(); ++i) {
            if (doc.blocks[i].text.contains(u"Automatic trigger: response_time"))
                triggerAt = i;
            if (doc.blocks[i].text.contains(u"Rollback started automatically"))
                rollbackAt = i;
        }
        QVERIFY(triggerAt >= 0 && triggerAt < rollbackAt); // the cause before its effect
        QCOMPARE(fact(rollback, QStringLiteral("Rule")), QStringLiteral("\"Response time > 3x normal\" (runbook line 149, auto-rollback.response_time)"));

        const ReportBlock closed = entriesContaining(doc, QStringLiteral("Gate closed at 25 %")).value(0);
        QCOMPARE(fact(closed, QStringLiteral("Because")), QStringLiteral("monitoring hold at 25%: 15:00 of 15:00 left"));
        QCOMPARE(fact(closed, QStringLiteral("Closed for")), QStringLiteral("2 min 40 s"));
    }

    void aTriggerJournaledAfterItsRollbackStillComesFirst()
    {
        // On an accelerated clock the trigger's breach is journaled seconds after the rollback
        // it started (the demo at --time-scale 300: 1.8 s of deployment time).
        std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::RolledBack);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        for (DeploymentEvent &e : data->events) {
            if (e.kind == DeploymentEvent::Kind::RuleBreached && e.payload.value(QStringLiteral("ruleId")).toString() == u"auto-rollback.response_time")
                e.atMs += 1800;
        }
        const ReportDocument doc = ReportBuilder::build(*data);
        qsizetype triggerAt = -1, rollbackAt = -1;
        for (qsizetype i = 0; i < doc.blocks.size(); ++i) {
            if (doc.blocks[i].text.contains(u"Automatic trigger: response_time"))
                triggerAt = i;
            if (doc.blocks[i].text.contains(u"Rollback started automatically"))
                rollbackAt = i;
        }
        QVERIFY(triggerAt >= 0 && rollbackAt >= 0);
        QCOMPARE(triggerAt + 1, rollbackAt);
        QVERIFY(doc.blocks[triggerAt].text.startsWith(u"08:39:31 (T+0:39:31)")); // shown at its own time
    }

    // The reading the console acted on, confirmed by a person (or accepted by a headless run),
    // and traffic found elsewhere than commanded are decisions' context: both are in the record.
    void theDecisionRecordHasTheReadingAndTrafficDrift()
    {
        std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::RolledBack);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const QString id = data->events.constFirst().deploymentId;
        const qint64 t0 = ReportJournal::StartMs;
        data->events.insert(1, DeploymentEvent::make(DeploymentEvent::Kind::ReadingConfirmed, id, t0 + 30 * ReportJournal::Second, QStringLiteral("alice"), {},
                                                     {{QStringLiteral("digest"), QStringLiteral("97d110d79259f9f2de09cdcbd34fb6e4207676e88b00291f1e34ff24404f0bd3")},
                                                      {QStringLiteral("reading"), QStringLiteral("Traffic plan:\n  line 84: 5 %, hold 5 min")},
                                                      {QStringLiteral("acceptedBy"), QStringLiteral("operator")}}));
        const auto drift = [&](qint64 at, int observed, bool ended) {
            return DeploymentEvent::make(DeploymentEvent::Kind::TrafficDrift, id, at, QStringLiteral("alice"), {},
                                         {{QStringLiteral("commanded"), 10}, {QStringLiteral("observed"), observed}, {QStringLiteral("source"), QStringLiteral("measured")},
                                          {QStringLiteral("ended"), ended}, {QStringLiteral("detail"), QStringLiteral("commanded 10% green but the measured share (traffic_share) is 31.0% for 6 s")}});
        };
        // In time order among the journal's events: the loader hands them over in sequence.
        const auto at = [&](qint64 ms) {
            qsizetype i = 0;
            while (i < data->events.size() && data->events[i].atMs <= ms)
                ++i;
            return i;
        };
        const qint64 driftAt = t0 + 12 * ReportJournal::Minute;
        data->events.insert(at(driftAt), drift(driftAt, 31, false));
        data->events.insert(at(driftAt + 20 * ReportJournal::Second), drift(driftAt + 20 * ReportJournal::Second, 10, true));

        const ReportDocument doc = ReportBuilder::build(*data);
        const ReportBlock reading = entriesContaining(doc, QStringLiteral("Runbook reading confirmed by alice")).value(0);
        QVERIFY2(reading.text.startsWith(QStringLiteral("08:00:30 (T+0:00:30)")), qPrintable(reading.text));
        QCOMPARE(fact(reading, QStringLiteral("Reading digest (SHA-256)")), QStringLiteral("97d110d79259f9f2de09cdcbd34fb6e4207676e88b00291f1e34ff24404f0bd3"));
        QVERIFY(reading.detail.contains(QStringLiteral("line 84: 5 %, hold 5 min")));

        const ReportBlock found = entriesContaining(doc, QStringLiteral("Traffic found elsewhere than commanded")).value(0);
        QCOMPARE(found.text, QStringLiteral("08:12:00 (T+0:12:00) Traffic found elsewhere than commanded: 10 % green commanded, 31 % measured (traffic_share)"));
        QCOMPARE(found.tone, ReportCell::Tone::Bad);
        QVERIFY(fact(found, QStringLiteral("Detail")).contains(QStringLiteral("31.0%")));
        const ReportBlock back = entriesContaining(doc, QStringLiteral("Traffic back where commanded")).value(0);
        QCOMPARE(back.text, QStringLiteral("08:12:20 (T+0:12:20) Traffic back where commanded: 10 % green"));
        QCOMPARE(back.tone, ReportCell::Tone::Good);
    }

    void aBreachLastsUntilGreenIsBackUnderTheThreshold()
    {
        ReportData data;
        Rule rule;
        rule.id = QStringLiteral("decision-point.error_rate");
        rule.metric = RuleMetric::ErrorRate;
        rule.op = RuleOp::Greater;
        std::vector<Sample> green{{1000, 0.5}, {2000, 1.5}, {3000, std::nan("")}, {4000, 1.2}, {5000, 0.9}, {6000, 1.4}};
        data.samples.insert({Metric::ErrorRate, Color::Green}, green);
        QString how;
        QCOMPARE(DecisionRecordSection::breachEnd(data, rule, 1.0, 2000, &how), std::optional<qint64>(5000));
        QCOMPARE(how, QStringLiteral("green back at 0.9 %"));
        QCOMPARE(DecisionRecordSection::breachEnd(data, rule, 1.0, 6000, &how), std::nullopt);
        rule.op = RuleOp::Less; // a target: breached while below
        QCOMPARE(DecisionRecordSection::breachEnd(data, rule, 1.0, 1000, &how), std::optional<qint64>(2000));
    }

    void theTrafficTimelineSaysWhoMovedItAndWhatTheGateSaid()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::Completed);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const ReportDocument doc = ReportBuilder::build(*data);
        const ReportBlock table = ofKind(section(doc, QStringLiteral("traffic-timeline")), ReportBlock::Kind::Table).value(0);
        QCOMPARE(table.rows.size(), 5);
        QCOMPARE(table.rows[0][1].text, QStringLiteral("0 % → 5 %"));
        QCOMPARE(table.rows[0][2].text, QStringLiteral("alice"));
        QCOMPARE(table.rows[0][3].text, QStringLiteral("gate open: pre-shift checklist done, green healthy"));
        QCOMPARE(table.rows[0][4].text, QStringLiteral("applied after 2 s; green observed at 5 %"));
        const QList<ReportCell> &override = table.rows[4];
        QCOMPARE(override[1].text, QStringLiteral("50 % → 100 %"));
        QCOMPARE(override[2].text, QStringLiteral("carol <b>on call</b>"));
        QCOMPARE(override[3].tone, ReportCell::Tone::Bad);
        QCOMPARE(override[3].text, QStringLiteral("OVERRIDDEN by carol <b>on call</b>: \"change window closes at 09:05; metrics flat for 12 min\". "
                                                  "The gate was closed: monitoring hold at 50%: 8:26 of 20:00 left"));
    }

    void phasesAreMeasuredAgainstTheirWindows()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::Completed);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        ReportData late = *data;
        // Validation (planned T+90-120 min) checked at T+70 in the journal: move it to T+131.
        for (DeploymentEvent &e : late.events) {
            if (e.kind == DeploymentEvent::Kind::ItemChecked && e.itemId.startsWith(u"validation/"))
                e.atMs = ReportJournal::StartMs + 131 * ReportJournal::Minute;
        }
        const ReportDocument doc = ReportBuilder::build(late);
        const ReportBlock phases = ofKind(section(doc, QStringLiteral("summary")), ReportBlock::Kind::Table).value(0);
        QCOMPARE(phases.header.last(), QStringLiteral("Against plan"));
        const QList<ReportCell> validation = phases.rows.value(3);
        QCOMPARE(validation[0].text, QStringLiteral("Phase 4: Validation"));
        QCOMPARE(validation[1].text, QStringLiteral("T+90–120 min"));
        QCOMPARE(validation.last().tone, ReportCell::Tone::Bad);
        QCOMPARE(validation.last().text, QStringLiteral("OVER-RUN: finished 11 min past its window"));
        QCOMPARE(phases.rows.value(0).last().tone, ReportCell::Tone::Good); // preparation within T+0-30
        QCOMPARE(phases.rows.value(4).last().text, QStringLiteral("not started")); // cleanup: its window is later than the report
    }

    void theEnvironmentIsTheOneJournaledAtTheStart_data()
    {
        QTest::addColumn<QString>("journaled");
        QTest::addColumn<QString>("console");
        QTest::addColumn<bool>("consoleSimulated");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<ReportCell::Tone>("tone");
        // A recorded deployment reported later from a console in another environment.
        QTest::newRow("journaled profile, console on the demo")
            << QStringLiteral("checkout-prod (profile prod.json)") << QStringLiteral("DEMO (simulated, scenario healthy)") << true
            << QStringLiteral("checkout-prod (profile prod.json)") << ReportCell::Tone::Plain;
        QTest::newRow("journaled demo, console on a profile")
            << QStringLiteral("DEMO (simulated, scenario latency-regression)") << QStringLiteral("checkout-prod (profile prod.json)") << false
            << QStringLiteral("DEMO (simulated, scenario latency-regression)") << ReportCell::Tone::Warn;
        QTest::newRow("older journal without it: the console's")
            << QString() << QStringLiteral("DEMO (simulated, scenario healthy)") << true << QStringLiteral("DEMO (simulated, scenario healthy)") << ReportCell::Tone::Warn;
        QTest::newRow("neither") << QString() << QString() << false << QStringLiteral("not recorded") << ReportCell::Tone::Muted;
    }
    void theEnvironmentIsTheOneJournaledAtTheStart()
    {
        QFETCH(QString, journaled);
        QFETCH(QString, console);
        QFETCH(bool, consoleSimulated);
        QFETCH(QString, shown);
        QFETCH(ReportCell::Tone, tone);
        std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::Completed);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        data->state.environment = journaled;
        data->environment.name = console;
        data->environment.simulated = consoleSimulated;
        const QList<ReportBlock> summary = ofKind(section(ReportBuilder::build(*data), QStringLiteral("summary")), ReportBlock::Kind::Facts);
        QVERIFY(!summary.isEmpty());
        const auto it = std::find_if(summary.first().facts.cbegin(), summary.first().facts.cend(), [](const ReportFact &f) { return f.first == u"Environment"; });
        QVERIFY(it != summary.first().facts.cend());
        QCOMPARE(it->second.text, shown);
        QCOMPARE(it->second.tone, tone);
    }

    void aClosedDeploymentsSamplesEndAtItsClose()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::Completed);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        QVERIFY(data->state.closed);
        const qint64 close = data->state.closedAtMs;
        // The live store the window hands over keeps polling after the close.
        QHash<SeriesKey, std::vector<Sample>> live;
        live[SeriesKey{Metric::ResponseTime, Color::Green}] = {{close - 10'000, 180}, {close, 181}, {close + 10'000, 900}, {close + 20'000, 950}};
        ReportDataLoader::Request request;
        request.deploymentId = data->state.id;
        request.environment = ReportFixture::environment();
        request.nowMs = close + 30'000;
        request.samples = &live;
        request.timeZone = QTimeZone::UTC;
        const Result<ReportData> loaded = ReportDataLoader::load(m_fixture.journal(), request);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        const std::vector<Sample> &green = loaded.value().samples.value(SeriesKey{Metric::ResponseTime, Color::Green});
        QCOMPARE(green.size(), size_t(2));
        QCOMPARE(green.back().timeMs, close);
    }

    void proceduresAndStatusUpdatesAreRecorded()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::RolledBack);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const ReportDocument doc = ReportBuilder::build(*data);
        const QList<ReportBlock> procedures = section(doc, QStringLiteral("procedures"));
        const ReportBlock steps = ofKind(procedures, ReportBlock::Kind::Table).value(0);
        QCOMPARE(steps.rows.size(), 13);
        QCOMPARE(steps.rows[4][1].text, QStringLiteral("Execute database rollback scripts (Database Rollback)"));
        QCOMPARE(steps.rows[4][2].text, QStringLiteral("done"));
        QCOMPARE(steps.rows[4][3].text, QStringLiteral("bob (confirmed)"));
        QCOMPARE(steps.rows[4][5].text, QStringLiteral("0"));
        QCOMPARE(steps.rows[12][2].text, QStringLiteral("skipped: incident review is scheduled by the on-call lead"));
        const ReportBlock output = ofKind(procedures, ReportBlock::Kind::Preformatted).value(0);
        QVERIFY(output.caption.contains(u"Execute database rollback scripts"));
        QVERIFY(output.text.contains(u"ALTER TABLE orders DROP COLUMN discount_code;"));

        const QList<ReportBlock> updates = ofKind(section(doc, QStringLiteral("status-updates")), ReportBlock::Kind::Entry);
        QCOMPARE(updates.size(), 2);
        // The first attempt's failure is kept, in the server's words.
        QCOMPARE(fact(updates[0], QStringLiteral("ops-json")),
                 QStringLiteral("delivered after 2 attempts (HTTP 200) at 08:30:33 (T+0:30:33); attempt 1 failed at 08:30:02 (T+0:30:02): "
                                "500 Internal Server Error: <html>upstream down</html>"));
        QCOMPARE(fact(updates[0], QStringLiteral("team-slack")), QStringLiteral("delivered (HTTP 200) at 08:30:01 (T+0:30:01)"));
        QCOMPARE(updates[1].tone, ReportCell::Tone::Bad);
        QCOMPARE(fact(updates[1], QStringLiteral("ops-json")),
                 QStringLiteral("FAILED after 2 attempts at 08:40:13 (T+0:40:13): no answer from the webhook within 10 s; given up; "
                                "attempt 1 failed at 08:39:33 (T+0:39:33): 500 Internal Server Error: <html>upstream down</html>"));
        QVERIFY(updates[1].detail.startsWith(QStringLiteral("Rolled back automatically:")));
    }
};

QTEST_GUILESS_MAIN(TestReportBuilder)
#include "tst_reportbuilder.moc"
