#include "prometheusresponse.h"

#include "core/redactor.h"

#include "prometheusjsonscanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

QString prometheusResultTypeName(PrometheusResultType type)
{
    switch (type) {
    case PrometheusResultType::Vector: return QStringLiteral("vector");
    case PrometheusResultType::Matrix: return QStringLiteral("matrix");
    case PrometheusResultType::Scalar: return QStringLiteral("scalar");
    case PrometheusResultType::String: return QStringLiteral("string");
    }
    return {};
}

namespace {

bool isSuccessStatus(int httpStatus)
{
    return httpStatus == 0 || (httpStatus >= 200 && httpStatus < 300);
}

// What a person can do about an HTTP status that did not come from the query itself.
QString hintForHttpStatus(int httpStatus)
{
    switch (httpStatus) {
    case 400: return QStringLiteral("check the query expression in the profile");
    case 401:
    case 403: return QStringLiteral("check the credentials in the profile's auth section");
    case 404: return QStringLiteral("check the metrics base URL, including any path prefix such as /prometheus");
    case 405: return QStringLiteral("the server does not accept POST queries; is the base URL the Prometheus API?");
    case 422: return QStringLiteral("the expression could not be evaluated; check it in the Prometheus UI");
    case 429: return QStringLiteral("the server limits requests; raise the poll interval");
    case 502:
    case 504: return QStringLiteral("a proxy in front of Prometheus could not get an answer from it");
    case 503: return QStringLiteral("Prometheus is overloaded or starting, or the query timed out on the server");
    default: return {};
    }
}

// What a person can do about a Prometheus errorType.
QString hintForErrorType(const QString &errorType)
{
    if (errorType == QLatin1String("bad_data"))
        return QStringLiteral("check the query expression in the profile");
    if (errorType == QLatin1String("timeout") || errorType == QLatin1String("canceled"))
        return QStringLiteral("the query took too long on the server; simplify it or use a recording rule");
    if (errorType == QLatin1String("execution"))
        return QStringLiteral("the expression failed while being evaluated; check it in the Prometheus UI");
    if (errorType == QLatin1String("unavailable"))
        return QStringLiteral("Prometheus is not ready; try again shortly");
    return {};
}

QString withHint(QString message, const QString &hint)
{
    if (!hint.isEmpty())
        message += QStringLiteral("; ") + hint;
    return message;
}

QString labelsText(const QJsonObject &metric)
{
    QStringList parts;
    for (auto it = metric.begin(); it != metric.end(); ++it)
        parts << QStringLiteral("%1=\"%2\"").arg(it.key(), it.value().toString());
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

// Reads one [time, "value"] pair of the QJsonDocument path.
std::optional<Sample> sampleFromPair(const QJsonValue &pair)
{
    const QJsonArray a = pair.toArray();
    if (!pair.isArray() || a.size() != 2 || !a.at(0).isDouble())
        return std::nullopt;
    const double seconds = a.at(0).toDouble();
    if (!std::isfinite(seconds) || std::fabs(seconds) > 9.0e12) // as PrometheusJsonScanner::parseTimeMs
        return std::nullopt;
    Sample sample;
    sample.timeMs = qint64(std::llround(seconds * 1000.0));
    const QJsonValue v = a.at(1);
    if (v.isString()) {
        const auto value = PrometheusJsonScanner::parseValue(v.toString().toUtf8());
        if (!value)
            return std::nullopt;
        sample.value = *value;
    } else if (v.isDouble()) {
        sample.value = v.toDouble();
    } else {
        return std::nullopt;
    }
    return sample;
}

Result<PrometheusQueryResult> shapeError(const QString &what)
{
    return Result<PrometheusQueryResult>::failure(
        phrase("PrometheusResponse", "Prometheus's answer has an unexpected shape: %1; is the base URL a Prometheus-compatible API?").arg(what));
}

Result<PrometheusQueryResult> readSeriesList(const QJsonValue &result, bool vector)
{
    if (!result.isArray())
        return shapeError(QStringLiteral("data.result is not a list"));
    const QJsonArray list = result.toArray();
    PrometheusQueryResult out;
    out.resultType = vector ? PrometheusResultType::Vector : PrometheusResultType::Matrix;
    out.series.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject item = list.at(i).toObject();
        const QJsonObject metric = item.value(QLatin1String("metric")).toObject();
        if (item.contains(QLatin1String("histogram")) || item.contains(QLatin1String("histograms"))) {
            return Result<PrometheusQueryResult>::failure(
                phrase("PrometheusResponse", "series %1 is a native histogram, not a number; wrap the query in histogram_quantile(), "
                               "histogram_sum() or similar so that it gives plain values").arg(labelsText(metric)));
        }
        PrometheusSeries series;
        for (auto it = metric.begin(); it != metric.end(); ++it)
            series.labels.insert(it.key(), it.value().toString());
        if (vector) {
            const auto sample = sampleFromPair(item.value(QLatin1String("value")));
            if (!sample)
                return shapeError(QStringLiteral("data.result[%1].value is not a [time, \"value\"] pair").arg(i));
            series.samples.push_back(*sample);
        } else {
            const QJsonValue values = item.value(QLatin1String("values"));
            if (!values.isArray())
                return shapeError(QStringLiteral("data.result[%1].values is not a list").arg(i));
            const QJsonArray pairs = values.toArray();
            series.samples.reserve(size_t(pairs.size()));
            for (qsizetype k = 0; k < pairs.size(); ++k) {
                const auto sample = sampleFromPair(pairs.at(k));
                if (!sample)
                    return shapeError(QStringLiteral("data.result[%1].values[%2] is not a [time, \"value\"] pair").arg(i).arg(k));
                series.samples.push_back(*sample);
            }
        }
        out.series.append(std::move(series));
    }
    return out;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out << v.toString();
    return out;
}

} // namespace

QString PrometheusResponse::statusText(int httpStatus, const QString &reasonPhrase)
{
    QString reason = reasonPhrase;
    if (reason.isEmpty()) {
        switch (httpStatus) {
        case 200: reason = QStringLiteral("OK"); break;
        case 301: reason = QStringLiteral("Moved Permanently"); break;
        case 302: reason = QStringLiteral("Found"); break;
        case 307: reason = QStringLiteral("Temporary Redirect"); break;
        case 308: reason = QStringLiteral("Permanent Redirect"); break;
        case 400: reason = QStringLiteral("Bad Request"); break;
        case 401: reason = QStringLiteral("Unauthorized"); break;
        case 403: reason = QStringLiteral("Forbidden"); break;
        case 404: reason = QStringLiteral("Not Found"); break;
        case 405: reason = QStringLiteral("Method Not Allowed"); break;
        case 422: reason = QStringLiteral("Unprocessable Entity"); break;
        case 429: reason = QStringLiteral("Too Many Requests"); break;
        case 500: reason = QStringLiteral("Internal Server Error"); break;
        case 502: reason = QStringLiteral("Bad Gateway"); break;
        case 503: reason = QStringLiteral("Service Unavailable"); break;
        case 504: reason = QStringLiteral("Gateway Timeout"); break;
        default: break;
        }
    }
    return reason.isEmpty() ? QString::number(httpStatus) : QStringLiteral("%1 %2").arg(httpStatus).arg(reason);
}

QString PrometheusResponse::quoteStart(QByteArrayView body, int maxBytes)
{
    const bool cut = body.size() > maxBytes;
    // A proxy's error page may quote the request's Authorization header.
    QString text = Redactor::redact(QString::fromUtf8(body.first(std::min<qsizetype>(body.size(), maxBytes))));
    // One line, no control characters; the replacement character from a cut UTF-8
    // sequence at the end is dropped.
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (QChar ch : std::as_const(text)) {
        if (ch.isSpace() || ch.category() == QChar::Other_Control) {
            space = !out.isEmpty();
            continue;
        }
        if (space)
            out += QLatin1Char(' ');
        space = false;
        out += ch;
    }
    while (cut && out.endsWith(QChar::ReplacementCharacter))
        out.chop(1);
    return QStringLiteral("\u00ab%1%2\u00bb").arg(out, cut ? QStringLiteral("\u2026") : QString());
}

Result<PrometheusQueryResult> PrometheusResponse::parse(const QByteArray &body, int httpStatus, const QString &reasonPhrase)
{
    if (isSuccessStatus(httpStatus)) {
        PrometheusQueryResult out;
        if (PrometheusJsonScanner::scan(body, out) == PrometheusJsonScanner::Outcome::Success)
            return out;
    }
    return parseWithJsonDocument(body, httpStatus, reasonPhrase);
}

Result<PrometheusQueryResult> PrometheusResponse::parseWithJsonDocument(const QByteArray &body, int httpStatus,
                                                                        const QString &reasonPhrase)
{
    using R = Result<PrometheusQueryResult>;
    const bool httpOk = isSuccessStatus(httpStatus);
    const QString http = statusText(httpStatus, reasonPhrase);

    if (body.trimmed().isEmpty()) {
        if (httpOk)
            return R::failure(phrase("PrometheusResponse", "Prometheus sent an empty answer (HTTP %1) where JSON was expected; "
                                             "is the metrics base URL the Prometheus server?").arg(http));
        return R::failure(withHint(QStringLiteral("Prometheus answered HTTP %1 with an empty body").arg(http),
                                   hintForHttpStatus(httpStatus)));
    }

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset)
            : QStringLiteral("not a JSON object");
        if (httpOk)
            return R::failure(phrase("PrometheusResponse", "The answer from Prometheus (HTTP %1) is not JSON (%2); it begins %3. "
                                             "Is the metrics base URL the Prometheus API and not a login page or proxy?").arg(http).arg(why).arg(quoteStart(body)));
        return R::failure(withHint(QStringLiteral("Prometheus answered HTTP %1 with a body that is not JSON: %2")
                                       .arg(http, quoteStart(body)),
                                   hintForHttpStatus(httpStatus)));
    }

    const QJsonObject root = doc.object();
    const QString status = root.value(QLatin1String("status")).toString();
    if (status == QLatin1String("error")) {
        const QString errorType = root.value(QLatin1String("errorType")).toString();
        const QString error = root.value(QLatin1String("error")).toString();
        const QString type = errorType.isEmpty() ? QString() : QLatin1Char(' ') + errorType;
        const QString text = error.isEmpty() ? QStringLiteral("(no error text)") : error;
        QString hint = hintForErrorType(errorType);
        if (hint.isEmpty())
            hint = hintForHttpStatus(httpStatus);
        return R::failure(withHint(QStringLiteral("Prometheus error%1 (HTTP %2): %3").arg(type, http, text), hint));
    }
    if (!httpOk)
        return R::failure(withHint(QStringLiteral("Prometheus answered HTTP %1: %2").arg(http, quoteStart(body)),
                                   hintForHttpStatus(httpStatus)));
    if (status != QLatin1String("success"))
        return shapeError(status.isEmpty() ? QStringLiteral("it has no \"status\"; it begins %1").arg(quoteStart(body))
                                            : QStringLiteral("\"status\" is \"%1\"").arg(status));

    const QJsonObject data = root.value(QLatin1String("data")).toObject();
    const QString resultType = data.value(QLatin1String("resultType")).toString();
    const QJsonValue result = data.value(QLatin1String("result"));
    Result<PrometheusQueryResult> out = PrometheusQueryResult{};
    if (resultType == QLatin1String("vector") || resultType == QLatin1String("matrix")) {
        out = readSeriesList(result, resultType == QLatin1String("vector"));
    } else if (resultType == QLatin1String("scalar") || resultType == QLatin1String("string")) {
        const QJsonArray pair = result.toArray();
        if (!result.isArray() || pair.size() != 2 || !pair.at(0).isDouble())
            return shapeError(QStringLiteral("a %1 result is not a [time, value] pair").arg(resultType));
        if (resultType == QLatin1String("scalar")) {
            const auto sample = sampleFromPair(result);
            if (!sample)
                return shapeError(QStringLiteral("the scalar's value is not a number"));
            PrometheusQueryResult scalar;
            scalar.resultType = PrometheusResultType::Scalar;
            PrometheusSeries series;
            series.samples.push_back(*sample);
            scalar.series.append(std::move(series));
            out = std::move(scalar);
        } else {
            PrometheusQueryResult text;
            text.resultType = PrometheusResultType::String;
            text.stringTimeMs = qint64(std::llround(pair.at(0).toDouble() * 1000.0));
            text.stringValue = pair.at(1).toString();
            out = std::move(text);
        }
    } else if (resultType.isEmpty()) {
        return shapeError(QStringLiteral("it has no data.resultType"));
    } else {
        return shapeError(QStringLiteral("data.resultType \"%1\" is not one of vector, matrix, scalar, string").arg(resultType));
    }
    if (out.ok()) {
        out.value().warnings = stringList(root.value(QLatin1String("warnings")));
        out.value().infos = stringList(root.value(QLatin1String("infos")));
    }
    return out;
}
