// Status updates in accelerated (manual) deployment time against a local webhook receiver:
// due every 15 minutes from the first traffic shift until the close, sent to every webhook
// (Slack blocks, the generic template), an immediate one on a rollback, 500s retried and
// timeouts given up, every result journaled, nothing blocked, and no webhook URL in any message.
#include "../rollout/rolloutfixture.h"
#include "fakewebhook.h"

#include "report/statusupdatecomposer.h"
#include "report/statusupdates.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>

class TestStatusUpdates : public QObject, private RolloutFixture
{
    Q_OBJECT

    std::unique_ptr<FakeWebhook> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<StatusUpdates> m_updates;

    WebhookConfig webhook(const QString &name, WebhookConfig::Format format, const QString &path)
    {
        const QByteArray variable = "STONECASTER_TEST_WEBHOOK_" + name.toUpper().toLatin1().replace('-', '_');
        qputenv(variable.constData(), m_server->url(path).toString().toUtf8());
        WebhookConfig w;
        w.name = name;
        w.format = format;
        w.url = SecretRef{SecretRef::Source::Environment, QString::fromLatin1(variable), {}};
        w.timeoutMs = 2000;
        w.retries = 2;
        w.retryDelayMs = 50;
        return w;
    }
    void makeUpdates(const QList<WebhookConfig> &webhooks)
    {
        m_updates = std::make_unique<StatusUpdates>(m_deployment.get(), webhooks, m_network.get());
        m_updates->setRollout(m_rollout.get());
        m_updates->setSamples(m_metrics->store());
        m_updates->setEnvironmentName(QStringLiteral("staging"));
        m_updates->setTimeZone(QTimeZone::UTC);
    }
    QList<DeploymentEvent> updateEvents() const
    {
        QList<DeploymentEvent> all = m_journal->events(m_deployment->id()).value();
        all.removeIf([](const DeploymentEvent &e) { return !e.kindName.startsWith(u"status-update"); });
        return all;
    }

private Q_SLOTS:
    void init()
    {
        setUpRollout();
        m_server = std::make_unique<FakeWebhook>();
        QVERIFY(m_server->listenLocal());
        m_network = std::make_unique<QNetworkAccessManager>();
    }
    void cleanup()
    {
        m_updates.reset();
        tearDownRollout();
        m_network.reset();
        m_server.reset();
    }

    void dueEvery15MinutesOfDeploymentTimeFromTheFirstShiftUntilTheClose()
    {
        makeUpdates({});
        QSignalSpy due(m_updates.get(), &StatusUpdates::due);
        QCOMPARE(m_updates->nextDueMs(), std::nullopt); // nothing to say before traffic moves
        run(Minute); // ("normal" needs blue's samples every 2 s before the shift: not longer)
        QCOMPARE(due.size(), 0);
        toFivePercent();
        const qint64 shift = *m_deployment->state().traffic.firstShiftMs;
        QCOMPARE(m_updates->nextDueMs(), std::optional<qint64>(shift + 15 * Minute));
        run(14 * Minute + 50 * Second);
        QCOMPARE(due.size(), 0);
        QVERIFY(!m_updates->isDue());
        run(20 * Second);
        QCOMPARE(due.size(), 1);
        QVERIFY(m_updates->isDue());
        run(5 * Minute); // still due, said once
        QCOMPARE(due.size(), 1);
        // Posted by hand (copied): the next one 15 minutes from now.
        m_updates->acknowledge();
        QCOMPARE(m_updates->nextDueMs(), std::optional<qint64>(m_clock->nowMs() + 15 * Minute));
        run(15 * Minute + 10 * Second);
        QCOMPARE(due.size(), 2);
        QVERIFY(m_deployment->close(DeploymentOutcome::Aborted, QStringLiteral("test")).ok());
        QCOMPARE(m_updates->nextDueMs(), std::nullopt);
        run(30 * Minute);
        QCOMPARE(due.size(), 2);
    }

    void sentToEveryWebhookInTheirShapesAndJournaled()
    {
        WebhookConfig generic = webhook(QStringLiteral("ops-json"), WebhookConfig::Format::Generic, QStringLiteral("/generic"));
        generic.genericTemplate = QJsonObject{{QStringLiteral("msg"), QStringLiteral("${title}")},
                                              {QStringLiteral("green"), QStringLiteral("${green}")},
                                              {QStringLiteral("about"), QJsonArray{QStringLiteral("${service} ${version} in ${environment}"), 7}}};
        makeUpdates({webhook(QStringLiteral("team-slack"), WebhookConfig::Format::Slack, QStringLiteral("/slack")), generic});
        m_updates->setAutoSend(true);
        QSignalSpy automatic(m_updates.get(), &StatusUpdates::sentAutomatically);
        QSignalSpy idle(m_updates.get(), &StatusUpdates::idle);
        toFivePercent();
        run(15 * Minute + 10 * Second);
        QCOMPARE(automatic.size(), 1);
        QTRY_COMPARE(idle.size(), 1);

        const QList<FakeWebhook::Post> slack = m_server->postsTo(QStringLiteral("/slack"));
        QCOMPARE(slack.size(), 1);
        QVERIFY(slack.first().contentType.startsWith("application/json"));
        const QJsonObject message = slack.first().json();
        QVERIFY(message.value(u"text").toString().startsWith(u"checkout v2: Phase 3: Traffic Shift, 5 % on green"));
        const QJsonArray blocks = message.value(u"blocks").toArray();
        QCOMPARE(blocks.size(), 4);
        QCOMPARE(blocks[0].toObject().value(u"type").toString(), QStringLiteral("header"));
        QCOMPARE(blocks[0].toObject().value(u"text").toObject().value(u"type").toString(), QStringLiteral("plain_text"));
        QCOMPARE(blocks[1].toObject().value(u"fields").toArray().size(), 2);
        QCOMPARE(blocks[1].toObject().value(u"fields").toArray()[1].toObject().value(u"text").toString(), QStringLiteral("*Traffic*\n5 % on green"));
        const QString body = blocks[2].toObject().value(u"text").toObject().value(u"text").toString();
        QVERIFY(body.contains(u"Key metrics, green / blue, against the runbook's thresholds:"));
        QVERIFY(body.contains(u"- Error rate: 0.05 % / 0.05 % (decision point &gt; 1 %, rollback &gt; 2 %)")); // mrkdwn-escaped
        QVERIFY(body.contains(u"Open problems: none."));
        QVERIFY(body.contains(u"Next: 10 % on green once the gate opens") || body.contains(u"Next: 10 % on green: the gate is open now"));
        QCOMPARE(blocks[3].toObject().value(u"type").toString(), QStringLiteral("context"));

        const QList<FakeWebhook::Post> json = m_server->postsTo(QStringLiteral("/generic"));
        QCOMPARE(json.size(), 1);
        QCOMPARE(json.first().json().value(u"green"), QJsonValue(5)); // "${green}" alone is the number
        QCOMPARE(json.first().json().value(u"about").toArray(), (QJsonArray{QStringLiteral("checkout v2 in staging"), 7}));
        QVERIFY(json.first().json().value(u"msg").toString().startsWith(u"checkout v2: Phase 3"));

        const QList<DeploymentEvent> events = updateEvents();
        QCOMPARE(events.size(), 2);
        for (const DeploymentEvent &e : events) {
            QCOMPARE(e.kind, DeploymentEvent::Kind::StatusUpdateSent);
            QCOMPARE(e.itemId, QStringLiteral("u1"));
            QCOMPARE(e.payload.value(u"httpStatus").toInt(), 200);
            QCOMPARE(e.payload.value(u"trigger").toString(), QStringLiteral("scheduled"));
        }
        const QList<StatusUpdateRecord> &records = m_deployment->state().statusUpdates;
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().deliveries.size(), 2);
        QVERIFY(records.first().deliveredAnywhere() && !records.first().failedSomewhere());
        QCOMPARE(m_updates->nextDueMs(), std::optional<qint64>(records.first().atMs + 15 * Minute));
    }

    void aServerErrorIsRetriedAndEveryAttemptJournaled()
    {
        m_server->setAnswers(QStringLiteral("/slack"), {{500, "upstream <b>down</b>", false}, {200, "ok", false}});
        makeUpdates({webhook(QStringLiteral("team-slack"), WebhookConfig::Format::Slack, QStringLiteral("/slack"))});
        QSignalSpy failed(m_updates.get(), &StatusUpdates::deliveryFailed);
        QSignalSpy finished(m_updates.get(), &StatusUpdates::deliveryFinished);
        toFivePercent();
        QCOMPARE(m_updates->send(m_updates->prepare(StatusUpdate::Trigger::Manual)), QStringLiteral("u1"));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(2).toBool(), true);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(2).toInt(), 50); // retried after the profile's delay
        const QList<DeploymentEvent> events = updateEvents();
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[0].kind, DeploymentEvent::Kind::StatusUpdateFailed);
        QCOMPARE(events[0].payload.value(u"httpStatus").toInt(), 500);
        QCOMPARE(events[0].payload.value(u"message").toString(), QStringLiteral("500 Internal Server Error: upstream <b>down</b>"));
        QCOMPARE(events[0].payload.value(u"retryInMs").toInt(), 50);
        QCOMPARE(events[1].kind, DeploymentEvent::Kind::StatusUpdateRetried);
        QCOMPARE(events[1].payload.value(u"attempt").toInt(), 2);
        QCOMPARE(events[2].kind, DeploymentEvent::Kind::StatusUpdateSent);
        QCOMPARE(events[2].payload.value(u"attempt").toInt(), 2);
        const StatusUpdateDelivery &d = m_deployment->state().statusUpdates.first().deliveries.first();
        QVERIFY(d.delivered);
        QCOMPARE(d.attempts, 2);
    }

    void aTimeoutIsGivenUpJournaledAndBlocksNothing()
    {
        m_server->setAnswers(QStringLiteral("/slow"), {{200, "ok", true}});
        WebhookConfig slow = webhook(QStringLiteral("slow"), WebhookConfig::Format::Generic, QStringLiteral("/slow"));
        slow.timeoutMs = 200;
        slow.retries = 0;
        makeUpdates({slow});
        QSignalSpy finished(m_updates.get(), &StatusUpdates::deliveryFinished);
        toFivePercent();
        m_updates->send(m_updates->prepare(StatusUpdate::Trigger::Manual));
        // While it waits, the deployment goes on.
        run(5 * Minute + 10 * Second);
        QVERIFY2(m_rollout->gate().open, qPrintable(m_rollout->gate().reasons.join(u'|')));
        QVERIFY(m_rollout->advance().ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        QCOMPARE(finished.first().at(2).toBool(), false);
        const QList<DeploymentEvent> events = updateEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, DeploymentEvent::Kind::StatusUpdateFailed);
        QCOMPARE(events[0].payload.value(u"httpStatus").toInt(), 0);
        QCOMPARE(events[0].payload.value(u"retryInMs").toInt(), 0);
        QVERIFY2(events[0].payload.value(u"message").toString().contains(u"0.2 s") || events[0].payload.value(u"message").toString().contains(u"200 ms"),
                 qPrintable(events[0].payload.value(u"message").toString()));
        QVERIFY(m_deployment->state().statusUpdates.first().failedSomewhere());
    }

    void aRollbackSendsAnUpdateAtOnce()
    {
        makeUpdates({webhook(QStringLiteral("team-slack"), WebhookConfig::Format::Slack, QStringLiteral("/slack"))});
        QSignalSpy automatic(m_updates.get(), &StatusUpdates::sentAutomatically);
        toFivePercent();
        m_clock->advanceMs(10 * Second);
        feed(Metric::ErrorRate, 3.0); // > 2 %: the automatic trigger
        QVERIFY(m_deployment->state().traffic.rollbackActive);
        QTRY_COMPARE(automatic.size(), 1); // also without auto-send: a rollback is always told
        const StatusUpdate update = automatic.first().first().value<StatusUpdate>();
        QCOMPARE(update.trigger, StatusUpdate::Trigger::AutomaticTrigger);
        QVERIFY(update.title.contains(u"ROLLED BACK"));
        QVERIFY(update.text.startsWith(u"Automatic rollback: automatic trigger error_rate 3 % > 2 % (green)."));
        QVERIFY(update.text.contains(u"Phase: Rollback."));
        QTRY_COMPARE(m_server->postsTo(QStringLiteral("/slack")).size(), 1);
        QTRY_COMPARE(updateEvents().size(), 1);
        QCOMPARE(updateEvents().first().payload.value(u"trigger").toString(), QStringLiteral("trigger"));
    }

    void theWebhookUrlIsNeverInAMessage()
    {
        const QString secretPath = QStringLiteral("/services/T0001/B0002/s3cr3tT0k3n");
        m_server->setAnswers(secretPath, {{404, "no_such_hook", false}});
        WebhookConfig hook = webhook(QStringLiteral("team-slack"), WebhookConfig::Format::Slack, secretPath);
        hook.retries = 0;
        WebhookConfig missing = webhook(QStringLiteral("unset"), WebhookConfig::Format::Slack, QStringLiteral("/x"));
        qunsetenv(missing.url.name.toLatin1().constData());
        WebhookConfig refused = webhook(QStringLiteral("refused"), WebhookConfig::Format::Slack, QStringLiteral("/y"));
        qputenv(refused.url.name.toLatin1().constData(), QByteArrayLiteral("http://127.0.0.1:1/services/T9/B9/an0th3rS3cr3t"));
        refused.retries = 0;
        makeUpdates({hook, missing, refused});
        QSignalSpy finished(m_updates.get(), &StatusUpdates::deliveryFinished);
        toFivePercent();
        m_updates->send(m_updates->prepare(StatusUpdate::Trigger::Manual));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
        const QList<DeploymentEvent> events = updateEvents();
        QCOMPARE(events.size(), 3);
        for (const DeploymentEvent &e : events) {
            QCOMPARE(e.kind, DeploymentEvent::Kind::StatusUpdateFailed);
            const QString payload = QString::fromUtf8(QJsonDocument(e.payload).toJson());
            QVERIFY2(!payload.contains(u"s3cr3t") && !payload.contains(u"S3cr3t") && !payload.contains(u"T0001"), qPrintable(payload));
        }
        const auto message = [&events](const QString &webhook) {
            for (const DeploymentEvent &e : events) {
                if (e.payload.value(u"webhook").toString() == webhook)
                    return e.payload.value(u"message").toString();
            }
            return QString();
        };
        QCOMPARE(message(QStringLiteral("team-slack")), QStringLiteral("404 Not Found: no_such_hook"));
        QVERIFY2(message(QStringLiteral("unset")).contains(u"environment variable STONECASTER_TEST_WEBHOOK_UNSET"), qPrintable(message(QStringLiteral("unset"))));
        QVERIFY(!message(QStringLiteral("refused")).isEmpty());
    }

    void composedTextSaysWhereTheDeploymentStandsAndWhatComesNext()
    {
        toFivePercent();
        run(2 * Minute);
        StatusUpdateComposer::Input in;
        in.state = &m_deployment->state();
        in.runbook = &m_deployment->runbook();
        in.evaluation = m_rollout->evaluation();
        in.gate = m_rollout->gate();
        in.observedGreen = 5;
        in.samples = m_metrics->store();
        in.nowMs = m_clock->nowMs();
        in.timeZone = QTimeZone::UTC;
        const StatusUpdate u = StatusUpdateComposer::compose(in, StatusUpdate::Trigger::Scheduled);
        QCOMPARE(u.phase, QStringLiteral("Phase 3: Traffic Shift"));
        QCOMPARE(u.traffic, QStringLiteral("5 % on green"));
        QCOMPARE(u.metrics.size(), 4);
        QCOMPARE(u.metrics[1].name, QStringLiteral("Response time (p95)"));
        QCOMPARE(u.metrics[1].green, QStringLiteral("180 ms"));
        QVERIFY2(u.metrics[1].limits.startsWith(u"decision point > 360 ms (2x normal), rollback > 540 ms (3x normal)"), qPrintable(u.metrics[1].limits));
        QVERIFY(u.problems.isEmpty());
        const qint64 holdEnds = m_clock->nowMs() + m_rollout->gate().holdRemainingMs;
        QCOMPARE(u.nextStep, QStringLiteral("10 % on green at %1 at the earliest (hold of 5 min at 5 %)")
                                 .arg(QDateTime::fromMSecsSinceEpoch(holdEnds, QTimeZone::UTC).toString(QStringLiteral("HH:mm:ss"))));
        QVERIFY(u.text.contains(QStringLiteral("Next: ") + u.nextStep + u'.'));
    }
};

QTEST_GUILESS_MAIN(TestStatusUpdates)
#include "tst_statusupdates.moc"
