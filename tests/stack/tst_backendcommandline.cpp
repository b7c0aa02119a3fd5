// stonecaster-backend's command line, as tools/real-stack calls it and as a person mistypes it.
#include "backend/backendcommandline.h"

#include <QTest>

class TestBackendCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void service()
    {
        const BackendCommandLine cl = BackendCommandLine::parse({QStringLiteral("stonecaster-backend"), QStringLiteral("--color"), QStringLiteral("green"),
                                                                 QStringLiteral("--port"), QStringLiteral("18082"), QStringLiteral("--memory-limit-mb"),
                                                                 QStringLiteral("128")});
        QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
        QCOMPARE(cl.mode, BackendCommandLine::Mode::Service);
        QCOMPARE(cl.service.color, QStringLiteral("green"));
        QCOMPARE(cl.service.port, quint16(18082));
        QCOMPARE(cl.service.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(cl.service.memoryLimitBytes, 128.0 * 1024 * 1024);
    }

    void load()
    {
        const BackendCommandLine cl = BackendCommandLine::parse({QStringLiteral("stonecaster-backend"), QStringLiteral("--load"),
                                                                 QStringLiteral("http://127.0.0.1:18080/app"), QStringLiteral("--rate"), QStringLiteral("12.5"),
                                                                 QStringLiteral("--duration"), QStringLiteral("30")});
        QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
        QCOMPARE(cl.mode, BackendCommandLine::Mode::Load);
        QCOMPARE(cl.load.url, QUrl(QStringLiteral("http://127.0.0.1:18080/app")));
        QCOMPARE(cl.load.rate, 12.5);
        QCOMPARE(cl.load.durationSeconds, 30);
        QCOMPARE(cl.load.maxRequests, 0);
    }

    void refused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << QStringList{} << "say which colour to be";
        QTest::newRow("another colour") << QStringList{"--color", "red", "--port", "1"} << "--color must be blue or green, not \"red\"";
        QTest::newRow("no port") << QStringList{"--color", "blue"} << "--port N (0 to 65535) is required";
        QTest::newRow("port too large") << QStringList{"--color", "blue", "--port", "70000"} << "--port N (0 to 65535)";
        QTest::newRow("listen on a name") << QStringList{"--color", "blue", "--port", "1", "--listen", "example.com"} << "--listen needs an IP address";
        QTest::newRow("load elsewhere") << QStringList{"--load", "http://192.0.2.1/app"} << "only to a loopback address";
        QTest::newRow("load and colour") << QStringList{"--load", "http://127.0.0.1:1/", "--color", "blue"} << "--color and --port are for a service";
        QTest::newRow("rate as text") << QStringList{"--load", "http://127.0.0.1:1/", "--rate", "fast"} << "--rate must be a number";
        QTest::newRow("duration as text") << QStringList{"--load", "http://127.0.0.1:1/", "--duration", "1h"} << "take whole numbers";
        QTest::newRow("stray argument") << QStringList{"--color", "blue", "--port", "1", "extra"} << "unexpected argument \"extra\"";
        QTest::newRow("unknown option") << QStringList{"--colour", "blue"} << "Unknown option 'colour'";
    }
    void refused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const BackendCommandLine cl = BackendCommandLine::parse(QStringList{QStringLiteral("stonecaster-backend")} + arguments);
        QVERIFY2(cl.error.contains(message), qPrintable(cl.error));
    }
};

QTEST_GUILESS_MAIN(TestBackendCommandLine)
#include "tst_backendcommandline.moc"
