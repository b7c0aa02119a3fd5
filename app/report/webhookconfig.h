#pragma once

#include "secrets/secretref.h"

#include <QJsonObject>
#include <QString>

// One webhook status updates are sent to (the profile's "webhooks" section). Its URL is a
// secret, from the environment or the keychain, never written in the profile: whoever has a
// Slack incoming-webhook URL may post to the channel.
struct WebhookConfig {
    enum class Format {
        Slack,   // Slack-compatible incoming webhook: {"text": ..., "blocks": [...]}
        Generic, // the profile's JSON template with ${...} placeholders in its strings
    };
    QString name; // the key in the profile ("team-slack"), shown in the journal and the report
    Format format = Format::Slack;
    SecretRef url;
    QJsonObject genericTemplate; // Generic; empty: StatusUpdate::genericDefaultTemplate()
    int timeoutMs = 10'000;      // real time per attempt
    int retries = 2;             // attempts after the first failed one
    int retryDelayMs = 30'000;   // real time before the next attempt

    bool operator==(const WebhookConfig &) const = default;
};

QString nameOf(WebhookConfig::Format format); // "slack", "generic"
