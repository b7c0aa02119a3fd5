// The Rollout journals the gate's verdict (gate-changed) when the set of reasons it is closed
// for changes, never for its countdown, and a console that reopens the deployment does not
// journal the same verdict again: the decision record has every closure exactly once.
#include "faketrafficcontroller.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "rollout/rollout.h"
#include "runbook/runbookloader.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
}

class TestRolloutGateJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<Deployment> m_deployment;
    std::unique_ptr<MetricsSession> m_metrics;
    std::unique_ptr<FakeTrafficController> m_traffic;
    std::unique_ptr<Rollout> m_rollout;

    void feed(double greenErrorRate = 0.05)
    {
        const qint64 now = m_clock->nowMs();
        const std::array<double, MetricCount> healthy{0.05, 180, 0.01, 20, 40, 900, 5};
        for (int i = 0; i < MetricCount; ++i) {
            for (Color c : {Color::Blue, Color::Green}) {
                const bool breach = c == Color::Green && Metric(i) == Metric::ErrorRate;
                m_metrics->store()->append({Metric(i), c}, {now, breach ? greenErrorRate : healthy[size_t(i)]});
            }
        }
    }
    void run(qint64 ms)
    {
        for (qint64 t = 0; t < ms; t += 10 * Second) {
            m_clock->advanceMs(std::min<qint64>(10 * Second, ms - t));
            feed();
        }
    }
    QList<DeploymentEvent> gateEvents() const
    {
        QList<DeploymentEvent> all = m_journal->events(m_deployment->id()).value();
        all.removeIf([](const DeploymentEvent &e) { return e.kind != DeploymentEvent::Kind::GateChanged; });
        return all;
    }
    static QStringList keys(const DeploymentEvent &e) { return e.payload.value(QStringLiteral("keys")).toVariant().toStringList(); }
    void startRollout(std::optional<bool> greenHealthy = std::nullopt)
    {
        m_traffic = std::make_unique<FakeTrafficController>();
        m_rollout = std::make_unique<Rollout>(m_deployment.get(), m_metrics.get(), m_traffic.get(), RolloutSettings{});
        if (greenHealthy)
            m_rollout->setGreenHealth(*greenHealthy, Phrase::verbatim(QStringLiteral("200 OK")));
        m_rollout->start();
        QTRY_VERIFY(m_traffic->running());
        m_traffic->complete(m_deployment->state().traffic.stepGreen);
        QCoreApplication::processEvents();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_clock = std::make_unique<ManualClock>();
        m_journal = std::make_unique<Journal>();
        QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("gate.sqlite"))).ok());
        auto started = Deployment::start(m_journal.get(), m_clock.get(),
                                         {QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice"), QStringLiteral("runbook.md"), RunbookLoader::bundledText()});
        QVERIFY2(started.ok(), qPrintable(started.error()));
        m_deployment = started.take();
        QVERIFY(m_deployment->confirmReading().ok()); // the reading: tst_readingconfirmation
        m_metrics = std::make_unique<MetricsSession>(m_clock.get());
        m_metrics->store()->setFreshnessMs(30 * Second);
        m_clock->advanceMs(-11 * Minute);
        for (int i = 0; i < 330; ++i) {
            feed();
            m_clock->advanceMs(2 * Second);
        }
        feed();
        startRollout();
        m_rollout->setGreenHealth(true, Phrase::verbatim(QStringLiteral("200 OK")));
    }
    void cleanup()
    {
        m_rollout.reset();
        m_traffic.reset();
        m_metrics.reset();
        m_deployment.reset();
        m_journal.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("gate.sqlite")));
    }

    void closuresAndOpeningsAreJournaledWithTheirReasons()
    {
        // At start: closed for the open pre-shift items and green's unknown health, then for
        // the items alone once green answered.
        QList<DeploymentEvent> gate = gateEvents();
        QCOMPARE(gate.size(), 2);
        QCOMPARE(gate[0].payload.value(QStringLiteral("open")).toBool(), false);
        QCOMPARE(keys(gate[0]), (QStringList{QStringLiteral("pre-shift-items"), QStringLiteral("green-health-unknown")}));
        QCOMPARE(keys(gate[1]), QStringList{QStringLiteral("pre-shift-items")});
        QVERIFY(gate[1].payload.value(QStringLiteral("reasons")).toArray().first().toString().contains(u"checklist items before the traffic shift"));
        QCOMPARE(gate[1].payload.value(QStringLiteral("atPercent")).toInt(), 0);

        for (const QString &id : TrafficGate::preShiftItemIds(m_deployment->runbook()))
            QVERIFY(m_deployment->skip(id, QStringLiteral("test")).ok());
        gate = gateEvents();
        QCOMPARE(gate.size(), 3);
        QCOMPARE(gate[2].payload.value(QStringLiteral("open")).toBool(), true);
        QCOMPARE(gate[2].payload.value(QStringLiteral("nextPercent")).toInt(), 5);

        // The step: a command in flight is no closure of its own; the hold afterwards is.
        QVERIFY(m_rollout->advance().ok());
        QCOMPARE(gateEvents().size(), 3);
        QTRY_VERIFY(m_traffic->running());
        m_traffic->complete();
        QCoreApplication::processEvents();
        gate = gateEvents();
        QCOMPARE(gate.size(), 4);
        QCOMPARE(keys(gate[3]), QStringList{QStringLiteral("hold")});
        QCOMPARE(gate[3].payload.value(QStringLiteral("atPercent")).toInt(), 5);

        // The countdown changes the reason's text every second, never the record.
        run(2 * Minute);
        QCOMPARE(gateEvents().size(), 4);

        // A decision point breached joins the reasons; back to healthy it leaves them.
        m_clock->advanceMs(10 * Second);
        feed(1.5);
        gate = gateEvents();
        QCOMPARE(gate.size(), 5);
        QCOMPARE(keys(gate[4]), (QStringList{QStringLiteral("hold"), QStringLiteral("decision-point:decision-point.error_rate")}));
        QVERIFY(gate[4].payload.value(QStringLiteral("reasons")).toArray().at(1).toString().contains(u"error_rate 1.5 % > 1 %"));
        run(10 * Second);
        QCOMPARE(keys(gateEvents().last()), QStringList{QStringLiteral("hold")});
        run(5 * Minute + 10 * Second);
        QCOMPARE(gateEvents().last().payload.value(QStringLiteral("open")).toBool(), true);

        // Replayed, the state says what was last journaled.
        QCOMPARE(m_deployment->state().traffic.gateOpen, std::optional<bool>(true));
        QVERIFY(m_deployment->state().traffic.gateReasonKeys.isEmpty());
    }

    void aConsoleThatReopensTheDeploymentDoesNotRecordTheSameVerdictAgain()
    {
        for (const QString &id : TrafficGate::preShiftItemIds(m_deployment->runbook()))
            QVERIFY(m_deployment->skip(id, QStringLiteral("test")).ok());
        const qsizetype before = gateEvents().size();
        QCOMPARE(gateEvents().last().payload.value(QStringLiteral("open")).toBool(), true);
        m_rollout.reset();
        startRollout(true); // green's health known from the start: the same verdict, open
        QVERIFY(m_rollout->gate().open);
        QCOMPARE(gateEvents().size(), before);
    }

    void aClosedDeploymentRecordsNoMore()
    {
        const qsizetype before = gateEvents().size();
        QVERIFY(m_deployment->close(DeploymentOutcome::Aborted, QStringLiteral("test")).ok());
        run(Minute);
        m_rollout->setGreenHealth(false, Phrase::verbatim(QStringLiteral("down")));
        QCOMPARE(gateEvents().size(), before);
        QVERIFY(!m_deployment->recordGateChange(true, 0, 5, {}, {}).ok());
    }
};

QTEST_GUILESS_MAIN(TestRolloutGateJournal)
#include "tst_rolloutgatejournal.moc"
