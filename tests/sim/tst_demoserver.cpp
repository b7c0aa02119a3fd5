#include "sim/demoserver.h"
#include "sim/promformat.h"

#include "core/clock.h"

#include "simhttp.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

Q_DECLARE_METATYPE(DemoScenario)

// The demo environment over HTTP: Prometheus's query API, /metrics, Alertmanager's alerts,
// the traffic API and the health checks, against a server on 127.0.0.1 run by a ManualClock.
class TestDemoServer : public QObject
{
    Q_OBJECT

    static constexpr qint64 Second = 1000;
    static constexpr qint64 Minute = 60 * Second;

    static QString seconds(qint64 ms) { return QString::number(double(ms) / 1000.0, 'f', 3); }

    // "name{color=\"green\"}" -> value text, from /metrics.
    static QHash<QString, QString> scrape(const QByteArray &text)
    {
        QHash<QString, QString> values;
        for (const QByteArray &line : text.split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const qsizetype space = line.lastIndexOf(' ');
            values.insert(QString::fromUtf8(line.left(space)), QString::fromUtf8(line.mid(space + 1)));
        }
        return values;
    }

    SimHttp m_http;

private Q_SLOTS:
    void listensOnLoopbackOnly()
    {
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::Healthy);
        QVERIFY(server.baseUrl().isEmpty());
        const Result<quint16> port = server.listen();
        QVERIFY2(port, qPrintable(port.error()));
        QVERIFY(port.value() != 0);
        QCOMPARE(server.baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port.value())));
        QVERIFY(!server.listen()); // once only

        // A taken port is an error with the port in the message, not a crash.
        DemoServer second(&clock, DemoScenario::Healthy);
        const Result<quint16> clash = second.listen(port.value());
        QVERIFY(!clash);
        QVERIFY2(clash.error().contains(QStringLiteral("127.0.0.1:%1").arg(port.value())), qPrintable(clash.error()));
        QVERIFY(!second.isListening());
    }

    // Every expression of the demo profile answers one series with the simulator's value.
    void profileQueries_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("color");
        QTest::addColumn<QString>("name"); // empty: an aggregation, no __name__
        QTest::addColumn<QList<int>>("series"); // the DemoSeries whose maximum is expected
        const QList<std::pair<const char *, DemoSeries>> plain{
            {"stonecaster_demo_error_ratio", DemoSeries::ErrorRatio},
            {"stonecaster_demo_response_time_p95_seconds", DemoSeries::ResponseTimeP95},
            {"stonecaster_demo_db_error_ratio", DemoSeries::DbErrorRatio},
            {"stonecaster_demo_db_query_p95_seconds", DemoSeries::DbQueryP95},
            {"stonecaster_demo_page_load_p95_seconds", DemoSeries::PageLoadP95},
            {"stonecaster_demo_traffic_share_ratio", DemoSeries::TrafficShare},
            {"stonecaster_demo_up", DemoSeries::Up},
        };
        for (const QString &color : {QStringLiteral("blue"), QStringLiteral("green")}) {
            for (const auto &[name, series] : plain) {
                const QString n = QString::fromLatin1(name);
                QTest::addRow("%s %s", name, qPrintable(color)) << QStringLiteral("%1{color=\"%2\"}").arg(n, color) << color << n << QList<int>{int(series)};
            }
            QTest::addRow("max cpu/memory %s", qPrintable(color))
                << QStringLiteral("max by (color) ({__name__=~\"stonecaster_demo_(cpu|memory)_usage_ratio\",color=\"%1\"})").arg(color) << color << QString()
                << QList<int>{int(DemoSeries::CpuUsage), int(DemoSeries::MemoryUsage)};
        }
    }
    void profileQueries()
    {
        QFETCH(QString, query);
        QFETCH(QString, color);
        QFETCH(QString, name);
        QFETCH(QList<int>, series);
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::LatencyRegression);
        QVERIFY(server.listen());
        clock.advanceMs(Minute);
        QVERIFY(server.setWeights(50, 50));
        clock.advanceMs(2 * Minute + 345);

        const SimHttpReply r = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query"), {{QStringLiteral("query"), query}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentType.startsWith("application/json"));
        const QJsonObject o = r.object();
        QCOMPARE(o.value(u"status").toString(), QStringLiteral("success"));
        QCOMPARE(o.value(u"data").toObject().value(u"resultType").toString(), QStringLiteral("vector"));
        const QJsonArray result = o.value(u"data").toObject().value(u"result").toArray();
        QCOMPARE(result.size(), 1);
        const QJsonObject metric = result.at(0).toObject().value(u"metric").toObject();
        QCOMPARE(metric.value(u"color").toString(), color);
        QCOMPARE(metric.value(u"__name__").toString(), name);
        QCOMPARE(metric.size(), name.isEmpty() ? 1 : 2);
        const QJsonArray value = result.at(0).toObject().value(u"value").toArray();
        QCOMPARE(value.size(), 2);
        QCOMPARE(value.at(0).toDouble(), double(clock.nowMs()) / 1000.0); // evaluated now by default
        double expected = -1;
        const Color c = color == QLatin1String("blue") ? Color::Blue : Color::Green;
        for (int s : series)
            expected = std::max(expected, *server.simulator()->value(DemoSeries(s), c, clock.nowMs()));
        QCOMPARE(value.at(1).toString(), PromFormat::formatValue(expected));
    }

    // A query at a given time answers for that time, however the time is written.
    void queryAtTime_data()
    {
        QTest::addColumn<QString>("time");
        QTest::addColumn<qint64>("offsetMs"); // after the server started
        QTest::newRow("unix seconds") << QStringLiteral("1800000030") << 30 * Second;
        QTest::newRow("unix seconds with fraction") << QStringLiteral("1800000090.5") << 90 * Second + 500;
        QTest::newRow("RFC 3339") << QStringLiteral("2027-01-15T08:02:00Z") << 120 * Second;
        QTest::newRow("RFC 3339 with offset and fraction") << QStringLiteral("2027-01-15T09:01:15.250+01:00") << 75 * Second + 250;
    }
    void queryAtTime()
    {
        QFETCH(QString, time);
        QFETCH(qint64, offsetMs);
        ManualClock clock; // starts at 1800000000 s = 2027-01-15T08:00:00Z
        DemoServer server(&clock, DemoScenario::ErrorSpike);
        QVERIFY(server.listen());
        QVERIFY(server.setWeights(90, 10));
        clock.advanceMs(10 * Minute);
        const SimHttpReply r = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query"),
                                          {{QStringLiteral("query"), QStringLiteral("stonecaster_demo_error_ratio{color=\"green\"}")}, {QStringLiteral("time"), time}});
        QCOMPARE(r.status, 200);
        const QJsonArray value = r.object()[u"data"][u"result"][0][u"value"].toArray();
        const qint64 at = server.simulator()->startedMs() + offsetMs;
        QCOMPARE(value.at(0).toDouble(), double(at) / 1000.0);
        QCOMPARE(value.at(1).toString(), PromFormat::formatValue(*server.simulator()->value(DemoSeries::ErrorRatio, Color::Green, at)));
    }

    void postedForm()
    {
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::Healthy);
        QVERIFY(server.listen());
        // Go's and curl's form encoding: '+' for spaces, the rest percent-encoded.
        const QByteArray form = "query=max+by+(color)+(%7B__name__%3D~%22stonecaster_demo_(cpu%7Cmemory)_usage_ratio%22%2Ccolor%3D%22green%22%7D)&time="
            + seconds(clock.nowMs()).toLatin1();
        const SimHttpReply r = m_http.send("POST", server.baseUrl().resolved(QUrl(QStringLiteral("/api/v1/query"))), form, "application/x-www-form-urlencoded");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object()[u"data"][u"result"][0][u"metric"].toObject(), (QJsonObject{{QStringLiteral("color"), QStringLiteral("green")}}));

        // Qt's own QUrlQuery encoding in a GET works as well.
        QUrl url = server.baseUrl().resolved(QUrl(QStringLiteral("/api/v1/query")));
        url.setQuery(QUrlQuery{{QStringLiteral("query"), QStringLiteral("max by (color) ({__name__=~\"stonecaster_demo_(cpu|memory)_usage_ratio\",color=\"blue\"})")}});
        const SimHttpReply g = m_http.send("GET", url);
        QCOMPARE(g.status, 200);
        QCOMPARE(g.object()[u"data"][u"result"][0][u"metric"].toObject(), (QJsonObject{{QStringLiteral("color"), QStringLiteral("blue")}}));
    }

    void badQueries_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("params"); // key, value, key, value...
        QTest::addColumn<QString>("messagePart");
        const QString q = QStringLiteral("/api/v1/query");
        const QString range = QStringLiteral("/api/v1/query_range");
        const QString up = QStringLiteral("stonecaster_demo_up");
        QTest::newRow("a function") << q << QStringList{QStringLiteral("query"), QStringLiteral("rate(stonecaster_demo_up[5m])")}
                                    << "invalid parameter \"query\": 1:5: parse error";
        QTest::newRow("arithmetic") << q << QStringList{QStringLiteral("query"), QStringLiteral("stonecaster_demo_up * 100")} << "parse error";
        QTest::newRow("no query") << q << QStringList{} << "no expression found in input";
        QTest::newRow("bad time") << q << QStringList{QStringLiteral("query"), up, QStringLiteral("time"), QStringLiteral("yesterday")}
                                  << "invalid parameter \"time\": cannot parse \"yesterday\" to a valid timestamp";
        QTest::newRow("range without start") << range << QStringList{QStringLiteral("query"), up, QStringLiteral("end"), QStringLiteral("1800000060"), QStringLiteral("step"), QStringLiteral("15s")}
                                             << "invalid parameter \"start\"";
        QTest::newRow("range end before start")
            << range << QStringList{QStringLiteral("query"), up, QStringLiteral("start"), QStringLiteral("1800000060"), QStringLiteral("end"), QStringLiteral("1800000000"), QStringLiteral("step"), QStringLiteral("15s")}
            << "end timestamp must not be before start time";
        QTest::newRow("range zero step")
            << range << QStringList{QStringLiteral("query"), up, QStringLiteral("start"), QStringLiteral("1800000000"), QStringLiteral("end"), QStringLiteral("1800000060"), QStringLiteral("step"), QStringLiteral("0")}
            << "zero or negative query resolution step widths are not accepted";
        QTest::newRow("range bad step")
            << range << QStringList{QStringLiteral("query"), up, QStringLiteral("start"), QStringLiteral("1800000000"), QStringLiteral("end"), QStringLiteral("1800000060"), QStringLiteral("step"), QStringLiteral("fast")}
            << "invalid parameter \"step\"";
        QTest::newRow("range bad query")
            << range << QStringList{QStringLiteral("query"), QStringLiteral("sum(rate(x[1m]))"), QStringLiteral("start"), QStringLiteral("1800000000"), QStringLiteral("end"), QStringLiteral("1800000060"), QStringLiteral("step"), QStringLiteral("15")}
            << "parse error";
    }
    void badQueries()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, params);
        QFETCH(QString, messagePart);
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::Healthy);
        QVERIFY(server.listen());
        std::map<QString, QString> map;
        for (qsizetype i = 0; i + 1 < params.size(); i += 2)
            map[params[i]] = params[i + 1];
        const SimHttpReply r = m_http.get(server.baseUrl(), path, map);
        QCOMPARE(r.status, 400);
        const QJsonObject o = r.object();
        QCOMPARE(o.value(u"status").toString(), QStringLiteral("error"));
        QCOMPARE(o.value(u"errorType").toString(), QStringLiteral("bad_data"));
        QVERIFY2(o.value(u"error").toString().contains(messagePart), qPrintable(o.value(u"error").toString()));
    }

    void unknownMetricIsAnEmptyVector()
    {
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::Healthy);
        QVERIFY(server.listen());
        const SimHttpReply r = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query"), {{QStringLiteral("query"), QStringLiteral("node_cpu_seconds_total")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object()[u"data"][u"result"].toArray().size(), 0);
    }

    // The same moment read live, by range and by scrape gives the same text.
    void queryRangeAndMetricsAgree()
    {
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::LatencyRegression);
        QVERIFY(server.listen());
        clock.advanceMs(Minute);
        QVERIFY(server.setWeights(90, 10));
        clock.advanceMs(Minute + 250);
        QVERIFY(server.setWeights(70, 30)); // mid-ramp and mid-lag below
        clock.advanceMs(90 * Second + 400);
        const qint64 now = clock.nowMs();

        const SimHttpReply metrics = m_http.get(server.baseUrl(), QStringLiteral("/metrics"));
        QCOMPARE(metrics.status, 200);
        const QHash<QString, QString> scraped = scrape(metrics.body);
        QCOMPARE(scraped.size(), 2 * DemoSeriesCount);

        for (int s = 0; s < DemoSeriesCount; ++s) {
            for (const QString &color : {QStringLiteral("blue"), QStringLiteral("green")}) {
                const QString selector = QStringLiteral("%1{color=\"%2\"}").arg(demoSeriesName(DemoSeries(s)), color);
                const QString fromScrape = scraped.value(selector);
                QVERIFY2(!fromScrape.isEmpty(), qPrintable(selector));

                const SimHttpReply live = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query"), {{QStringLiteral("query"), selector}});
                QCOMPARE(live.object()[u"data"][u"result"][0][u"value"][1].toString(), fromScrape);

                const SimHttpReply range = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query_range"),
                                                      {{QStringLiteral("query"), selector},
                                                       {QStringLiteral("start"), seconds(now - 3 * Minute)},
                                                       {QStringLiteral("end"), seconds(now)},
                                                       {QStringLiteral("step"), QStringLiteral("1s")}});
                QCOMPARE(range.status, 200);
                QCOMPARE(range.object()[u"data"][u"resultType"].toString(), QStringLiteral("matrix"));
                const QJsonArray values = range.object()[u"data"][u"result"][0][u"values"].toArray();
                QCOMPARE(values.size(), 181);
                QCOMPARE(values.last()[0].toDouble(), double(now) / 1000.0);
                QCOMPARE(values.last()[1].toString(), fromScrape);
                // Earlier points are what an instant query at their time says.
                for (int i : {0, 47, 90, 133}) {
                    const QString at = QString::number(values.at(i)[0].toDouble(), 'f', 3);
                    const SimHttpReply instant = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query"),
                                                            {{QStringLiteral("query"), selector}, {QStringLiteral("time"), at}});
                    QCOMPARE(instant.object()[u"data"][u"result"][0][u"value"][1].toString(), values.at(i)[1].toString());
                }
            }
        }
    }

    void rangeLimit_data()
    {
        QTest::addColumn<qint64>("spanMs");
        QTest::addColumn<QString>("step");
        QTest::addColumn<int>("status");
        QTest::newRow("11,000 steps pass") << 11'000 * Second << QStringLiteral("1") << 200;
        QTest::newRow("11,001 steps refused") << 11'001 * Second << QStringLiteral("1") << 400;
        QTest::newRow("a week at 1m passes") << 7 * 24 * 60 * Minute << QStringLiteral("1m") << 200;
        QTest::newRow("two days at 15s refused") << 2 * 24 * 60 * Minute << QStringLiteral("15s") << 400;
    }
    void rangeLimit()
    {
        QFETCH(qint64, spanMs);
        QFETCH(QString, step);
        QFETCH(int, status);
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::Healthy);
        QVERIFY(server.listen());
        clock.advanceMs(spanMs);
        const SimHttpReply r = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query_range"),
                                          {{QStringLiteral("query"), QStringLiteral("stonecaster_demo_up{color=\"blue\"}")},
                                           {QStringLiteral("start"), seconds(server.simulator()->startedMs())},
                                           {QStringLiteral("end"), seconds(server.simulator()->startedMs() + spanMs)},
                                           {QStringLiteral("step"), step}});
        QCOMPARE(r.status, status);
        if (status == 400) {
            QCOMPARE(r.object().value(u"errorType").toString(), QStringLiteral("bad_data"));
            QCOMPARE(r.object().value(u"error").toString(),
                     QStringLiteral("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"));
        } else {
            const qint64 stepMs = PromFormat::parseDurationMs(step).value();
            QCOMPARE(r.object()[u"data"][u"result"][0][u"values"].toArray().size(), spanMs / stepMs + 1);
        }
    }

    void rangeHasNoPointsBeforeTheStart()
    {
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::Healthy);
        QVERIFY(server.listen());
        clock.advanceMs(Minute);
        const qint64 started = server.simulator()->startedMs();
        const SimHttpReply r = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query_range"),
                                          {{QStringLiteral("query"), QStringLiteral("stonecaster_demo_up")},
                                           {QStringLiteral("start"), seconds(started - 30 * Second)},
                                           {QStringLiteral("end"), seconds(started + 30 * Second)},
                                           {QStringLiteral("step"), QStringLiteral("7s")}});
        QCOMPARE(r.status, 200);
        const QJsonArray result = r.object()[u"data"][u"result"].toArray();
        QCOMPARE(result.size(), 2);
        for (const QJsonValue &series : result) {
            const QJsonArray values = series[u"values"].toArray();
            QCOMPARE(values.size(), 4); // -30 + 7k for k = 5..8: 5, 12, 19, 26 s
            QCOMPARE(values.first()[0].toDouble(), double(started + 5 * Second) / 1000.0);
        }
        // Wholly before the start: nothing.
        const SimHttpReply before = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query"),
                                               {{QStringLiteral("query"), QStringLiteral("stonecaster_demo_up")}, {QStringLiteral("time"), seconds(started - 1)}});
        QCOMPARE(before.object()[u"data"][u"result"].toArray().size(), 0);
    }

    void metricsFormat()
    {
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::GreenDown);
        QVERIFY(server.listen());
        const SimHttpReply r = m_http.get(server.baseUrl(), QStringLiteral("/metrics"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        const QString text = QString::fromUtf8(r.body);
        QVERIFY(text.endsWith(QLatin1Char('\n')));
        static const QRegularExpression sample(QStringLiteral(R"re(^[a-zA-Z_:][a-zA-Z0-9_:]*\{color="(blue|green)"\} [-+0-9.eE]+(NaN|Inf)?$)re"));
        QString lastHelp;
        for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (line.startsWith(QLatin1String("# HELP "))) {
                lastHelp = line.section(QLatin1Char(' '), 2, 2);
                continue;
            }
            if (line.startsWith(QLatin1String("# TYPE "))) {
                QCOMPARE(line, QStringLiteral("# TYPE %1 gauge").arg(lastHelp));
                continue;
            }
            QVERIFY2(sample.match(line).hasMatch(), qPrintable(line));
            QVERIFY2(line.startsWith(lastHelp + QLatin1Char('{')), qPrintable(line));
        }
        for (int s = 0; s < DemoSeriesCount; ++s)
            QVERIFY(text.contains(QStringLiteral("# HELP %1 ").arg(demoSeriesName(DemoSeries(s)))));
        // Green is down: only its up (0) and the balancer's share of it remain.
        QVERIFY(text.contains(QLatin1String("stonecaster_demo_up{color=\"green\"} 0\n")));
        QVERIFY(text.contains(QLatin1String("stonecaster_demo_traffic_share_ratio{color=\"green\"} 0\n")));
        QVERIFY(!text.contains(QLatin1String("stonecaster_demo_error_ratio{color=\"green\"}")));
        QVERIFY(text.contains(QLatin1String("stonecaster_demo_error_ratio{color=\"blue\"}")));
    }

    void greenDownOverHttp()
    {
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::GreenDown);
        QVERIFY(server.listen());
        QVERIFY(server.setWeights(90, 10));
        clock.advanceMs(Minute);
        const SimHttpReply errors = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query"),
                                               {{QStringLiteral("query"), QStringLiteral("stonecaster_demo_error_ratio{color=\"green\"}")}});
        QCOMPARE(errors.status, 200);
        QCOMPARE(errors.object()[u"status"].toString(), QStringLiteral("success"));
        QCOMPARE(errors.object()[u"data"][u"result"].toArray().size(), 0); // absent, not zero
        const SimHttpReply up = m_http.get(server.baseUrl(), QStringLiteral("/api/v1/query"),
                                           {{QStringLiteral("query"), QStringLiteral("stonecaster_demo_up{color=\"green\"}")}});
        QCOMPARE(up.object()[u"data"][u"result"][0][u"value"][1].toString(), QStringLiteral("0"));
    }

    void health_data()
    {
        QTest::addColumn<DemoScenario>("scenario");
        QTest::addColumn<QString>("color");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("state");
        QTest::newRow("healthy blue") << DemoScenario::Healthy << "blue" << 200 << "ok";
        QTest::newRow("healthy green") << DemoScenario::Healthy << "green" << 200 << "ok";
        QTest::newRow("green down: blue still ok") << DemoScenario::GreenDown << "blue" << 200 << "ok";
        QTest::newRow("green down: green 503") << DemoScenario::GreenDown << "green" << 503 << "down";
        QTest::newRow("error spike: green still answers") << DemoScenario::ErrorSpike << "green" << 200 << "ok";
        QTest::newRow("no such colour") << DemoScenario::Healthy << "red" << 404 << "";
    }
    void health()
    {
        QFETCH(DemoScenario, scenario);
        QFETCH(QString, color);
        QFETCH(int, status);
        QFETCH(QString, state);
        ManualClock clock;
        DemoServer server(&clock, scenario);
        QVERIFY(server.listen());
        const SimHttpReply r = m_http.get(server.baseUrl(), QStringLiteral("/health/") + color);
        QCOMPARE(r.status, status);
        if (!state.isEmpty())
            QCOMPARE(r.object(), (QJsonObject{{QStringLiteral("status"), state}}));
        else
            QVERIFY(r.object().contains(u"error"));
    }

    void trafficRoundTrip()
    {
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::Healthy);
        QVERIFY(server.listen());
        const QUrl url = server.baseUrl().resolved(QUrl(QStringLiteral("/api/traffic")));
        QCOMPARE(m_http.send("GET", url).object(), (QJsonObject{{QStringLiteral("blue"), 100}, {QStringLiteral("green"), 0}}));

        QSignalSpy changed(server.simulator(), &DemoSimulator::weightsChanged);
        clock.advanceMs(Minute);
        const SimHttpReply put = m_http.send("PUT", url, R"({"blue":90,"green":10})", "application/json");
        QCOMPARE(put.status, 200);
        QCOMPARE(put.object(), (QJsonObject{{QStringLiteral("blue"), 90}, {QStringLiteral("green"), 10}}));
        QCOMPARE(server.weights(), (TrafficWeights{90, 10}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(server.simulator()->history().changes().last().atMs, clock.nowMs()); // recorded at clock time

        const SimHttpReply post = m_http.send("POST", url, R"({"green":256,"blue":0})", "application/json");
        QCOMPARE(post.status, 200);
        QCOMPARE(m_http.send("GET", url).object(), (QJsonObject{{QStringLiteral("blue"), 0}, {QStringLiteral("green"), 256}}));

        // In-process changes show over HTTP too.
        QVERIFY(server.setWeights(100, 0));
        QCOMPARE(m_http.send("GET", url).object(), (QJsonObject{{QStringLiteral("blue"), 100}, {QStringLiteral("green"), 0}}));
        QCOMPARE(m_http.send("DELETE", url).status, 405);
    }

    void trafficBadBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("not JSON") << QByteArray("blue=90") << "not JSON";
        QTest::newRow("empty") << QByteArray() << "not JSON";
        QTest::newRow("array") << QByteArray("[90,10]") << "JSON object";
        QTest::newRow("missing green") << QByteArray(R"({"blue":90})") << "missing \"green\"";
        QTest::newRow("negative") << QByteArray(R"({"blue":90,"green":-1})") << "\"green\" must be a whole number 0..256, not -1";
        QTest::newRow("above 256") << QByteArray(R"({"blue":257,"green":0})") << "\"blue\" must be a whole number 0..256, not 257";
        QTest::newRow("fraction") << QByteArray(R"({"blue":90.5,"green":10})") << "whole number";
        QTest::newRow("string") << QByteArray(R"({"blue":"90","green":10})") << "not \"90\"";
        QTest::newRow("null") << QByteArray(R"({"blue":null,"green":10})") << "not null";
        QTest::newRow("unknown key") << QByteArray(R"({"blue":90,"gren":10})") << "unknown key \"gren\"";
    }
    void trafficBadBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, messagePart);
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::Healthy);
        QVERIFY(server.listen());
        const SimHttpReply r = m_http.send("PUT", server.baseUrl().resolved(QUrl(QStringLiteral("/api/traffic"))), body, "application/json");
        QCOMPARE(r.status, 400);
        const QString error = r.object().value(u"error").toString();
        QVERIFY2(error.contains(messagePart), qPrintable(error));
        QCOMPARE(server.weights(), (TrafficWeights{100, 0}));
    }

    void alerts_data()
    {
        QTest::addColumn<DemoScenario>("scenario");
        QTest::addColumn<bool>("fires");
        for (int i = 0; i < DemoScenarioCount; ++i)
            QTest::addRow("%s", qPrintable(nameOf(DemoScenario(i)))) << DemoScenario(i) << (DemoScenario(i) == DemoScenario::SecurityAlert);
    }
    void alerts()
    {
        QFETCH(DemoScenario, scenario);
        QFETCH(bool, fires);
        ManualClock clock;
        DemoServer server(&clock, scenario);
        QVERIFY(server.listen());
        clock.advanceMs(Minute);
        QVERIFY(server.setWeights(90, 10));
        const qint64 changedAt = clock.nowMs();
        clock.advanceMs(59 * Second);
        SimHttpReply r = m_http.get(server.baseUrl(), QStringLiteral("/api/v2/alerts"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().array(), QJsonArray());

        clock.advanceMs(Second);
        r = m_http.get(server.baseUrl(), QStringLiteral("/api/v2/alerts"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().isArray());
        const QJsonArray alerts = r.json().array();
        QCOMPARE(alerts.size(), fires ? 1 : 0);
        if (!fires)
            return;
        const QJsonObject a = alerts.first().toObject();
        QCOMPARE(a.value(u"labels").toObject(), (QJsonObject{{QStringLiteral("alertname"), QStringLiteral("SecurityIncident")},
                                                             {QStringLiteral("severity"), QStringLiteral("critical")},
                                                             {QStringLiteral("category"), QStringLiteral("security")},
                                                             {QStringLiteral("service"), QStringLiteral("demo")}}));
        QVERIFY(!a.value(u"annotations").toObject().value(u"summary").toString().isEmpty());
        QCOMPARE(a.value(u"startsAt").toString(), PromFormat::rfc3339(changedAt + Minute));
        QCOMPARE(a.value(u"updatedAt").toString(), PromFormat::rfc3339(clock.nowMs()));
        QVERIFY(a.value(u"endsAt").toString() > a.value(u"updatedAt").toString());
        QVERIFY(a.value(u"generatorURL").toString().startsWith(server.baseUrl().toString() + QLatin1String("/graph?")));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{16}$")).match(a.value(u"fingerprint").toString()).hasMatch());
        QCOMPARE(a.value(u"receivers").toArray().size(), 1);
        QVERIFY(!a.value(u"receivers")[0][u"name"].toString().isEmpty());
        QCOMPARE(a.value(u"status").toObject(), (QJsonObject{{QStringLiteral("state"), QStringLiteral("active")},
                                                             {QStringLiteral("silencedBy"), QJsonArray()},
                                                             {QStringLiteral("inhibitedBy"), QJsonArray()}}));
        // Alertmanager's filter for active alerts.
        QCOMPARE(m_http.get(server.baseUrl(), QStringLiteral("/api/v2/alerts"), {{QStringLiteral("active"), QStringLiteral("false")}}).json().array(), QJsonArray());
    }

    void routesAndMethods_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown path") << QByteArray("GET") << "/api/v1/series" << 404;
        QTest::newRow("PUT on query") << QByteArray("PUT") << "/api/v1/query?query=stonecaster_demo_up" << 405;
        QTest::newRow("POST on metrics") << QByteArray("POST") << "/metrics" << 405;
        QTest::newRow("POST on health") << QByteArray("POST") << "/health/green" << 405;
        QTest::newRow("healthy") << QByteArray("GET") << "/-/healthy" << 200;
        QTest::newRow("ready") << QByteArray("GET") << "/-/ready" << 200;
        QTest::newRow("build info") << QByteArray("GET") << "/api/v1/status/buildinfo" << 200;
    }
    void routesAndMethods()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(int, status);
        ManualClock clock;
        DemoServer server(&clock, DemoScenario::Healthy);
        QVERIFY(server.listen());
        QCOMPARE(m_http.send(verb, server.baseUrl().resolved(QUrl(path))).status, status);
    }
};

QTEST_GUILESS_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
