// Prints how long exporting the report of a 2.5 h deployment takes (9,000 samples for each of
// 14 series, 200 checklist events, a rollback with its procedure), as PDF and as HTML, with the
// window's own charts drawn offscreen, and how long the event loop waited at most meanwhile
// (a 1 ms timer's largest gap, and the longest single chart on the GUI thread). Goals: PDF 2 s,
// HTML 1 s, the event loop never held over 50 ms. Asserts only that the work was done.
#include "report/widgetchartrenderer.h"

#include "deployment/deploymentstate.h"
#include "procedure/procedurecatalog.h"
#include "report/reportdata.h"
#include "report/reportexport.h"
#include "runbook/runbookloader.h"
#include "runbook/runbookparser.h"
#include "gate/trafficgate.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>

namespace {

constexpr int SamplesPerSeries = 9000; // 2.5 h at one poll a second
constexpr qint64 StartMs = 1'800'000'000'000;
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;

// The deployment's data as the loader would give it, built in memory.
ReportData deployment()
{
    ReportData data;
    data.runbook = RunbookParser::parse(RunbookLoader::bundledText(), QStringLiteral("deployment-runbook.md"));
    data.timeZone = QTimeZone::UTC;
    const QString id = QStringLiteral("bench");
    const auto add = [&](qint64 at, DeploymentEvent::Kind kind, const QString &item, const QJsonObject &payload) {
        DeploymentEvent e = DeploymentEvent::make(kind, id, StartMs + at, QStringLiteral("alice"), item, payload);
        e.seq = data.events.size() + 1;
        data.events << e;
    };
    add(0, DeploymentEvent::Kind::DeploymentStarted, {},
        {{QStringLiteral("service"), QStringLiteral("checkout")}, {QStringLiteral("version"), QStringLiteral("2.4.1")}, {QStringLiteral("runbookSha256"), QStringLiteral("x")}});
    // 200 checklist events: every checkable item checked, notes on some, until 200.
    int checklist = 0;
    qint64 t = 10 * Second;
    for (const RunbookItem *item : data.runbook.checkableItems()) {
        if (checklist >= 200)
            break;
        add(t, checklist % 9 == 4 ? DeploymentEvent::Kind::ItemSkipped : DeploymentEvent::Kind::ItemChecked, item->id,
            checklist % 9 == 4 ? QJsonObject{{QStringLiteral("reason"), QStringLiteral("done in the change ticket")}} : QJsonObject{});
        ++checklist;
        if (checklist % 5 == 0 && checklist < 200) {
            add(t + Second, DeploymentEvent::Kind::NoteSet, item->id, {{QStringLiteral("text"), QStringLiteral("checked against the staging run %1").arg(checklist)}});
            ++checklist;
        }
        t += 25 * Second;
    }
    // Traffic through the plan with the gate's changes, then a rollback at 50 %.
    int previous = 0;
    qint64 at = 60 * Minute;
    for (int green : {5, 10, 25, 50}) {
        add(at - 2 * Second, DeploymentEvent::Kind::GateChanged, {}, {{QStringLiteral("open"), true}, {QStringLiteral("atPercent"), previous}, {QStringLiteral("nextPercent"), green}});
        add(at, DeploymentEvent::Kind::TrafficCommanded, {}, {{QStringLiteral("green"), green}, {QStringLiteral("reason"), QStringLiteral("hold passed")}});
        add(at + 2 * Second, DeploymentEvent::Kind::TrafficApplied, {},
            {{QStringLiteral("commanded"), green}, {QStringLiteral("ok"), true}, {QStringLiteral("observedGreen"), green}});
        add(at + 4 * Second, DeploymentEvent::Kind::GateChanged, {},
            {{QStringLiteral("open"), false}, {QStringLiteral("atPercent"), green}, {QStringLiteral("reasons"), QJsonArray{QStringLiteral("monitoring hold")}},
             {QStringLiteral("keys"), QJsonArray{QStringLiteral("hold")}}});
        previous = green;
        at += TrafficGate::holdMsAt(data.runbook.trafficPlan, green) + 30 * Second;
    }
    const qint64 rollbackAt = 140 * Minute;
    add(rollbackAt, DeploymentEvent::Kind::RollbackStarted, {},
        {{QStringLiteral("reason"), QStringLiteral("automatic trigger error_rate 2.4 % > 2 % (green)")}, {QStringLiteral("ruleId"), QStringLiteral("auto-rollback.error_rate")}, {QStringLiteral("automatic"), true}});
    add(rollbackAt, DeploymentEvent::Kind::RuleBreached, {},
        {{QStringLiteral("ruleId"), QStringLiteral("auto-rollback.error_rate")}, {QStringLiteral("tier"), QStringLiteral("auto-rollback")}, {QStringLiteral("value"), 2.4},
         {QStringLiteral("threshold"), 2.0}, {QStringLiteral("unit"), QStringLiteral("%")}});
    add(rollbackAt, DeploymentEvent::Kind::TrafficCommanded, {}, {{QStringLiteral("green"), 0}, {QStringLiteral("reason"), QStringLiteral("automatic trigger")}, {QStringLiteral("automatic"), true}});
    add(rollbackAt + 2 * Second, DeploymentEvent::Kind::TrafficApplied, {}, {{QStringLiteral("commanded"), 0}, {QStringLiteral("ok"), true}, {QStringLiteral("observedGreen"), 0}});
    const ProcedureDef rollback = findProcedures(data.runbook, {}).first();
    add(rollbackAt + 3 * Second, DeploymentEvent::Kind::ProcedureStarted, rollback.id, {{QStringLiteral("title"), rollback.title}, {QStringLiteral("automatic"), true}});
    qint64 s = rollbackAt + 5 * Second;
    for (const ProcedureStep &step : rollback.steps) {
        add(s, DeploymentEvent::Kind::StepFinished, step.itemId,
            {{QStringLiteral("procedure"), rollback.id}, {QStringLiteral("ok"), true}, {QStringLiteral("message"), QStringLiteral("done")},
             {QStringLiteral("output"), QStringLiteral("line one\nline two\n")}, {QStringLiteral("confirmed"), true}});
        s += 20 * Second;
    }
    add(s, DeploymentEvent::Kind::ProcedureFinished, rollback.id, {{QStringLiteral("outcome"), QStringLiteral("completed")}});
    add(150 * Minute, DeploymentEvent::Kind::DeploymentClosed, {}, {{QStringLiteral("outcome"), QStringLiteral("rolled-back")}});
    for (const DeploymentEvent &e : std::as_const(data.events))
        data.state.apply(e);
    for (int i = 0; i < MetricCount; ++i) {
        for (Color c : {Color::Blue, Color::Green}) {
            std::vector<Sample> series;
            series.reserve(SamplesPerSeries);
            for (int k = 0; k < SamplesPerSeries; ++k) {
                const double minute = k / 60.0;
                series.push_back({StartMs + qint64(k) * Second, 10 + 5 * std::sin(minute / 4 + i) + (c == Color::Green ? std::sin(k * 0.37) : 0)});
            }
            data.samples.insert({Metric(i), c}, std::move(series));
        }
    }
    data.normalMs = 180;
    data.generatedAtMs = 150 * Minute + StartMs;
    data.environment.name = QStringLiteral("benchmark");
    return data;
}

struct Figures {
    qint64 totalMs = 0;
    qint64 worstGapMs = 0;
    qint64 longestChartMs = 0;
    qint64 bytes = 0;
};

Figures exportOnce(const std::shared_ptr<const ReportData> &data, const QString &path, WidgetChartRenderer *charts)
{
    ReportExport job(data, path, charts);
    QEventLoop loop;
    bool ok = false;
    QObject::connect(&job, &ReportExport::finished, &loop, [&](bool success, const QString &message) {
        ok = success;
        if (!success)
            qWarning("%s", qPrintable(message));
        loop.quit();
    });
    // A 1 ms timer: the largest gap between its turns is how long the event loop was held.
    QElapsedTimer gap;
    qint64 worst = 0;
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, &loop, [&] {
        worst = std::max(worst, gap.restart());
    });
    QElapsedTimer total;
    total.start();
    gap.start();
    probe.start();
    job.start();
    loop.exec();
    probe.stop();
    Figures f;
    f.totalMs = total.elapsed();
    f.worstGapMs = worst;
    f.longestChartMs = job.longestChartMs();
    f.bytes = ok ? QFileInfo(path).size() : 0;
    return f;
}

} // namespace

class BenchReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void exportOfALongDeployment()
    {
        const auto data = std::make_shared<const ReportData>(deployment());
        QCOMPARE(data->samples.size(), 2 * MetricCount);
        int checklist = 0;
        for (const DeploymentEvent &e : data->events)
            checklist += e.kind == DeploymentEvent::Kind::ItemChecked || e.kind == DeploymentEvent::Kind::ItemSkipped || e.kind == DeploymentEvent::Kind::NoteSet;
        QCOMPARE(checklist, 200);
        WidgetChartRenderer charts;
        exportOnce(data, m_dir.filePath(QStringLiteral("warm-up.html")), &charts); // fonts and plugins loaded once
        qInfo("%s, %d cores; 14 series x %d samples, %d checklist events, %lld events in all",
              qPrintable(QSysInfo::prettyProductName()), QThread::idealThreadCount(), SamplesPerSeries, checklist, qint64(data->events.size()));
        for (const QString &name : {QStringLiteral("report.pdf"), QStringLiteral("report.html"), QStringLiteral("report.md")}) {
            QList<Figures> runs;
            for (int i = 0; i < 3; ++i)
                runs << exportOnce(data, m_dir.filePath(name), &charts);
            for (const Figures &f : runs) {
                QVERIFY2(f.bytes > 0, qPrintable(name));
                qInfo("%-12s %5lld ms in all, event loop held at most %3lld ms (longest chart on the GUI thread %3lld ms), %lld KB", qPrintable(name), f.totalMs,
                      f.worstGapMs, f.longestChartMs, f.bytes / 1024);
            }
        }
    }
};

QTEST_MAIN(BenchReport)
#include "bench_report.moc"
