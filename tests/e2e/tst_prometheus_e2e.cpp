// The console's metrics path against a real Prometheus (Debian 13's package, from the build
// root): Prometheus scrapes the demo simulator's /metrics every second, and the console
// queries Prometheus with the demo profile, live and with backfill.
#include "realserver.h"

#include "core/clock.h"
#include "journal/journal.h"
#include "metrics/samplearchive.h"
#include "metrics/metricssession.h"
#include "profile/profileloader.h"
#include "sim/demoserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <cmath>

class TestPrometheusE2E : public QObject
{
    Q_OBJECT

private:
    SystemClock m_clock;
    std::unique_ptr<DemoServer> m_sim;
    std::unique_ptr<RealServer> m_prometheus;
    QUrl m_prometheusUrl;

    bool allSeriesFresh(const SampleStore &store) const
    {
        for (int m = 0; m < MetricCount; ++m) {
            for (Color c : {Color::Blue, Color::Green}) {
                if (!store.isFresh({Metric(m), c}, m_clock.nowMs()))
                    return false;
            }
        }
        return true;
    }
    QString storeErrors(const SampleStore &store) const
    {
        QStringList errors;
        for (int m = 0; m < MetricCount; ++m) {
            for (Color c : {Color::Blue, Color::Green}) {
                const QString e = store.error({Metric(m), c}).english();
                errors << QStringLiteral("%1/%2: %3 samples, %4").arg(metricKey(Metric(m)), colorKey(c)).arg(store.samples({Metric(m), c}).size()).arg(e);
            }
        }
        return errors.join(u'\n');
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<DemoServer>(&m_clock, DemoScenario::Healthy);
        const auto simPort = m_sim->listen(0);
        QVERIFY2(simPort.ok(), qPrintable(simPort.error()));

        m_prometheus = std::make_unique<RealServer>(QStringLiteral("prometheus"));
        const quint16 port = RealServer::freePort();
        QVERIFY(port);
        QFile config(m_prometheus->workDir() + QStringLiteral("/prometheus.yml"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                    "scrape_configs:\n  - job_name: stonecaster-demo\n    static_configs:\n      - targets: ['127.0.0.1:%1']\n")
                         .arg(simPort.value())
                         .toUtf8());
        config.close();
        QVERIFY2(m_prometheus->start({QStringLiteral("--config.file=") + config.fileName(),
                                      QStringLiteral("--storage.tsdb.path=") + m_prometheus->workDir() + QStringLiteral("/data"),
                                      QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)}),
                 qPrintable(m_prometheus->error()));
        m_prometheusUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        QVERIFY2(m_prometheus->waitReady(m_prometheusUrl.resolved(QUrl(QStringLiteral("/-/ready")))), qPrintable(m_prometheus->error()));

        // Wait for a few scrapes of the simulator.
        QUrl upQuery = m_prometheusUrl.resolved(QUrl(QStringLiteral("/api/v1/query")));
        upQuery.setQuery(QUrlQuery{{QStringLiteral("query"), QStringLiteral("count_over_time(up{job=\"stonecaster-demo\"}[1m])")}});
        double scrapes = 0;
        for (int i = 0; i < 100 && scrapes < 3; ++i) {
            const QJsonObject answer = QJsonDocument::fromJson(m_prometheus->get(upQuery)).object();
            const QJsonArray result = answer.value(u"data").toObject().value(u"result").toArray();
            if (!result.isEmpty())
                scrapes = result.at(0).toObject().value(u"value").toArray().at(1).toString().toDouble();
            if (scrapes < 3)
                QTest::qWait(300);
        }
        QVERIFY2(scrapes >= 3, qPrintable(m_prometheus->output()));
    }

    void cleanupTestCase()
    {
        m_prometheus.reset(); // stops it
    }

    // The demo profile's queries, sent to the real Prometheus, give every series for both
    // colours, converted to the runbook's units.
    void liveThroughRealPrometheus()
    {
        MetricsSession session(&m_clock);
        QSignalSpy state(&session, &MetricsSession::stateChanged);
        session.start(ProfileLoader::demoProfile(m_prometheusUrl).metrics);
        QTRY_VERIFY_WITH_TIMEOUT(session.state() == MetricsSession::State::Polling, 10000);
        SampleStore &store = *session.store();
        QTRY_VERIFY2_WITH_TIMEOUT(allSeriesFresh(store), qPrintable(storeErrors(store)), 20000);

        const double greenErrors = store.lastGood({Metric::ErrorRate, Color::Green})->value;
        QVERIFY2(greenErrors > 0 && greenErrors < 0.1, qPrintable(QString::number(greenErrors))); // percent, inside the runbook's target
        const double blueP95 = store.lastGood({Metric::ResponseTime, Color::Blue})->value;
        QVERIFY2(blueP95 > 100 && blueP95 < 300, qPrintable(QString::number(blueP95))); // milliseconds
        const double util = store.lastGood({Metric::ResourceUtilization, Color::Blue})->value;
        QVERIFY2(util > 40 && util < 80, qPrintable(QString::number(util))); // the larger of CPU and memory, in percent
        QCOMPARE(store.lastGood({Metric::TrafficShare, Color::Blue})->value, 100.0);
        QCOMPARE(store.lastGood({Metric::TrafficShare, Color::Green})->value, 0.0);
    }

    // A change of weights on the simulator shows through Prometheus within seconds.
    void trafficChangeFlowsThrough()
    {
        MetricsSession session(&m_clock);
        session.start(ProfileLoader::demoProfile(m_prometheusUrl).metrics);
        QVERIFY(m_sim->setWeights(50, 50).ok());
        const SeriesKey green{Metric::TrafficShare, Color::Green};
        QTRY_VERIFY_WITH_TIMEOUT(session.store()->lastGood(green) && session.store()->lastGood(green)->value > 40, 30000);
        QVERIFY(m_sim->setWeights(100, 0).ok());
    }

    // Opening a deployment backfills its history from Prometheus with query_range, and the
    // samples land in the journal.
    void backfillIntoTheJournal()
    {
        QTemporaryDir dir;
        Journal journal;
        QVERIFY(journal.open(dir.filePath(QStringLiteral("j.sqlite"))).ok());
        Profile profile = ProfileLoader::demoProfile(m_prometheusUrl);
        profile.metrics.normalResponseTime.source = NormalResponseTime::Source::Fixed; // backfill from the start only
        profile.metrics.normalResponseTime.fixedMs = 180;
        MetricsSession session(&m_clock);
        QSignalSpy finished(session.poller(), &MetricsPoller::backfillFinished);
        const qint64 pollingFrom = m_clock.nowMs();
        session.start(profile.metrics);
        QTRY_VERIFY_WITH_TIMEOUT(session.state() == MetricsSession::State::Polling, 10000);
        const qint64 start = m_clock.nowMs() - 20'000; // Prometheus has scraped for longer than that
        QVERIFY(session.attachDeployment(&journal, QStringLiteral("dep-e2e"), start).ok());
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(0).toInt(), 0); // no failed requests
        const auto &history = session.store()->samples({Metric::ErrorRate, Color::Blue});
        // Samples from before this session polled can only come from the range queries.
        // Prometheus has scraped since initTestCase, at least 10 s before: several 2 s steps.
        const auto before = std::count_if(history.cbegin(), history.cend(), [&](const Sample &s) { return s.timeMs < pollingFrom; });
        QVERIFY2(before >= 3, qPrintable(QString::number(before)));
        for (const Sample &s : history) {
            if (s.timeMs < pollingFrom)
                QCOMPARE((s.timeMs - start) % 2000, 0); // on the backfill's step grid
        }
        QVERIFY(session.store()->error({Metric::ErrorRate, Color::Blue}).isEmpty());
        session.detachDeployment(); // flushes to the journal
        const auto stored = SampleArchive(&journal).read(QStringLiteral("dep-e2e"));
        QVERIFY(stored.ok());
        QVERIFY(stored.value().value({Metric::ErrorRate, Color::Blue}).size() >= size_t(before));
        QCOMPARE(stored.value().size(), MetricCount * 2);
    }
};

QTEST_GUILESS_MAIN(TestPrometheusE2E)
#include "tst_prometheus_e2e.moc"
