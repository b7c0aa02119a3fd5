// AlertmanagerClient against a real Alertmanager (Debian 13's prometheus-alertmanager, from
// the build root) with a null receiver: alerts are POSTed to its API v2 as Prometheus would,
// and the client must see the matching one firing and ignore one of another category. This
// also proves that the filter syntax the client sends is what Alertmanager understands.
#include "../common/journaltraffic.h"
#include "realserver.h"

#include "../traffic/fakehaproxy.h"

#include "runbook/runbookloader.h"
#include "alerts/alertmanagerclient.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "rollout/rollout.h"
#include "traffic/haproxycontroller.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestAlertmanagerE2E : public QObject
{
    Q_OBJECT

private:
    SystemClock m_clock;
    std::unique_ptr<RealServer> m_alertmanager;
    QUrl m_url;
    QNetworkAccessManager m_network;

    AlertSourceConfig config() const
    {
        AlertSourceConfig c;
        c.url = m_url;
        c.matchers = {{QStringLiteral("category"), QStringLiteral("security")}};
        c.intervalMs = 500;
        c.timeoutMs = 5000;
        return c;
    }

    // POST one alert the way Prometheus sends it: startsAt now, endsAt in an hour.
    bool postAlert(const QString &name, const QString &category, QString *error)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QJsonArray body{QJsonObject{
            {QStringLiteral("labels"), QJsonObject{{QStringLiteral("alertname"), name},
                                                   {QStringLiteral("category"), category},
                                                   {QStringLiteral("severity"), QStringLiteral("critical")}}},
            {QStringLiteral("annotations"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("e2e ") + name}}},
            {QStringLiteral("startsAt"), now.toString(Qt::ISODateWithMs)},
            {QStringLiteral("endsAt"), now.addSecs(3600).toString(Qt::ISODateWithMs)},
        }};
        QNetworkRequest request(m_url.resolved(QUrl(QStringLiteral("/api/v2/alerts"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setTransferTimeout(10000);
        QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(15000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        *error = QStringLiteral("HTTP %1 %2: %3").arg(status).arg(reply->errorString(), QString::fromUtf8(reply->readAll()));
        reply->deleteLater();
        return status == 200;
    }

    // Alertmanager lists the alert (unfiltered) once it has taken it in.
    bool listed(const QString &name)
    {
        const QByteArray all = m_alertmanager->get(m_url.resolved(QUrl(QStringLiteral("/api/v2/alerts"))));
        return all.contains(name.toUtf8());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_alertmanager = std::make_unique<RealServer>(QStringLiteral("prometheus-alertmanager"));
        QVERIFY2(!m_alertmanager->findProgram().isEmpty(), "prometheus-alertmanager is not installed in the build root");
        const quint16 port = RealServer::freePort();
        QVERIFY(port);
        QFile config(m_alertmanager->workDir() + QStringLiteral("/alertmanager.yml"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("route:\n  receiver: \"null\"\nreceivers:\n  - name: \"null\"\n");
        config.close();
        QVERIFY2(m_alertmanager->start({QStringLiteral("--config.file=") + config.fileName(),
                                        QStringLiteral("--storage.path=") + m_alertmanager->workDir() + QStringLiteral("/data"),
                                        QStringLiteral("--cluster.listen-address="),
                                        QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)}),
                 qPrintable(m_alertmanager->error()));
        m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        QVERIFY2(m_alertmanager->waitReady(m_url.resolved(QUrl(QStringLiteral("/-/ready")))),
                 qPrintable(m_alertmanager->error() + u'\n' + m_alertmanager->output()));
    }

    void cleanupTestCase() { m_alertmanager.reset(); }

    void nothingFiringAtFirst()
    {
        AlertmanagerClient client(&m_clock);
        client.setConfig(config());
        client.pollNow();
        QTRY_VERIFY2_WITH_TIMEOUT(client.firing().has_value(), qPrintable(client.message().english()), 10000);
        QCOMPARE(*client.firing(), false);
        QCOMPARE(client.message().english(), QStringLiteral("no matching alert"));
    }

    // Another category alone: Alertmanager's own filter leaves it out, and so would ours.
    void nonMatchingAlertAloneIsNotFiring()
    {
        QString error;
        QVERIFY2(postAlert(QStringLiteral("SlowQueries"), QStringLiteral("performance"), &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("SlowQueries")), 10000);
        // The server-side filter the client sends really filters.
        const QByteArray filtered = m_alertmanager->get(AlertmanagerClient::alertsUrl(config()));
        QVERIFY2(filtered.trimmed() == "[]", filtered.constData());
        AlertmanagerClient client(&m_clock);
        client.setConfig(config());
        client.pollNow();
        QTRY_VERIFY2_WITH_TIMEOUT(client.firing().has_value(), qPrintable(client.message().english()), 10000);
        QCOMPARE(*client.firing(), false);
        // And without a matcher on the server it would be seen: the fixture is sound.
        AlertSourceConfig any = config();
        any.matchers = {{QStringLiteral("category"), QStringLiteral("performance")}};
        client.setConfig(any);
        client.pollNow();
        QTRY_VERIFY2_WITH_TIMEOUT(client.firing() == std::optional<bool>(true), qPrintable(client.message().english()), 10000);
    }

    void matchingAlertFiresWithinSeconds()
    {
        AlertmanagerClient client(&m_clock);
        client.setConfig(config());
        QSignalSpy changed(&client, &AlertmanagerClient::changed);
        client.start();
        QTRY_VERIFY2_WITH_TIMEOUT(client.firing() == std::optional<bool>(false), qPrintable(client.message().english()), 10000);
        QString error;
        QVERIFY2(postAlert(QStringLiteral("SecurityIncident"), QStringLiteral("security"), &error), qPrintable(error));
        QTRY_VERIFY2_WITH_TIMEOUT(client.firing() == std::optional<bool>(true), qPrintable(client.message().english()), 5000);
        QCOMPARE(client.alerts().size(), 1);
        const FiringAlert alert = client.alerts().at(0);
        QCOMPARE(alert.name, QStringLiteral("SecurityIncident"));
        QCOMPARE(alert.labels.value(QStringLiteral("severity")), QStringLiteral("critical"));
        QCOMPARE(alert.summary, QStringLiteral("e2e SecurityIncident"));
        QVERIFY(alert.startsAt.isValid());
        QVERIFY(!alert.fingerprint.isEmpty());
        QVERIFY2(client.message().english().startsWith(QStringLiteral("1 alert firing: SecurityIncident (critical) since ")),
                 qPrintable(client.message().english()));
        client.stop();
    }

    // The security trigger end to end: an alert posted to Alertmanager reaches the client, the
    // rollout judges auto-rollback.security_alert breached and sends all traffic to blue.
    void firingAlertRollsTrafficBack()
    {
        QString error;
        QVERIFY2(postAlert(QStringLiteral("SecurityIncident"), QStringLiteral("security"), &error), qPrintable(error));
        QTemporaryDir dir;
        Journal journal;
        QVERIFY(journal.open(dir.filePath(QStringLiteral("j.sqlite"))).ok());
        auto started = Deployment::start(&journal, &m_clock, {QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("e2e"),
                                                               QStringLiteral("runbook.md"), RunbookLoader::bundledText()});
        QVERIFY(started.ok());
        std::unique_ptr<Deployment> deployment = started.take();
        FakeHaproxy haproxy;
        QVERIFY(haproxy.listen());
        haproxy.addServer(QStringLiteral("app/blue"), 95);
        haproxy.addServer(QStringLiteral("app/green"), 5);
        // Green has 5 %, as journaled by the console that shifted it.
        journalGreenAt(deployment.get(), 5, QStringLiteral("e2e"));
        MetricsSession metrics(&m_clock);
        // Green's numbers are healthy and stay fresh for the test: only the alert can trigger.
        metrics.store()->setFreshnessMs(3'600'000);
        const double healthy[] = {0.05, 180, 0.01, 20, 40, 900, 5};
        for (int i = 0; i < MetricCount; ++i) {
            for (Color c : {Color::Blue, Color::Green})
                metrics.store()->append({Metric(i), c}, {m_clock.nowMs(), healthy[i]});
        }
        HaproxyTrafficConfig traffic;
        traffic.address = haproxy.address();
        traffic.backend = QStringLiteral("app");
        HaproxyController controller(traffic);
        RolloutSettings settings;
        settings.alertsConfigured = true;
        Rollout rollout(deployment.get(), &metrics, &controller, settings);
        AlertmanagerClient client(&m_clock);
        client.setConfig(config());
        connect(&client, &AlertmanagerClient::changed, &rollout, [&] { rollout.setSecurityAlert(client.firing(), client.message()); });
        rollout.start();
        client.start();
        QTRY_VERIFY2_WITH_TIMEOUT(deployment->state().traffic.rollbackActive, qPrintable(client.message().english()), 10000);
        QCOMPARE(deployment->state().traffic.rollbackRuleId, QStringLiteral("auto-rollback.security_alert"));
        QTRY_COMPARE_WITH_TIMEOUT(haproxy.weight(QStringLiteral("app/green")), 0, 10000);
        QCOMPARE(haproxy.weight(QStringLiteral("app/blue")), 100);
        QTRY_COMPARE_WITH_TIMEOUT(rollout.currentPercent(), 0, 10000);
        client.stop();
    }
};

QTEST_GUILESS_MAIN(TestAlertmanagerE2E)
#include "tst_alertmanager_e2e.moc"
