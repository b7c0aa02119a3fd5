// Servers misbehaving under a whole console session: a ConsoleSession on a profile whose
// Prometheus and HTTP traffic controller are fakes in this test (Qt HTTP Server on 127.0.0.1),
// driven on a ManualClock to 5 % green with its hold passed, then one server goes wrong.
// - Prometheus stops listening, answers slower than the poll timeout, answers garbage (not
//   JSON, or JSON of the wrong shape), or answers with stale samples: the series read as stale
//   with the reason, the gate closes naming the missing data (journaled), and no step towards
//   green leaves.
// - The traffic controller refuses (HTTP 500 with a body), never answers, or applies another
//   weight than commanded: the step's command fails with a clear message, the journal holds the
//   failed result, the step is never shown as reached, and the gate says why.
#include "../metrics/fakeprometheus.h"
#include "../common/loopbackserver.h"

#include "core/clock.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "profile/profileloader.h"
#include "rollout/rollout.h"
#include "session/consolesession.h"

#include <QAbstractHttpServer>
#include <QFile>
#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <list>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 PollMs = 5'000;            // the profile's poll interval (clock time); fresh means 10 s
constexpr int MetricsTimeoutMs = 500;       // real time
constexpr int TrafficTimeoutMs = 1'000;     // real time
constexpr qint64 StaleAgeMs = 10 * 60'000;  // the stale rows' sample age

// (Not a raw string: moc reads lines starting with # as directives.)
const char RunbookText[] =
    "# Server Faults Test Deployment\n"
    "\n"
    "## Pre-Deployment Checklist\n"
    "- [ ] Change approved\n"
    "\n"
    "## Deployment Phases\n"
    "\n"
    "### Phase 2: Traffic Shift (5-15 minutes)\n"
    "\n"
    "1. **Gradual Traffic Shift**:\n"
    "   - [ ] Start with 5% traffic to green\n"
    "   - [ ] Monitor metrics for 1 minute\n"
    "   - [ ] Increase to 25% if stable\n"
    "   - [ ] Monitor metrics for 1 minute\n"
    "   - [ ] Increase to 100% if stable\n"
    "\n"
    "2. **Rollback Decision Points**:\n"
    "   - [ ] If error rate > 1%, consider rollback\n"
    "   - [ ] If response time > 500ms, consider rollback\n"
    "\n"
    "## Rollback Procedures\n"
    "\n"
    "### Automatic Rollback Triggers\n"
    "- Error rate > 2%\n";

enum class MetricsFault { None, Down, Slow, NotJson, WrongShape, StaleStamps, StaleSamples };
enum class TrafficFault { None, Refuse, Hang, OtherWeight };

QByteArray seconds(double s)
{
    return QByteArray::number(s, 'f', 3);
}

// A healthy value per query, in the profile's units (ratio, seconds).
QByteArray healthyValue(const QString &query)
{
    return query.contains(u"error_rate"_s) ? "0.001" : "0.12";
}

// A load balancer's API: PUT /weights {"blue":B,"green":G}, GET /weights reads them back, and
// GET /health answers for green's health check.
class FakeTrafficApi : public QAbstractHttpServer
{
public:
    bool listenLocal()
    {
        m_port = LoopbackServer::listen(this);
        return m_port != 0;
    }
    QUrl url(const QString &path) const { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)); }

    TrafficFault fault = TrafficFault::None;
    int blue = 100;
    int green = 0;
    QList<int> puts; // green of every PUT received

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override
    {
        const QString path = request.url().path();
        if (path == u"/health"_s) {
            write(responder, 200, "ok");
            return true;
        }
        if (path != u"/weights"_s) {
            write(responder, 404, R"({"message":"not found"})");
            return true;
        }
        if (request.method() == QHttpServerRequest::Method::Get) {
            write(responder, 200, QJsonDocument(QJsonObject{{u"blue"_s, blue}, {u"green"_s, green}}).toJson(QJsonDocument::Compact));
            return true;
        }
        const QJsonObject w = QJsonDocument::fromJson(request.body()).object();
        puts.append(w.value(u"green"_s).toInt(-1));
        switch (fault) {
        case TrafficFault::Refuse: write(responder, 500, R"({"message":"weights locked: change freeze on pool checkout"})"); return true;
        case TrafficFault::Hang: m_held.push_back(std::move(responder)); return true;
        case TrafficFault::OtherWeight:
            // Takes the change but caps green at 10.
            green = std::min(10, w.value(u"green"_s).toInt());
            blue = 100 - green;
            write(responder, 204, {});
            return true;
        case TrafficFault::None: break;
        }
        blue = w.value(u"blue"_s).toInt();
        green = w.value(u"green"_s).toInt();
        write(responder, 204, {});
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder) override
    {
        responder.write(QHttpServerResponder::StatusCode::NotFound);
    }

private:
    static void write(QHttpServerResponder &responder, int status, const QByteArray &body)
    {
        QHttpHeaders headers;
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
        responder.write(body, headers, QHttpServerResponder::StatusCode(status));
    }

    std::list<QHttpServerResponder> m_held;
    quint16 m_port = 0;
};

int count(const QList<DeploymentEvent> &events, DeploymentEvent::Kind kind, const std::function<bool(const DeploymentEvent &)> &also = {})
{
    return int(std::count_if(events.cbegin(), events.cend(), [&](const DeploymentEvent &e) { return e.kind == kind && (!also || also(e)); }));
}

} // namespace

class TestServerFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<FakePrometheus> m_prometheus;
    std::unique_ptr<FakeTrafficApi> m_traffic;
    std::unique_ptr<ConsoleSession> m_session;
    MetricsFault m_metricsFault = MetricsFault::None;
    int m_sessions = 0;

    FakePrometheus::Answer prometheusAnswer(const FakePrometheus::Request &request)
    {
        FakePrometheus::Answer answer;
        const QString query = request.form.value(u"query"_s);
        switch (m_metricsFault) {
        case MetricsFault::Slow: answer.hold = true; return answer; // never within the timeout
        case MetricsFault::NotJson:
            answer.status = 200;
            answer.contentType = "text/html";
            answer.body = "<html><body>502 Bad Gateway</body></html>";
            return answer;
        case MetricsFault::WrongShape: answer.body = R"({"status":"success","data":{"resultType":"vector","result":{"value":1}}})"; return answer;
        default: break;
        }
        if (request.path.endsWith(u"/api/v1/query_range"_s)) {
            const double start = request.form.value(u"start"_s).toDouble();
            const double end = request.form.value(u"end"_s).toDouble();
            const double step = request.form.value(u"step"_s).toDouble();
            QByteArray values;
            for (double t = start; t <= end + 1e-9 && step > 0; t += step)
                values += (values.isEmpty() ? "" : ",") + ('[' + seconds(t) + ",\"" + healthyValue(query) + "\"]");
            answer.body = R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[)" + values + "]}]}}";
            return answer;
        }
        const double time = request.form.value(u"time"_s).toDouble();
        // The sample's own time: fresh, or (the stale rows) ten minutes before the time asked.
        const double sampleTime = m_metricsFault == MetricsFault::StaleSamples || m_metricsFault == MetricsFault::StaleStamps ? time - StaleAgeMs / 1000.0 : time;
        if (query.startsWith(u"timestamp("_s)) {
            answer.body = FakePrometheus::vectorBody(time, {seconds(sampleTime)});
            return answer;
        }
        // Prometheus stamps an instant answer with the time asked for, whatever the sample's age
        // (timestamp() tells it); the "stale timestamps" row stamps the answer itself as old.
        answer.body = FakePrometheus::vectorBody(m_metricsFault == MetricsFault::StaleStamps ? sampleTime : time, {healthyValue(query)});
        return answer;
    }

    // The profile file a team would write for these two servers.
    QByteArray profileJson() const
    {
        const auto query = [](const QString &name, const QString &unit) {
            return QJsonObject{{u"query"_s, name + u"{color=\"${color}\"}"_s}, {u"unit"_s, unit}};
        };
        const QJsonObject metrics{{u"provider"_s, u"prometheus"_s},
                                  {u"url"_s, m_prometheus->url().toString()},
                                  {u"timeoutSeconds"_s, MetricsTimeoutMs / 1000.0},
                                  {u"pollIntervalSeconds"_s, PollMs / 1000.0},
                                  {u"maxSampleAgeSeconds"_s, 60},
                                  {u"queries"_s, QJsonObject{{u"error_rate"_s, query(u"error_rate"_s, u"ratio"_s)},
                                                             {u"response_time"_s, query(u"response_time"_s, u"seconds"_s)}}}};
        const QString weights = m_traffic->url(u"/weights"_s).toString();
        const QJsonObject traffic{{u"controller"_s, u"http"_s},
                                  {u"timeoutSeconds"_s, TrafficTimeoutMs / 1000.0},
                                  {u"http"_s, QJsonObject{{u"method"_s, u"PUT"_s},
                                                          {u"url"_s, weights},
                                                          {u"readBackUrl"_s, weights},
                                                          {u"blueField"_s, u"/blue"_s},
                                                          {u"greenField"_s, u"/green"_s}}}};
        const QJsonObject health{{u"green"_s, m_traffic->url(u"/health"_s).toString()}, {u"intervalSeconds"_s, 5}, {u"timeoutSeconds"_s, 1}};
        return QJsonDocument(QJsonObject{{u"name"_s, u"Server faults"_s}, {u"metrics"_s, metrics}, {u"traffic"_s, traffic}, {u"health"_s, health}}).toJson();
    }

    // The clock moves one poll interval; the round's answers (or failures) come in real time.
    void tick()
    {
        QSignalSpy polled(m_session->metrics()->poller(), &MetricsPoller::pollFinished);
        m_clock->advanceMs(PollMs);
        if (polled.isEmpty()) // a round with nothing to send finishes at once
            polled.wait(2 * MetricsTimeoutMs + 1000);
        QTest::qWait(20); // health and read-back answers of the same moment
    }
    bool tickUntil(const std::function<bool()> &done, int maxTicks)
    {
        for (int i = 0; i < maxTicks; ++i) {
            if (done())
                return true;
            tick();
        }
        return done();
    }
    Rollout *rollout() const { return m_session->rollout(); }
    QList<DeploymentEvent> events() const { return m_session->journal()->events(m_session->deployment()->id()).value(); }
    QString gateText() const { return rollout() ? rollout()->gate().reasons.join(u" | "_s) : u"no rollout"_s; }

    // A deployment at 5 % green whose hold has passed: the gate is open towards 25 %.
    void startAtFivePercent()
    {
        m_metricsFault = MetricsFault::None;
        m_clock = std::make_unique<ManualClock>();
        m_prometheus = std::make_unique<FakePrometheus>();
        m_prometheus->setHandler([this](const FakePrometheus::Request &r) { return prometheusAnswer(r); });
        QVERIFY(m_prometheus->listenLocal());
        m_traffic = std::make_unique<FakeTrafficApi>();
        QVERIFY(m_traffic->listenLocal());
        Result<Profile> profile = ProfileLoader::parse(profileJson(), u"server-faults.json"_s, m_dir.path());
        QVERIFY2(profile.ok(), qPrintable(profile.error()));
        const QString runbook = m_dir.filePath(u"runbook.md"_s);
        QFile f(runbook);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(RunbookText);
        f.close();

        m_session = std::make_unique<ConsoleSession>(m_clock.get());
        m_session->setEnvironment(profile.value(), u"server faults"_s, false);
        m_session->startEnvironment();
        QVERIFY(m_session->openJournal(m_dir.filePath(u"journal-%1.sqlite"_s.arg(++m_sessions))).ok());
        const Status loaded = m_session->loadRunbook(runbook);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const Status started = m_session->startDeployment(u"checkout"_s, u"v2"_s, u"alice"_s);
        QVERIFY2(started.ok(), qPrintable(started.error()));
        Deployment *deployment = m_session->deployment();
        QVERIFY(deployment->confirmReading().ok());
        for (const QString &id : TrafficGate::preShiftItemIds(deployment->runbook()))
            QVERIFY(deployment->skip(id, u"done in the change ticket"_s).ok());
        QTRY_VERIFY(m_session->metrics()->state() == MetricsSession::State::Polling);
        QVERIFY2(tickUntil([this] { return rollout() && rollout()->gate().open; }, 10), qPrintable(gateText()));
        QVERIFY(rollout()->advance().ok());
        QTRY_VERIFY(!rollout()->commandInFlight());
        QCOMPARE(rollout()->currentPercent(), 5);
        QCOMPARE(m_traffic->green, 5);
        // The hold (1 minute) on fresh, healthy data.
        QVERIFY2(tickUntil([this] { return rollout()->gate().open; }, 20), qPrintable(gateText()));
        QCOMPARE(rollout()->gate().nextPercent, 25);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup()
    {
        m_session.reset();
        m_traffic.reset();
        m_prometheus.reset();
        m_clock.reset();
    }

    void metricsServerFaultsCloseTheGate_data()
    {
        QTest::addColumn<MetricsFault>("fault");
        // What the series' error (and so the gate's reason) says; the stale rows' answers are
        // fine in themselves: their samples are too old to count, so no newer one arrives.
        QTest::addColumn<QString>("shown"); // a regular expression
        QTest::newRow("down") << MetricsFault::Down << u"Could not connect to Prometheus at .*: connection refused|closed the connection before answering"_s;
        QTest::newRow("slower than the timeout") << MetricsFault::Slow << u"No answer from Prometheus at .* within 500 ms \\(the request timeout\\)"_s;
        QTest::newRow("not JSON") << MetricsFault::NotJson << u"The answer from Prometheus \\(HTTP 200 OK\\) is not JSON"_s;
        QTest::newRow("wrong shape") << MetricsFault::WrongShape << u"Prometheus's answer has an unexpected shape: data.result is not a list"_s;
        QTest::newRow("stale timestamps") << MetricsFault::StaleStamps << QString();
        QTest::newRow("stale samples") << MetricsFault::StaleSamples << QString();
    }
    void metricsServerFaultsCloseTheGate()
    {
        QFETCH(MetricsFault, fault);
        QFETCH(QString, shown);
        startAtFivePercent();
        if (QTest::currentTestFailed())
            return;
        const int putsBefore = int(m_traffic->puts.size());
        const qint64 faultAt = m_clock->nowMs();
        const QRegularExpression expected(shown);

        if (fault == MetricsFault::Down)
            m_prometheus.reset(); // stops listening, and drops the connections it had
        else
            m_metricsFault = fault;
        for (int i = 0; i < 4; ++i) // 20 s: past the freshness of 10 s
            tick();
        const qint64 now = m_clock->nowMs();
        SampleStore *store = m_session->metrics()->store();
        const bool stale = fault == MetricsFault::StaleStamps || fault == MetricsFault::StaleSamples;
        for (Metric metric : {Metric::ErrorRate, Metric::ResponseTime}) {
            for (Color color : {Color::Blue, Color::Green}) {
                const SeriesKey key{metric, color};
                QVERIFY2(!store->isFresh(key, now), qPrintable(u"%1 %2 still fresh"_s.arg(metricDisplayName(metric), colorKey(color))));
                // Nothing that came after the fault counts as a newer sample.
                QVERIFY(store->latest(key) && store->latest(key)->timeMs <= faultAt);
                if (stale) {
                    QVERIFY2(store->error(key).isEmpty(), qPrintable(store->error(key).english()));
                    // The stale answers went into the history at their own time.
                    const std::vector<Sample> &samples = store->samples(key);
                    QVERIFY(std::any_of(samples.cbegin(), samples.cend(), [&](const Sample &s) { return s.timeMs > faultAt - StaleAgeMs - PollMs && s.timeMs < faultAt - StaleAgeMs + 5 * PollMs; }));
                } else {
                    QVERIFY2(store->error(key).english().contains(expected), qPrintable(store->error(key).english()));
                }
            }
        }

        // The metrics status says so too, not only the series.
        const QString status = m_session->metrics()->statusText();
        if (stale)
            QVERIFY2(status.contains(u"of blue's series answer with samples older than 10 s"_s), qPrintable(status));
        else
            QVERIFY2(status.contains(u": no query is answered ("_s) && status.contains(expected), qPrintable(status));

        // The gate is closed and says which data is missing and why.
        const GateDecision &gate = rollout()->gate();
        QVERIFY(!gate.open);
        const QString age = u"green's latest sample is %1 s old (fresh means at most 10 s)"_s.arg((now - faultAt) / 1000);
        for (const QString &metric : {u"error_rate"_s, u"response_time"_s}) {
            const QString reason = u"decision point %1: no data: %2"_s.arg(metric, age);
            QVERIFY2(std::any_of(gate.reasons.cbegin(), gate.reasons.cend(), [&](const QString &r) { return r.startsWith(reason) && (stale || r.contains(expected)); }),
                     qPrintable(gateText()));
        }
        // The journal holds the closed gate with those reasons.
        const QList<DeploymentEvent> journaled = events();
        const auto closedForData = [&](const DeploymentEvent &e) {
            return !e.payload.value(u"open"_s).toBool() && e.payload.value(u"keys"_s).toVariant().toStringList().contains(u"decision-point:decision-point.error_rate"_s);
        };
        QVERIFY(count(journaled, DeploymentEvent::Kind::GateChanged, closedForData) >= 1);

        // No step towards green.
        const Status forward = rollout()->advance();
        QVERIFY(!forward.ok());
        QVERIFY(!rollout()->advanceAutomatically().ok());
        QVERIFY(!rollout()->commandInFlight());
        QCOMPARE(rollout()->commandedPercent(), 5);
        QCOMPARE(rollout()->currentPercent(), 5);
        QCOMPARE(m_traffic->puts.size(), putsBefore);
        QCOMPARE(count(events(), DeploymentEvent::Kind::TrafficCommanded, [](const DeploymentEvent &e) { return e.payload.value(u"green"_s).toInt() > 5; }), 0);
    }

    void controllerFaultsAreNeverDone_data()
    {
        QTest::addColumn<TrafficFault>("fault");
        QTest::addColumn<QString>("shown");
        QTest::newRow("refusing") << TrafficFault::Refuse << u"answered HTTP 500: {\"message\":\"weights locked: change freeze on pool checkout\"}"_s;
        QTest::newRow("timing out") << TrafficFault::Hang << u"did not finish within 1000 ms (no answer yet to PUT"_s;
        QTest::newRow("applying another weight") << TrafficFault::OtherWeight << u"commanded 25% green, but traffic API at"_s;
    }
    void controllerFaultsAreNeverDone()
    {
        QFETCH(TrafficFault, fault);
        QFETCH(QString, shown);
        startAtFivePercent();
        if (QTest::currentTestFailed())
            return;
        m_traffic->fault = fault;
        QSignalSpy failed(rollout(), &Rollout::commandFailed);

        QVERIFY(rollout()->advance().ok());
        QCOMPARE(rollout()->commandedPercent(), 25);
        QTRY_VERIFY_WITH_TIMEOUT(!rollout()->commandInFlight(), TrafficTimeoutMs + 5000);
        QCOMPARE(failed.size(), 1);
        const QString message = failed.first().first().value<Phrase>().english();
        QVERIFY2(message.contains(shown), qPrintable(message));

        // Never shown as done: the step is still 5 %, the last result failed with the message.
        const auto notDone = [&] {
            const TrafficState &t = m_session->deployment()->state().traffic;
            QCOMPARE(rollout()->currentPercent(), 5);
            QCOMPARE(t.stepGreen, 5);
            QCOMPARE(t.commandedGreen, 25);
            QCOMPARE(t.lastOk, std::optional<bool>(false));
            QCOMPARE(t.lastMessage, message);
            QVERIFY(!rollout()->gate().open);
            QVERIFY2(gateText().contains(u"the last traffic command (25% green) failed: "_s + message), qPrintable(gateText()));
            // No step past it either.
            QVERIFY(!rollout()->advance().ok());
        };
        notDone();
        if (QTest::currentTestFailed())
            return;
        for (int i = 0; i < 3; ++i) // time passes, the target is read back again: still not done
            tick();
        notDone();
        if (QTest::currentTestFailed())
            return;
        if (fault == TrafficFault::OtherWeight)
            QCOMPARE(rollout()->observedPercent(), std::optional<int>(10));

        // The journal: the command, then its failed result with the same message; nothing at 25 % succeeded.
        const QList<DeploymentEvent> journaled = events();
        QCOMPARE(count(journaled, DeploymentEvent::Kind::TrafficCommanded, [](const DeploymentEvent &e) { return e.payload.value(u"green"_s).toInt() == 25; }), 1);
        QCOMPARE(count(journaled, DeploymentEvent::Kind::TrafficApplied, [&](const DeploymentEvent &e) {
                     return e.payload.value(u"commanded"_s).toInt() == 25 && !e.payload.value(u"ok"_s).toBool() && e.payload.value(u"message"_s).toString() == message;
                 }),
                 1);
        QCOMPARE(count(journaled, DeploymentEvent::Kind::TrafficApplied,
                       [](const DeploymentEvent &e) { return e.payload.value(u"commanded"_s).toInt() == 25 && e.payload.value(u"ok"_s).toBool(); }),
                 0);
        QCOMPARE(m_traffic->puts, (QList<int>{5, 25}));
    }
};

QTEST_GUILESS_MAIN(TestServerFaults)
#include "tst_serverfaults.moc"
