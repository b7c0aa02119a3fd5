// PrometheusResponse: every shape of answer Prometheus (or something in front of it) sends,
// read by the fast scanner and by the QJsonDocument path, which must agree.
#include "metrics/prometheusjsonscanner.h"
#include "metrics/prometheusresponse.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// Field-by-field, NaN equal to NaN.
QString difference(const PrometheusQueryResult &a, const PrometheusQueryResult &b)
{
    if (a.resultType != b.resultType)
        return QStringLiteral("result type");
    if (a.series.size() != b.series.size())
        return QStringLiteral("series count %1 vs %2").arg(a.series.size()).arg(b.series.size());
    for (qsizetype i = 0; i < a.series.size(); ++i) {
        if (a.series[i].labels != b.series[i].labels)
            return QStringLiteral("labels of series %1").arg(i);
        if (a.series[i].samples.size() != b.series[i].samples.size())
            return QStringLiteral("sample count of series %1").arg(i);
        for (size_t k = 0; k < a.series[i].samples.size(); ++k) {
            const Sample &x = a.series[i].samples[k];
            const Sample &y = b.series[i].samples[k];
            if (x.timeMs != y.timeMs || !sameValue(x.value, y.value))
                return QStringLiteral("sample %1 of series %2").arg(k).arg(i);
        }
    }
    if (a.stringValue != b.stringValue || a.warnings != b.warnings || a.infos != b.infos)
        return QStringLiteral("string value, warnings or infos");
    return {};
}

// Bodies with JSON escapes as ordinary literals: moc's lexer (Qt 6.8) loses its way in some raw strings.
const char EscapedLabels[] = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
                             "{\"path\":\"a\\\"b\\\\c\\u00e9\\n\"},\"value\":[1800000000,\"1\"]}]}}";
const char SurrogateLabels[] = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
                               "{\"path\":\"a\\\"b\\\\c\\u00e9\\ud83d\\ude00\"},\"value\":[1800000000,\"1\"]}]}}";
const char BadDataBody[] = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected \\\"}\\\"\"}";

QByteArray vectorOf(const QByteArray &value)
{
    return R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"color":"green"},"value":[1800000000.123,")"
        + value + R"("]}]}})";
}

} // namespace

class TestPrometheusResponse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesAnswers_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<int>("resultType");
        QTest::addColumn<int>("seriesCount");
        QTest::addColumn<qint64>("firstTimeMs");
        QTest::addColumn<double>("firstValue");
        QTest::addColumn<bool>("scannerTakes"); // read by the fast path, not the fallback

        const int vector = int(PrometheusResultType::Vector);
        const int matrix = int(PrometheusResultType::Matrix);
        const int scalar = int(PrometheusResultType::Scalar);
        const int string = int(PrometheusResultType::String);
        const qint64 t = 1800000000123;

        QTest::newRow("vector, one series") << vectorOf("0.5") << 200 << vector << 1 << t << 0.5 << true;
        QTest::newRow("vector, NaN") << vectorOf("NaN") << 200 << vector << 1 << t << NaN << true;
        QTest::newRow("vector, +Inf") << vectorOf("+Inf") << 200 << vector << 1 << t << Inf << true;
        QTest::newRow("vector, -Inf") << vectorOf("-Inf") << 200 << vector << 1 << t << -Inf << true;
        QTest::newRow("vector, exponent value") << vectorOf("1e-05") << 200 << vector << 1 << t << 1e-05 << true;
        QTest::newRow("vector, negative value") << vectorOf("-2.25") << 200 << vector << 1 << t << -2.25 << true;
        QTest::newRow("vector, empty")
            << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[]}})") << 200 << vector << 0
            << qint64(0) << 0.0 << true;
        QTest::newRow("vector, several series")
            << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[)"
                          R"({"metric":{"pod":"a"},"value":[1800000000,"1"]},)"
                          R"({"metric":{"pod":"b"},"value":[1800000000,"2"]},)"
                          R"({"metric":{"pod":"c"},"value":[1800000000,"3"]}]}})")
            << 200 << vector << 3 << qint64(1800000000000) << 1.0 << true;
        QTest::newRow("vector, integer timestamp, no labels")
            << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1800000000,"7"]}]}})")
            << 200 << vector << 1 << qint64(1800000000000) << 7.0 << true;
        QTest::newRow("vector, keys in another order")
            << QByteArray(R"({"data":{"result":[{"value":[1800000000.5,"3"],"metric":{"a":"b"}}],"resultType":"vector"},"status":"success"})")
            << 200 << vector << 1 << qint64(1800000000500) << 3.0 << true;
        QTest::newRow("vector, pretty-printed")
            << QByteArray("{\n  \"status\" : \"success\",\n  \"data\" : {\n    \"resultType\" : \"vector\",\n"
                          "    \"result\" : [ {\n      \"metric\" : { },\n      \"value\" : [ 1800000000.1, \"4\" ]\n"
                          "    } ]\n  }\n}\n")
            << 200 << vector << 1 << qint64(1800000000100) << 4.0 << true;
        QTest::newRow("vector, unknown extra keys")
            << QByteArray(R"({"status":"success","stats":{"timings":[1,2.5e3,{"x":null}],"ok":true},"data":{"resultType":"vector",)"
                          R"("result":[{"metric":{},"value":[1800000000,"1"],"extra":[false]}],"analysis":{}}})")
            << 200 << vector << 1 << qint64(1800000000000) << 1.0 << true;
        QTest::newRow("vector, warnings and infos")
            << QByteArray(R"({"status":"success","warnings":["store unreachable"],"infos":["PromQL info: hint"],)"
                          R"("data":{"resultType":"vector","result":[{"metric":{},"value":[1800000000,"1"]}]}})")
            << 200 << vector << 1 << qint64(1800000000000) << 1.0 << true;
        QTest::newRow("matrix, two points")
            << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"color":"blue"},)"
                          R"("values":[[1800000000,"1"],[1800000002,"NaN"]]}]}})")
            << 200 << matrix << 1 << qint64(1800000000000) << 1.0 << true;
        QTest::newRow("matrix, empty")
            << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[]}})") << 200 << matrix << 0
            << qint64(0) << 0.0 << true;
        QTest::newRow("scalar")
            << QByteArray(R"({"status":"success","data":{"resultType":"scalar","result":[1800000000.123,"42"]}})") << 200
            << scalar << 1 << t << 42.0 << true;
        QTest::newRow("scalar, +Inf")
            << QByteArray(R"({"status":"success","data":{"resultType":"scalar","result":[1800000000.123,"+Inf"]}})") << 200
            << scalar << 1 << t << Inf << true;
        QTest::newRow("string")
            << QByteArray(R"({"status":"success","data":{"resultType":"string","result":[1800000000.123,"hello"]}})") << 200
            << string << 0 << qint64(0) << 0.0 << false;
        QTest::newRow("label values with escapes")
            << QByteArray(EscapedLabels)
            << 200 << vector << 1 << qint64(1800000000000) << 1.0 << true;
        QTest::newRow("status unknown (0) is judged by the body") << vectorOf("0.5") << 0 << vector << 1 << t << 0.5 << true;
    }

    void parsesAnswers()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, httpStatus);
        QFETCH(int, resultType);
        QFETCH(int, seriesCount);
        QFETCH(qint64, firstTimeMs);
        QFETCH(double, firstValue);
        QFETCH(bool, scannerTakes);

        const auto result = PrometheusResponse::parse(body, httpStatus);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        const PrometheusQueryResult &r = result.value();
        QCOMPARE(int(r.resultType), resultType);
        QCOMPARE(int(r.series.size()), seriesCount);
        if (seriesCount > 0) {
            QVERIFY(!r.series.first().samples.empty());
            QCOMPARE(r.series.first().samples.front().timeMs, firstTimeMs);
            QVERIFY2(sameValue(r.series.first().samples.front().value, firstValue),
                     qPrintable(QString::number(r.series.first().samples.front().value)));
        }

        // The scanner is an optimisation only: the QJsonDocument path must give the same.
        const auto reference = PrometheusResponse::parseWithJsonDocument(body, httpStatus);
        QVERIFY2(reference.ok(), qPrintable(reference.error()));
        const QString diff = difference(r, reference.value());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        PrometheusQueryResult scanned;
        const auto outcome = PrometheusJsonScanner::scan(body, scanned);
        QCOMPARE(outcome == PrometheusJsonScanner::Outcome::Success, scannerTakes);
    }

    void keepsDetails()
    {
        const auto labels = PrometheusResponse::parse(
            SurrogateLabels,
            200);
        QVERIFY(labels.ok());
        QCOMPARE(labels.value().series.first().labels.value(QStringLiteral("path")),
                 QStringLiteral("a\"b\\c\u00e9\U0001F600"));

        const auto warned = PrometheusResponse::parse(
            R"({"status":"success","warnings":["store unreachable"],"infos":["hint"],"data":{"resultType":"vector","result":[]}})", 200);
        QVERIFY(warned.ok());
        QCOMPARE(warned.value().warnings, QStringList{QStringLiteral("store unreachable")});
        QCOMPARE(warned.value().infos, QStringList{QStringLiteral("hint")});

        const auto text = PrometheusResponse::parse(
            R"({"status":"success","data":{"resultType":"string","result":[1800000000.5,"hello"]}})", 200);
        QVERIFY(text.ok());
        QCOMPARE(text.value().stringValue, QStringLiteral("hello"));
        QCOMPARE(text.value().stringTimeMs, qint64(1800000000500));

        const auto matrix = PrometheusResponse::parse(
            R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"color":"blue"},"values":[[1800000000,"1"],[1800000002,"NaN"]]}]}})",
            200);
        QVERIFY(matrix.ok());
        const auto &samples = matrix.value().series.first().samples;
        QCOMPARE(samples.size(), size_t(2));
        QCOMPARE(samples[1].timeMs, qint64(1800000002000));
        QVERIFY(std::isnan(samples[1].value));
        QCOMPARE(matrix.value().series.first().labels.value(QStringLiteral("color")), QStringLiteral("blue"));
    }

    void reportsErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QStringList>("mentions");

        const QByteArray badData = BadDataBody;
        QTest::newRow("400 with error body")
            << badData << 400 << QString()
            << QStringList{"bad_data", "1:5: parse error: unexpected \"}\"", "HTTP 400 Bad Request", "check the query"};
        QTest::newRow("422 execution error")
            << QByteArray(R"({"status":"error","errorType":"execution","error":"vector cannot contain metrics with the same labelset"})")
            << 422 << QString()
            << QStringList{"execution", "vector cannot contain metrics with the same labelset", "HTTP 422 Unprocessable Entity"};
        QTest::newRow("503 timeout error")
            << QByteArray(R"({"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"})")
            << 503 << QString()
            << QStringList{"timeout", "query timed out in expression evaluation", "HTTP 503 Service Unavailable", "recording rule"};
        QTest::newRow("status error with HTTP 200")
            << QByteArray(R"({"status":"error","errorType":"internal","error":"something broke"})") << 200 << QString()
            << QStringList{"internal", "something broke", "HTTP 200"};
        QTest::newRow("status error without errorType")
            << QByteArray(R"({"status":"error","error":"no type given"})") << 422 << QString()
            << QStringList{"Prometheus error (HTTP 422", "no type given"};
        QTest::newRow("400 without body") << QByteArray() << 400 << QString()
                                          << QStringList{"HTTP 400 Bad Request", "empty body"};
        QTest::newRow("503 with the server's reason phrase")
            << QByteArray() << 503 << QStringLiteral("Down For Maintenance")
            << QStringList{"HTTP 503 Down For Maintenance", "empty body", "overloaded or starting"};
        QTest::newRow("503 with a text body")
            << QByteArray("upstream connect error or disconnect/reset before headers\n") << 503 << QString()
            << QStringList{"HTTP 503 Service Unavailable", "not JSON", "\u00abupstream connect error"};
        QTest::newRow("502 HTML from a proxy")
            << QByteArray("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body></html>") << 502
            << QString() << QStringList{"HTTP 502 Bad Gateway", "\u00ab<html> <head><title>502", "proxy"};
        QTest::newRow("401 with JSON from a gateway")
            << QByteArray(R"({"message":"Unauthorized"})") << 401 << QString()
            << QStringList{"HTTP 401 Unauthorized", "credentials", "{\"message\":\"Unauthorized\"}"};
        QTest::newRow("404 plain text") << QByteArray("404 page not found") << 404 << QString()
                                        << QStringList{"HTTP 404 Not Found", "path prefix", "404 page not found"};
        QTest::newRow("200 HTML login page")
            << QByteArray("<!DOCTYPE html><html><head><title>Sign in</title></head><body>" + QByteArray(400, 'x') + "</body></html>")
            << 200 << QString()
            << QStringList{"not JSON", "\u00ab<!DOCTYPE html><html><head><title>Sign in", "\u2026\u00bb", "login page"};
        QTest::newRow("200 empty body") << QByteArray() << 200 << QString() << QStringList{"empty answer", "HTTP 200"};
        QTest::newRow("200 truncated JSON")
            << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"val") << 200
            << QString() << QStringList{"not JSON", "at byte"};
        QTest::newRow("200 JSON array") << QByteArray("[1,2,3]") << 200 << QString()
                                        << QStringList{"not JSON", "not a JSON object"};
        QTest::newRow("200 JSON that is not Prometheus") << QByteArray(R"({"hello":"world"})") << 200 << QString()
                                                         << QStringList{"unexpected shape", "no \"status\""};
        QTest::newRow("200 unknown result type")
            << QByteArray(R"({"status":"success","data":{"resultType":"table","result":[]}})") << 200 << QString()
            << QStringList{"unexpected shape", "\"table\""};
        QTest::newRow("200 no result type")
            << QByteArray(R"({"status":"success","data":{"result":[]}})") << 200 << QString()
            << QStringList{"unexpected shape", "resultType"};
        QTest::newRow("200 vector element without value")
            << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}})") << 200
            << QString() << QStringList{"unexpected shape", "data.result[0].value"};
        QTest::newRow("200 value that is not a number")
            << vectorOf("fast") << 200 << QString() << QStringList{"unexpected shape", "data.result[0].value"};
        QTest::newRow("200 native histogram")
            << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"le":"x"},)"
                          R"("histogram":[1800000000,{"count":"3","sum":"2","buckets":[]}]}]}})")
            << 200 << QString() << QStringList{"native histogram", "histogram_quantile"};
        // Found by fuzz_prometheusresponse: the scanner took these, QJsonDocument does not.
        QTest::newRow("200 label value not UTF-8")
            << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"a\xa3" "b\"},"
                          "\"value\":[1800000000,\"1\"]}]}}")
            << 200 << QString() << QStringList{"not JSON"};
        QTest::newRow("200 skipped key not UTF-8")
            << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"met\x89ric\":{},"
                          "\"value\":[1800000000,\"1\"]}]}}")
            << 200 << QString() << QStringList{"not JSON"};
        QTest::newRow("200 matrix point not a pair")
            << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1800000000]]}]}})")
            << 200 << QString() << QStringList{"data.result[0].values[0]"};
    }

    void reportsErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, httpStatus);
        QFETCH(QString, reason);
        QFETCH(QStringList, mentions);

        const auto result = PrometheusResponse::parse(body, httpStatus, reason);
        QVERIFY(!result.ok());
        for (const QString &m : mentions)
            QVERIFY2(result.error().contains(m), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(m, result.error())));
        QCOMPARE(PrometheusResponse::parseWithJsonDocument(body, httpStatus, reason).error(), result.error());
    }

    void readsValues_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("value");
        QTest::newRow("decimal") << QByteArray("0.25") << true << 0.25;
        QTest::newRow("integer") << QByteArray("42") << true << 42.0;
        QTest::newRow("negative") << QByteArray("-3.5") << true << -3.5;
        QTest::newRow("exponent") << QByteArray("1.5e+06") << true << 1.5e6;
        QTest::newRow("leading plus") << QByteArray("+2") << true << 2.0;
        QTest::newRow("NaN") << QByteArray("NaN") << true << NaN;
        QTest::newRow("+Inf") << QByteArray("+Inf") << true << Inf;
        QTest::newRow("-Inf") << QByteArray("-Inf") << true << -Inf;
        QTest::newRow("underflows to zero") << QByteArray("1e-400") << true << 0.0;
        QTest::newRow("empty") << QByteArray() << false << 0.0;
        QTest::newRow("word") << QByteArray("fast") << false << 0.0;
        QTest::newRow("trailing garbage") << QByteArray("1.5x") << false << 0.0;
    }
    void readsValues()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(double, value);
        const auto v = PrometheusJsonScanner::parseValue(text);
        QCOMPARE(v.has_value(), ok);
        if (ok)
            QVERIFY2(sameValue(*v, value), qPrintable(QString::number(*v)));
    }

    void readsTimes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("seconds") << QByteArray("1800000000") << true << qint64(1800000000000);
        QTest::newRow("milliseconds") << QByteArray("1800000000.123") << true << qint64(1800000000123);
        QTest::newRow("one decimal") << QByteArray("1800000000.1") << true << qint64(1800000000100);
        QTest::newRow("four decimals round up") << QByteArray("1800000000.1235") << true << qint64(1800000000124);
        QTest::newRow("four decimals round down") << QByteArray("1800000000.1234") << true << qint64(1800000000123);
        QTest::newRow("negative") << QByteArray("-1.5") << true << qint64(-1500);
        QTest::newRow("exponent") << QByteArray("1.8e9") << true << qint64(1800000000000);
        QTest::newRow("empty") << QByteArray() << false << qint64(0);
        QTest::newRow("word") << QByteArray("soon") << false << qint64(0);
    }
    void readsTimes()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(qint64, ms);
        const auto t = PrometheusJsonScanner::parseTimeMs(text);
        QCOMPARE(t.has_value(), ok);
        if (ok)
            QCOMPARE(*t, ms);
    }

    // Every prefix and many one-byte changes of real answers: never a crash, and whenever the
    // scanner accepts a body, QJsonDocument reads the same from it.
    void scannerAgreesOnDamagedBodies()
    {
        const QList<QByteArray> bodies{
            vectorOf("0.5"),
            QByteArray(EscapedLabels),
            QByteArray(R"({"status":"success","warnings":["w"],"data":{"resultType":"matrix","result":[{"metric":{"a":"b"},)"
                       R"("values":[[1800000000,"1"],[1800000002.5,"NaN"],[1800000005,"-Inf"]]}]}})"),
            QByteArray(R"({"status":"success","data":{"resultType":"scalar","result":[1800000000.123,"42"]}})"),
        };
        const char replacements[] = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '.', 'e', '-', ' ', 'x', '\0'};
        int accepted = 0;
        for (const QByteArray &body : bodies) {
            QList<QByteArray> variants;
            for (qsizetype n = 0; n < body.size(); ++n)
                variants << body.first(n);
            for (qsizetype i = 0; i < body.size(); ++i) {
                for (char c : replacements) {
                    QByteArray changed = body;
                    changed[i] = c;
                    variants << changed;
                }
            }
            QRandomGenerator random(42); // fixed: the same variants every run
            for (int k = 0; k < 3000; ++k) {
                QByteArray changed = body;
                for (int n = 1 + int(random.bounded(3)); n > 0; --n)
                    changed[random.bounded(changed.size())] = replacements[random.bounded(int(sizeof replacements))];
                variants << changed;
            }
            for (const QByteArray &variant : std::as_const(variants)) {
                PrometheusQueryResult scanned;
                const auto outcome = PrometheusJsonScanner::scan(variant, scanned);
                const auto parsed = PrometheusResponse::parse(variant, 200);
                if (outcome != PrometheusJsonScanner::Outcome::Success)
                    continue;
                ++accepted;
                const auto reference = PrometheusResponse::parseWithJsonDocument(variant, 200);
                QVERIFY2(reference.ok(), qPrintable(QString::fromUtf8(variant) + QLatin1String(" -> ") + reference.error()));
                const QString diff = difference(scanned, reference.value());
                QVERIFY2(diff.isEmpty(), qPrintable(QString::fromUtf8(variant) + QLatin1String(": ") + diff));
                QVERIFY(parsed.ok());
            }
        }
        QVERIFY(accepted > 4); // the untouched bodies at least, and harmless changes such as other digits
    }

    void quotesStartOnOneLine()
    {
        QCOMPARE(PrometheusResponse::quoteStart("a\r\n\tb  c"), QStringLiteral("\u00aba b c\u00bb"));
        QCOMPARE(PrometheusResponse::quoteStart("abcdef", 3), QStringLiteral("\u00ababc\u2026\u00bb"));
        // A UTF-8 sequence cut in the middle leaves no replacement character behind.
        QCOMPARE(PrometheusResponse::quoteStart("ab\xc3\xa9", 3), QStringLiteral("\u00abab\u2026\u00bb"));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusResponse)
#include "tst_prometheusresponse.moc"
