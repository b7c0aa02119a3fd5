#include "sim/demoserver.h"
#include "sim/promformat.h"

#include "core/clock.h"

#include "simhttp.h"

#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

// A real Prometheus scraping the demo's /metrics answers the demo profile's expressions
// with the values the demo's own query API gives for the scrape's moment. Skipped when
// no prometheus binary is installed (the build root has one).
class TestPrometheusScrape : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameValuesThroughPrometheus()
    {
        const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
        if (prometheus.isEmpty())
            QSKIP("prometheus is not installed");

        SystemClock clock;
        DemoServer server(&clock, DemoScenario::LatencyRegression);
        QVERIFY(server.listen());
        QVERIFY(server.setWeights(50, 50)); // values that move: a ramp, a lagging share, noise

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        quint16 promPort = 0;
        {
            QTcpServer probe; // a free port for Prometheus's own API
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            promPort = probe.serverPort();
        }
        QFile config(dir.filePath(QStringLiteral("prometheus.yml")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                    "scrape_configs:\n  - job_name: demo\n    static_configs:\n      - targets: ['127.0.0.1:%1']\n")
                         .arg(server.port())
                         .toUtf8());
        config.close();

        QProcess prom;
        prom.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        prom.start(prometheus, {QStringLiteral("--config.file=%1").arg(config.fileName()),
                                QStringLiteral("--storage.tsdb.path=%1").arg(dir.filePath(QStringLiteral("data"))),
                                QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(promPort), QStringLiteral("--log.level=warn")});
        QVERIFY(prom.waitForStarted());
        const QUrl promUrl(QStringLiteral("http://127.0.0.1:%1").arg(promPort));
        SimHttp http;
        // The requests run the event loop, so the in-process demo answers the scrapes meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(http.get(promUrl, QStringLiteral("/-/ready")).status == 200, 30000);
        const auto promQuery = [&](const QString &query, const QString &time) {
            return http.get(promUrl, QStringLiteral("/api/v1/query"), {{QStringLiteral("query"), query}, {QStringLiteral("time"), time}})
                .object()[u"data"][u"result"]
                .toArray();
        };
        QTRY_VERIFY_WITH_TIMEOUT(promQuery(QStringLiteral("stonecaster_demo_up{color=\"green\"}"), QString::number(double(clock.nowMs()) / 1000.0, 'f', 3)).size() == 1, 30000);
        QTest::qWait(2500); // a few scrapes

        // A moment in the past, so the next scrape cannot change the answers between queries.
        const QString at = QString::number(double(clock.nowMs() - 500) / 1000.0, 'f', 3);
        const QList<std::pair<const char *, QList<DemoSeries>>> expressions{
            {"stonecaster_demo_error_ratio{color=\"%1\"}", {DemoSeries::ErrorRatio}},
            {"stonecaster_demo_response_time_p95_seconds{color=\"%1\"}", {DemoSeries::ResponseTimeP95}},
            {"stonecaster_demo_db_error_ratio{color=\"%1\"}", {DemoSeries::DbErrorRatio}},
            {"stonecaster_demo_db_query_p95_seconds{color=\"%1\"}", {DemoSeries::DbQueryP95}},
            {"max by (color) ({__name__=~\"stonecaster_demo_(cpu|memory)_usage_ratio\",color=\"%1\"})", {DemoSeries::CpuUsage, DemoSeries::MemoryUsage}},
            {"stonecaster_demo_page_load_p95_seconds{color=\"%1\"}", {DemoSeries::PageLoadP95}},
            {"stonecaster_demo_traffic_share_ratio{color=\"%1\"}", {DemoSeries::TrafficShare}},
            {"stonecaster_demo_up{color=\"%1\"}", {DemoSeries::Up}},
        };
        for (const QString &color : {QStringLiteral("blue"), QStringLiteral("green")}) {
            const Color c = color == QLatin1String("blue") ? Color::Blue : Color::Green;
            for (const auto &[pattern, series] : expressions) {
                const QString expr = QString::fromLatin1(pattern).arg(color);
                const QJsonArray fromProm = promQuery(expr, at);
                QCOMPARE(fromProm.size(), 1);
                const QString promValue = fromProm.at(0)[u"value"][1].toString();
                if (series.size() > 1)
                    QCOMPARE(fromProm.at(0)[u"metric"].toObject(), (QJsonObject{{QStringLiteral("color"), color}}));

                // When Prometheus scraped that sample; the demo answered a moment later,
                // possibly in the next second.
                const QString first = QStringLiteral("%1{color=\"%2\"}").arg(demoSeriesName(series.first()), color);
                const QJsonArray stamp = promQuery(QStringLiteral("timestamp(%1)").arg(first), at);
                QCOMPARE(stamp.size(), 1);
                const qint64 scrapedMs = std::llround(stamp.at(0)[u"value"][1].toString().toDouble() * 1000.0);
                QStringList candidates;
                for (qint64 t : {scrapedMs, scrapedMs + 1000}) {
                    double v = -1;
                    for (DemoSeries s : series)
                        v = std::max(v, *server.simulator()->value(s, c, t));
                    candidates << PromFormat::formatValue(v);
                }
                QVERIFY2(candidates.contains(promValue),
                         qPrintable(QStringLiteral("%1: Prometheus says %2, the demo %3").arg(expr, promValue, candidates.join(QStringLiteral(" or ")))));
            }
        }
        prom.terminate();
        QVERIFY(prom.waitForFinished(15000));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusScrape)
#include "tst_prometheusscrape.moc"
