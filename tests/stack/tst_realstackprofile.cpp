// resources/profiles/real-stack.json, the profile for the stack tools/real-stack starts: it
// loads without a single problem, and it agrees with the stack's own configuration templates
// (stack/config/): ports tools/real-stack replaces, HAProxy's backend, server names and
// weight scale, and the job and colour labels Prometheus puts on what it scrapes.
#include "profile/profileloader.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

const QString Source = QStringLiteral(STONECASTER_SOURCE_DIR);

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class TestRealStackProfile : public QObject
{
    Q_OBJECT

private:
    QHash<QString, int> m_ports; // stack/config/default-ports.env
    Profile m_profile;
    QByteArray m_text;

    int port(const char *name) const { return m_ports.value(QLatin1String(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray env = readFile(Source + QStringLiteral("/stack/config/default-ports.env"));
        QVERIFY(!env.isEmpty());
        for (const QByteArray &line : env.split('\n')) {
            if (line.startsWith('#') || !line.contains('='))
                continue;
            const QList<QByteArray> kv = line.split('=');
            m_ports.insert(QString::fromLatin1(kv.at(0)), kv.at(1).toInt());
        }
        QCOMPARE(m_ports.size(), 7);
        const QString path = Source + QStringLiteral("/resources/profiles/real-stack.json");
        m_text = readFile(path);
        const Result<Profile> loaded = ProfileLoader::loadFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error()));
        m_profile = loaded.value();
    }

    void pointsAtTheStacksDefaultPorts()
    {
        QCOMPARE(m_profile.metrics.baseUrl, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port("PROMETHEUS_PORT"))));
        QCOMPARE(m_profile.alerts.url, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port("ALERTMANAGER_PORT"))));
        QCOMPARE(m_profile.health.green.url, QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(port("GREEN_PORT"))));
        QCOMPARE(m_profile.health.blue.url, QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(port("BLUE_PORT"))));
        QVERIFY(m_profile.traffic);
        QCOMPARE(m_profile.traffic->haproxy.address, QStringLiteral("127.0.0.1:%1").arg(port("HAPROXY_RUNTIME_PORT")));
        // Every address in the file is one tools/real-stack replaces (a port it does not know
        // would stay pointing at nothing).
        static const QRegularExpression Address(QStringLiteral("127\\.0\\.0\\.1:(\\d+)"));
        QSet<int> known;
        for (int p : std::as_const(m_ports))
            known.insert(p);
        QSet<int> seen;
        for (const QRegularExpressionMatch &m : Address.globalMatch(QString::fromUtf8(m_text))) {
            const int p = m.captured(1).toInt();
            QVERIFY2(known.contains(p), qPrintable(m.captured(0)));
            seen.insert(p);
        }
        QVERIFY2(seen.contains(port("HAPROXY_FRONTEND_PORT")), "the smoke test bindings go through HAProxy's frontend");
        // Distinct defaults, all below the range tools/real-stack picks from (20000-31999).
        QCOMPARE(known.size(), 7);
        for (int p : std::as_const(known))
            QVERIFY(p > 1024 && p < 20000);
    }

    void everyMetricHasAQueryForEachColour()
    {
        QCOMPARE(m_profile.metrics.queries.size(), MetricCount);
        for (int i = 0; i < MetricCount; ++i) {
            const MetricQuery *q = m_profile.metrics.query(Metric(i));
            QVERIFY2(q, qPrintable(metricKey(Metric(i))));
            QVERIFY(q->expression.contains(QStringLiteral("${color}")));
        }
        // Traffic share is HAProxy's own count of responses per server, errors are 5xx over all.
        QVERIFY(m_profile.metrics.query(Metric::TrafficShare)->expression.contains(QStringLiteral("haproxy_server_http_responses_total{proxy=\"app\",server=\"${color}\"}")));
        QVERIFY(m_profile.metrics.query(Metric::ErrorRate)->expression.contains(QStringLiteral("code=~\"5..\"")));
        QVERIFY(m_profile.metrics.query(Metric::ResponseTime)->expression.startsWith(QStringLiteral("histogram_quantile(0.95, ")));
        QCOMPARE(m_profile.metrics.pollIntervalMs, 1000);
    }

    // The controller's backend, servers and weight scale are those of haproxy.cfg.in: blue
    // starts with the whole scale (256), green with 0.
    void controllerMatchesHaproxyConfig()
    {
        const HaproxyTrafficConfig &h = m_profile.traffic->haproxy;
        QCOMPARE(m_profile.traffic->kind, TrafficConfig::Kind::Haproxy);
        const QString config = QString::fromUtf8(readFile(Source + QStringLiteral("/stack/config/haproxy.cfg.in")));
        QVERIFY(config.contains(QStringLiteral("\nbackend %1\n").arg(h.backend)));
        QVERIFY(config.contains(QStringLiteral("stats socket ipv4@127.0.0.1:@HAPROXY_RUNTIME_PORT@ level admin")));
        QVERIFY2(config.contains(QStringLiteral("server %1 127.0.0.1:@BLUE_PORT@ weight %2 check").arg(h.blueServer).arg(h.weightScale)), qPrintable(config));
        QVERIFY2(config.contains(QStringLiteral("server %1 127.0.0.1:@GREEN_PORT@ weight 0 check").arg(h.greenServer)), qPrintable(config));
        QCOMPARE(h.weightScale, 256);
    }

    // The queries select what Prometheus's configuration labels: job "backend" with a colour
    // per target, job "haproxy".
    void queriesMatchPrometheusConfig()
    {
        const QString config = QString::fromUtf8(readFile(Source + QStringLiteral("/stack/config/prometheus.yml.in")));
        QVERIFY(config.contains(QStringLiteral("job_name: backend")));
        QVERIFY(config.contains(QStringLiteral("job_name: haproxy")));
        QVERIFY(config.contains(QStringLiteral("targets: ['127.0.0.1:@BLUE_PORT@']\n        labels:\n          color: blue")));
        QVERIFY(config.contains(QStringLiteral("targets: ['127.0.0.1:@GREEN_PORT@']\n        labels:\n          color: green")));
        QVERIFY(config.contains(QStringLiteral("scrape_interval: 1s")));
        for (const MetricQuery &q : std::as_const(m_profile.metrics.queries)) {
            if (q.metric != Metric::TrafficShare)
                QVERIFY2(q.expression.contains(QStringLiteral("job=\"backend\",color=\"${color}\"")), qPrintable(q.expression));
        }
    }

    void alertsAndBindings()
    {
        QVERIFY(m_profile.alerts.matchers.contains(std::pair{QStringLiteral("category"), QStringLiteral("security")}));
        QStringList bound;
        for (const ActionBinding &b : std::as_const(m_profile.bindings))
            bound << b.itemText;
        for (const char *text : {"Stop traffic to green environment", "Route traffic back to blue", "Immediately rollback traffic",
                                 "Verify blue environment is stable", "Check health endpoints"})
            QVERIFY2(bound.contains(QLatin1String(text)), text);
    }
};

QTEST_GUILESS_MAIN(TestRealStackProfile)
#include "tst_realstackprofile.moc"
