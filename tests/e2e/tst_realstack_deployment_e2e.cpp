// Whole deployments on the real stack (tools/real-stack), as a team runs them: the headless
// console with the stack's --profile at real time moves real traffic through HAProxy's
// Runtime API and judges it on what Prometheus measures from HAProxy's and the services'
// counters (issue 13 §2).
//
// - wholeDeployment: 0 -> 5 -> 10 -> 25 -> 50 -> 100 with holds of a minute
//   (tests/data/real-stack-runbook.md); at every step `get weight` is the commanded share of
//   the weight scale and the green share Prometheus measures matches it within a few points
//   once the 10 s rate window has moved on (plus 3 scrape intervals); no drift is journaled;
//   exit 0.
// - errorsAtTwentyFive, greenGoesDown, securityAlert: from a shorter plan (25 % at once,
//   tests/data/real-stack-rollback-runbook.md) a fault comes at 25 %: green answering 5xx,
//   green's service stopped, a security alert posted to Alertmanager. The automatic trigger
//   sends everything to blue: HAProxy's weights and the measured share show it, the journal
//   has the rule, the values and the threshold; exit 3.
//
// ctest runs the whole deployment and the failing scenarios as two tests on two stacks at the
// same time (about 5 minutes of wall time together). Every process is stopped at the end, also
// on failure (RealStack: `tools/real-stack down`, and its watchdog if this process dies); a
// failing test keeps the stack's logs and the console's transcript under the build directory.
#include "consoleprocess.h"
#include "realstack.h"

#include "journal/journal.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

// A change of weights shows fully in a rate over 10 s after 10 s; then 3 scrape intervals (1 s).
constexpr int ShareSettlesMs = 10'000 + 3 * 1000;
// A few points: the load generator's 50 requests a second give a 10 s window of ~500 requests.
constexpr double SharePoints = 4;

QString greenShareQuery()
{
    return QStringLiteral("sum(rate(haproxy_server_http_responses_total{proxy=\"app\",server=\"green\"}[10s])) / "
                          "sum(rate(haproxy_server_http_responses_total{proxy=\"app\",server=~\"blue|green\"}[10s]))");
}

int weightFor(int greenPercent)
{
    return int(std::lround(greenPercent * RealStack::WeightScale / 100.0));
}

QString runbook(const char *name)
{
    return QStringLiteral(STONECASTER_SOURCE_DIR "/tests/data/") + QLatin1String(name);
}

} // namespace

class TestRealStackDeploymentE2e : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RealStack> m_stack;
    QTemporaryDir m_dir;
    QString m_seen;
    QString m_transcript; // the last console's output, kept with the logs when a test fails

    bool startStack(const QString &name)
    {
        m_stack = std::make_unique<RealStack>(name);
        if (!m_stack->start({50, 600})) {
            m_seen = m_stack->error();
            return false;
        }
        return true;
    }

    // The green share Prometheus measures, in percent, once it is within SharePoints of `percent`.
    bool shareSettlesAt(int percent, int withinMs = ShareSettlesMs)
    {
        const QDeadlineTimer deadline(withinMs);
        while (true) {
            const std::optional<double> value = m_stack->queryValue(greenShareQuery());
            // No request reached green in the window: its share is 0 (the query gives NaN or nothing).
            const double share = value && std::isfinite(*value) ? *value * 100 : 0;
            m_seen = QStringLiteral("measured green share %1 %, expected %2 %").arg(share, 0, 'f', 1).arg(percent);
            if ((value || percent == 0) && std::abs(share - percent) <= SharePoints)
                return true;
            if (deadline.hasExpired())
                return false;
            QTest::qWait(250);
        }
    }

    // HAProxy's `get weight` for green reaching the weight for `percent` (the command landed).
    // Both servers' weights: the controller sets them one after the other (the one that grows
    // first, so the backend is never empty), and a read between the two sees the first only.
    bool weightsBecome(int percent, int withinMs = 15'000)
    {
        const QDeadlineTimer deadline(withinMs);
        while (true) {
            const std::optional<int> green = m_stack->weight(Color::Green);
            const std::optional<int> blue = m_stack->weight(Color::Blue);
            m_seen = QStringLiteral("get weight app/green: %1, app/blue: %2, expected %3 and %4")
                         .arg(green ? QString::number(*green) : m_stack->error(), blue ? QString::number(*blue) : m_stack->error())
                         .arg(weightFor(percent))
                         .arg(RealStack::WeightScale - weightFor(percent));
            if (green == weightFor(percent) && blue == RealStack::WeightScale - weightFor(percent))
                return true;
            if (deadline.hasExpired())
                return false;
            QTest::qWait(200);
        }
    }

    QStringList headlessArguments(const QString &runbookPath, const QString &journalPath) const
    {
        return {QStringLiteral("--headless"), QStringLiteral("--profile"), m_stack->profilePath(), QStringLiteral("--runbook"), runbookPath,
                QStringLiteral("--journal"), journalPath, QStringLiteral("--auto-advance"), QStringLiteral("--auto-confirm"),
                QStringLiteral("--operator"), QStringLiteral("e2e")};
    }

    QList<DeploymentEvent> journalEvents(const QString &journalPath)
    {
        Journal journal;
        if (Status s = journal.open(journalPath); !s) {
            m_seen = s.error();
            return {};
        }
        const Result<QList<Journal::DeploymentSummary>> deployments = journal.deployments();
        if (!deployments || deployments.value().size() != 1) {
            m_seen = QStringLiteral("the journal does not hold one deployment");
            return {};
        }
        return journal.events(deployments.value().first().id).value();
    }
    static QList<DeploymentEvent> ofKind(const QList<DeploymentEvent> &events, DeploymentEvent::Kind kind)
    {
        QList<DeploymentEvent> result;
        for (const DeploymentEvent &e : events) {
            if (e.kind == kind)
                result << e;
        }
        return result;
    }

    // The failing scenarios: a run of the short plan; `fault` is made once 25 % landed.
    template<typename Fault>
    void rollsBackOn(const QString &name, const QString &ruleId, Fault fault)
    {
        QVERIFY2(m_stack, "the stack did not start");
        // A fresh start: all on blue, both services up and healthy, no alert.
        QVERIFY2(m_stack->restartStopped(), qPrintable(m_stack->error()));
        QVERIFY2(m_stack->setWeights(RealStack::WeightScale, 0), qPrintable(m_stack->error()));
        QVERIFY2(m_stack->control(Color::Green, {{QStringLiteral("reset"), true}}), qPrintable(m_stack->error()));
        QTRY_COMPARE_WITH_TIMEOUT(m_stack->serverState(Color::Green), std::optional<QString>(QStringLiteral("UP")), 30'000);
        // The last scenario's 5xx leave the profile's 30 s rate windows first (they would fire
        // the trigger at once), and no alert is active.
        const QString recentErrors = QStringLiteral("sum(increase(http_requests_total{job=\"backend\",color=\"green\",code=~\"5..\"}[35s]))");
        QTRY_VERIFY_WITH_TIMEOUT(m_stack->queryValue(recentErrors).value_or(0) == 0 || std::isnan(m_stack->queryValue(recentErrors).value_or(0)), 60'000);
        QTRY_VERIFY_WITH_TIMEOUT(m_stack->alerts({{QStringLiteral("category"), QStringLiteral("security")}}).value_or(QJsonArray{QJsonValue()}).isEmpty(), 60'000);

        const QString journalPath = m_dir.filePath(name + QStringLiteral(".sqlite"));
        ConsoleProcess console;
        console.start(headlessArguments(runbook("real-stack-rollback-runbook.md"), journalPath));
        const QString commanded = console.waitFor(QStringLiteral("traffic green=25%"), 90'000);
        m_transcript = console.transcript();
        QVERIFY2(!commanded.isEmpty(), qPrintable(m_transcript));
        QVERIFY2(weightsBecome(25), qPrintable(m_seen + u'\n' + console.transcript()));
        QVERIFY2(shareSettlesAt(25), qPrintable(m_seen));

        fault();

        QVERIFY2(console.waitForExit(120'000), qPrintable(console.transcript()));
        m_transcript = console.transcript();
        QCOMPARE(console.exitCode(), 3);
        // All traffic on blue: HAProxy's weights, and what Prometheus measures.
        QCOMPARE(m_stack->weight(Color::Green), std::optional<int>(0));
        QCOMPARE(m_stack->weight(Color::Blue), std::optional<int>(RealStack::WeightScale));
        QVERIFY2(shareSettlesAt(0, ShareSettlesMs + 5000), qPrintable(m_seen));
        // The journal: the trigger's rule, its value and threshold, the rollback for it, 0 % applied.
        const QList<DeploymentEvent> events = journalEvents(journalPath);
        const QList<DeploymentEvent> rollbacks = ofKind(events, DeploymentEvent::Kind::RollbackStarted);
        QVERIFY2(rollbacks.size() == 1, qPrintable(m_transcript));
        QCOMPARE(rollbacks.first().payload.value(u"ruleId").toString(), ruleId);
        QVERIFY(rollbacks.first().payload.value(u"automatic").toBool());
        bool breach = false;
        for (const DeploymentEvent &e : ofKind(events, DeploymentEvent::Kind::RuleBreached)) {
            if (e.payload.value(u"ruleId").toString() != ruleId)
                continue;
            breach = true;
            QVERIFY2(e.payload.contains(u"value") || e.payload.value(u"text").toString().contains(u' '), qPrintable(e.payload.value(u"text").toString()));
            if (ruleId == u"auto-rollback.error_rate") {
                QVERIFY2(e.payload.value(u"value").toDouble() > 2, qPrintable(e.payload.value(u"text").toString()));
                QCOMPARE(e.payload.value(u"threshold").toDouble(), 2.0);
            }
        }
        QVERIFY2(breach, qPrintable(m_transcript));
        bool landed = false;
        for (const DeploymentEvent &e : ofKind(events, DeploymentEvent::Kind::TrafficApplied))
            landed = landed || (e.payload.value(u"commanded").toInt() == 0 && e.payload.value(u"ok").toBool());
        QVERIFY2(landed, qPrintable(m_transcript));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }
    void cleanup()
    {
        if (QTest::currentTestFailed() && m_stack) {
            m_stack->keepLogs();
            QFile out(m_stack->directory() + QStringLiteral("/logs/console-") + QString::fromLatin1(QTest::currentTestFunction()) + QStringLiteral(".log"));
            if (out.open(QIODevice::WriteOnly))
                out.write(m_transcript.toUtf8());
        }
    }
    void cleanupTestCase() { m_stack.reset(); }

    void wholeDeployment()
    {
        QVERIFY2(startStack(QStringLiteral("tst_realstack_deployment_e2e-whole")), qPrintable(m_seen));
        const QString journalPath = m_dir.filePath(QStringLiteral("whole.sqlite"));
        ConsoleProcess console;
        console.start(headlessArguments(runbook("real-stack-runbook.md"), journalPath));
        qsizetype from = 0;
        for (int step : {5, 10, 25, 50, 100}) {
            // The headless run prints each command ("traffic green=N% (why)") before it is sent.
            const QString commanded = console.waitFor(QStringLiteral("traffic green=%1% ").arg(step), 150'000, from);
            m_transcript = console.transcript();
            QVERIFY2(!commanded.isEmpty(), qPrintable(m_transcript));
            from = console.lines().indexOf(commanded) + 1;
            QVERIFY2(weightsBecome(step), qPrintable(m_seen));
            QVERIFY2(shareSettlesAt(step), qPrintable(m_seen));
        }
        QVERIFY2(console.waitForExit(60'000), qPrintable(console.transcript()));
        m_transcript = console.transcript();
        QCOMPARE(console.exitCode(), 0);
        const QList<DeploymentEvent> events = journalEvents(journalPath);
        QVERIFY2(!events.isEmpty(), qPrintable(m_seen));
        // Measured and commanded agreed all along: no drift was journaled, no rollback.
        QVERIFY2(ofKind(events, DeploymentEvent::Kind::TrafficDrift).isEmpty(), qPrintable(m_transcript));
        QVERIFY(ofKind(events, DeploymentEvent::Kind::RollbackStarted).isEmpty());
        QList<int> landed;
        for (const DeploymentEvent &e : ofKind(events, DeploymentEvent::Kind::TrafficApplied)) {
            if (e.payload.value(u"ok").toBool())
                landed << e.payload.value(u"commanded").toInt();
        }
        QCOMPARE(landed, (QList<int>{5, 10, 25, 50, 100}));
    }

    void failuresStack()
    {
        QVERIFY2(startStack(QStringLiteral("tst_realstack_deployment_e2e-failures")), qPrintable(m_seen));
    }
    void errorsAtTwentyFive()
    {
        rollsBackOn(QStringLiteral("errors"), QStringLiteral("auto-rollback.error_rate"), [this] {
            QVERIFY2(m_stack->control(Color::Green, {{QStringLiteral("errorRatio"), 0.3}}), qPrintable(m_stack->error()));
        });
    }
    void greenGoesDown()
    {
        rollsBackOn(QStringLiteral("down"), QStringLiteral("auto-rollback.service_down"), [this] {
            QVERIFY2(m_stack->takeDown(Color::Green), qPrintable(m_stack->error()));
        });
    }
    void securityAlert()
    {
        rollsBackOn(QStringLiteral("alert"), QStringLiteral("auto-rollback.security_alert"), [this] {
            const QList<std::pair<QString, QString>> labels{{QStringLiteral("category"), QStringLiteral("security")},
                                                           {QStringLiteral("service"), QStringLiteral("stonecaster-backend")},
                                                           {QStringLiteral("alertname"), QStringLiteral("SuspiciousLogins")},
                                                           {QStringLiteral("severity"), QStringLiteral("critical")}};
            QVERIFY2(m_stack->postAlert(labels, 2), qPrintable(m_stack->error()));
        });
    }
};

QTEST_GUILESS_MAIN(TestRealStackDeploymentE2e)
#include "tst_realstack_deployment_e2e.moc"
