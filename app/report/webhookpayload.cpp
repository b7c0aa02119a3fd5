#include "webhookpayload.h"

#include "report/webhookconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {

// Slack's limits: a header's text 150 characters, a section's 3000.
QString clipped(const QString &text, qsizetype max)
{
    return text.size() <= max ? text : text.left(max - 1) + QChar(0x2026);
}

QJsonObject mrkdwn(const QString &text)
{
    return {{QStringLiteral("type"), QStringLiteral("mrkdwn")}, {QStringLiteral("text"), text}};
}

QString placeholderValue(const StatusUpdate &u, const QString &name)
{
    if (name == u"text") return u.text;
    if (name == u"title") return u.title;
    if (name == u"deployment") return u.deploymentId;
    if (name == u"service") return u.service;
    if (name == u"version") return u.version;
    if (name == u"environment") return u.environment;
    if (name == u"phase") return u.phase;
    if (name == u"green") return QString::number(u.greenPercent);
    if (name == u"traffic") return u.traffic;
    if (name == u"trigger") return StatusUpdate::nameOf(u.trigger);
    if (name == u"time") return u.clockTime;
    if (name == u"elapsed") return u.elapsed;
    if (name == u"next") return u.nextStep;
    if (name == u"problems") return u.problems.join(QStringLiteral("; "));
    if (name == u"id") return u.id;
    return QStringLiteral("${%1}").arg(name); // unknown: left as written
}

QJsonValue substitute(const QJsonValue &value, const StatusUpdate &u)
{
    static const QRegularExpression placeholder(QStringLiteral("\\$\\{([a-z]+)\\}"));
    if (value.isString()) {
        const QString s = value.toString();
        if (s == u"${green}")
            return u.greenPercent;
        QString out;
        qsizetype last = 0;
        for (auto it = placeholder.globalMatch(s); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += s.mid(last, m.capturedStart() - last) + placeholderValue(u, m.captured(1));
            last = m.capturedEnd();
        }
        return out + s.mid(last);
    }
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = substitute(it.value(), u);
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a[i] = substitute(a[i], u);
        return a;
    }
    return value;
}

} // namespace

QString WebhookPayload::escapeSlack(const QString &text)
{
    QString out = text;
    out.replace(u'&', QStringLiteral("&amp;"));
    out.replace(u'<', QStringLiteral("&lt;"));
    out.replace(u'>', QStringLiteral("&gt;"));
    return out;
}

QJsonObject WebhookPayload::slack(const StatusUpdate &u)
{
    QJsonArray blocks;
    blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("header")},
                              {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("plain_text")},
                                                                   {QStringLiteral("text"), clipped(u.title, 150)},
                                                                   {QStringLiteral("emoji"), false}}}});
    blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("section")},
                              {QStringLiteral("fields"), QJsonArray{mrkdwn(QStringLiteral("*Phase*\n") + escapeSlack(u.phase)),
                                                                    mrkdwn(QStringLiteral("*Traffic*\n") + escapeSlack(u.traffic))}}});
    blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("section")}, {QStringLiteral("text"), mrkdwn(clipped(escapeSlack(u.text), 3000))}});
    blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("context")},
                              {QStringLiteral("elements"),
                               QJsonArray{mrkdwn(escapeSlack(QStringLiteral("StoneCaster Deploy Console · %1 · %2 (%3) · deployment %4")
                                                                 .arg(u.environment.isEmpty() ? QStringLiteral("deployment") : u.environment, u.clockTime,
                                                                      u.elapsed, u.deploymentId)))}}});
    return {{QStringLiteral("text"), escapeSlack(u.title)}, {QStringLiteral("blocks"), blocks}};
}

QJsonObject WebhookPayload::genericDefaultTemplate()
{
    return {{QStringLiteral("source"), QStringLiteral("stonecaster")},   {QStringLiteral("id"), QStringLiteral("${id}")},
            {QStringLiteral("trigger"), QStringLiteral("${trigger}")},   {QStringLiteral("deployment"), QStringLiteral("${deployment}")},
            {QStringLiteral("service"), QStringLiteral("${service}")},   {QStringLiteral("version"), QStringLiteral("${version}")},
            {QStringLiteral("environment"), QStringLiteral("${environment}")}, {QStringLiteral("phase"), QStringLiteral("${phase}")},
            {QStringLiteral("greenPercent"), QStringLiteral("${green}")}, {QStringLiteral("title"), QStringLiteral("${title}")},
            {QStringLiteral("text"), QStringLiteral("${text}")},         {QStringLiteral("next"), QStringLiteral("${next}")},
            {QStringLiteral("problems"), QStringLiteral("${problems}")}, {QStringLiteral("time"), QStringLiteral("${time}")},
            {QStringLiteral("elapsed"), QStringLiteral("${elapsed}")}};
}

QJsonObject WebhookPayload::generic(const StatusUpdate &update, const QJsonObject &templateObject)
{
    return substitute(templateObject.isEmpty() ? genericDefaultTemplate() : templateObject, update).toObject();
}

QByteArray WebhookPayload::body(const StatusUpdate &update, const WebhookConfig &webhook)
{
    const QJsonObject payload = webhook.format == WebhookConfig::Format::Slack ? slack(update) : generic(update, webhook.genericTemplate);
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}
