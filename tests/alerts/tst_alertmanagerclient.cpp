// AlertmanagerClient against a fake Alertmanager API v2 (Qt HTTP Server on 127.0.0.1): the
// query it sends (state flags, one filter per matcher in Alertmanager's syntax, the
// Authorization header), what counts as firing (active and matching, checked here again),
// and every way a poll can fail leaving the verdict unknown, not "not firing".
#include "../common/loopbackserver.h"
#include "alerts/alertmanagerclient.h"

#include "core/clock.h"
#include "sim/demoserver.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

#include <list>

namespace {

constexpr int WaitMs = 10000;
const QByteArray Token = "Bearer am-s3cret";

QJsonObject alert(const QString &name, const QString &category, const QString &state,
                  const QString &startsAt = QStringLiteral("2026-11-26T12:04:00.000Z"))
{
    return QJsonObject{
        {QStringLiteral("labels"), QJsonObject{{QStringLiteral("alertname"), name},
                                               {QStringLiteral("category"), category},
                                               {QStringLiteral("severity"), QStringLiteral("critical")},
                                               {QStringLiteral("service"), QStringLiteral("demo")}}},
        {QStringLiteral("annotations"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("Something on green")}}},
        {QStringLiteral("startsAt"), startsAt},
        {QStringLiteral("endsAt"), QStringLiteral("2026-11-26T13:04:00.000Z")},
        {QStringLiteral("fingerprint"), QStringLiteral("fp-") + name},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("state"), state},
                                               {QStringLiteral("silencedBy"), QJsonArray{}},
                                               {QStringLiteral("inhibitedBy"), QJsonArray{}}}},
    };
}

// GET /api/v2/alerts answers `status` with `body` (ignoring any filter, like a server that
// does not implement it), or holds the request when `hold` is set.
class FakeAlertmanager : public QAbstractHttpServer
{
public:
    bool listenLocal()
    {
        m_port = LoopbackServer::listen(this);
        return m_port != 0;
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    void answer(const QJsonArray &alerts) { body = QJsonDocument(alerts).toJson(QJsonDocument::Compact); status = 200; }

    int status = 200;
    QByteArray body = "[]";
    bool hold = false;
    QList<QUrlQuery> queries;
    QStringList paths;
    QList<QByteArray> authorizations;

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override
    {
        paths << request.url().path();
        queries << request.query();
        authorizations << request.value("Authorization");
        if (hold) {
            m_held.push_back(std::move(responder));
            return true;
        }
        QHttpHeaders headers;
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
        responder.write(body, headers, QHttpServerResponder::StatusCode(status));
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder) override
    {
        responder.write(QHttpServerResponder::StatusCode::NotFound);
    }

private:
    std::list<QHttpServerResponder> m_held;
    quint16 m_port = 0;
};

QString verdict(std::optional<bool> firing)
{
    return !firing ? QStringLiteral("unknown") : *firing ? QStringLiteral("firing") : QStringLiteral("not firing");
}

} // namespace

class TestAlertmanagerClient : public QObject
{
    Q_OBJECT

    AlertSourceConfig config(int timeoutMs = 5000) const
    {
        AlertSourceConfig c;
        c.url = m_server->url();
        c.matchers = {{QStringLiteral("category"), QStringLiteral("security")}};
        c.intervalMs = 10000;
        c.timeoutMs = timeoutMs;
        c.authorization = Token;
        return c;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeAlertmanager>();
        QVERIFY(m_server->listenLocal());
    }
    void cleanup() { m_server.reset(); }

    void unknownBeforeTheFirstAnswer()
    {
        AlertmanagerClient client(&m_clock);
        client.setConfig(config());
        QCOMPARE(verdict(client.firing()), verdict(std::nullopt));
        QVERIFY(client.alerts().isEmpty());
    }

    void sendsTheFilterAndTheToken()
    {
        AlertmanagerClient client(&m_clock);
        AlertSourceConfig c = config();
        c.url.setPath(QStringLiteral("/alertmanager/")); // a path prefix is kept
        c.matchers.append({QStringLiteral("team"), QStringLiteral("pay \"core\"\\ops")});
        client.setConfig(c);
        QSignalSpy changed(&client, &AlertmanagerClient::changed);
        client.pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, WaitMs);
        QCOMPARE(m_server->paths, QStringList{QStringLiteral("/alertmanager/api/v2/alerts")});
        const QUrlQuery &q = m_server->queries.at(0);
        QCOMPARE(q.queryItemValue(QStringLiteral("active")), QStringLiteral("true"));
        QCOMPARE(q.queryItemValue(QStringLiteral("silenced")), QStringLiteral("false"));
        QCOMPARE(q.queryItemValue(QStringLiteral("inhibited")), QStringLiteral("false"));
        QCOMPARE(q.allQueryItemValues(QStringLiteral("filter"), QUrl::FullyDecoded),
                 (QStringList{QStringLiteral("category=\"security\""), QStringLiteral("team=\"pay \\\"core\\\"\\\\ops\"")}));
        QCOMPARE(m_server->authorizations.at(0), Token);
    }

    void verdicts_data()
    {
        QTest::addColumn<QJsonArray>("answer");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty list") << QJsonArray{} << "not firing" << "no matching alert";
        QTest::newRow("matching active alert")
            << QJsonArray{alert(QStringLiteral("SecurityIncident"), QStringLiteral("security"), QStringLiteral("active"))}
            << "firing" << "1 alert firing: SecurityIncident (critical) since ";
        QTest::newRow("non-matching alert from a server that ignores the filter")
            << QJsonArray{alert(QStringLiteral("SlowQueries"), QStringLiteral("performance"), QStringLiteral("active"))}
            << "not firing" << "no matching alert";
        QTest::newRow("suppressed alert")
            << QJsonArray{alert(QStringLiteral("SecurityIncident"), QStringLiteral("security"), QStringLiteral("suppressed"))}
            << "not firing" << "no matching alert";
        QTest::newRow("unprocessed alert")
            << QJsonArray{alert(QStringLiteral("SecurityIncident"), QStringLiteral("security"), QStringLiteral("unprocessed"))}
            << "not firing" << "no matching alert";
        QTest::newRow("two matching among others")
            << QJsonArray{alert(QStringLiteral("SlowQueries"), QStringLiteral("performance"), QStringLiteral("active")),
                          alert(QStringLiteral("Intrusion"), QStringLiteral("security"), QStringLiteral("active"), QStringLiteral("2026-11-26T12:10:00Z")),
                          alert(QStringLiteral("SecurityIncident"), QStringLiteral("security"), QStringLiteral("active"))}
            << "firing" << "2 alerts firing: SecurityIncident (critical) since ";
    }
    void verdicts()
    {
        QFETCH(QJsonArray, answer);
        QFETCH(QString, expected);
        QFETCH(QString, message);
        m_server->answer(answer);
        AlertmanagerClient client(&m_clock);
        client.setConfig(config());
        QSignalSpy changed(&client, &AlertmanagerClient::changed);
        client.pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, WaitMs);
        QCOMPARE(verdict(client.firing()), expected);
        QVERIFY2(client.message().english().startsWith(message), qPrintable(client.message().english()));
        QCOMPARE(client.lastPolledMs(), m_clock.nowMs());
        if (expected == QLatin1String("firing")) {
            const FiringAlert first = client.alerts().at(0);
            QCOMPARE(first.name, QStringLiteral("SecurityIncident"));
            QCOMPARE(first.labels.value(QStringLiteral("severity")), QStringLiteral("critical"));
            QCOMPARE(first.summary, QStringLiteral("Something on green"));
            QCOMPARE(first.fingerprint, QStringLiteral("fp-SecurityIncident"));
            QCOMPARE(first.startsAt, QDateTime(QDate(2026, 11, 26), QTime(12, 4), QTimeZone::UTC));
            const QString since = first.startsAt.toLocalTime().toString(QStringLiteral("HH:mm"));
            QVERIFY2(client.message().english().contains(QStringLiteral("SecurityIncident (critical) since ") + since), qPrintable(client.message().english()));
            for (const FiringAlert &a : client.alerts())
                QCOMPARE(a.labels.value(QStringLiteral("category")), QStringLiteral("security"));
        } else {
            QVERIFY(client.alerts().isEmpty());
        }
    }

    void failuresMakeItUnknown_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("HTTP 500") << 500 << QByteArray("alertmanager is sad") << "500";
        QTest::newRow("not JSON") << 200 << QByteArray("<html>login</html>") << "not JSON";
        QTest::newRow("JSON that is not an array") << 200 << QByteArray(R"({"status":"success","data":[]})") << "not a JSON array";
    }
    void failuresMakeItUnknown()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, messagePart);
        // First a good answer that fires, so the failure must take the verdict away.
        m_server->answer({alert(QStringLiteral("SecurityIncident"), QStringLiteral("security"), QStringLiteral("active"))});
        AlertmanagerClient client(&m_clock);
        client.setConfig(config());
        client.pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(verdict(client.firing()), QStringLiteral("firing"), WaitMs);
        m_server->status = status;
        m_server->body = body;
        client.pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(verdict(client.firing()), verdict(std::nullopt), WaitMs);
        QVERIFY2(client.message().english().contains(messagePart), qPrintable(client.message().english()));
        QVERIFY(client.alerts().isEmpty());
        QVERIFY2(!client.message().english().contains(QString::fromLatin1(Token)), qPrintable(client.message().english()));
        if (status == 500)
            QVERIFY2(client.message().english().contains(QStringLiteral("alertmanager is sad")), qPrintable(client.message().english()));
    }

    void timeoutMakesItUnknown()
    {
        m_server->hold = true;
        AlertmanagerClient client(&m_clock);
        client.setConfig(config(300));
        QSignalSpy changed(&client, &AlertmanagerClient::changed);
        client.pollNow();
        client.pollNow(); // one request in flight, not two
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, WaitMs);
        QCOMPARE(verdict(client.firing()), verdict(std::nullopt));
        QVERIFY2(client.message().english().contains(QStringLiteral("No answer from Alertmanager at http://127.0.0.1:")), qPrintable(client.message().english()));
        QVERIFY2(client.message().english().contains(QStringLiteral("within 300 ms")), qPrintable(client.message().english()));
        QCOMPARE(m_server->queries.size(), 1);
    }

    void connectionRefusedMakesItUnknown()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        AlertmanagerClient client(&m_clock);
        AlertSourceConfig c = config();
        c.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        client.setConfig(c);
        QSignalSpy changed(&client, &AlertmanagerClient::changed);
        client.pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, WaitMs);
        QCOMPARE(verdict(client.firing()), verdict(std::nullopt));
        QVERIFY2(client.message().english().contains(QStringLiteral("connection refused")), qPrintable(client.message().english()));
    }

    // Polls every interval of clock time while running; an unchanged answer emits nothing.
    void pollsOnTheClock()
    {
        AlertmanagerClient client(&m_clock);
        client.setConfig(config());
        QSignalSpy changed(&client, &AlertmanagerClient::changed);
        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->queries.size(), 1, WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!client.isPolling(), WaitMs);
        m_clock.advanceMs(10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->queries.size(), 2, WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!client.isPolling(), WaitMs);
        QCOMPARE(changed.count(), 1);
        m_server->answer({alert(QStringLiteral("SecurityIncident"), QStringLiteral("security"), QStringLiteral("active"))});
        m_clock.advanceMs(10000);
        QTRY_COMPARE_WITH_TIMEOUT(verdict(client.firing()), QStringLiteral("firing"), WaitMs);
        QCOMPARE(changed.count(), 2);
        client.stop();
        m_clock.advanceMs(10000);
        QTest::qWait(100);
        QCOMPARE(m_server->queries.size(), 3);
    }

    // The demo simulator answers like Alertmanager but ignores the filter; its
    // security-alert scenario fires a minute after green reached 10 %.
    void demoSimulatorSecurityAlert()
    {
        constexpr qint64 Second = 1000;
        constexpr qint64 Minute = 60 * Second;
        DemoServer sim(&m_clock, DemoScenario::SecurityAlert);
        const Result<quint16> port = sim.listen(0);
        QVERIFY2(port, qPrintable(port.error()));
        AlertmanagerClient client(&m_clock);
        AlertSourceConfig c = config();
        c.url = sim.baseUrl();
        client.setConfig(c);
        m_clock.advanceMs(Minute);
        QVERIFY(sim.setWeights(90, 10));
        m_clock.advanceMs(59 * Second);
        client.pollNow();
        QTRY_VERIFY_WITH_TIMEOUT(client.lastPolledMs() == m_clock.nowMs(), WaitMs);
        QCOMPARE(verdict(client.firing()), QStringLiteral("not firing"));
        m_clock.advanceMs(Second);
        client.pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(verdict(client.firing()), QStringLiteral("firing"), WaitMs);
        QCOMPARE(client.alerts().size(), 1);
        const FiringAlert alert = client.alerts().at(0);
        QCOMPARE(alert.name, QStringLiteral("SecurityIncident"));
        QCOMPARE(alert.labels.value(QStringLiteral("service")), QStringLiteral("demo"));
        QCOMPARE(alert.labels.value(QStringLiteral("severity")), QStringLiteral("critical"));
        QCOMPARE(alert.startsAt.toMSecsSinceEpoch(), m_clock.nowMs() / 1000 * 1000); // the sim's whole second
        QVERIFY2(client.message().english().startsWith(QStringLiteral("1 alert firing: SecurityIncident (critical) since ")), qPrintable(client.message().english()));

        // Matchers for another category: the same answer gives "not firing".
        c.matchers = {{QStringLiteral("category"), QStringLiteral("performance")}};
        client.setConfig(c);
        client.pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(verdict(client.firing()), QStringLiteral("not firing"), WaitMs);
    }

    void noUrlIsAnError()
    {
        AlertmanagerClient client(&m_clock);
        client.pollNow();
        QCOMPARE(verdict(client.firing()), verdict(std::nullopt));
        QVERIFY(!client.message().english().isEmpty());
    }

    void filterSyntax_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "category" << "security" << "category=\"security\"";
        QTest::newRow("quote and backslash") << "team" << "a\"b\\c" << "team=\"a\\\"b\\\\c\"";
        QTest::newRow("newline") << "note" << "a\nb" << "note=\"a\\nb\"";
        QTest::newRow("label name needing quotes") << "app.kubernetes.io/name" << "web" << "\"app.kubernetes.io/name\"=\"web\"";
    }
    void filterSyntax()
    {
        QFETCH(QString, label);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QCOMPARE(AlertmanagerClient::filterExpression(label, value), expected);
    }

private:
    ManualClock m_clock;
    std::unique_ptr<FakeAlertmanager> m_server;
};

QTEST_GUILESS_MAIN(TestAlertmanagerClient)
#include "tst_alertmanagerclient.moc"
