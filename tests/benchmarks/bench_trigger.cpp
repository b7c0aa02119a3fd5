// The automatic trigger's reaction time: from the moment a sample that crosses an automatic
// rollback trigger reaches the sample store to the moment the command to route everything to
// blue reaches the load balancer (a HAProxy Runtime API stand-in on 127.0.0.1, served from its
// own thread so it notes the arrival as soon as the bytes are there). On the way: the rule
// evaluation, two journal appends with fsync (the rollback and the 0 % command, both written
// before anything is sent), the controller's queue, the TCP connect and the write.
// The goal is at most 100 ms; this prints the figures and asserts only that every command arrived.
#include "../common/journaltraffic.h"
#include "runbook/runbookloader.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "rollout/rollout.h"
#include "traffic/haproxycontroller.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A HAProxy Runtime API subset (set server .../weight, get weight) that notes when the first
// `set server` line of a round arrives.
class TimingHaproxy : public QObject
{
public:
    std::atomic<qint64> firstSetNs{0};

    // Called in the server's thread, so the server and its sockets live there.
    bool listen()
    {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server->listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server->serverPort(); }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        if (!socket->canReadLine())
            return;
        const QByteArray line = socket->readLine().trimmed();
        QByteArray answer = "\n";
        if (line.startsWith("set server ")) {
            qint64 expected = 0;
            firstSetNs.compare_exchange_strong(expected, nowNs());
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() == 5)
                m_weights.insert(parts[2], parts[4].toInt());
        } else if (line.startsWith("get weight ")) {
            const int w = m_weights.value(line.mid(11), 100);
            answer = QByteArray::number(w) + " (initial 100)\n\n";
        }
        socket->write(answer);
        socket->disconnectFromHost();
    }

    QTcpServer *m_server = nullptr;
    QHash<QByteArray, int> m_weights;
};

void healthy(SampleStore *store, qint64 now)
{
    const double values[] = {0.05, 180, 0.01, 20, 40, 900, 5};
    for (int i = 0; i < MetricCount; ++i) {
        for (Color c : {Color::Blue, Color::Green})
            store->append({Metric(i), c}, {now, values[i]});
    }
}

struct Figures {
    std::vector<double> ms;
    void add(qint64 ns) { ms.push_back(double(ns) / 1e6); }
    QString text()
    {
        std::sort(ms.begin(), ms.end());
        const auto at = [this](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size())))]; };
        return QStringLiteral("min %1 ms, median %2 ms, p95 %3 ms, max %4 ms")
            .arg(ms.front(), 0, 'f', 2)
            .arg(at(0.5), 0, 'f', 2)
            .arg(at(0.95), 0, 'f', 2)
            .arg(ms.back(), 0, 'f', 2);
    }
};

} // namespace

class BenchTrigger : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleToCommandAtTheLoadBalancer()
    {
        QThread thread;
        thread.start();
        auto *haproxy = new TimingHaproxy;
        haproxy->moveToThread(&thread);
        bool listening = false;
        QMetaObject::invokeMethod(haproxy, [&] { listening = haproxy->listen(); }, Qt::BlockingQueuedConnection);
        QVERIFY(listening);

        // On the build tree's disk, not /tmp (a tmpfs in the build root): the fsyncs are real.
        QTemporaryDir dir(QStringLiteral(STONECASTER_BINARY_DIR "/bench-trigger-XXXXXX"));
        QVERIFY(dir.isValid());
        Journal journal;
        QVERIFY(journal.open(dir.filePath(QStringLiteral("bench.sqlite"))).ok());
        ManualClock clock;
        const QString text = RunbookLoader::bundledText();
        constexpr int Rounds = 60;
        Figures issued;  // the sample appended -> apply(0) issued (evaluation and two journal writes)
        Figures arrived; // the sample appended -> `set server` at the load balancer
        for (int round = 0; round < Rounds; ++round) {
            auto started = Deployment::start(&journal, &clock, {QStringLiteral("bench"), QStringLiteral("v1"), QStringLiteral("bench"), QStringLiteral("runbook.md"), text});
            QVERIFY(started.ok());
            std::unique_ptr<Deployment> deployment = started.take();
            // Green already has 5 %: journaled as the console would have.
            journalGreenAt(deployment.get(), 5, QStringLiteral("bench"));

            MetricsSession metrics(&clock);
            metrics.store()->setFreshnessMs(30'000);
            healthy(metrics.store(), clock.nowMs());
            HaproxyTrafficConfig config;
            config.address = QStringLiteral("127.0.0.1:%1").arg(haproxy->port());
            config.backend = QStringLiteral("app");
            HaproxyController controller(config);
            Rollout rollout(deployment.get(), &metrics, &controller, RolloutSettings{});
            rollout.start();
            QVERIFY(QTest::qWaitFor([&] { return !controller.isBusy() && controller.queuedCount() == 0; }, 5000)); // the start's read-back

            clock.advanceMs(2000);
            haproxy->firstSetNs = 0;
            const qint64 t0 = nowNs();
            metrics.store()->append({Metric::ErrorRate, Color::Green}, {clock.nowMs(), 2.5});
            const qint64 t1 = nowNs();
            while (haproxy->firstSetNs.load() == 0 && nowNs() - t0 < 5'000'000'000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
            QVERIFY2(haproxy->firstSetNs.load() != 0, "the rollback command never reached the load balancer");
            issued.add(t1 - t0);
            arrived.add(haproxy->firstSetNs.load() - t0);
            QVERIFY(deployment->state().traffic.rollbackActive);
            QVERIFY(QTest::qWaitFor([&] { return !controller.isBusy(); }, 5000));
        }
        qInfo().noquote() << QStringLiteral("automatic trigger, %1 rounds (journal with WAL and synchronous=FULL on this disk):").arg(Rounds);
        qInfo().noquote() << QStringLiteral("  sample -> rollback journaled, apply(0) issued:  %1").arg(issued.text());
        qInfo().noquote() << QStringLiteral("  sample -> command at the load balancer:        %1  (goal <= 100 ms)").arg(arrived.text());
        QMetaObject::invokeMethod(haproxy, [haproxy] { delete haproxy; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
};

QTEST_GUILESS_MAIN(BenchTrigger)
#include "bench_trigger.moc"
