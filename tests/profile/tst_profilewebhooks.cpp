// The profile's "webhooks" section: Slack and generic webhooks whose URLs are secrets (from the
// environment or the keychain, never the file), with their limits, and every mistake reported
// at its key.
#include "profile/profileloader.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

class TestProfileWebhooks : public QObject
{
    Q_OBJECT

    // The demo profile with `webhooks` (JSON text) as its "webhooks" section.
    static QByteArray demoWithWebhooks(const QByteArray &webhooks)
    {
        QFile file(QStringLiteral(":/profiles/demo.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("no demo profile");
        QByteArray json = file.readAll();
        const qsizetype end = json.lastIndexOf('}');
        return json.left(end).trimmed() + ",\n    \"webhooks\": " + webhooks + "\n}\n";
    }

private Q_SLOTS:
    void webhooksLoad()
    {
        const auto loaded = ProfileLoader::parse(demoWithWebhooks("{\n"
        "        \"team-slack\": { \"format\": \"slack\", \"url\": { \"env\": \"SLACK_HOOK\" } },\n"
        "        \"ops\": { \"format\": \"generic\", \"url\": { \"keychain\": \"ops-hook\", \"service\": \"deploys\" },\n"
        "                 \"template\": { \"text\": \"${text}\", \"green\": \"${green}\" },\n"
        "                 \"timeoutSeconds\": 3, \"retries\": 4, \"retryDelaySeconds\": 5 }\n"
        "    }"),
                                                 QStringLiteral("p.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const QList<WebhookConfig> &w = loaded.value().webhooks;
        QCOMPARE(w.size(), 2);
        const WebhookConfig *ops = w[0].name == u"ops" ? &w[0] : &w[1];
        const WebhookConfig *slack = w[0].name == u"ops" ? &w[1] : &w[0];
        QCOMPARE(slack->format, WebhookConfig::Format::Slack);
        QCOMPARE(slack->url, (SecretRef{SecretRef::Source::Environment, QStringLiteral("SLACK_HOOK"), {}}));
        QCOMPARE(slack->timeoutMs, 10'000); // defaults
        QCOMPARE(slack->retries, 2);
        QCOMPARE(ops->format, WebhookConfig::Format::Generic);
        QCOMPARE(ops->url, (SecretRef{SecretRef::Source::Keychain, QStringLiteral("ops-hook"), QStringLiteral("deploys")}));
        QCOMPARE(ops->genericTemplate.value(u"green").toString(), QStringLiteral("${green}"));
        QCOMPARE(ops->timeoutMs, 3000);
        QCOMPARE(ops->retries, 4);
        QCOMPARE(ops->retryDelayMs, 5000);
    }

    void noSectionNoWebhooks()
    {
        QFile file(QStringLiteral(":/profiles/demo.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto loaded = ProfileLoader::parse(file.readAll(), QStringLiteral("p.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(loaded.value().webhooks.isEmpty());
    }

    void mistakesAreReportedAtTheirKey_data()
    {
        QTest::addColumn<QByteArray>("webhooks");
        QTest::addColumn<QString>("expected");
        QTest::newRow("URL written in the file") << QByteArray("{ \"slack\": { \"format\": \"slack\", \"url\": \"https://hooks.slack.com/services/T/B/x\" } }")
                                                 << QStringLiteral("\"webhooks.slack.url\" must not hold the secret itself: write {\"env\": \"VARIABLE\"} or {\"keychain\": \"KEY\"}, and keep the value there");
        QTest::newRow("no URL") << QByteArray("{ \"slack\": { \"format\": \"slack\" } }")
                                << QStringLiteral("missing key \"url\" in \"webhooks.slack\": say where the secret comes from, {\"env\": \"VARIABLE\"} or {\"keychain\": \"KEY\"}");
        QTest::newRow("unknown format") << QByteArray("{ \"chat\": { \"format\": \"teams\", \"url\": { \"env\": \"X\" } } }")
                                        << QStringLiteral("unknown webhook format \"teams\" (expected slack or generic)");
        QTest::newRow("template on slack") << QByteArray("{ \"slack\": { \"format\": \"slack\", \"url\": { \"env\": \"X\" }, \"template\": {} } }")
                                           << QStringLiteral("a Slack webhook takes no \"template\": its message has Slack's blocks");
        QTest::newRow("unknown key") << QByteArray("{ \"slack\": { \"format\": \"slack\", \"url\": { \"env\": \"X\" }, \"channel\": \"#deploys\" } }")
                                     << QStringLiteral("unknown key \"channel\" in \"webhooks.slack\" (expected one of: format, url, template, timeoutSeconds, retries, retryDelaySeconds)");
        QTest::newRow("not an object") << QByteArray("{ \"slack\": \"https://example.com\" }")
                                       << QStringLiteral("\"webhooks.slack\" must be an object with \"format\" and \"url\"");
        QTest::newRow("too many retries") << QByteArray("{ \"slack\": { \"format\": \"slack\", \"url\": { \"env\": \"X\" }, \"retries\": 50 } }")
                                          << QStringLiteral("retries");
    }
    void mistakesAreReportedAtTheirKey()
    {
        QFETCH(QByteArray, webhooks);
        QFETCH(QString, expected);
        const auto loaded = ProfileLoader::parse(demoWithWebhooks(webhooks), QStringLiteral("p.json"));
        QVERIFY(!loaded.ok());
        const QString first = loaded.error().section(u'\n', 0, 0);
        QVERIFY2(first.startsWith(u"p.json:"), qPrintable(first));
        QVERIFY2(first.contains(expected), qPrintable(first + QStringLiteral("\n expected: ") + expected));
        QVERIFY2(!loaded.error().contains(u"hooks.slack.com/services"), "a URL in the file is not repeated in the message");
    }
};

QTEST_GUILESS_MAIN(TestProfileWebhooks)
#include "tst_profilewebhooks.moc"
