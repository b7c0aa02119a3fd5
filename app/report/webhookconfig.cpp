#include "webhookconfig.h"

QString nameOf(WebhookConfig::Format format)
{
    switch (format) {
    case WebhookConfig::Format::Slack: return QStringLiteral("slack");
    case WebhookConfig::Format::Generic: return QStringLiteral("generic");
    }
    return {};
}
