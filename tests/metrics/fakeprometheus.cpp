#include "fakeprometheus.h"

#include "../common/loopbackserver.h"

#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpServer>
#include <QUrlQuery>

#include <cmath>

namespace {

QByteArray number(double v)
{
    return QByteArray::number(v, 'f', 3);
}

void addFields(QMap<QString, QString> &form, const QUrlQuery &query)
{
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        form.insert(name, value);
}

} // namespace

FakePrometheus::FakePrometheus(QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(&FakePrometheus::defaultAnswer)
{
}

FakePrometheus::~FakePrometheus()
{
    m_held.clear();
}

bool FakePrometheus::listenLocal(const QSslConfiguration *tls)
{
    m_port = LoopbackServer::listen(this, tls);
    m_tls = tls != nullptr;
    return m_port != 0;
}

QUrl FakePrometheus::url(const QString &path, const QString &host) const
{
    QUrl u;
    u.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    u.setHost(host);
    u.setPort(m_port);
    u.setPath(path);
    return u;
}

int FakePrometheus::requestCount(const QString &path) const
{
    if (path.isEmpty())
        return int(m_requests.size());
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(), [&](const Request &r) { return r.path == path; }));
}

bool FakePrometheus::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    Request r;
    r.path = request.url().path();
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: r.method = "GET"; break;
    case QHttpServerRequest::Method::Post: r.method = "POST"; break;
    default: r.method = "OTHER"; break;
    }
    addFields(r.form, request.query());
    r.contentType = request.value("Content-Type");
    if (r.contentType.startsWith("application/x-www-form-urlencoded"))
        addFields(r.form, QUrlQuery(QString::fromUtf8(request.body())));
    r.authorization = request.value("Authorization");
    m_requests.append(r);

    const Answer answer = m_handler(r);
    if (answer.hold) {
        m_held.push_back(std::move(responder));
        return true;
    }
    respond(responder, answer);
    return true;
}

void FakePrometheus::missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder)
{
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

void FakePrometheus::releaseHeld(const Answer &answer)
{
    for (QHttpServerResponder &responder : m_held)
        respond(responder, answer);
    m_held.clear();
}

void FakePrometheus::respond(QHttpServerResponder &responder, const Answer &answer)
{
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, answer.contentType);
    if (!answer.location.isEmpty())
        headers.append(QHttpHeaders::WellKnownHeader::Location, answer.location);
    responder.write(answer.body, headers, QHttpServerResponder::StatusCode(answer.status));
}

FakePrometheus::Answer FakePrometheus::defaultAnswer(const Request &request)
{
    Answer answer;
    if (request.path.endsWith(QLatin1String("/api/v1/query"))) {
        answer.body = vectorBody(request.form.value(QStringLiteral("time")).toDouble(), {"1"});
    } else if (request.path.endsWith(QLatin1String("/api/v1/query_range"))) {
        const double start = request.form.value(QStringLiteral("start")).toDouble();
        const double end = request.form.value(QStringLiteral("end")).toDouble();
        const double step = request.form.value(QStringLiteral("step")).toDouble();
        // Prometheus's own limit, so a test sees a refusal if the client splits badly.
        const int points = int(std::floor((end - start) / step + 1e-9)) + 1;
        if (points > 11000) {
            answer.status = 400;
            answer.body = errorBody("bad_data", "exceeded maximum resolution of 11,000 points per timeseries. "
                                                "Try decreasing the query resolution (?step=XX)");
        } else {
            answer.body = matrixBody(start, step, points);
        }
    } else {
        answer.status = 404;
        answer.body = "404 page not found";
        answer.contentType = "text/plain";
    }
    return answer;
}

QByteArray FakePrometheus::vectorBody(double timeSeconds, const QList<QByteArray> &values)
{
    QByteArray out = R"({"status":"success","data":{"resultType":"vector","result":[)";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        out += R"({"metric":{"job":"shop","pod":"p)" + QByteArray::number(i) + R"("},"value":[)" + number(timeSeconds)
            + ",\"" + values.at(i) + "\"]}";
    }
    return out + "]}}";
}

QByteArray FakePrometheus::scalarBody(double timeSeconds, const QByteArray &value)
{
    return R"({"status":"success","data":{"resultType":"scalar","result":[)" + number(timeSeconds) + ",\"" + value
        + "\"]}}";
}

QByteArray FakePrometheus::matrixBody(double startSeconds, double stepSeconds, int points, int seriesCount)
{
    QByteArray out = R"({"status":"success","data":{"resultType":"matrix","result":[)";
    for (int s = 0; s < seriesCount; ++s) {
        if (s)
            out += ',';
        out += R"({"metric":{"pod":"p)" + QByteArray::number(s) + R"("},"values":[)";
        for (int i = 0; i < points; ++i) {
            const double t = startSeconds + i * stepSeconds;
            if (i)
                out += ',';
            out += '[' + number(t) + ",\"" + number(t) + "\"]";
        }
        out += "]}";
    }
    return out + "]}}";
}

QByteArray FakePrometheus::errorBody(const QByteArray &errorType, const QByteArray &error)
{
    return R"({"status":"error","errorType":")" + errorType + R"(","error":")" + error + "\"}";
}
