#pragma once

#include "secrets/httpauth.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <utility>

// Where to ask whether a security alert is firing: an Alertmanager (API v2) and the labels
// an alert must carry to count.
struct AlertSourceConfig {
    QUrl url; // Alertmanager's base, e.g. http://127.0.0.1:9093 (a path prefix is kept)
    // Label equality, e.g. {"category", "security"}; an alert counts when all match.
    QList<std::pair<QString, QString>> matchers;
    qint64 intervalMs = 10000; // deployment-clock ms between polls
    int timeoutMs = 5000;      // real ms per request
    HttpAuth auth; // resolved into `authorization` when polling starts
    // The whole Authorization header value (a resolved secret); never logged, shown or stored.
    QByteArray authorization;

    bool operator==(const AlertSourceConfig &) const = default;
};
