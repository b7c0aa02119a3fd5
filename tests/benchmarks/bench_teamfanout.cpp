// Team mode at scale, on the tests' PostgreSQL server: 20 headless consoles watch one
// deployment (stonecaster-console --headless --watch, 10 as bob and 10 as dave) while 50 other
// deployments run in the same database (teamload: one connection each, an event and a batch
// of samples per second each) and the driver's console writes 20 events a second on the
// watched one. Printed: the fan-out latency from the driver's commit to each watcher's line
// for the event (its state changed and it said so on stdout; the pipe to this process is
// included), p50 and p99 over every (event, watcher) and over "every watcher has it"; the
// database's CPU time and its connections. Asserted: every watcher saw every event exactly
// once and in order, never a time (on a shared, loaded machine that would flake).
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "session/consolesession.h"
#include "../e2e/consoleprocess.h"
#include "../journal/journaltarget.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int Watchers = 20;
constexpr int OtherDeployments = 50;
constexpr int Events = 200;
constexpr int EventIntervalMs = 50;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A watching console whose lines are stamped as they arrive.
class Watcher
{
public:
    Watcher()
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            const qint64 at = nowNs();
            m_pending += m_process.readAllStandardOutput();
            qsizetype nl;
            while ((nl = m_pending.indexOf('\n')) >= 0) {
                const QString line = QString::fromUtf8(m_pending.left(nl));
                m_pending.remove(0, nl + 1);
                m_lines << line;
                static const QRegularExpression Event(u"^\\S+ event \\S+ #(\\d+) by "_s);
                if (const QRegularExpressionMatch m = Event.match(line); m.hasMatch()) {
                    const qint64 seq = m.captured(1).toLongLong();
                    m_seqs << seq;
                    m_arrivedNs.emplace(seq, at);
                }
            }
        });
    }
    ~Watcher()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
        }
    }
    void start(const QStringList &arguments, const QProcessEnvironment &env)
    {
        m_process.setProgram(QStringLiteral(STONECASTER_CONSOLE));
        m_process.setArguments(arguments);
        m_process.setProcessEnvironment(env);
        m_process.start();
    }
    bool said(const QString &text) const
    {
        return std::any_of(m_lines.cbegin(), m_lines.cend(), [&text](const QString &l) { return l.contains(text); });
    }
    QString transcript() { return m_lines.join(u'\n') + u'\n' + QString::fromUtf8(m_process.readAllStandardError()); }
    const QList<qint64> &seqs() const { return m_seqs; }
    std::optional<qint64> arrivedNs(qint64 seq) const
    {
        const auto it = m_arrivedNs.find(seq);
        return it == m_arrivedNs.end() ? std::nullopt : std::optional<qint64>(it->second);
    }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    QByteArray m_pending;
    QStringList m_lines;
    QList<qint64> m_seqs;
    std::map<qint64, qint64> m_arrivedNs;
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype i = std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values.at(i);
}

// CPU seconds the server used so far: the postmaster, its live backends, and the backends
// that ended (the postmaster's children's times).
double serverCpuSeconds(qint64 postmaster)
{
    const double tick = double(sysconf(_SC_CLK_TCK));
    const auto stat = [](qint64 pid) -> QList<QByteArray> {
        QFile f(u"/proc/%1/stat"_s.arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QByteArray text = f.readAll();
        return text.mid(text.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    };
    double ticks = 0;
    if (const QList<QByteArray> own = stat(postmaster); own.size() > 14)
        ticks += own.at(11).toDouble() + own.at(12).toDouble() + own.at(13).toDouble() + own.at(14).toDouble();
    for (const QString &entry : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
        bool number = false;
        const qint64 pid = entry.toLongLong(&number);
        if (!number || pid == postmaster)
            continue;
        const QList<QByteArray> f = stat(pid);
        if (f.size() > 12 && f.at(1).toLongLong() == postmaster) // ppid, utime, stime
            ticks += f.at(11).toDouble() + f.at(12).toDouble();
    }
    return ticks / tick;
}

} // namespace

class BenchTeamFanout : public QObject
{
    Q_OBJECT

    std::unique_ptr<JournalTarget> m_target;
    QTemporaryDir m_dir;

    QString profileFor(const QString &simulatorUrl)
    {
        QFile f(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/profiles/demo.json"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QJsonObject profile = QJsonDocument::fromJson(f.readAll().replace("http://127.0.0.1:9464", simulatorUrl.toUtf8())).object();
        profile.remove(u"bindings"_s);
        QJsonObject traffic = profile.value(u"traffic"_s).toObject();
        traffic.insert(u"demo"_s, QJsonObject{{u"url"_s, simulatorUrl}});
        profile.insert(u"traffic"_s, traffic);
        const QString path = m_dir.filePath(u"profile.json"_s);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(QJsonDocument(profile).toJson());
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!JournalTarget::isPostgres())
            QSKIP("team mode needs the tests' PostgreSQL server (ctest runs this benchmark with it)");
        m_target = std::make_unique<JournalTarget>();
        QVERIFY2(m_target->isValid(), qPrintable(m_target->error()));
    }
    void cleanupTestCase() { m_target.reset(); }

    void fanOutToTwentyWatchers()
    {
        const QString db = m_target->database(u"fanout"_s);
        Journal owner;
        QVERIFY(owner.open(m_target->uri(db, u"stonecaster"_s)).ok());

        // The watched deployment, driven by alice's console in this process.
        SystemClock clock;
        ConsoleSession alice(&clock);
        QVERIFY(alice.openJournal(m_target->uri(db, u"alice"_s)).ok());
        QVERIFY(alice.loadRunbook({}).ok());
        QVERIFY(alice.startDeployment(u"checkout"_s, u"v2"_s, u"alice"_s).ok());
        Deployment *driven = alice.deployment();
        const QString id = driven->id();
        const QString item = driven->runbook().checkableItems().first()->id;

        ConsoleProcess sim(QStringLiteral(STONECASTER_SIM));
        sim.start({u"--scenario"_s, u"healthy"_s});
        const QString listening = sim.waitFor(u"listening on "_s, 20'000);
        QVERIFY2(!listening.isEmpty(), qPrintable(sim.transcript()));
        const QString profile = profileFor(listening.section(u"listening on "_s, 1).trimmed());
        QVERIFY(!profile.isEmpty());

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PGPASSWORD"})
            env.remove(QString::fromLatin1(name));
        std::vector<std::unique_ptr<Watcher>> watchers;
        for (int i = 0; i < Watchers; ++i) {
            const QString user = i % 2 ? u"dave"_s : u"bob"_s;
            watchers.push_back(std::make_unique<Watcher>());
            watchers.back()->start({u"--headless"_s, u"--profile"_s, profile, u"--watch"_s, u"--deployment"_s, id, u"--journal"_s, m_target->uri(db, user)},
                                   env);
        }
        for (auto &w : watchers)
            QTRY_VERIFY2_WITH_TIMEOUT(w->said(u"role Watching as "_s), qPrintable(w->transcript()), 120'000);

        ConsoleProcess load(QStringLiteral(STONECASTER_TEAMLOAD));
        const int loadSeconds = Events * EventIntervalMs / 1000 + 6;
        load.start({m_target->uri(db, u"carol"_s), QString::number(OtherDeployments), QString::number(loadSeconds)}, env);
        QVERIFY2(!load.waitFor(u"ready"_s, 120'000).isEmpty(), qPrintable(load.transcript()));
        QTest::qWait(1000); // the others are running

        QFile pidFile(QFileInfo(m_target->serverEnv(u"PGPASSFILE"_s)).dir().filePath(u"data/postmaster.pid"_s));
        QVERIFY2(pidFile.open(QIODevice::ReadOnly), qPrintable(pidFile.fileName()));
        const qint64 serverPid = pidFile.readLine().trimmed().toLongLong();
        QVERIFY(serverPid > 0);
        const double cpuBefore = serverCpuSeconds(serverPid);
        QElapsedTimer wall;
        wall.start();

        // The driver writes; each commit's time is taken as append returns.
        std::map<qint64, qint64> committedNs;
        int connections = 0;
        for (int n = 0; n < Events; ++n) {
            const qint64 due = qint64(n) * EventIntervalMs;
            if (const qint64 wait = due - wall.elapsed(); wait > 0)
                QTest::qWait(int(wait));
            QVERIFY(driven->setNote(item, u"note %1"_s.arg(n)).ok());
            committedNs.emplace(driven->state().lastSeq, nowNs());
            if (n == Events / 2)
                connections = m_target->value(m_target->uri(db, u"stonecaster"_s),
                                              u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"_s)
                                  .toInt();
        }
        const auto everyoneHasIt = [&] {
            return std::all_of(watchers.cbegin(), watchers.cend(), [&](const auto &w) { return w->arrivedNs(committedNs.rbegin()->first).has_value(); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(everyoneHasIt(), 30'000);
        const double seconds = wall.elapsed() / 1000.0;
        const double cpu = serverCpuSeconds(serverPid) - cpuBefore;
        QVERIFY2(load.waitForExit(60'000) && load.exitCode() == 0, qPrintable(load.transcript()));

        // Nothing lost, nothing twice, nothing out of order: each watcher's events are
        // consecutive, and include every one the driver committed.
        QList<double> each;
        QList<double> all;
        for (const auto &[seq, at] : committedNs) {
            double slowest = 0;
            for (const auto &w : watchers) {
                const std::optional<qint64> arrived = w->arrivedNs(seq);
                QVERIFY2(arrived, qPrintable(u"watcher %1 never showed event #%2"_s.arg(w->pid()).arg(seq)));
                const double ms = double(*arrived - at) / 1e6;
                each << ms;
                slowest = std::max(slowest, ms);
            }
            all << slowest;
        }
        for (const auto &w : watchers) {
            const QList<qint64> &seqs = w->seqs();
            for (qsizetype i = 1; i < seqs.size(); ++i)
                QVERIFY2(seqs.at(i) == seqs.at(i - 1) + 1, qPrintable(u"watcher %1: event #%2 after #%3"_s.arg(w->pid()).arg(seqs.at(i)).arg(seqs.at(i - 1))));
        }

        const auto figures = [](const QList<double> &v) {
            return u"p50 %1 ms, p99 %2 ms, max %3 ms"_s.arg(percentile(v, 0.5), 0, 'f', 1).arg(percentile(v, 0.99), 0, 'f', 1).arg(percentile(v, 1.0), 0, 'f', 1);
        };
        std::printf("team fan-out: %d events to %d watching consoles (%d samples), %d other deployments writing, %.1f s\n", Events, Watchers,
                    int(each.size()), OtherDeployments, seconds);
        std::printf("  commit -> one watcher's line:     %s\n", qPrintable(figures(each)));
        std::printf("  commit -> every watcher has it:   %s (goal: p99 <= 250 ms on loopback)\n", qPrintable(figures(all)));
        std::printf("  lost 0, duplicated 0, out of order 0 (asserted)\n");
        std::printf("  database: %.2f CPU s in %.1f s (%.0f %% of one core), %d connections to the journal's database\n", cpu, seconds,
                    100.0 * cpu / seconds, connections);
        std::fflush(stdout);
    }
};

QTEST_GUILESS_MAIN(BenchTeamFanout)
#include "bench_teamfanout.moc"
