#pragma once
// A fixed journal for report tests: one deployment of the bundled runbook (with injection
// attempts written into an item, a rule line, a note, a skip reason, an operator's name and a
// step's output) whose every event and sample is scripted at fixed times, so the reports made
// from it are the same on every run (golden files). Scenarios: completed (to 100 % with an
// override at 50 %), rolled back (the automatic trigger at 25 %, the rollback procedure, status
// updates delivered, failed and retried), and in progress (the rolled-back one before its close).
#include "core/result.h"
#include "journal/journal.h"
#include "metrics/samplearchive.h"
#include "procedure/procedurecatalog.h"
#include "runbook/runbookloader.h"
#include "runbook/runbookparser.h"
#include "gate/trafficgate.h"

#include <QJsonArray>
#include <QSqlQuery>

#include <cmath>

namespace ReportJournal {

enum class Scenario { Completed, RolledBack, InProgress };

inline constexpr qint64 StartMs = 1'800'000'000'000; // 2027-01-15 08:00:00 UTC
inline constexpr qint64 Second = 1000;
inline constexpr qint64 Minute = 60 * Second;
inline const QString DeploymentId = QStringLiteral("7c1e2a90-5d4b-4f8e-9a61-3b2f0c9d8e17");

inline const QString ScriptItem = QStringLiteral("<script>alert('item')</script>");
inline const QString ImgOnError = QStringLiteral("<img src=x onerror=alert(1)>");
inline const QString JsLink = QStringLiteral("[docs](javascript:alert(2))");

// The bundled runbook with injection attempts in a checklist item and an automatic trigger's line.
inline QString runbookText()
{
    QString text = RunbookLoader::bundledText();
    text.replace(QStringLiteral("- [ ] Verify staging environment is ready\n"),
                 QStringLiteral("- [ ] Verify staging environment is ready %1 %2 %3\n").arg(ImgOnError, JsLink, ScriptItem));
    text.replace(QStringLiteral("- Error rate > 2%\n"), QStringLiteral("- Error rate > 2% <script>alert('rule')</script> <img src=x onerror=alert(5)> [why](javascript:alert(3))\n"));
    return text;
}

// "Normal" p95 is 175.8 ms; green's p95 climbs after the step to 25 % in the rolled-back scenario.
inline double sampleValue(Metric m, Color c, qint64 t, Scenario scenario, const QList<std::pair<qint64, int>> &greenShare)
{
    const double minute = double(t - StartMs) / Minute;
    const double wave = std::sin(minute / 3.0) * 0.5 + std::sin(minute * 1.7) * 0.25;
    int share = 0;
    for (const auto &[at, percent] : greenShare) {
        if (at <= t)
            share = percent;
    }
    const bool regression = scenario != Scenario::Completed && c == Color::Green && t >= StartMs + 35 * Minute + 20 * Second;
    const double ramp = regression ? std::min(1.0, double(t - (StartMs + 35 * Minute)) / (4.0 * Minute)) : 0.0;
    switch (m) {
    case Metric::ErrorRate: return 0.06 + 0.02 * wave;
    case Metric::ResponseTime: return 175.8 + 12 * wave + ramp * 450;
    case Metric::DbErrorRate: return 0.012 + 0.004 * wave;
    case Metric::DbQueryTime: return 22 + 3 * wave + ramp * 30;
    case Metric::ResourceUtilization: return (c == Color::Blue ? 46 : 38) + 4 * wave;
    case Metric::PageLoadTime: return 920 + 60 * wave + ramp * 900;
    case Metric::TrafficShare: return c == Color::Green ? share : 100 - share;
    }
    return 0;
}

class Writer
{
public:
    Writer(Journal *journal, Scenario scenario)
        : m_journal(journal)
        , m_scenario(scenario)
        , m_runbook(RunbookParser::parse(runbookText(), QStringLiteral("deployment-runbook.md")))
    {
    }

    Result<QString> write()
    {
        // Speed over durability: this file is rebuilt on every run.
        QSqlQuery(m_journal->database()).exec(QStringLiteral("PRAGMA synchronous=OFF"));
        const Result<QString> sha = m_journal->storeRunbook(QStringLiteral("deployment-runbook.md"), runbookText());
        if (!sha)
            return sha;
        add(0, QStringLiteral("alice"), DeploymentEvent::Kind::DeploymentStarted, {},
            {{QStringLiteral("service"), QStringLiteral("checkout")}, {QStringLiteral("version"), QStringLiteral("2.4.1")},
             {QStringLiteral("runbookSha256"), sha.value()}, {QStringLiteral("runbookName"), QStringLiteral("deployment-runbook.md")}});
        const qsizetype preShift = TrafficGate::preShiftItemIds(m_runbook).size();
        gate(5 * Second, false, 0, 5,
             {QStringLiteral("%1 checklist items before the traffic shift are still open (first: \"All code changes reviewed and approved\")").arg(preShift)},
             {QStringLiteral("pre-shift-items")});
        checklist();
        gate(20 * Minute, true, 0, 5, {}, {});
        step(20 * Minute + 2 * Second, 0, 5, QStringLiteral("pre-shift checklist done, green healthy"), QStringLiteral("alice"));
        gate(20 * Minute + 6 * Second, false, 5, 10, {QStringLiteral("monitoring hold at 5%: 5:00 of 5:00 left")}, {QStringLiteral("hold")});
        gate(25 * Minute + 6 * Second, true, 5, 10, {}, {});
        step(25 * Minute + 10 * Second, 5, 10, QStringLiteral("hold of 5 min at 5% passed, all decision points green"), QStringLiteral("bob"));
        gate(25 * Minute + 14 * Second, false, 10, 25, {QStringLiteral("monitoring hold at 10%: 10:00 of 10:00 left")}, {QStringLiteral("hold")});
        statusUpdate(30 * Minute, QStringLiteral("u1"), QStringLiteral("scheduled"), QStringLiteral("Traffic at 10 % on green"),
                     QStringLiteral("Phase 3: Traffic Shift. Green has 10 % of traffic; every decision point is green.\nNext: 25 % at 08:35:14 at the earliest."),
                     false);
        gate(35 * Minute + 14 * Second, true, 10, 25, {}, {});
        step(35 * Minute + 16 * Second, 10, 25, QStringLiteral("hold of 10 min at 10% passed, all decision points green"), QStringLiteral("bob"));
        gate(35 * Minute + 20 * Second, false, 25, 50, {QStringLiteral("monitoring hold at 25%: 15:00 of 15:00 left")}, {QStringLiteral("hold")});
        if (m_scenario == Scenario::Completed)
            completion();
        else
            rollback();
        return samples();
    }

private:
    void add(qint64 offset, const QString &by, DeploymentEvent::Kind kind, const QString &item, const QJsonObject &payload)
    {
        if (!m_error.isEmpty())
            return;
        DeploymentEvent e = DeploymentEvent::make(kind, DeploymentId, StartMs + offset, by, item, payload);
        if (const Status s = m_journal->append(e); !s)
            m_error = s.error();
        m_endMs = std::max(m_endMs, e.atMs);
    }
    void gate(qint64 offset, bool open, int at, int next, const QStringList &reasons, const QStringList &keys)
    {
        add(offset, QStringLiteral("alice"), DeploymentEvent::Kind::GateChanged, {},
            {{QStringLiteral("open"), open}, {QStringLiteral("atPercent"), at}, {QStringLiteral("nextPercent"), next},
             {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)}, {QStringLiteral("keys"), QJsonArray::fromStringList(keys)}});
    }
    void step(qint64 offset, int from, int to, const QString &reason, const QString &by, bool automatic = false, bool ok = true)
    {
        add(offset, by, DeploymentEvent::Kind::TrafficCommanded, {},
            {{QStringLiteral("green"), to}, {QStringLiteral("reason"), reason}, {QStringLiteral("automatic"), automatic}});
        add(offset + 2 * Second, by, DeploymentEvent::Kind::TrafficApplied, {},
            {{QStringLiteral("commanded"), to}, {QStringLiteral("ok"), ok}, {QStringLiteral("observedGreen"), ok ? to : from},
             {QStringLiteral("verified"), true}, {QStringLiteral("message"), ok ? QString() : QStringLiteral("set server app/green weight: No such server.")},
             {QStringLiteral("details"), QStringLiteral("set weight app/blue %1\nset weight app/green %2").arg(100 - to).arg(to)}});
        m_share << std::pair{StartMs + offset, ok ? to : from};
    }
    void statusUpdate(qint64 offset, const QString &id, const QString &trigger, const QString &title, const QString &text, bool failedJson)
    {
        const QJsonObject common{{QStringLiteral("trigger"), trigger}, {QStringLiteral("title"), title}, {QStringLiteral("text"), text}};
        QJsonObject sent = common;
        sent.insert(QStringLiteral("webhook"), QStringLiteral("team-slack"));
        sent.insert(QStringLiteral("attempt"), 1);
        sent.insert(QStringLiteral("httpStatus"), 200);
        add(offset + 1 * Second, QStringLiteral("alice"), DeploymentEvent::Kind::StatusUpdateSent, id, sent);
        QJsonObject failed = common;
        failed.insert(QStringLiteral("webhook"), QStringLiteral("ops-json"));
        failed.insert(QStringLiteral("attempt"), 1);
        failed.insert(QStringLiteral("httpStatus"), 500);
        failed.insert(QStringLiteral("message"), QStringLiteral("500 Internal Server Error: <html>upstream down</html>"));
        failed.insert(QStringLiteral("retryInMs"), 30'000);
        add(offset + 2 * Second, QStringLiteral("alice"), DeploymentEvent::Kind::StatusUpdateFailed, id, failed);
        add(offset + 32 * Second, QStringLiteral("alice"), DeploymentEvent::Kind::StatusUpdateRetried, id,
            {{QStringLiteral("webhook"), QStringLiteral("ops-json")}, {QStringLiteral("attempt"), 2}});
        if (failedJson) {
            failed.insert(QStringLiteral("attempt"), 2);
            failed.insert(QStringLiteral("httpStatus"), 0);
            failed.insert(QStringLiteral("message"), QStringLiteral("no answer from the webhook within 10 s"));
            failed.insert(QStringLiteral("retryInMs"), 0);
            add(offset + 42 * Second, QStringLiteral("alice"), DeploymentEvent::Kind::StatusUpdateFailed, id, failed);
        } else {
            sent.insert(QStringLiteral("webhook"), QStringLiteral("ops-json"));
            sent.insert(QStringLiteral("attempt"), 2);
            add(offset + 33 * Second, QStringLiteral("alice"), DeploymentEvent::Kind::StatusUpdateSent, id, sent);
        }
    }
    void checklist()
    {
        const QStringList preShift = TrafficGate::preShiftItemIds(m_runbook);
        qint64 t = 30 * Second;
        for (qsizetype i = 0; i < preShift.size(); ++i) {
            const QString by = i % 3 == 2 ? QStringLiteral("bob") : QStringLiteral("alice");
            if (i == 4)
                add(t, by, DeploymentEvent::Kind::ItemSkipped, preShift[i], {{QStringLiteral("reason"), QStringLiteral("scan runs nightly; see <a href=\"javascript:alert(4)\">report</a>")}});
            else if (i % 7 == 5)
                add(t, by, DeploymentEvent::Kind::ItemSkipped, preShift[i], {{QStringLiteral("reason"), QStringLiteral("covered by the staging run (ticket OPS-%1)").arg(100 + i)}});
            else
                add(t, by, DeploymentEvent::Kind::ItemChecked, preShift[i], {});
            t += 20 * Second;
        }
        // An operator's note with injection attempts, and a check's evidence.
        add(t, QStringLiteral("bob"), DeploymentEvent::Kind::NoteSet, preShift.first(),
            {{QStringLiteral("text"), QStringLiteral("Reviewed in PR 4711 %1 %2 %3").arg(ScriptItem, ImgOnError, JsLink)}});
        const QString health = itemIdWithText(QStringLiteral("Check health endpoints"));
        add(t + 5 * Second, QStringLiteral("alice"), DeploymentEvent::Kind::CheckRan, health,
            {{QStringLiteral("ok"), true}, {QStringLiteral("action"), QStringLiteral("http")}, {QStringLiteral("durationMs"), 143.0},
             {QStringLiteral("message"), QStringLiteral("GET http://127.0.0.1:9090/health/green answered 200 OK")},
             {QStringLiteral("output"), QStringLiteral("HTTP/1.1 200 OK\n{\"status\":\"healthy\",\"note\":\"<script>alert('server')</script>\"}")}});
    }
    QString itemIdWithText(const QString &text) const
    {
        for (const RunbookItem *item : m_runbook.checkableItems()) {
            if (item->text == text)
                return item->id;
        }
        return {};
    }
    void completion()
    {
        gate(50 * Minute + 20 * Second, true, 25, 50, {}, {});
        step(50 * Minute + 22 * Second, 25, 50, QStringLiteral("hold of 15 min at 25% passed, all decision points green"), QStringLiteral("bob"));
        gate(50 * Minute + 26 * Second, false, 50, 100, {QStringLiteral("monitoring hold at 50%: 20:00 of 20:00 left")}, {QStringLiteral("hold")});
        statusUpdate(51 * Minute, QStringLiteral("u2"), QStringLiteral("scheduled"), QStringLiteral("Traffic at 50 % on green"),
                     QStringLiteral("Green has 50 % of traffic."), false);
        add(62 * Minute, QStringLiteral("carol <b>on call</b>"), DeploymentEvent::Kind::GateOverridden, {},
            {{QStringLiteral("from"), 50}, {QStringLiteral("to"), 100}, {QStringLiteral("reason"), QStringLiteral("change window closes at 09:05; metrics flat for 12 min")},
             {QStringLiteral("blockedBy"), QJsonArray{QStringLiteral("monitoring hold at 50%: 8:26 of 20:00 left")}}});
        step(62 * Minute + 1 * Second, 50, 100, QStringLiteral("gate overridden by carol <b>on call</b>: change window closes at 09:05; metrics flat for 12 min"),
             QStringLiteral("carol <b>on call</b>"));
        for (const RunbookItem *item : m_runbook.checkableItems(QStringLiteral("validation")))
            add(70 * Minute, QStringLiteral("bob"), DeploymentEvent::Kind::ItemChecked, item->id, {});
        add(75 * Minute, QStringLiteral("alice"), DeploymentEvent::Kind::DeploymentClosed, {},
            {{QStringLiteral("outcome"), QStringLiteral("completed")}, {QStringLiteral("note"), QStringLiteral("all green at 100 %")}});
    }
    void rollback()
    {
        add(38 * Minute, QStringLiteral("alice"), DeploymentEvent::Kind::RuleBreached, {},
            {{QStringLiteral("ruleId"), QStringLiteral("decision-point.response_time")}, {QStringLiteral("tier"), QStringLiteral("decision-point")},
             {QStringLiteral("state"), QStringLiteral("breached")}, {QStringLiteral("text"), QStringLiteral("response_time 412.5 ms > 351.6 ms (2x normal) (green)")},
             {QStringLiteral("unit"), QStringLiteral("ms")}, {QStringLiteral("value"), 412.5}, {QStringLiteral("threshold"), 351.6},
             {QStringLiteral("sinceMs"), double(StartMs + 37 * Minute + 40 * Second)}, {QStringLiteral("heldMs"), 20'000.0}, {QStringLiteral("forMs"), 0.0}});
        gate(38 * Minute, false, 25, 50,
             {QStringLiteral("monitoring hold at 25%: 12:20 of 15:00 left"), QStringLiteral("decision point response_time 412.5 ms > 351.6 ms (2x normal) (green)")},
             {QStringLiteral("hold"), QStringLiteral("decision-point:decision-point.response_time")});
        if (m_scenario == Scenario::InProgress)
            return;
        const QString reason = QStringLiteral("automatic trigger response_time 531 ms > 527.4 ms (3x normal) (green)");
        add(39 * Minute + 30 * Second, QStringLiteral("alice"), DeploymentEvent::Kind::RollbackStarted, {},
            {{QStringLiteral("reason"), reason}, {QStringLiteral("ruleId"), QStringLiteral("auto-rollback.response_time")}, {QStringLiteral("automatic"), true}});
        // As the console journals it: the rollback first, its cause right after.
        add(39 * Minute + 30 * Second, QStringLiteral("alice"), DeploymentEvent::Kind::RuleBreached, {},
            {{QStringLiteral("ruleId"), QStringLiteral("auto-rollback.response_time")}, {QStringLiteral("tier"), QStringLiteral("auto-rollback")},
             {QStringLiteral("state"), QStringLiteral("breached")}, {QStringLiteral("text"), QStringLiteral("response_time 531 ms > 527.4 ms (3x normal) (green)")},
             {QStringLiteral("unit"), QStringLiteral("ms")}, {QStringLiteral("value"), 531.0}, {QStringLiteral("threshold"), 527.4},
             {QStringLiteral("sinceMs"), double(StartMs + 39 * Minute + 30 * Second)}, {QStringLiteral("heldMs"), 0.0}, {QStringLiteral("forMs"), 0.0},
             {QStringLiteral("query"), QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{color=\"${color}\"}[1m])))")},
             {QStringLiteral("blueValue"), 176.25}});
        step(39 * Minute + 30 * Second, 25, 0, reason, QStringLiteral("alice"), true);
        gate(39 * Minute + 34 * Second, false, 0, 5, {QStringLiteral("a rollback is running")}, {QStringLiteral("rollback")});
        statusUpdate(39 * Minute + 31 * Second, QStringLiteral("u2"), QStringLiteral("rollback"), QStringLiteral("ROLLBACK: traffic back on blue"),
                     QStringLiteral("Rolled back automatically: %1.\nAll traffic is on blue.").arg(reason), true);
        procedure();
        if (m_scenario == Scenario::RolledBack)
            add(48 * Minute, QStringLiteral("bob"), DeploymentEvent::Kind::DeploymentClosed, {},
                {{QStringLiteral("outcome"), QStringLiteral("rolled-back")}, {QStringLiteral("note"), QStringLiteral("p95 at 3x normal at 25 %; incident INC-2041")}});
    }
    void procedure()
    {
        const QList<ProcedureDef> procedures = findProcedures(m_runbook, {});
        const ProcedureDef &def = procedures.first();
        const QString procedureId = def.id;
        add(39 * Minute + 32 * Second, QStringLiteral("alice"), DeploymentEvent::Kind::ProcedureStarted, procedureId,
            {{QStringLiteral("title"), def.title}, {QStringLiteral("reason"), QStringLiteral("automatic trigger response_time")}, {QStringLiteral("automatic"), true}});
        qint64 t = 39 * Minute + 33 * Second;
        for (qsizetype i = 0; i < def.steps.size(); ++i) {
            const ProcedureStep &s = def.steps[i];
            const QJsonObject p{{QStringLiteral("procedure"), procedureId}};
            if (i == 0 || i == 2 || i == 3) {
                QJsonObject started = p;
                started.insert(QStringLiteral("action"), i == 0 ? QStringLiteral("traffic-to-blue") : i == 2 ? QStringLiteral("verify-blue-stable") : QStringLiteral("health"));
                started.insert(QStringLiteral("description"), i == 0 ? QStringLiteral("sends all traffic to blue") : i == 2 ? QStringLiteral("blue inside every rule for 1 min") : QStringLiteral("GET 2 health URLs"));
                started.insert(QStringLiteral("confirmed"), false);
                add(t, QStringLiteral("alice"), DeploymentEvent::Kind::StepStarted, s.itemId, started);
                QJsonObject done = p;
                done.insert(QStringLiteral("ok"), true);
                done.insert(QStringLiteral("message"), i == 0 ? QStringLiteral("all traffic on blue (green observed at 0 %)") : i == 2 ? QStringLiteral("blue stable for 1 min") : QStringLiteral("all 2 answered as expected"));
                done.insert(QStringLiteral("output"), QString());
                done.insert(QStringLiteral("durationMs"), 3000.0);
                done.insert(QStringLiteral("confirmed"), false);
                add(t + (i == 2 ? Minute : 3 * Second), QStringLiteral("alice"), DeploymentEvent::Kind::StepFinished, s.itemId, done);
                t += i == 2 ? Minute + 5 * Second : 5 * Second;
            } else if (i == 4) {
                QJsonObject awaiting = p;
                awaiting.insert(QStringLiteral("why"), QStringLiteral("destructive"));
                add(t, QStringLiteral("alice"), DeploymentEvent::Kind::StepAwaiting, s.itemId, awaiting);
                QJsonObject started = p;
                started.insert(QStringLiteral("action"), QStringLiteral("command"));
                started.insert(QStringLiteral("description"), QStringLiteral("runs db-rollback.sh rollback.sql"));
                started.insert(QStringLiteral("confirmed"), true);
                add(t + 2 * Minute, QStringLiteral("bob"), DeploymentEvent::Kind::StepStarted, s.itemId, started);
                QJsonObject done = p;
                done.insert(QStringLiteral("ok"), true);
                done.insert(QStringLiteral("exitCode"), 0);
                done.insert(QStringLiteral("message"), QStringLiteral("exit status 0"));
                done.insert(QStringLiteral("output"), QStringLiteral("BEGIN\nALTER TABLE orders DROP COLUMN discount_code;\nCOMMIT\n-- </pre><script>alert('output')</script>\nrollback.sql applied in 1.8 s\n"));
                done.insert(QStringLiteral("durationMs"), 1800.0);
                done.insert(QStringLiteral("confirmed"), true);
                add(t + 2 * Minute + 2 * Second, QStringLiteral("bob"), DeploymentEvent::Kind::StepFinished, s.itemId, done);
                t += 2 * Minute + 10 * Second;
            } else if (i == def.steps.size() - 1) {
                QJsonObject skipped = p;
                skipped.insert(QStringLiteral("reason"), QStringLiteral("incident review is scheduled by the on-call lead"));
                add(t, QStringLiteral("bob"), DeploymentEvent::Kind::StepSkipped, s.itemId, skipped);
                t += 10 * Second;
            } else {
                QJsonObject done = p;
                done.insert(QStringLiteral("ok"), true);
                done.insert(QStringLiteral("message"), QStringLiteral("confirmed done by bob"));
                done.insert(QStringLiteral("output"), QString());
                done.insert(QStringLiteral("durationMs"), 0.0);
                done.insert(QStringLiteral("confirmed"), true);
                add(t, QStringLiteral("bob"), DeploymentEvent::Kind::StepFinished, s.itemId, done);
                t += 20 * Second;
            }
        }
        add(t, QStringLiteral("bob"), DeploymentEvent::Kind::ProcedureFinished, procedureId, {{QStringLiteral("outcome"), QStringLiteral("completed")}, {QStringLiteral("reason"), QString()}});
    }
    Result<QString> samples()
    {
        if (!m_error.isEmpty())
            return Result<QString>::failure(m_error);
        QList<SampleArchive::Entry> entries;
        for (qint64 t = StartMs - 11 * Minute; t <= m_endMs; t += 10 * Second) {
            for (int i = 0; i < MetricCount; ++i) {
                for (Color c : {Color::Blue, Color::Green})
                    entries << SampleArchive::Entry{{Metric(i), c}, {t, sampleValue(Metric(i), c, t, m_scenario, m_share)}};
            }
        }
        SampleArchive archive(m_journal);
        if (const Status s = archive.write(DeploymentId, entries); !s)
            return Result<QString>::failure(s.error());
        return DeploymentId;
    }

    Journal *m_journal;
    Scenario m_scenario;
    Runbook m_runbook;
    QString m_error;
    qint64 m_endMs = StartMs;
    QList<std::pair<qint64, int>> m_share{{StartMs, 0}};
};

// Writes the scenario's deployment into `journal` (a new file); its id, or why not.
inline Result<QString> write(Journal *journal, Scenario scenario)
{
    return Writer(journal, scenario).write();
}

} // namespace ReportJournal
