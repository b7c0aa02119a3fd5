#pragma once

#include "report/webhookconfig.h"

#include <QJsonObject>
#include <QList>

class ProfileJsonReader;

// The profile's "webhooks" section: where status updates go.
//   "webhooks": {
//     "team-slack": { "format": "slack", "url": { "env": "STONECASTER_SLACK_WEBHOOK" } },
//     "ops": { "format": "generic", "url": { "keychain": "ops-webhook" },
//              "template": { "text": "${text}", "deployment": "${deployment}", "green": "${green}" },
//              "timeoutSeconds": 10, "retries": 2, "retryDelaySeconds": 30 }
//   }
// A URL written in the file is refused (it is a secret); problems go to `reader`.
QList<WebhookConfig> readWebhooks(ProfileJsonReader &reader, const QJsonObject &root);
