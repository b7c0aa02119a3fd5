#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>

// One active alert from Alertmanager that matched the configured labels.
struct FiringAlert {
    QString name; // the alertname label
    QMap<QString, QString> labels;
    QString summary; // annotations.summary, may be empty
    QDateTime startsAt;
    QString fingerprint;

    bool operator==(const FiringAlert &) const = default;
};
