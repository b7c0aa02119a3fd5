// The load generator against an in-process backend service: it sends the planned number of
// requests (every fifth a page), stops at its duration, keeps sending while answers are slow,
// and sends only to loopback addresses.
#include "backend/backendservice.h"
#include "backend/loadgenerator.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

class TestLoadGenerator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BackendService> m_service;

    LoadGenerator::Options options() const
    {
        LoadGenerator::Options o;
        o.url = QUrl(QStringLiteral("http://127.0.0.1:%1/app").arg(m_service->port()));
        return o;
    }

private Q_SLOTS:
    void init()
    {
        m_service = std::make_unique<BackendService>(BackendService::Options{});
        QString error;
        QVERIFY2(m_service->listen(&error), qPrintable(error));
    }
    void cleanup() { m_service.reset(); }

    void refusesWhatItMustNotDo_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("duration");
        QTest::addColumn<QString>("message");
        QTest::newRow("another host") << "http://example.com/app" << 50.0 << 10 << "only to a loopback address";
        QTest::newRow("a private address") << "http://10.1.2.3:8080/" << 50.0 << 10 << "only to a loopback address";
        QTest::newRow("https") << "https://127.0.0.1:8443/" << 50.0 << 10 << "needs an http:// URL";
        QTest::newRow("no rate") << "http://127.0.0.1:8080/" << 0.0 << 10 << "--rate must be more than 0";
        QTest::newRow("a flood") << "http://127.0.0.1:8080/" << 100000.0 << 10 << "--rate must be more than 0";
        QTest::newRow("no duration") << "http://127.0.0.1:8080/" << 50.0 << 0 << "--duration must be 1 to";
        QTest::newRow("loopback") << "http://127.0.0.1:8080/app" << 50.0 << 10 << "";
        QTest::newRow("localhost") << "http://localhost:8080/app" << 50.0 << 10 << "";
        QTest::newRow("IPv6 loopback") << "http://[::1]:8080/app" << 50.0 << 10 << "";
    }
    void refusesWhatItMustNotDo()
    {
        QFETCH(QString, url);
        QFETCH(double, rate);
        QFETCH(int, duration);
        QFETCH(QString, message);
        LoadGenerator::Options o;
        o.url = QUrl(url);
        o.rate = rate;
        o.durationSeconds = duration;
        const QString error = LoadGenerator::check(o);
        if (message.isEmpty())
            QVERIFY2(error.isEmpty(), qPrintable(error));
        else
            QVERIFY2(error.contains(message), qPrintable(error));
    }

    // Bounded in count: exactly the planned requests, every fifth a page.
    void sendsThePlannedRequests()
    {
        LoadGenerator::Options o = options();
        o.rate = 200;
        o.durationSeconds = 60;
        o.maxRequests = 40;
        LoadGenerator generator(o);
        QCOMPARE(generator.plannedRequests(), 40);
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        generator.start();
        QVERIFY(finished.wait(30000));
        QCOMPARE(generator.stats().sent, 40);
        QCOMPARE(generator.stats().ok, 40);
        QCOMPARE(generator.stats().failed, 0);
        QCOMPARE(m_service->metrics().requests(BackendMetrics::Handler::Page, 200), 8u);
        QCOMPARE(m_service->metrics().requests(BackendMetrics::Handler::Api, 200), 32u);
        QTest::qWait(100);
        QCOMPARE(finished.size(), 1);
    }

    // Bounded in time: it stops at its duration, with no more than rate x duration sent.
    void stopsAtItsDuration()
    {
        LoadGenerator::Options o = options();
        o.rate = 20;
        o.durationSeconds = 1;
        LoadGenerator generator(o);
        QCOMPARE(generator.plannedRequests(), 20);
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        generator.start();
        QVERIFY(finished.wait(30000));
        QVERIFY(generator.stats().sent >= 1);
        QVERIFY(generator.stats().sent <= 20);
        QCOMPARE(generator.stats().ok + generator.stats().failed + generator.stats().serverErrors, generator.stats().sent);
    }

    // Open loop: while answers take seconds, requests keep leaving on schedule.
    void keepsTheRateWhileAnswersAreSlow()
    {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/control").arg(m_service->port())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = network.post(request, QByteArray("{\"latencyMs\":4000,\"errorRatio\":0.5}"));
        QSignalSpy told(reply, &QNetworkReply::finished);
        QVERIFY(told.wait(10000));
        reply->deleteLater();
        LoadGenerator::Options o = options();
        o.rate = 40;
        o.maxRequests = 20;
        LoadGenerator generator(o);
        QSignalSpy finished(&generator, &LoadGenerator::finished);
        generator.start();
        // All 20 leave within about half a second, seconds before the first answer.
        QTRY_COMPARE_WITH_TIMEOUT(generator.stats().sent, 20, 10000);
        QVERIFY(generator.stats().inFlight > 1);
        QVERIFY(finished.wait(30000));
        QCOMPARE(generator.stats().ok, 10);
        QCOMPARE(generator.stats().serverErrors, 10);
    }
};

QTEST_GUILESS_MAIN(TestLoadGenerator)
#include "tst_loadgenerator.moc"
