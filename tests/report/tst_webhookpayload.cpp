// What a status update is posted as: Slack's blocks (escaped mrkdwn, Slack's length limits) and
// the generic template (placeholders replaced inside strings only, "${green}" as a number).
#include "report/webhookconfig.h"
#include "report/webhookpayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestWebhookPayload : public QObject
{
    Q_OBJECT

    static StatusUpdate update()
    {
        StatusUpdate u;
        u.id = QStringLiteral("u4");
        u.trigger = StatusUpdate::Trigger::AutomaticTrigger;
        u.deploymentId = QStringLiteral("d-1");
        u.service = QStringLiteral("checkout");
        u.version = QStringLiteral("2.4.1");
        u.environment = QStringLiteral("prod");
        u.phase = QStringLiteral("Rollback");
        u.greenPercent = 0;
        u.traffic = QStringLiteral("0 % on green");
        u.clockTime = QStringLiteral("08:39:31 UTC");
        u.elapsed = QStringLiteral("T+0:39:31");
        u.title = QStringLiteral("checkout 2.4.1: ROLLED BACK, traffic going to blue");
        u.text = QStringLiteral("Automatic rollback: p95 > 3x normal <!channel> & <https://evil|click>.\nAll traffic is on blue.");
        u.problems = {QStringLiteral("one"), QStringLiteral("two")};
        u.nextStep = QStringLiteral("finish the rollback");
        return u;
    }

private Q_SLOTS:
    void slackMessageHasItsBlocks()
    {
        const QJsonObject m = WebhookPayload::slack(update());
        QCOMPARE(m.value(u"text").toString(), QStringLiteral("checkout 2.4.1: ROLLED BACK, traffic going to blue"));
        const QJsonArray blocks = m.value(u"blocks").toArray();
        QCOMPARE(blocks.size(), 4);
        QStringList types;
        for (const QJsonValue &b : blocks)
            types << b.toObject().value(u"type").toString();
        QCOMPARE(types, (QStringList{QStringLiteral("header"), QStringLiteral("section"), QStringLiteral("section"), QStringLiteral("context")}));
        // The operator's text cannot ping a channel or hide a link: mrkdwn's control characters are escaped.
        const QString body = blocks[2].toObject().value(u"text").toObject().value(u"text").toString();
        QCOMPARE(body, QStringLiteral("Automatic rollback: p95 &gt; 3x normal &lt;!channel&gt; &amp; &lt;https://evil|click&gt;.\nAll traffic is on blue."));
        QCOMPARE(blocks[2].toObject().value(u"text").toObject().value(u"type").toString(), QStringLiteral("mrkdwn"));
        QVERIFY(blocks[3].toObject().value(u"elements").toArray()[0].toObject().value(u"text").toString().contains(u"T+0:39:31"));
    }

    void slackLimitsAreKept()
    {
        StatusUpdate u = update();
        u.title = QString(200, u'x');
        u.text = QString(4000, u'y');
        const QJsonArray blocks = WebhookPayload::slack(u).value(u"blocks").toArray();
        QCOMPARE(blocks[0].toObject().value(u"text").toObject().value(u"text").toString().size(), 150);
        QCOMPARE(blocks[2].toObject().value(u"text").toObject().value(u"text").toString().size(), 3000);
    }

    void genericTemplateIsFilledInsideItsStrings()
    {
        const QJsonObject tmpl{{QStringLiteral("text"), QStringLiteral("${title}: ${text}")},
                               {QStringLiteral("pct"), QStringLiteral("${green}")},
                               {QStringLiteral("label"), QStringLiteral("green=${green}%")},
                               {QStringLiteral("nested"), QJsonObject{{QStringLiteral("list"), QJsonArray{QStringLiteral("${problems}"), true, 3}}}},
                               {QStringLiteral("unknown"), QStringLiteral("${nope} stays")},
                               {QStringLiteral("quote"), QStringLiteral("${service}\"}")}};
        const QJsonObject out = WebhookPayload::generic(update(), tmpl);
        QCOMPARE(out.value(u"pct"), QJsonValue(0));
        QCOMPARE(out.value(u"label").toString(), QStringLiteral("green=0%"));
        QVERIFY(out.value(u"text").toString().startsWith(u"checkout 2.4.1: ROLLED BACK, traffic going to blue: Automatic rollback: p95 > 3x normal <!channel>"));
        QCOMPARE(out.value(u"nested").toObject().value(u"list").toArray(), (QJsonArray{QStringLiteral("one; two"), true, 3}));
        QCOMPARE(out.value(u"unknown").toString(), QStringLiteral("${nope} stays"));
        QCOMPARE(out.value(u"quote").toString(), QStringLiteral("checkout\"}"));
        // Values never break the JSON: the body parses back to the same object.
        WebhookConfig w;
        w.format = WebhookConfig::Format::Generic;
        w.genericTemplate = tmpl;
        QCOMPARE(QJsonDocument::fromJson(WebhookPayload::body(update(), w)).object(), out);
    }

    void genericDefaultCarriesEveryFact()
    {
        const QJsonObject out = WebhookPayload::generic(update(), {});
        QCOMPARE(out.value(u"id").toString(), QStringLiteral("u4"));
        QCOMPARE(out.value(u"trigger").toString(), QStringLiteral("trigger"));
        QCOMPARE(out.value(u"deployment").toString(), QStringLiteral("d-1"));
        QCOMPARE(out.value(u"greenPercent"), QJsonValue(0));
        QCOMPARE(out.value(u"problems").toString(), QStringLiteral("one; two"));
        QCOMPARE(out.value(u"source").toString(), QStringLiteral("stonecaster"));
    }
};

QTEST_GUILESS_MAIN(TestWebhookPayload)
#include "tst_webhookpayload.moc"
