#include "sim/demoquery.h"
#include "sim/demosimulator.h"

#include "core/clock.h"

#include <QTest>

// The PromQL forms the demo answers, and the error for everything else.
class TestDemoQuery : public QObject
{
    Q_OBJECT

    using Labels = QList<std::pair<QString, QString>>;

private Q_SLOTS:
    // The demo profile's expressions, ${color} filled in, and a few neighbours.
    void evaluate_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QList<Labels>>("labels"); // of the answer, in order

        const auto named = [](const char *name, const char *color) {
            return Labels{{QStringLiteral("__name__"), QString::fromLatin1(name)}, {QStringLiteral("color"), QString::fromLatin1(color)}};
        };
        const Labels green{{QStringLiteral("color"), QStringLiteral("green")}};
        const Labels blue{{QStringLiteral("color"), QStringLiteral("blue")}};
        for (const char *color : {"blue", "green"}) {
            for (const char *name : {"stonecaster_demo_error_ratio", "stonecaster_demo_response_time_p95_seconds", "stonecaster_demo_db_error_ratio",
                                     "stonecaster_demo_db_query_p95_seconds", "stonecaster_demo_page_load_p95_seconds",
                                     "stonecaster_demo_traffic_share_ratio", "stonecaster_demo_up"}) {
                QTest::addRow("profile %s %s", name, color) << QStringLiteral("%1{color=\"%2\"}").arg(QLatin1StringView(name), QLatin1StringView(color))
                                                            << QList<Labels>{named(name, color)};
            }
            QTest::addRow("profile max cpu/memory %s", color)
                << QStringLiteral("max by (color) ({__name__=~\"stonecaster_demo_(cpu|memory)_usage_ratio\",color=\"%1\"})").arg(QLatin1StringView(color))
                << QList<Labels>{qstrcmp(color, "blue") == 0 ? blue : green};
        }
        QTest::newRow("plain name gives both colours") << QStringLiteral("stonecaster_demo_up")
                                                       << QList<Labels>{named("stonecaster_demo_up", "blue"), named("stonecaster_demo_up", "green")};
        QTest::newRow("spaces and single quotes") << QStringLiteral("  stonecaster_demo_up { color = 'green' , } ")
                                                  << QList<Labels>{named("stonecaster_demo_up", "green")};
        QTest::newRow("not-equal matcher") << QStringLiteral("stonecaster_demo_up{color!=\"blue\"}") << QList<Labels>{named("stonecaster_demo_up", "green")};
        QTest::newRow("negative regex") << QStringLiteral("stonecaster_demo_up{color!~\"b.*\"}") << QList<Labels>{named("stonecaster_demo_up", "green")};
        QTest::newRow("regex is anchored") << QStringLiteral("stonecaster_demo_up{color=~\"gre\"}") << QList<Labels>{};
        QTest::newRow("unknown metric is empty, as in Prometheus") << QStringLiteral("no_such_metric") << QList<Labels>{};
        QTest::newRow("unknown colour is empty") << QStringLiteral("stonecaster_demo_up{color=\"red\"}") << QList<Labels>{};
        QTest::newRow("grouping after the selector") << QStringLiteral("max({__name__=~\"stonecaster_demo_.*_usage_ratio\"}) by (color)") << QList<Labels>{blue, green};
        QTest::newRow("aggregation without grouping") << QStringLiteral("count(stonecaster_demo_up)") << QList<Labels>{Labels{}};
        QTest::newRow("keywords in capitals") << QStringLiteral("MAX BY (color) (stonecaster_demo_up)") << QList<Labels>{blue, green};
    }
    void evaluate()
    {
        QFETCH(QString, query);
        QFETCH(QList<Labels>, labels);
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::Healthy);
        const Result<DemoQuery> q = DemoQuery::parse(query);
        QVERIFY2(q, qPrintable(q.error()));
        const QList<DemoQuerySample> answer = q.value().evaluate(sim, clock.nowMs());
        QList<Labels> got;
        for (const DemoQuerySample &s : answer)
            got << s.labels;
        QCOMPARE(got, labels);
    }

    void aggregationValues()
    {
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::Healthy);
        const qint64 t = clock.nowMs();
        const double cpu = *sim.value(DemoSeries::CpuUsage, Color::Green, t);
        const double memory = *sim.value(DemoSeries::MemoryUsage, Color::Green, t);
        const QString selector = QStringLiteral("({__name__=~\"stonecaster_demo_(cpu|memory)_usage_ratio\",color=\"green\"})");
        const auto single = [&](const QString &op) {
            const QList<DemoQuerySample> a = DemoQuery::parse(op + QStringLiteral(" by (color) ") + selector).value().evaluate(sim, t);
            return a.size() == 1 ? a.first().value : -1.0;
        };
        QCOMPARE(single(QStringLiteral("max")), std::max(cpu, memory));
        QCOMPARE(single(QStringLiteral("min")), std::min(cpu, memory));
        QCOMPARE(single(QStringLiteral("sum")), cpu + memory);
        QCOMPARE(single(QStringLiteral("avg")), (cpu + memory) / 2);
        QCOMPARE(single(QStringLiteral("count")), 2.0);
    }

    void greenDownLeavesGreenOut()
    {
        ManualClock clock;
        DemoSimulator sim(&clock, DemoScenario::GreenDown);
        for (const char *query : {"stonecaster_demo_error_ratio{color=\"green\"}",
                                  "max by (color) ({__name__=~\"stonecaster_demo_(cpu|memory)_usage_ratio\",color=\"green\"})"}) {
            QVERIFY(DemoQuery::parse(QString::fromLatin1(query)).value().evaluate(sim, clock.nowMs()).isEmpty());
        }
        const QList<DemoQuerySample> up = DemoQuery::parse(u"stonecaster_demo_up{color=\"green\"}").value().evaluate(sim, clock.nowMs());
        QCOMPARE(up.size(), 1);
        QCOMPARE(up.first().value, 0.0);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << QString() << "1:1: parse error: no expression found in input";
        QTest::newRow("only spaces") << QStringLiteral("   ") << "no expression found";
        QTest::newRow("a function") << QStringLiteral("rate(stonecaster_demo_up[5m])") << "1:5: parse error: unexpected \"(\"";
        QTest::newRow("binary operator") << QStringLiteral("stonecaster_demo_up + 1") << "1:21: parse error: unexpected \"+\"";
        QTest::newRow("range selector") << QStringLiteral("stonecaster_demo_up[5m]") << "ranges, offsets and @ are not supported";
        QTest::newRow("offset") << QStringLiteral("stonecaster_demo_up offset 5m") << "ranges, offsets and @ are not supported";
        QTest::newRow("unterminated string") << QStringLiteral("stonecaster_demo_up{color=\"green}") << "unterminated quoted string";
        QTest::newRow("unclosed braces") << QStringLiteral("stonecaster_demo_up{color=\"green\"") << "unexpected end of input inside braces";
        QTest::newRow("missing operator") << QStringLiteral("stonecaster_demo_up{color}") << "expected a label matching operator";
        QTest::newRow("unquoted value") << QStringLiteral("stonecaster_demo_up{color=green}") << "expected a quoted string";
        QTest::newRow("bad regex") << QStringLiteral("{__name__=~\"(\"}") << "invalid regular expression";
        QTest::newRow("empty braces") << QStringLiteral("{}") << "at least one non-empty matcher";
        QTest::newRow("only empty-matching matchers") << QStringLiteral("{color=~\".*\"}") << "at least one non-empty matcher";
        QTest::newRow("name twice") << QStringLiteral("stonecaster_demo_up{__name__=\"x\"}") << "metric name must not be set twice";
        QTest::newRow("without") << QStringLiteral("max(stonecaster_demo_up) without (color)") << "'without' is not supported";
        QTest::newRow("nested aggregation") << QStringLiteral("max by (color) (max(stonecaster_demo_up))") << "expected \")\"";
        QTest::newRow("unclosed aggregation") << QStringLiteral("max by (color) (stonecaster_demo_up") << "unexpected end of input";
        QTest::newRow("number") << QStringLiteral("42") << "unexpected \"4\"";
    }
    void refused()
    {
        QFETCH(QString, query);
        QFETCH(QString, messagePart);
        const Result<DemoQuery> q = DemoQuery::parse(query);
        QVERIFY(!q);
        QVERIFY2(q.error().contains(messagePart), qPrintable(q.error()));
        QVERIFY2(q.error().contains(QLatin1String("parse error")), qPrintable(q.error()));
    }
};

QTEST_GUILESS_MAIN(TestDemoQuery)
#include "tst_demoquery.moc"
