#include "runbookjson.h"

#include <QJsonArray>

namespace RunbookJson {

namespace {

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonObject itemJson(const RunbookItem &item)
{
    QJsonObject o{{QStringLiteral("id"), item.id},
                  {QStringLiteral("text"), item.text},
                  {QStringLiteral("checkable"), item.checkable},
                  {QStringLiteral("checked"), item.checked},
                  {QStringLiteral("line"), item.line}};
    if (!item.key.isEmpty()) {
        o.insert(QStringLiteral("key"), item.key);
        o.insert(QStringLiteral("value"), item.value);
    }
    if (!item.links.isEmpty()) {
        QJsonArray links;
        for (const RunbookLink &l : item.links)
            links.append(QJsonObject{{QStringLiteral("text"), l.text}, {QStringLiteral("url"), l.url}});
        o.insert(QStringLiteral("links"), links);
    }
    return o;
}

} // namespace

QJsonObject toJson(const Runbook &runbook)
{
    QJsonArray sections;
    for (const RunbookSection &s : runbook.sections) {
        QJsonArray groups;
        for (const RunbookGroup &g : s.groups) {
            QJsonArray items;
            for (const RunbookItem &i : g.items)
                items.append(itemJson(i));
            groups.append(QJsonObject{{QStringLiteral("id"), g.id},
                                      {QStringLiteral("title"), g.title ? QJsonValue(*g.title) : QJsonValue()},
                                      {QStringLiteral("line"), g.line},
                                      {QStringLiteral("items"), items}});
        }
        QJsonValue window;
        if (s.window)
            window = QJsonObject{{QStringLiteral("startMinutes"), s.window->startMinutes}, {QStringLiteral("endMinutes"), s.window->endMinutes}};
        sections.append(QJsonObject{{QStringLiteral("id"), s.id},
                                    {QStringLiteral("title"), s.title},
                                    {QStringLiteral("level"), s.level},
                                    {QStringLiteral("parentId"), nullable(s.parentId)},
                                    {QStringLiteral("kind"), nameOf(s.kind)},
                                    {QStringLiteral("window"), window},
                                    {QStringLiteral("line"), s.line},
                                    {QStringLiteral("groups"), groups}});
    }
    QJsonArray plan;
    for (const TrafficStep &step : runbook.trafficPlan) {
        plan.append(QJsonObject{{QStringLiteral("percent"), step.percent},
                                // Whole minutes as before; a hold such as 90 s gives 1.5. holdSeconds is exact.
                                {QStringLiteral("holdMinutes"), !step.holdMs ? QJsonValue()
                                                                 : *step.holdMs % 60'000 == 0 ? QJsonValue(qint64(*step.holdMs / 60'000))
                                                                                              : QJsonValue(double(*step.holdMs) / 60'000)},
                                {QStringLiteral("holdSeconds"), step.holdMs ? QJsonValue(qint64(*step.holdMs / 1000)) : QJsonValue()},
                                {QStringLiteral("line"), step.line}});
    }
    QJsonArray rules;
    for (const Rule &r : runbook.rules) {
        rules.append(QJsonObject{{QStringLiteral("id"), r.id},
                                 {QStringLiteral("tier"), nameOf(r.tier)},
                                 {QStringLiteral("metric"), nameOf(r.metric)},
                                 {QStringLiteral("op"), nameOf(r.op)},
                                 {QStringLiteral("value"), r.value ? QJsonValue(*r.value) : QJsonValue()},
                                 {QStringLiteral("unit"), nullable(nameOf(r.unit))},
                                 {QStringLiteral("percentile"), r.percentile ? QJsonValue(*r.percentile) : QJsonValue()},
                                 {QStringLiteral("line"), r.line},
                                 {QStringLiteral("text"), r.text}});
    }
    QJsonArray diagnostics;
    for (const Diagnostic &d : runbook.diagnostics) {
        diagnostics.append(QJsonObject{{QStringLiteral("line"), d.line},
                                       {QStringLiteral("severity"), nameOf(d.severity)},
                                       {QStringLiteral("message"), d.message.english()}});
    }
    return QJsonObject{{QStringLiteral("title"), runbook.title},
                       {QStringLiteral("sections"), sections},
                       {QStringLiteral("trafficPlan"), plan},
                       {QStringLiteral("rules"), rules},
                       {QStringLiteral("diagnostics"), diagnostics}};
}

QString diagnosticsText(const Runbook &runbook)
{
    QString out;
    for (const Diagnostic &d : runbook.diagnostics) {
        out += QStringLiteral("%1:%2: %3: %4\n").arg(runbook.fileName).arg(d.line).arg(nameOf(d.severity), d.message.english());
    }
    return out;
}

} // namespace RunbookJson
