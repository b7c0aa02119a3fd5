// The real stack (tools/real-stack) is what a team runs: requests flow through HAProxy to a
// blue and a green service, and Prometheus measures them from HAProxy's counters and the
// services' own. Weights set through the Runtime API show as the measured green share; green
// told to fail 20 % of requests shows as that 5xx rate from both sources; injected latency
// shows in the histogram's p95 and database errors in their counter; green going down is
// DOWN in HAProxy and fails its health check; and the stack's profile, as the script wrote
// it, loads and gives every series for both colours, the controller and the alerts.
//
// Everything is polled with generous timeouts (a loaded 2-core machine); rates are taken
// over 10 s, so a change shows fully about 10 s after it is made.
#include "realserver.h"
#include "realstack.h"

#include "alerts/alertmanagerclient.h"
#include "core/clock.h"
#include "metrics/metricssession.h"
#include "profile/profileloader.h"
#include "traffic/haproxycontroller.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

namespace {

constexpr int ConvergeMs = 60000;

QString greenShareQuery()
{
    return QStringLiteral("sum(rate(haproxy_server_http_responses_total{proxy=\"app\",server=\"green\"}[10s])) / "
                          "sum(rate(haproxy_server_http_responses_total{proxy=\"app\",server=~\"blue|green\"}[10s]))");
}

// 5xx over all responses of a colour, from HAProxy's per-server counters.
QString haproxyErrorRatio(const QString &server)
{
    return QStringLiteral("sum(rate(haproxy_server_http_responses_total{proxy=\"app\",server=\"%1\",code=\"5xx\"}[10s])) / "
                          "sum(rate(haproxy_server_http_responses_total{proxy=\"app\",server=\"%1\"}[10s]))")
        .arg(server);
}

// The same from the service's own counter.
QString serviceErrorRatio(const QString &color)
{
    return QStringLiteral("(sum(rate(http_requests_total{job=\"backend\",color=\"%1\",code=~\"5..\"}[10s])) or vector(0)) / "
                          "sum(rate(http_requests_total{job=\"backend\",color=\"%1\"}[10s]))")
        .arg(color);
}

QString p95(const QString &color)
{
    return QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"backend\",color=\"%1\"}[10s])))").arg(color);
}

QString dbErrorRatio(const QString &color)
{
    return QStringLiteral("sum(rate(db_client_errors_total{job=\"backend\",color=\"%1\"}[10s])) / sum(rate(db_client_queries_total{job=\"backend\",color=\"%1\"}[10s]))")
        .arg(color);
}

} // namespace

class TestRealStackE2e : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RealStack> m_stack;
    QString m_seen; // the last values polled, for failure messages

    // Polls `promql` until `accept` takes its value or ConvergeMs pass.
    template<typename Accept>
    bool converges(const QString &promql, Accept accept)
    {
        const QDeadlineTimer deadline(ConvergeMs);
        while (true) {
            const std::optional<double> value = m_stack->queryValue(promql);
            m_seen = value ? QStringLiteral("`%1` = %2").arg(promql).arg(*value) : m_stack->error();
            if (value && accept(*value))
                return true;
            if (deadline.hasExpired())
                return false;
            QTest::qWait(500);
        }
    }
    static bool near(double value, double expected, double tolerance) { return std::isfinite(value) && std::abs(value - expected) <= tolerance; }

private Q_SLOTS:
    void initTestCase()
    {
        m_stack = std::make_unique<RealStack>(QStringLiteral("tst_realstack_e2e"));
        // Bounded: the test needs about 2 minutes; the load stops by itself after 5.
        QVERIFY2(m_stack->start({50, 300}), qPrintable(m_stack->error()));
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            m_stack->keepLogs();
    }
    void cleanupTestCase() { m_stack.reset(); }

    // At first everything goes to blue, at the load generator's rate.
    void startsAllBlue()
    {
        QCOMPARE(m_stack->weight(Color::Blue), std::optional<int>(RealStack::WeightScale));
        QCOMPARE(m_stack->weight(Color::Green), std::optional<int>(0));
        QTRY_COMPARE_WITH_TIMEOUT(m_stack->serverState(Color::Green), std::optional<QString>(QStringLiteral("UP")), 30000);
        QCOMPARE(m_stack->serverState(Color::Blue), std::optional<QString>(QStringLiteral("UP")));
        for (const char *color : {"blue", "green"})
            QCOMPARE(m_stack->queryValue(QStringLiteral("up{job=\"backend\",color=\"%1\"}").arg(QLatin1String(color))), std::optional<double>(1));
        // 50 requests a second arrive, all at blue (generous bounds: a busy machine sends late).
        QVERIFY2(converges(QStringLiteral("sum(rate(haproxy_server_http_responses_total{proxy=\"app\",server=\"blue\"}[10s]))"),
                           [](double v) { return v > 30 && v < 70; }),
                 qPrintable(m_seen));
        QVERIFY2(converges(greenShareQuery(), [](double v) { return v == 0; }), qPrintable(m_seen));
        QVERIFY2(converges(QStringLiteral("sum(increase(http_requests_total{job=\"backend\",color=\"green\"}[10s]))"), [](double v) { return v == 0; }),
                 qPrintable(m_seen));
    }

    // `set server app/green weight N` through the Runtime API: the green share Prometheus
    // measures from HAProxy's counters, and from the services' own, becomes N / 256.
    void greenShareFollowsTheWeights_data()
    {
        QTest::addColumn<int>("green");
        QTest::newRow("10 %") << 26;
        QTest::newRow("25 %") << 64; // the following tests run at 25 %
    }
    void greenShareFollowsTheWeights()
    {
        QFETCH(int, green);
        QVERIFY2(m_stack->setWeights(RealStack::WeightScale - green, green), qPrintable(m_stack->error()));
        QCOMPARE(m_stack->weight(Color::Green), std::optional<int>(green));
        const double expected = double(green) / RealStack::WeightScale;
        QVERIFY2(converges(greenShareQuery(), [&](double v) { return near(v, expected, 0.03); }), qPrintable(m_seen));
        const QString serviceShare = QStringLiteral("sum(rate(http_requests_total{job=\"backend\",color=\"green\"}[10s])) / "
                                                    "sum(rate(http_requests_total{job=\"backend\"}[10s]))");
        QVERIFY2(converges(serviceShare, [&](double v) { return near(v, expected, 0.03); }), qPrintable(m_seen));
    }

    // Green fails a fifth of its requests: a 20 % 5xx rate from HAProxy's counters and from
    // the service's own; blue has none.
    void greenErrorsShowAsFiveHundreds()
    {
        QVERIFY2(m_stack->control(Color::Green, {{QStringLiteral("errorRatio"), 0.2}}), qPrintable(m_stack->error()));
        QVERIFY2(converges(haproxyErrorRatio(QStringLiteral("green")), [](double v) { return near(v, 0.2, 0.04); }), qPrintable(m_seen));
        QVERIFY2(converges(serviceErrorRatio(QStringLiteral("green")), [](double v) { return near(v, 0.2, 0.04); }), qPrintable(m_seen));
        QCOMPARE(m_stack->queryValue(haproxyErrorRatio(QStringLiteral("blue"))), std::optional<double>(0));
        QCOMPARE(m_stack->queryValue(serviceErrorRatio(QStringLiteral("blue"))), std::optional<double>(0));
        QVERIFY2(m_stack->control(Color::Green, {{QStringLiteral("reset"), true}}), qPrintable(m_stack->error()));
    }

    // 400 ms more per request puts green's p95 in the 0.25-0.5 s bucket (histogram_quantile
    // interpolates to about 0.49; on a busy machine some answers are later still), while
    // blue's stays in the tens of milliseconds. Database errors show in their counter.
    void greenLatencyAndDatabaseErrorsShow()
    {
        QVERIFY2(m_stack->control(Color::Green, {{QStringLiteral("latencyMs"), 400}, {QStringLiteral("dbErrorRatio"), 0.05}}), qPrintable(m_stack->error()));
        QVERIFY2(converges(p95(QStringLiteral("green")), [](double v) { return v >= 0.4 && v < 1; }), qPrintable(m_seen));
        QVERIFY2(converges(p95(QStringLiteral("blue")), [](double v) { return v < 0.25; }), qPrintable(m_seen));
        QVERIFY2(converges(dbErrorRatio(QStringLiteral("green")), [](double v) { return near(v, 0.05, 0.015); }), qPrintable(m_seen));
        QCOMPARE(m_stack->queryValue(dbErrorRatio(QStringLiteral("blue"))), std::optional<double>(0));
        const std::optional<QJsonObject> state = m_stack->controlState(Color::Green);
        QVERIFY2(state, qPrintable(m_stack->error()));
        QCOMPARE(state->value(u"latencyMs").toInt(), 400);
        QVERIFY2(m_stack->control(Color::Green, {{QStringLiteral("reset"), true}}), qPrintable(m_stack->error()));
    }

    // Green's process stops: its health check fails, HAProxy marks it DOWN (and says so to
    // Prometheus), blue carries on; started again, it is UP with its weight kept.
    void greenGoingDownIsSeen()
    {
        QVERIFY2(m_stack->takeDown(Color::Green), qPrintable(m_stack->error()));
        QNetworkAccessManager network;
        const RealServer::Exchange health = RealServer::exchange(network, "GET", m_stack->healthUrl(Color::Green));
        QCOMPARE(health.status, 0);
        QVERIFY2(health.error.contains(QLatin1String("refused")), qPrintable(health.error));
        QTRY_COMPARE_WITH_TIMEOUT(m_stack->serverState(Color::Green), std::optional<QString>(QStringLiteral("DOWN")), 30000);
        QCOMPARE(m_stack->serverState(Color::Blue), std::optional<QString>(QStringLiteral("UP")));
        QVERIFY2(converges(QStringLiteral("haproxy_server_status{proxy=\"app\",server=\"green\",state=\"DOWN\"}"), [](double v) { return v == 1; }),
                 qPrintable(m_seen));
        QVERIFY2(converges(QStringLiteral("up{job=\"backend\",color=\"green\"}"), [](double v) { return v == 0; }), qPrintable(m_seen));
        QVERIFY(m_stack->isRunning(QStringLiteral("blue")));

        QVERIFY2(m_stack->restartStopped(), qPrintable(m_stack->error()));
        QVERIFY(m_stack->isRunning(QStringLiteral("green")));
        QTRY_COMPARE_WITH_TIMEOUT(m_stack->serverState(Color::Green), std::optional<QString>(QStringLiteral("UP")), 30000);
        QCOMPARE(m_stack->weight(Color::Green), std::optional<int>(64));
    }

    // The profile tools/real-stack wrote: it loads, names this stack's ports, and through the
    // console's own clients gives every series for both colours (green at 25 %), the
    // weights, and a security alert posted to Alertmanager.
    void profileWorksAgainstTheStack()
    {
        const Result<Profile> loaded = ProfileLoader::loadFile(m_stack->profilePath());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error()));
        const Profile &profile = loaded.value();
        QCOMPARE(profile.metrics.baseUrl, m_stack->prometheusUrl());
        QCOMPARE(profile.alerts.url, m_stack->alertmanagerUrl());
        QCOMPARE(profile.health.green.url, m_stack->healthUrl(Color::Green));
        QCOMPARE(profile.health.blue.url, m_stack->healthUrl(Color::Blue));
        QVERIFY(profile.traffic);
        QCOMPARE(profile.traffic->haproxy.address, m_stack->runtimeAddress());

        SystemClock clock;
        MetricsSession session(&clock);
        session.start(profile.metrics);
        QTRY_VERIFY_WITH_TIMEOUT(session.state() == MetricsSession::State::Polling, 20000);
        SampleStore &store = *session.store();
        const auto allFresh = [&] {
            for (int m = 0; m < MetricCount; ++m) {
                for (Color c : {Color::Blue, Color::Green}) {
                    const std::optional<Sample> s = store.lastGood({Metric(m), c});
                    if (!s || !std::isfinite(s->value) || !store.isFresh({Metric(m), c}, clock.nowMs()))
                        return false;
                }
            }
            return true;
        };
        const auto describe = [&] {
            QStringList lines;
            for (int m = 0; m < MetricCount; ++m) {
                for (Color c : {Color::Blue, Color::Green}) {
                    const std::optional<Sample> s = store.lastGood({Metric(m), c});
                    lines << QStringLiteral("%1/%2: %3 %4").arg(metricKey(Metric(m)), colorKey(c), s ? QString::number(s->value) : QStringLiteral("-"),
                                                               store.error({Metric(m), c}).english());
                }
            }
            return lines.join(u'\n');
        };
        QTRY_VERIFY2_WITH_TIMEOUT(allFresh(), qPrintable(describe()), ConvergeMs);
        // Both shares at once: each is its own query over a rate window, so one poll can see green
        // at 22 % and the next blue at 80 % while the window moves (a sanitizer run in CI did).
        QTRY_VERIFY2_WITH_TIMEOUT(near(store.lastGood({Metric::TrafficShare, Color::Green})->value, 25, 4)
                                      && near(store.lastGood({Metric::TrafficShare, Color::Blue})->value, 75, 4),
                                  qPrintable(describe()), ConvergeMs);
        QVERIFY2(store.lastGood({Metric::ResponseTime, Color::Blue})->value < 100, qPrintable(describe())); // ms
        QVERIFY2(store.lastGood({Metric::ResourceUtilization, Color::Blue})->value > 0, qPrintable(describe())); // %

        HaproxyController controller(profile.traffic->haproxy);
        QSignalSpy observed(&controller, &TrafficController::observed);
        controller.read();
        QVERIFY(observed.wait(10000));
        const TrafficResult r = observed.first().first().value<TrafficResult>();
        QVERIFY2(r.ok, qPrintable(r.message.english()));
        QCOMPARE(r.greenWeight, 64);
        QCOMPARE(r.greenPercent, 25);

        AlertmanagerClient alerts(&clock);
        AlertSourceConfig config;
        config.url = profile.alerts.url;
        config.matchers = profile.alerts.matchers;
        config.intervalMs = 500;
        alerts.setConfig(config);
        alerts.pollNow();
        QTRY_VERIFY2_WITH_TIMEOUT(alerts.firing().has_value(), qPrintable(alerts.message().english()), 10000);
        QCOMPARE(*alerts.firing(), false);
        QList<std::pair<QString, QString>> labels = profile.alerts.matchers;
        labels << std::pair{QStringLiteral("alertname"), QStringLiteral("SuspiciousLogins")} << std::pair{QStringLiteral("severity"), QStringLiteral("critical")};
        QVERIFY2(m_stack->postAlert(labels), qPrintable(m_stack->error()));
        QTRY_VERIFY_WITH_TIMEOUT(m_stack->alerts(profile.alerts.matchers).value_or(QJsonArray()).size() == 1, 10000);
        alerts.start();
        QTRY_VERIFY2_WITH_TIMEOUT(alerts.firing() == std::optional<bool>(true), qPrintable(alerts.message().english()), 10000);
        QVERIFY2(alerts.message().english().contains(QLatin1String("SuspiciousLogins")), qPrintable(alerts.message().english()));
    }
};

QTEST_GUILESS_MAIN(TestRealStackE2e)
#include "tst_realstack_e2e.moc"
