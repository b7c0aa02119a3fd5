#include "webhookssection.h"

#include "profile/profilejsonreader.h"

QList<WebhookConfig> readWebhooks(ProfileJsonReader &reader, const QJsonObject &root)
{
    QList<WebhookConfig> result;
    const auto webhooks = reader.object(root, {}, QStringLiteral("webhooks"), false);
    if (!webhooks)
        return result;
    const QStringList at{QStringLiteral("webhooks")};
    for (auto it = webhooks->begin(); it != webhooks->end(); ++it) {
        const QStringList wat = at + QStringList{it.key()};
        if (!it.value().isObject()) {
            reader.error(wat, phrase("ProfileLoader", "%1 must be an object with \"format\" and \"url\"").arg(ProfileJsonReader::where(wat)));
            continue;
        }
        const QJsonObject w = it.value().toObject();
        reader.checkKeys(w, wat,
                         {QStringLiteral("format"), QStringLiteral("url"), QStringLiteral("template"), QStringLiteral("timeoutSeconds"), QStringLiteral("retries"),
                          QStringLiteral("retryDelaySeconds")});
        WebhookConfig config;
        config.name = it.key();
        const QString format = reader.string(w, wat, QStringLiteral("format"), true).value_or(QString());
        if (format == u"slack") {
            config.format = WebhookConfig::Format::Slack;
            if (w.contains(u"template"))
                reader.error(wat + QStringList{QStringLiteral("template")}, phrase("ProfileLoader", "a Slack webhook takes no \"template\": its message has Slack's blocks"));
        } else if (format == u"generic") {
            config.format = WebhookConfig::Format::Generic;
            config.genericTemplate = reader.object(w, wat, QStringLiteral("template"), false).value_or(QJsonObject());
        } else if (!format.isEmpty()) {
            reader.error(wat + QStringList{QStringLiteral("format")}, phrase("ProfileLoader", "unknown webhook format \"%1\" (expected slack or generic)").arg(format));
        }
        config.url = reader.secret(w, wat, QStringLiteral("url"));
        config.timeoutMs = int(reader.duration(w, wat, QStringLiteral("timeoutSeconds"), 1000, 0.1, 120).value_or(config.timeoutMs));
        config.retries = reader.integer(w, wat, QStringLiteral("retries"), 0, 10).value_or(config.retries);
        config.retryDelayMs = int(reader.duration(w, wat, QStringLiteral("retryDelaySeconds"), 1000, 0.1, 3600).value_or(config.retryDelayMs));
        result << config;
    }
    return result;
}
