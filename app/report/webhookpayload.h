#pragma once

#include "report/statusupdate.h"

#include <QByteArray>
#include <QJsonObject>

struct WebhookConfig;

// The JSON a status update is posted as: Slack's incoming-webhook message (a "text" for
// notifications and "blocks": a header, the phase and traffic as fields, the body, a context
// line), or the profile's generic template with ${...} placeholders replaced inside its strings
// (so no value can break the JSON). Slack's mrkdwn is escaped (&, <, >): an update cannot
// mention @channel through <!channel> or hide a link.
class WebhookPayload
{
public:
    static QJsonObject slack(const StatusUpdate &update);
    // A string that is exactly "${green}" becomes the number; any other placeholder is text:
    // ${text} ${title} ${deployment} ${service} ${version} ${environment} ${phase} ${green}
    // ${traffic} ${trigger} ${time} ${elapsed} ${next} ${problems} ${id}.
    static QJsonObject generic(const StatusUpdate &update, const QJsonObject &templateObject);
    static QJsonObject genericDefaultTemplate();
    static QByteArray body(const StatusUpdate &update, const WebhookConfig &webhook);

    static QString escapeSlack(const QString &text);
};
