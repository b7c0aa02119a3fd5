#pragma once
// A deployment of the bundled runbook with its Rollout over a FakeTrafficController, on a
// ManualClock, with healthy samples of every series and "normal" known: the Rollout's tests and
// the traffic panel's start here. Inherit it beside QObject and call setUpRollout() in init().
#include "faketrafficcontroller.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "rollout/rollout.h"
#include "runbook/runbookloader.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

class RolloutFixture
{
protected:
    static constexpr qint64 Second = 1000;
    static constexpr qint64 Minute = 60 * Second;

    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<Deployment> m_deployment;
    std::unique_ptr<MetricsSession> m_metrics;
    std::unique_ptr<FakeTrafficController> m_traffic;
    std::unique_ptr<Rollout> m_rollout;
    int m_journals = 0;

    static double healthyValue(Metric m)
    {
        switch (m) {
        case Metric::ErrorRate: return 0.05;
        case Metric::ResponseTime: return 180;
        case Metric::DbErrorRate: return 0.01;
        case Metric::DbQueryTime: return 20;
        case Metric::ResourceUtilization: return 40;
        case Metric::PageLoadTime: return 900;
        case Metric::TrafficShare: return 5;
        }
        return 0;
    }

    // A new journal and deployment, "normal" measured, the Rollout started and its read-back
    // answered (all on blue), green healthy.
    void setUpRollout()
    {
        QVERIFY(m_dir.isValid());
        m_clock = std::make_unique<ManualClock>();
        m_journal = std::make_unique<Journal>();
        QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_journals))).ok());
        auto started = Deployment::start(m_journal.get(), m_clock.get(),
                                         {QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice"), QStringLiteral("runbook.md"), RunbookLoader::bundledText()});
        QVERIFY2(started.ok(), qPrintable(started.error()));
        m_deployment = started.take();
        // The release manager confirmed the runbook's reading (without it the gate stays locked).
        QVERIFY(m_deployment->confirmReading().ok());
        m_metrics = std::make_unique<MetricsSession>(m_clock.get());
        m_metrics->store()->setFreshnessMs(30 * Second);
        // "Normal" is blue's p95 over the 10 minutes before the first shift: give it history
        // at the default poll interval (2 s).
        m_clock->advanceMs(-11 * Minute);
        for (int i = 0; i < 330; ++i) {
            feed();
            m_clock->advanceMs(2 * Second);
        }
        feed();
        m_traffic = std::make_unique<FakeTrafficController>();
        m_rollout = std::make_unique<Rollout>(m_deployment.get(), m_metrics.get(), m_traffic.get(), RolloutSettings{});
        m_rollout->start();
        QTRY_COMPARE(m_traffic->reads, 1);
        completeAndSettle(0); // the read-back at start: all on blue
        m_rollout->setGreenHealth(true, Phrase::verbatim(QStringLiteral("200 OK")));
    }
    void tearDownRollout()
    {
        m_rollout.reset();
        m_traffic.reset();
        m_metrics.reset();
        m_deployment.reset();
        m_journal.reset();
        m_clock.reset();
    }

    // Every series of both colours, healthy, at the clock's now; the traffic share measured
    // where traffic was commanded (`override` TrafficShare: green measured at `value`).
    void feed(Metric override = Metric::TrafficShare, double value = -1)
    {
        const qint64 now = m_clock->nowMs();
        const double green = override == Metric::TrafficShare && value >= 0 ? value : m_rollout ? m_rollout->commandedPercent() : 0;
        for (int i = 0; i < MetricCount; ++i) {
            const Metric m = Metric(i);
            for (Color c : {Color::Blue, Color::Green}) {
                double v = (c == Color::Green && m == override) ? value : healthyValue(m);
                if (m == Metric::TrafficShare)
                    v = c == Color::Green ? green : 100 - green;
                m_metrics->store()->append({m, c}, {now, v});
            }
        }
    }
    // Moves the clock in steps of 10 s, feeding healthy samples at each.
    void run(qint64 ms)
    {
        for (qint64 t = 0; t < ms; t += 10 * Second) {
            m_clock->advanceMs(std::min<qint64>(10 * Second, ms - t));
            feed();
        }
    }
    // The journal without the gate's changes (tst_rolloutgatejournal checks those), which follow
    // the commands and breaches that cause them.
    QList<DeploymentEvent> events() const
    {
        QList<DeploymentEvent> all = m_journal->events(m_deployment->id()).value();
        all.removeIf([](const DeploymentEvent &e) { return e.kind == DeploymentEvent::Kind::GateChanged; });
        return all;
    }
    QStringList kinds() const
    {
        QStringList k;
        for (const DeploymentEvent &e : events())
            k << e.kindName;
        return k;
    }
    void skipPreShift()
    {
        for (const QString &id : TrafficGate::preShiftItemIds(m_deployment->runbook()))
            QVERIFY(m_deployment->skip(id, QStringLiteral("test")).ok());
    }
    // Completes the running operation and lets a queued one start.
    void completeAndSettle(std::optional<int> observed = std::nullopt, bool ok = true, const QString &message = {})
    {
        QVERIFY(m_traffic->running());
        m_traffic->complete(observed, ok, message);
        QCoreApplication::processEvents();
    }
    // Gate open at 0 %, then one step to 5 % applied.
    void toFivePercent()
    {
        skipPreShift();
        QVERIFY2(m_rollout->gate().open, qPrintable(m_rollout->gate().reasons.join(u'|')));
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply());
        completeAndSettle();
        QCOMPARE(m_rollout->currentPercent(), 5);
    }
    // Through the plan's steps after 5 %, each after its hold: ends at 100 %.
    void toFullTraffic()
    {
        toFivePercent();
        for (int step : {10, 25, 50, 100}) {
            run(TrafficGate::holdMsAt(m_deployment->runbook().trafficPlan, m_rollout->currentPercent()) + 10 * Second);
            QVERIFY2(m_rollout->advance().ok(), qPrintable(m_rollout->gate().reasons.join(u'|')));
            QTRY_VERIFY(m_traffic->running());
            completeAndSettle();
            QCOMPARE(m_rollout->currentPercent(), step);
        }
    }
};
