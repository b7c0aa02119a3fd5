#include "demoapi.h"

#include "demoquery.h"
#include "demosimulator.h"
#include "promformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QUrlQuery>

namespace {

using Labels = QList<std::pair<QString, QString>>;

DemoApiReply json(const QJsonObject &object, int status = 200)
{
    return {status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact)};
}

DemoApiReply json(const QJsonArray &array, int status = 200)
{
    return {status, "application/json", QJsonDocument(array).toJson(QJsonDocument::Compact)};
}

// Prometheus's error shape.
DemoApiReply badData(const QString &message)
{
    return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("error")},
                            {QStringLiteral("errorType"), QStringLiteral("bad_data")},
                            {QStringLiteral("error"), message}},
                400);
}

DemoApiReply success(const QJsonObject &data)
{
    return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("success")}, {QStringLiteral("data"), data}});
}

QJsonObject labelObject(const Labels &labels)
{
    QJsonObject o;
    for (const auto &[name, value] : labels)
        o.insert(name, value);
    return o;
}

QJsonArray point(qint64 atMs, double value)
{
    return QJsonArray{PromFormat::jsonTime(atMs), PromFormat::formatValue(value)};
}

// A JSON value as it was sent, for error messages.
QString jsonText(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact); // "[...]"
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString invalidParameter(const char *name, const QString &message)
{
    return QStringLiteral("invalid parameter \"%1\": %2").arg(QLatin1StringView(name), message);
}

} // namespace

DemoApiReply DemoApi::error(int status, const QString &message)
{
    return json(QJsonObject{{QStringLiteral("error"), message}}, status);
}

DemoApiReply DemoApi::query(const QHash<QString, QString> &params) const
{
    qint64 atMs = m_simulator->nowMs();
    if (params.contains(QStringLiteral("time"))) {
        const Result<qint64> t = PromFormat::parseTimeMs(params.value(QStringLiteral("time")));
        if (!t)
            return badData(invalidParameter("time", t.error()));
        atMs = t.value();
    }
    const Result<DemoQuery> q = DemoQuery::parse(params.value(QStringLiteral("query")));
    if (!q)
        return badData(invalidParameter("query", q.error()));
    QJsonArray result;
    for (const DemoQuerySample &s : q.value().evaluate(*m_simulator, atMs))
        result.append(QJsonObject{{QStringLiteral("metric"), labelObject(s.labels)}, {QStringLiteral("value"), point(atMs, s.value)}});
    return success(QJsonObject{{QStringLiteral("resultType"), QStringLiteral("vector")}, {QStringLiteral("result"), result}});
}

DemoApiReply DemoApi::queryRange(const QHash<QString, QString> &params) const
{
    const Result<qint64> start = PromFormat::parseTimeMs(params.value(QStringLiteral("start")));
    if (!start)
        return badData(invalidParameter("start", start.error()));
    const Result<qint64> end = PromFormat::parseTimeMs(params.value(QStringLiteral("end")));
    if (!end)
        return badData(invalidParameter("end", end.error()));
    if (end.value() < start.value())
        return badData(invalidParameter("end", QStringLiteral("end timestamp must not be before start time")));
    const Result<qint64> step = PromFormat::parseDurationMs(params.value(QStringLiteral("step")));
    if (!step)
        return badData(invalidParameter("step", step.error()));
    if (step.value() <= 0)
        return badData(invalidParameter("step", QStringLiteral("zero or negative query resolution step widths are not accepted. Try a positive integer")));
    // Prometheus's own check (a duration divided by a duration), so 11,001 points still pass.
    if ((end.value() - start.value()) / step.value() > MaxPointsPerSeries)
        return badData(QStringLiteral("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"));
    const Result<DemoQuery> q = DemoQuery::parse(params.value(QStringLiteral("query")));
    if (!q)
        return badData(invalidParameter("query", q.error()));

    // No points before the simulator started: there is no history to compute them from.
    // Steps stay aligned to `start`, as Prometheus evaluates start + k * step.
    qint64 first = start.value();
    if (first < m_simulator->startedMs())
        first += (m_simulator->startedMs() - first + step.value() - 1) / step.value() * step.value();
    QMap<Labels, QJsonArray> series;
    for (qint64 t = first; t <= end.value(); t += step.value()) {
        for (const DemoQuerySample &s : q.value().evaluate(*m_simulator, t))
            series[s.labels].append(point(t, s.value));
    }
    QJsonArray result;
    for (auto it = series.cbegin(); it != series.cend(); ++it)
        result.append(QJsonObject{{QStringLiteral("metric"), labelObject(it.key())}, {QStringLiteral("values"), it.value()}});
    return success(QJsonObject{{QStringLiteral("resultType"), QStringLiteral("matrix")}, {QStringLiteral("result"), result}});
}

DemoApiReply DemoApi::buildInfo() const
{
    return success(QJsonObject{{QStringLiteral("version"), QStringLiteral("stonecaster-sim")},
                               {QStringLiteral("revision"), QString()},
                               {QStringLiteral("branch"), QString()},
                               {QStringLiteral("buildUser"), QString()},
                               {QStringLiteral("buildDate"), QString()},
                               {QStringLiteral("goVersion"), QString()}});
}

DemoApiReply DemoApi::metrics() const
{
    const qint64 now = m_simulator->nowMs();
    QString text;
    for (int i = 0; i < DemoSeriesCount; ++i) {
        const DemoSeries series = DemoSeries(i);
        const QString name = demoSeriesName(series);
        text += QStringLiteral("# HELP %1 %2\n# TYPE %1 gauge\n").arg(name, demoSeriesHelp(series));
        for (Color color : {Color::Blue, Color::Green}) {
            if (const std::optional<double> v = m_simulator->value(series, color, now))
                text += QStringLiteral("%1{color=\"%2\"} %3\n").arg(name, PromFormat::escapeLabelValue(colorKey(color)), PromFormat::formatValue(*v));
        }
    }
    return {200, PromFormat::ExpositionContentType, text.toUtf8()};
}

DemoApiReply DemoApi::alerts(const QHash<QString, QString> &params, const QUrl &baseUrl) const
{
    const qint64 now = m_simulator->nowMs();
    QJsonArray list;
    const std::optional<qint64> since = m_simulator->securityAlertSince(now);
    const bool wantActive = params.value(QStringLiteral("active"), QStringLiteral("true")) != QLatin1String("false");
    if (since && wantActive) {
        const Labels labels{{QStringLiteral("alertname"), QStringLiteral("SecurityIncident")},
                            {QStringLiteral("category"), QStringLiteral("security")},
                            {QStringLiteral("service"), QStringLiteral("demo")},
                            {QStringLiteral("severity"), QStringLiteral("critical")}};
        QUrl generator = baseUrl.resolved(QUrl(QStringLiteral("/graph")));
        generator.setQuery(QUrlQuery{{QStringLiteral("g0.expr"), QStringLiteral("stonecaster_demo_up{color=\"green\"}")},
                                     {QStringLiteral("g0.tab"), QStringLiteral("1")}});
        // Prometheus resends firing alerts and sets endsAt a few evaluations ahead;
        // Alertmanager shows that as the time it would resolve without a resend.
        constexpr qint64 ResolveAfterMs = 4 * 60'000;
        list.append(QJsonObject{
            {QStringLiteral("labels"), labelObject(labels)},
            {QStringLiteral("annotations"),
             QJsonObject{{QStringLiteral("summary"), QStringLiteral("Security incident on the green environment")},
                         {QStringLiteral("description"),
                          QStringLiteral("Intrusion detection flagged suspicious requests served by green since it took traffic.")}}},
            {QStringLiteral("startsAt"), PromFormat::rfc3339(*since)},
            {QStringLiteral("endsAt"), PromFormat::rfc3339(now + ResolveAfterMs)},
            {QStringLiteral("updatedAt"), PromFormat::rfc3339(now)},
            {QStringLiteral("generatorURL"), generator.toString(QUrl::FullyEncoded)},
            {QStringLiteral("fingerprint"), PromFormat::fingerprint(labels)},
            {QStringLiteral("receivers"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("stonecaster-demo")}}}},
            {QStringLiteral("status"),
             QJsonObject{{QStringLiteral("state"), QStringLiteral("active")},
                         {QStringLiteral("silencedBy"), QJsonArray{}},
                         {QStringLiteral("inhibitedBy"), QJsonArray{}}}},
        });
    }
    return json(list);
}

DemoApiReply DemoApi::traffic() const
{
    const TrafficWeights w = m_simulator->weights();
    return json(QJsonObject{{QStringLiteral("blue"), w.blue}, {QStringLiteral("green"), w.green}});
}

DemoApiReply DemoApi::setTraffic(const QByteArray &body)
{
    static const QString Example = QStringLiteral("{\"blue\":90,\"green\":10}");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return error(400, QStringLiteral("body is not JSON (%1 at offset %2); send an object like %3").arg(parseError.errorString()).arg(parseError.offset).arg(Example));
    if (!doc.isObject())
        return error(400, QStringLiteral("body must be a JSON object like %1").arg(Example));
    const QJsonObject o = doc.object();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it.key() != QLatin1String("blue") && it.key() != QLatin1String("green"))
            return error(400, QStringLiteral("unknown key \"%1\"; expected only \"blue\" and \"green\"").arg(it.key()));
    }
    int weights[2] = {0, 0};
    const char *names[2] = {"blue", "green"};
    for (int i = 0; i < 2; ++i) {
        const QString name = QLatin1StringView(names[i]);
        if (!o.contains(name))
            return error(400, QStringLiteral("missing \"%1\"; send both weights like %2").arg(name, Example));
        const QJsonValue v = o.value(name);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != std::floor(d) || d < 0 || d > DemoSimulator::MaxWeight)
            return error(400, QStringLiteral("\"%1\" must be a whole number 0..%2, not %3")
                                  .arg(name)
                                  .arg(DemoSimulator::MaxWeight)
                                  .arg(jsonText(v)));
        weights[i] = int(d);
    }
    if (const Status s = m_simulator->setWeights(weights[0], weights[1]); !s)
        return error(400, s.error());
    return traffic();
}

DemoApiReply DemoApi::health(const QString &color) const
{
    // The services the demo's application depends on (payments, e-mail): always up.
    if (color == QLatin1String("dependencies"))
        return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                {QStringLiteral("services"), QJsonObject{{QStringLiteral("payments"), QStringLiteral("ok")}, {QStringLiteral("email"), QStringLiteral("ok")}}}});
    if (color != QLatin1String("blue") && color != QLatin1String("green"))
        return error(404, QStringLiteral("no environment \"%1\"; use blue, green or dependencies").arg(color));
    if (!m_simulator->isUp(color == QLatin1String("blue") ? Color::Blue : Color::Green))
        return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("down")}}, 503);
    return json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
}
