// checkTrafficConfig and the factory: a wrong profile is refused with the field named.
#include "traffic/commandcontroller.h"
#include "traffic/democontroller.h"
#include "traffic/haproxycontroller.h"
#include "traffic/trafficcontrollerfactory.h"

#include <QTest>

Q_DECLARE_METATYPE(TrafficConfig)

namespace {

TrafficConfig haproxy()
{
    TrafficConfig c;
    c.kind = TrafficConfig::Kind::Haproxy;
    c.haproxy.address = QStringLiteral("127.0.0.1:9999");
    c.haproxy.backend = QStringLiteral("app");
    return c;
}

TrafficConfig http()
{
    TrafficConfig c;
    c.kind = TrafficConfig::Kind::Http;
    c.http.url = QUrl(QStringLiteral("https://lb.example/api/weights"));
    c.http.readBackUrl = c.http.url;
    return c;
}

} // namespace

class TestTrafficConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void kindNames()
    {
        for (auto kind : {TrafficConfig::Kind::Demo, TrafficConfig::Kind::Haproxy, TrafficConfig::Kind::Http, TrafficConfig::Kind::Command})
            QCOMPARE(trafficKindFromName(nameOf(kind)), kind);
        QVERIFY(!trafficKindFromName(u"nginx"));
    }

    void checks_data()
    {
        QTest::addColumn<TrafficConfig>("config");
        QTest::addColumn<QString>("error"); // empty: accepted; else a part of the message

        TrafficConfig demo;
        demo.demo.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080"));
        QTest::newRow("demo") << demo << "";
        QTest::newRow("demo without URL") << TrafficConfig{} << "traffic.demo.baseUrl";
        QTest::newRow("haproxy") << haproxy() << "";
        TrafficConfig c = haproxy();
        c.haproxy.address = QStringLiteral("localhost");
        QTest::newRow("haproxy address without port") << c << "traffic.haproxy.address";
        c = haproxy();
        c.haproxy.backend.clear();
        QTest::newRow("haproxy without backend") << c << "traffic.haproxy.backend";
        c = haproxy();
        c.haproxy.greenServer = QStringLiteral("green; disable server app/blue");
        QTest::newRow("haproxy name that would inject a command") << c << "traffic.haproxy.greenServer";
        c = haproxy();
        c.haproxy.greenServer = c.haproxy.blueServer;
        QTest::newRow("haproxy same server twice") << c << "they must name two servers";
        c = haproxy();
        c.haproxy.weightScale = 300;
        QTest::newRow("haproxy weight scale over 256") << c << "weightScale";
        QTest::newRow("http") << http() << "";
        c = http();
        c.http.readBackUrl = QUrl();
        QTest::newRow("http without read-back") << c << "traffic.http.readBackUrl";
        c = http();
        c.http.url = QUrl(QStringLiteral("ftp://lb.example/"));
        QTest::newRow("http not http") << c << "traffic.http.url";
        c = TrafficConfig{};
        c.kind = TrafficConfig::Kind::Command;
        QTest::newRow("command without program") << c << "traffic.command.program";
        c.command.program = QStringLiteral("kubectl");
        QTest::newRow("command") << c << "";
        c.timeoutMs = 0;
        QTest::newRow("zero timeout") << c << "traffic.timeoutMs";
    }
    void checks()
    {
        QFETCH(TrafficConfig, config);
        QFETCH(QString, error);
        const Status s = checkTrafficConfig(config);
        QCOMPARE(s.ok(), error.isEmpty());
        QVERIFY2(s.error().contains(error), qPrintable(s.error()));
        std::unique_ptr<TrafficController> controller(createTrafficController(config));
        QCOMPARE(controller != nullptr, error.isEmpty());
    }

    void factoryMakesTheKind()
    {
        TrafficConfig c = haproxy();
        c.timeoutMs = 1234;
        std::unique_ptr<TrafficController> h(createTrafficController(c));
        QVERIFY(qobject_cast<HaproxyController *>(h.get()));
        QCOMPARE(h->timeoutMs(), 1234);
        c.kind = TrafficConfig::Kind::Demo;
        c.demo.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
        std::unique_ptr<TrafficController> d(createTrafficController(c));
        QVERIFY(qobject_cast<DemoController *>(d.get()));
        c.kind = TrafficConfig::Kind::Command;
        c.command.program = QStringLiteral("/bin/true");
        std::unique_ptr<TrafficController> p(createTrafficController(c));
        QVERIFY(qobject_cast<CommandController *>(p.get()));
    }
};

QTEST_GUILESS_MAIN(TestTrafficConfig)
#include "tst_trafficconfig.moc"
