#include "faultsettings.h"

#include <QJsonDocument>
#include <QStringList>

#include <cmath>

QJsonObject FaultSettings::toJson() const
{
    return QJsonObject{
        {QStringLiteral("errorRatio"), errorRatio},
        {QStringLiteral("latencyMs"), latencyMs},
        {QStringLiteral("dbErrorRatio"), dbErrorRatio},
        {QStringLiteral("dbLatencyMs"), dbLatencyMs},
        {QStringLiteral("healthy"), healthy},
        {QStringLiteral("down"), down},
    };
}

namespace {

QString readRatio(const QJsonObject &o, const QString &key, double &out)
{
    if (!o.contains(key))
        return {};
    const QJsonValue v = o.value(key);
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || !(d >= 0 && d <= 1))
        return QStringLiteral("\"%1\" must be a number from 0 to 1").arg(key);
    out = d;
    return {};
}

QString readMs(const QJsonObject &o, const QString &key, int max, int &out)
{
    if (!o.contains(key))
        return {};
    const QJsonValue v = o.value(key);
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || d != std::floor(d) || d < 0 || d > max)
        return QStringLiteral("\"%1\" must be a whole number of milliseconds from 0 to %2").arg(key).arg(max);
    out = int(d);
    return {};
}

QString readBool(const QJsonObject &o, const QString &key, bool &out)
{
    if (!o.contains(key))
        return {};
    if (!o.value(key).isBool())
        return QStringLiteral("\"%1\" must be true or false").arg(key);
    out = o.value(key).toBool();
    return {};
}

} // namespace

QString FaultSettings::merge(const QByteArray &json, FaultSettings &settings)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("invalid JSON at offset %1: %2").arg(error.offset).arg(error.errorString());
    if (!document.isObject())
        return QStringLiteral("expected a JSON object like {\"errorRatio\": 0.2}");
    const QJsonObject o = document.object();
    const QStringList known{QStringLiteral("errorRatio"), QStringLiteral("latencyMs"), QStringLiteral("dbErrorRatio"), QStringLiteral("dbLatencyMs"),
                            QStringLiteral("healthy"), QStringLiteral("down"), QStringLiteral("reset")};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            return QStringLiteral("unknown field \"%1\" (expected one of: %2)").arg(it.key(), known.join(QStringLiteral(", ")));
    }
    bool reset = false;
    FaultSettings next = settings;
    QStringList problems;
    problems << readBool(o, QStringLiteral("reset"), reset);
    if (reset)
        next = FaultSettings{};
    problems << readRatio(o, QStringLiteral("errorRatio"), next.errorRatio) << readMs(o, QStringLiteral("latencyMs"), 60000, next.latencyMs)
             << readRatio(o, QStringLiteral("dbErrorRatio"), next.dbErrorRatio) << readMs(o, QStringLiteral("dbLatencyMs"), 10000, next.dbLatencyMs)
             << readBool(o, QStringLiteral("healthy"), next.healthy) << readBool(o, QStringLiteral("down"), next.down);
    problems.removeAll(QString());
    if (!problems.isEmpty())
        return problems.join(QStringLiteral("; "));
    settings = next;
    return {};
}
