// Kill anywhere: the real console, headless, runs deployments whose traffic steps go through
// its HAProxy controller to a real HAProxy (started by the test on a UNIX admin socket under the
// build tree), with metrics, health and alerts from a simulator that lives on (stonecaster-sim,
// latency-regression: every deployment ends in an automatic rollback whose procedure runs a
// destructive script), and notes given with --note; it is killed with SIGKILL at random moments,
// then started again on the same journal. Between the console and HAProxy sits a recording relay
// (RuntimeRelay): it listens on the socket the profile names, records every command line,
// forwards it to HAProxy's own admin socket and relays the answer; each weight HAProxy took is
// also given to the simulator, whose traffic_share and latency regression follow HAProxy's
// weights as a real service's metrics would. After every kill:
//  - the journal holds exactly what the console acknowledged on stdout (a note, a traffic
//    command, a rollback, a finished step, the end): nothing acknowledged is missing, and at most
//    the one write the kill cut between journal and stdout is there without its line; a note the
//    item already had is not journaled again (runs add one of two notes at random);
//  - the deployment replayed from the journal is the state the console showed before the kill
//    (traffic, rollback, finished steps, the note);
//  - HAProxy only ever got `set server` weights a journaled command asked for, and no other
//    command that changes it; after every run its weights are the last journaled command's (or,
//    when the kill cut that command short, on the way from the one before to it);
//  - the destructive script never ran twice in one deployment, and never without a journaled
//    start (it writes its run id, STONECASTER_RUN_ID, to a file each time it runs).
// The seed is printed; KILL_ANYWHERE_SEED=N repeats a run, KILL_ANYWHERE_KILLS=N changes the count,
// KILL_ANYWHERE_VERBOSE=1 prints what every run printed, KILL_ANYWHERE_KEEP=1 keeps the folder
// (tests/cli/kill-anywhere-XXXXXX in the build tree, with haproxy.cfg and HAProxy's output).
#include "core/clock.h"
#include "core/clockfactory.h"
#include "deployment/deployment.h"
#include "journal/deploymentevent.h"
#include "journal/journal.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMutex>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr double TimeScale = 600;
const QString ScriptStep = u"Execute database rollback scripts"_s;

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data, bool executable = false)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        return false;
    f.close();
    return !executable || f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
}

// What one run of the console printed before it was killed (or ended): complete lines only,
// a line cut by the kill was not acknowledged.
struct Segment {
    QString deploymentId; // from its first line
    QList<int> traffic;   // "traffic green=N% ..." in order
    int rollbacks = 0;
    QStringList stepsDone; // step texts, done or failed
    QList<std::pair<QString, QString>> notes; // "note ITEM: TEXT" journaled (item id, text)
    QList<std::pair<QString, QString>> notesKept; // "note ITEM: TEXT (already in the journal)"
    QString done;          // the "done" line's text, empty when killed before
    bool killed = false;
    QStringList lines;
};

Segment parse(const QByteArray &out)
{
    Segment s;
    const QByteArray complete = out.left(out.lastIndexOf('\n') + 1);
    static const QRegularExpression first(u"^deployment (\\S+) "_s);
    static const QRegularExpression event(u"^\\d\\d:\\d\\d:\\d\\d (\\S+) (.*)$"_s);
    static const QRegularExpression traffic(u"^green=(\\d+)% "_s);
    for (const QString &line : QString::fromUtf8(complete).split(u'\n', Qt::SkipEmptyParts)) {
        s.lines << line;
        if (const auto m = first.match(line); m.hasMatch()) {
            s.deploymentId = m.captured(1);
            continue;
        }
        const auto m = event.match(line);
        if (!m.hasMatch())
            continue;
        const QString kind = m.captured(1), text = m.captured(2);
        if (kind == QLatin1String("traffic"))
            s.traffic << traffic.match(text).captured(1).toInt();
        else if (kind == QLatin1String("rollback"))
            ++s.rollbacks;
        else if (kind == QLatin1String("step-done") || kind == QLatin1String("step-failed"))
            s.stepsDone << text.section(u": "_s, 0, 0);
        else if (kind == QLatin1String("done"))
            s.done = text;
        else if (kind == QLatin1String("note")) {
            static const QRegularExpression note(u"^(\\S+): (.*?)( \\(already in the journal\\))?$"_s);
            const auto n = note.match(text);
            (n.hasCaptured(3) ? s.notesKept : s.notes) << std::pair{n.captured(1), n.captured(2)};
        }
    }
    return s;
}

// One command to an HAProxy Runtime API socket in its non-interactive mode: the answer, or
// nullopt when nothing answered. Blocking; for the relay's thread and the test's checks.
std::optional<QByteArray> runtimeCommand(const QString &socketPath, const QByteArray &command)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(2000))
        return std::nullopt;
    socket.write(command + '\n');
    if (!socket.waitForBytesWritten(2000))
        return std::nullopt;
    QByteArray answer;
    const QDeadlineTimer deadline(5000);
    while (socket.state() == QLocalSocket::ConnectedState && !deadline.hasExpired()) {
        if (socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            answer += socket.readAll();
    }
    answer += socket.readAll();
    if (socket.state() == QLocalSocket::ConnectedState)
        return std::nullopt; // HAProxy ends its answer by closing the connection
    return answer;
}

// Sits between the console and HAProxy: listens on the socket the profile names, records every
// command line the console sends, forwards it to HAProxy's admin socket and relays the answer.
// A `set server app/SERVER weight N` HAProxy took (empty answer) is also given to the simulator
// (PUT /api/traffic), whose metrics follow the balancer's weights as a real service's would.
// Runs in its own thread, so that the test may block on the console meanwhile.
class RuntimeRelay : public QThread
{
public:
    struct Command {
        QByteArray line;
        QByteArray answer;
        bool answered = false;
    };

    RuntimeRelay(const QString &listenPath, const QString &haproxyPath, quint16 simPort)
        : m_listenPath(listenPath)
        , m_haproxyPath(haproxyPath)
        , m_simPort(simPort)
    {
    }
    ~RuntimeRelay() override { stop(); }

    bool startListening()
    {
        start();
        QDeadlineTimer deadline(10'000);
        while (m_state == State::Starting && !deadline.hasExpired())
            QThread::msleep(10);
        return m_state == State::Listening;
    }
    void stop()
    {
        m_stop = true;
        wait();
    }
    QString error() const
    {
        QMutexLocker lock(&m_mutex);
        return m_error;
    }
    // The commands since the last call, once the relay has finished what it was doing (the
    // console that sent the last one may have been killed meanwhile).
    // `settle` false: what is there now.
    QList<Command> takeCommands(bool settle = true)
    {
        if (settle) {
            QThread::msleep(60); // a connection of a console just killed is accepted within 20 ms
            const QDeadlineTimer deadline(10'000);
            while (m_busy && !deadline.hasExpired())
                QThread::msleep(5);
        }
        QMutexLocker lock(&m_mutex);
        return std::exchange(m_commands, {});
    }
    // Greens HAProxy took, from `commands`.
    static QList<int> greensSet(const QList<Command> &commands)
    {
        QList<int> greens;
        for (const Command &c : commands) {
            if (const auto m = SetWeight.match(QString::fromUtf8(c.line)); m.hasMatch() && m.captured(1) == u"green"_s && c.answered && c.answer.trimmed().isEmpty())
                greens << m.captured(2).toInt();
        }
        return greens;
    }
    static inline const QRegularExpression SetWeight{u"^set server app/(blue|green) weight (\\d+)$"_s};

protected:
    void run() override
    {
        QLocalServer server;
        QLocalServer::removeServer(m_listenPath);
        if (!server.listen(m_listenPath)) {
            fail(u"cannot listen on %1: %2"_s.arg(m_listenPath, server.errorString()));
            m_state = State::Failed;
            return;
        }
        m_state = State::Listening;
        while (!m_stop) {
            if (!server.waitForNewConnection(20))
                continue;
            m_busy = true;
            while (QLocalSocket *client = server.nextPendingConnection()) {
                relay(client);
                delete client;
            }
            m_busy = false;
        }
    }

private:
    enum class State { Starting, Listening, Failed };

    void fail(const QString &message)
    {
        QMutexLocker lock(&m_mutex);
        if (m_error.isEmpty())
            m_error = message;
    }

    void relay(QLocalSocket *client)
    {
        QByteArray request;
        const QDeadlineTimer deadline(3000);
        while (!request.contains('\n') && !deadline.hasExpired()) {
            if (client->bytesAvailable() == 0 && !client->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
                break;
            request += client->readAll();
        }
        request += client->readAll();
        // Only a whole line is a command (the console writes it at once; one cut by a kill
        // never reaches HAProxy).
        if (!request.contains('\n'))
            return;
        Command command{request.left(request.indexOf('\n')).trimmed(), {}, false};
        const std::optional<QByteArray> answer = runtimeCommand(m_haproxyPath, command.line);
        command.answered = answer.has_value();
        command.answer = answer.value_or(QByteArray());
        {
            QMutexLocker lock(&m_mutex);
            m_commands << command;
        }
        if (const auto m = m_setWeight.match(QString::fromUtf8(command.line)); m.hasMatch() && command.answered && command.answer.trimmed().isEmpty()) {
            (m.captured(1) == u"green"_s ? m_green : m_blue) = m.captured(2).toInt();
            mirror();
        }
        client->write(command.answer);
        client->waitForBytesWritten(1000);
        client->disconnectFromServer();
        if (client->state() != QLocalSocket::UnconnectedState)
            client->waitForDisconnected(1000);
    }

    // The weights HAProxy has now, for the simulator's metrics (its weight range is HAProxy's).
    void mirror()
    {
        const QByteArray body = QByteArrayLiteral("{\"blue\":") + QByteArray::number(m_blue) + QByteArrayLiteral(",\"green\":") + QByteArray::number(m_green) + '}';
        QTcpSocket http;
        http.connectToHost(QHostAddress::LocalHost, m_simPort);
        if (!http.waitForConnected(2000))
            return fail(u"the simulator did not take weights: %1"_s.arg(http.errorString()));
        http.write("PUT /api/traffic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                   + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray reply;
        const QDeadlineTimer deadline(5000);
        while (!reply.contains("\r\n") && !deadline.hasExpired() && http.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            reply += http.readAll();
        if (!reply.startsWith("HTTP/1.1 200"))
            fail(u"the simulator refused weights %1: %2"_s.arg(QString::fromUtf8(body), QString::fromUtf8(reply.left(200))));
    }

    const QString m_listenPath;
    const QString m_haproxyPath;
    const quint16 m_simPort;
    const QRegularExpression m_setWeight{SetWeight.pattern()}; // this thread's own
    std::atomic<State> m_state{State::Starting};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_busy{false};
    int m_blue = 100; // what HAProxy has, as taken through the relay (the config's initial weights)
    int m_green = 0;
    mutable QMutex m_mutex;
    QList<Command> m_commands;
    QString m_error;
};

} // namespace

class TestKillAnywhere : public QObject
{
    Q_OBJECT

    // Under the build tree: the UNIX sockets' paths must stay short (108 bytes).
    QTemporaryDir m_dir{QStringLiteral(STONECASTER_BINARY_DIR "/tests/cli/kill-anywhere-XXXXXX")};
    QProcess m_sim;
    QString m_simUrl;
    QProcess m_haproxy;
    std::unique_ptr<RuntimeRelay> m_relay;
    qint64 m_originMs = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString haproxySocket() const { return path(u"ha.sock"_s); }

    // The console's and the simulator's clocks on one timeline across restarts.
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        env.insert(QString::fromLatin1(TimeOriginVariable), QString::number(m_originMs));
        return env;
    }

    // HAProxy's weight for a server, asked on its own admin socket (not through the relay).
    std::optional<int> haproxyWeight(const QString &server) const
    {
        const std::optional<QByteArray> answer = runtimeCommand(haproxySocket(), "get weight app/" + server.toUtf8());
        static const QRegularExpression weight(u"^(\\d+) \\(initial \\d+\\)"_s);
        const auto m = weight.match(QString::fromUtf8(answer.value_or(QByteArray())).trimmed());
        return m.hasMatch() ? std::optional<int>(m.captured(1).toInt()) : std::nullopt;
    }

    QString haproxyOutput() { return QString::fromUtf8(m_haproxy.readAll().right(2000)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dir.setAutoRemove(!qEnvironmentVariableIsSet("KILL_ANYWHERE_KEEP"));
        QVERIFY2(path(u"relay.sock"_s).toUtf8().size() < 100, qPrintable(u"%1: too long for a UNIX socket's path"_s.arg(path(u"relay.sock"_s))));
        m_originMs = QDateTime::currentMSecsSinceEpoch();
        // The simulator: metrics, health and alerts; it lives on across consoles.
        m_sim.setProcessEnvironment(environment());
        m_sim.start(QStringLiteral(STONECASTER_SIM), {u"--scenario"_s, u"latency-regression"_s, u"--time-scale"_s, QString::number(TimeScale)});
        QVERIFY2(m_sim.waitForStarted(10'000), qPrintable(m_sim.errorString()));
        QByteArray first;
        QElapsedTimer t;
        t.start();
        while (!first.contains('\n') && t.elapsed() < 20'000 && m_sim.state() == QProcess::Running) {
            m_sim.waitForReadyRead(500);
            first += m_sim.readAllStandardOutput();
        }
        const auto m = QRegularExpression(u"listening on (http://\\S+)"_s).match(QString::fromUtf8(first));
        QVERIFY2(m.hasMatch(), first.constData());
        m_simUrl = m.captured(1);
        if (m_simUrl.endsWith(u'/'))
            m_simUrl.chop(1);

        // HAProxy from the build root: backend "app" with blue at 100 and green at 0 (the
        // profile's weightScale), no health checks (nothing is served; the servers stay UP).
        QString haproxy = QStandardPaths::findExecutable(u"haproxy"_s);
        if (haproxy.isEmpty())
            haproxy = QStandardPaths::findExecutable(u"haproxy"_s, {u"/usr/sbin"_s, u"/usr/bin"_s, u"/sbin"_s});
        QVERIFY2(!haproxy.isEmpty(), "haproxy is not installed; it comes with the build root: run the tests through packaging/buildroot run");
        QVERIFY(writeFile(path(u"haproxy.cfg"_s),
                          "global\n"
                          "    stats socket " + haproxySocket().toUtf8() + " level admin\n"
                          "defaults\n"
                          "    mode http\n"
                          "    timeout connect 2s\n"
                          "    timeout client 10s\n"
                          "    timeout server 10s\n"
                          "backend app\n"
                          "    balance roundrobin\n"
                          "    server blue 127.0.0.1:9 weight 100\n"
                          "    server green 127.0.0.1:9 weight 0\n"
                          "frontend web\n"
                          "    bind unix@" + path(u"web.sock"_s).toUtf8() + "\n"
                          "    default_backend app\n"));
        m_haproxy.setProcessChannelMode(QProcess::MergedChannels);
        m_haproxy.start(haproxy, {u"-db"_s, u"-f"_s, path(u"haproxy.cfg"_s)});
        QVERIFY2(m_haproxy.waitForStarted(10'000), qPrintable(m_haproxy.errorString()));
        QElapsedTimer ready;
        ready.start();
        while (!haproxyWeight(u"blue"_s) && ready.elapsed() < 20'000 && m_haproxy.state() == QProcess::Running)
            QThread::msleep(50);
        QVERIFY2(haproxyWeight(u"blue"_s) == 100 && haproxyWeight(u"green"_s) == 0, qPrintable(haproxyOutput()));
        m_relay = std::make_unique<RuntimeRelay>(path(u"relay.sock"_s), haproxySocket(), quint16(QUrl(m_simUrl).port()));
        QVERIFY2(m_relay->startListening(), qPrintable(m_relay->error()));

        // The demo profile on that simulator, traffic through the relay to HAProxy, its database
        // script replaced by one that records each run.
        QByteArray profile = readFile(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/profiles/demo.json"));
        QVERIFY(!profile.isEmpty());
        profile.replace("http://127.0.0.1:9464", m_simUrl.toUtf8());
        profile.replace("\"port\": 9464", "\"port\": " + QByteArray::number(QUrl(m_simUrl).port()));
        const QByteArray demoTraffic = "\"controller\": \"demo\", \"timeoutSeconds\": 5";
        QVERIFY(profile.contains(demoTraffic));
        profile.replace(demoTraffic, "\"controller\": \"haproxy\", \"timeoutSeconds\": 5, \"haproxy\": { \"address\": \"unix:" + path(u"relay.sock"_s).toUtf8()
                                         + "\", \"backend\": \"app\", \"weightScale\": 100 }");
        profile.replace("./db-rollback.sh", "./destructive.sh");
        QVERIFY(profile.contains("./destructive.sh"));
        QVERIFY(writeFile(path(u"profile.json"_s), profile));
        QVERIFY(writeFile(path(u"rollback.sql"_s), "UPDATE orders SET schema = 1;\n"));
        QVERIFY(QFile::copy(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/demo/verify-integrity.sh"), path(u"verify-integrity.sh"_s)));
        QVERIFY(writeFile(path(u"destructive.sh"_s),
                          "#!/bin/sh\n"
                          "echo \"$STONECASTER_RUN_ID\" >> '" + path(u"runs.log"_s).toUtf8() + "'\n"
                          "echo 'rolled the schema back'\n"
                          "sleep 0.2\n",
                          true));
    }

    void cleanupTestCase()
    {
        if (m_relay)
            m_relay->stop();
        for (QProcess *p : {&m_sim, &m_haproxy}) {
            if (p->state() == QProcess::NotRunning)
                continue;
            p->terminate();
            if (!p->waitForFinished(5000)) {
                p->kill();
                p->waitForFinished();
            }
        }
    }

    // A rollback step that fails ends the headless run (exit 3, the deployment left open to
    // an operator), and so does reopening that deployment. Both used to wait for ever: the run
    // looked for its end only when traffic changed or the procedure waited or finished.
    void aFailingRollbackStepEndsTheRunAlsoWhenReopened()
    {
        QByteArray profile = readFile(path(u"profile.json"_s));
        profile.replace("./verify-integrity.sh", "./missing-check.sh");
        QVERIFY(writeFile(path(u"failing-profile.json"_s), profile));
        const QString journalPath = path(u"failing.sqlite"_s);
        const auto run = [&](const QStringList &more) {
            QProcess console;
            console.setProcessEnvironment(environment());
            console.start(QStringLiteral(STONECASTER_CONSOLE),
                          QStringList{u"--headless"_s, u"--profile"_s, path(u"failing-profile.json"_s), u"--time-scale"_s, QString::number(TimeScale),
                                      u"--auto-advance"_s, u"--auto-confirm"_s, u"--journal"_s, journalPath}
                              + more);
            if (!console.waitForFinished(30'000)) {
                console.kill();
                console.waitForFinished();
                return std::pair{-1, parse(console.readAllStandardOutput())};
            }
            return std::pair{console.exitStatus() == QProcess::NormalExit ? console.exitCode() : -2, parse(console.readAllStandardOutput())};
        };
        const auto [firstExit, first] = run({});
        QVERIFY2(firstExit == 3, qPrintable(first.lines.join(u'\n')));
        QVERIFY2(first.done.contains(u"the rollback procedure stopped on a failing step at \"Verify data integrity\""_s), qPrintable(first.done));
        const auto [againExit, again] = run({u"--deployment"_s, first.deploymentId});
        QVERIFY2(againExit == 3, qPrintable(again.lines.join(u'\n')));
        QCOMPARE(again.done, first.done);
        m_relay->takeCommands(); // the next test looks at what comes after
    }

    // A rollback whose 0 % command was journaled but never answered (the console died while
    // sending it) is sent again when the deployment is reopened, and that command is said on
    // stdout like every other. It was sent, but said nowhere, when the Rollout's start sent it:
    // the run listened to a Rollout only once it had started (a CI run of the kill-anywhere
    // test found one journaled command more than the lines acknowledged).
    void aRollbackCutOffWhileSendingIsSentAgainAndSaid()
    {
        const QString journalPath = path(u"cutoff.sqlite"_s);
        QTest::qWait(300);
        m_relay->takeCommands(); // what HAProxy got in the tests before
        QProcess console;
        console.setProcessEnvironment(environment());
        const QStringList common{u"--headless"_s, u"--profile"_s, path(u"profile.json"_s), u"--time-scale"_s, QString::number(TimeScale),
                                 u"--auto-advance"_s, u"--auto-confirm"_s, u"--journal"_s, journalPath, u"--operator"_s, u"ci"_s};
        console.start(QStringLiteral(STONECASTER_CONSOLE), common);
        QVERIFY2(console.waitForStarted(10'000), qPrintable(console.errorString()));
        // Killed once green has its first share: the deployment is open with traffic on green.
        QByteArray out;
        QList<int> haproxyGot;
        QElapsedTimer t;
        t.start();
        while (!(haproxyGot.contains(5) && out.contains(" traffic green=5% ")) && t.elapsed() < 30'000 && console.state() == QProcess::Running) {
            QTest::qWait(20);
            out += console.readAllStandardOutput();
            haproxyGot += RuntimeRelay::greensSet(m_relay->takeCommands(false));
        }
        console.kill();
        QVERIFY(console.waitForFinished(10'000));
        const Segment first = parse(out);
        QVERIFY2(first.traffic.contains(5), qPrintable(first.lines.join(u'\n')));
        QVERIFY(!first.deploymentId.isEmpty());

        // What a kill between the journal and the controller leaves: a rollback and its 0 %
        // command, journaled, without a result.
        qint64 seqBefore = 0;
        {
            Journal journal;
            QVERIFY(journal.open(journalPath).ok());
            ManualClock clock;
            auto opened = Deployment::open(&journal, &clock, first.deploymentId, u"kill-anywhere"_s);
            QVERIFY2(opened.ok(), qPrintable(opened.error()));
            const std::unique_ptr<Deployment> deployment = opened.take();
            const QString reason = u"automatic trigger response_time (cut off while sending)"_s;
            QVERIFY(deployment->recordRollback(reason, u"auto-rollback-response-time"_s, true).ok());
            QVERIFY(deployment->recordTrafficCommand(0, reason, true).ok());
            QVERIFY(deployment->state().traffic.awaitingResult);
            seqBefore = deployment->state().lastSeq;
        }
        QVERIFY2(haproxyGot.contains(5), qPrintable(first.lines.join(u'\n')));

        console.start(QStringLiteral(STONECASTER_CONSOLE), common + QStringList{u"--deployment"_s, first.deploymentId});
        QVERIFY2(console.waitForStarted(10'000), qPrintable(console.errorString()));
        QVERIFY(console.waitForFinished(60'000));
        const Segment again = parse(console.readAllStandardOutput());
        const QString context = again.lines.join(u'\n') + u'\n' + QString::fromUtf8(console.readAllStandardError());
        QVERIFY2(!again.done.isEmpty() && again.done.startsWith(u"rolled-back"_s), qPrintable(context));
        QVERIFY2(!again.traffic.isEmpty() && again.traffic.constFirst() == 0, qPrintable(context));
        QVERIFY2(std::any_of(again.lines.cbegin(), again.lines.cend(), [](const QString &l) { return l.contains(u" traffic green=0% (rollback resumed: "_s); }),
                 qPrintable(context));
        // Every command journaled by this run was said, in order, and HAProxy got it.
        Journal journal;
        QVERIFY(journal.open(journalPath).ok());
        const auto events = journal.events(first.deploymentId);
        QVERIFY(events.ok());
        QList<int> commandedInRun;
        for (const DeploymentEvent &e : events.value()) {
            if (e.kind == DeploymentEvent::Kind::TrafficCommanded && e.seq > seqBefore)
                commandedInRun << e.payload.value(u"green"_s).toInt();
        }
        QCOMPARE(commandedInRun, again.traffic);
        QVERIFY2(RuntimeRelay::greensSet(m_relay->takeCommands()).contains(0), qPrintable(context));
        QCOMPARE(haproxyWeight(u"green"_s), 0);
        QCOMPARE(haproxyWeight(u"blue"_s), 100);
    }

    void killedAnywhereLosesNothingAndRepeatsNothing()
    {
        const quint32 seed = qEnvironmentVariableIsSet("KILL_ANYWHERE_SEED") ? quint32(qEnvironmentVariableIntValue("KILL_ANYWHERE_SEED"))
                                                                             : QRandomGenerator::global()->generate();
        const int kills = qEnvironmentVariableIsSet("KILL_ANYWHERE_KILLS") ? qEnvironmentVariableIntValue("KILL_ANYWHERE_KILLS") : 50;
        qInfo("kill-anywhere seed %u (repeat with KILL_ANYWHERE_SEED=%u), %d kills", seed, seed, kills);
        QRandomGenerator random(seed);
        const QString journalPath = path(u"journal.sqlite"_s);
        QFile::remove(path(u"runs.log"_s)); // the runs of the test before, on another journal
        m_relay->takeCommands();
        // What a run may note: one item, by its text, one of two notes (the same one again
        // must not be journaled again, another one replaces it).
        const QString noteItem = u"Check all services are running"_s;
        const QStringList noteTexts{u"change ticket CHG-1"_s, u"change ticket CHG-2, as agreed"_s};

        QSet<QString> leftOpen; // deployments a run ended leaving them to an operator
        int killed = 0, segments = 0, completedDeployments = 0, runsLogged = 0;
        QHash<QString, QList<int>> ackedTraffic; // per deployment, across its runs
        int notesJournaled = 0, notesKept = 0;
        QElapsedTimer total;
        total.start();
        while (killed < kills) {
            QVERIFY2(total.elapsed() < 600'000, "the runs take far longer than they should");
            ++segments;
            // Which deployment this run continues: the newest open one nobody left to an operator.
            QString continueId;
            qint64 seqBefore = 0;
            QSet<QString> existedBefore; // a deployment this run starts is none of these
            {
                Journal journal;
                if (QFile::exists(journalPath)) {
                    QVERIFY(journal.open(journalPath).ok());
                    const auto deployments = journal.deployments();
                    QVERIFY(deployments.ok());
                    for (const auto &d : deployments.value()) {
                        existedBefore.insert(d.id);
                        if (!d.closed && !leftOpen.contains(d.id))
                            continueId = d.id; // newest last
                    }
                    if (!continueId.isEmpty()) {
                        const auto events = journal.events(continueId);
                        QVERIFY(events.ok());
                        seqBefore = events.value().isEmpty() ? 0 : events.value().constLast().seq;
                    }
                }
            }
            QStringList arguments{u"--headless"_s, u"--profile"_s, path(u"profile.json"_s), u"--time-scale"_s, QString::number(TimeScale),
                                  u"--auto-advance"_s, u"--auto-confirm"_s, u"--journal"_s, journalPath, u"--operator"_s, u"ci"_s};
            if (!continueId.isEmpty())
                arguments << u"--deployment"_s << continueId;
            const int noteChoice = int(random.bounded(3)); // 0: no note
            if (noteChoice > 0)
                arguments << u"--note"_s << noteItem + u'=' + noteTexts.at(noteChoice - 1);

            QProcess console;
            console.setProcessEnvironment(environment());
            console.start(QStringLiteral(STONECASTER_CONSOLE), arguments);
            QVERIFY2(console.waitForStarted(10'000), qPrintable(console.errorString()));
            // A moment anywhere in a deployment: it takes about 3 s here from the start of the process.
            const int killAfterMs = int(random.bounded(100, 3500));
            const bool finishedAlone = console.waitForFinished(killAfterMs);
            if (!finishedAlone) {
                console.kill(); // SIGKILL
                QVERIFY(console.waitForFinished(10'000));
                ++killed;
            }
            QByteArray out = console.readAllStandardOutput();
            const QByteArray err = console.readAllStandardError();
            Segment seg = parse(out);
            seg.killed = !finishedAlone;
            const QString context = u"seed %1, run %2 (%3 after %4 ms), %5%8:\n%6\n%7"_s.arg(seed)
                                        .arg(segments)
                                        .arg(seg.killed ? u"killed"_s : u"ended"_s)
                                        .arg(killAfterMs)
                                        .arg(continueId.isEmpty() ? u"new deployment"_s : u"continuing "_s + continueId, seg.lines.join(u'\n'),
                                             QString::fromUtf8(err), noteChoice > 0 ? u", --note "_s + noteTexts.at(noteChoice - 1) : QString());
            if (qEnvironmentVariableIsSet("KILL_ANYWHERE_VERBOSE"))
                qInfo().noquote() << context;
            if (finishedAlone) // a run that ends by itself ends with "done"
                QVERIFY2(console.exitStatus() == QProcess::NormalExit && !seg.done.isEmpty(), qPrintable(context));
            if (!continueId.isEmpty() && !seg.deploymentId.isEmpty())
                QCOMPARE(seg.deploymentId, continueId);

            // The journal after the run.
            Journal journal;
            QVERIFY2(journal.open(journalPath).ok(), qPrintable(context));
            const auto deployments = journal.deployments();
            QVERIFY(deployments.ok());
            QString id = continueId;
            if (id.isEmpty() && !seg.deploymentId.isEmpty())
                id = seg.deploymentId;
            if (id.isEmpty()) {
                // Killed before it said which: a deployment it started is one that was not
                // there before (the newest may be an older one left to an operator: under the
                // sanitizers a kill at 117 ms came before the new deployment existed).
                for (const auto &d : deployments.value()) {
                    if (!existedBefore.contains(d.id))
                        id = d.id;
                }
            }
            QVERIFY2(seg.deploymentId.isEmpty() || std::any_of(deployments.value().cbegin(), deployments.value().cend(),
                                                               [&](const auto &d) { return d.id == seg.deploymentId; }),
                     qPrintable(context));
            // What HAProxy got in this run: reads, and weights a command of this deployment asked for.
            const QList<RuntimeRelay::Command> sent = m_relay->takeCommands();
            QVERIFY2(m_relay->error().isEmpty(), qPrintable(m_relay->error()));
            const std::optional<int> haproxyBlue = haproxyWeight(u"blue"_s), haproxyGreen = haproxyWeight(u"green"_s);
            QVERIFY2(haproxyBlue && haproxyGreen, qPrintable(haproxyOutput()));
            QStringList sentLines;
            for (const RuntimeRelay::Command &c : sent) {
                sentLines << QString::fromUtf8(c.line);
                const bool read = c.line.startsWith("get weight app/") || c.line == "show servers state app";
                QVERIFY2(read || RuntimeRelay::SetWeight.match(QString::fromUtf8(c.line)).hasMatch(),
                         qPrintable(u"HAProxy got `%1`, which nobody commanded\n%2"_s.arg(QString::fromUtf8(c.line), context)));
            }
            if (id.isEmpty()) {
                QVERIFY2(RuntimeRelay::greensSet(sent).isEmpty() && !sentLines.join(u'\n').contains(u"set server"_s), qPrintable(context));
                continue; // killed before a deployment existed
            }
            const auto events = journal.events(id);
            QVERIFY(events.ok());
            QList<int> commanded, commandedInRun;
            std::optional<int> lastApplied; // the last command HAProxy's read-back confirmed
            QList<std::pair<QString, QString>> notesInRun, notesAll;
            QString noteBefore; // the item's note when the run started
            int rollbacksInRun = 0;
            QStringList stepsDoneInRun;
            QHash<QString, QString> runOfItem;
            for (const DeploymentEvent &e : events.value()) {
                if (e.kind == DeploymentEvent::Kind::TrafficCommanded) {
                    commanded << e.payload.value(u"green"_s).toInt();
                    if (e.seq > seqBefore)
                        commandedInRun << commanded.constLast();
                }
                if (e.kind == DeploymentEvent::Kind::TrafficApplied)
                    lastApplied = e.payload.value(u"ok"_s).toBool() ? std::optional<int>(e.payload.value(u"commanded"_s).toInt()) : std::nullopt;
                if (e.kind == DeploymentEvent::Kind::NoteSet) {
                    const std::pair<QString, QString> note{e.itemId, e.payload.value(u"text"_s).toString()};
                    QVERIFY2(notesAll.isEmpty() || notesAll.constLast() != note,
                             qPrintable(u"the note \"%1\" was journaled twice\n%2"_s.arg(note.second, context)));
                    notesAll << note;
                    if (e.seq > seqBefore)
                        notesInRun << note;
                    else
                        noteBefore = note.second;
                }
                if (e.seq <= seqBefore)
                    continue;
                if (e.kind == DeploymentEvent::Kind::RollbackStarted)
                    ++rollbacksInRun;
                if (e.kind == DeploymentEvent::Kind::StepFinished || e.kind == DeploymentEvent::Kind::StepSkipped)
                    stepsDoneInRun << e.itemId;
            }
            // Every weight HAProxy got is one of a journaled command (weightScale 100: green's
            // weight is its percentage, blue's the rest).
            for (const RuntimeRelay::Command &c : sent) {
                const auto m = RuntimeRelay::SetWeight.match(QString::fromUtf8(c.line));
                if (!m.hasMatch())
                    continue;
                const int weight = m.captured(2).toInt();
                const int green = m.captured(1) == u"green"_s ? weight : 100 - weight;
                QVERIFY2(commanded.contains(green), qPrintable(u"HAProxy got `%1`, green at %2% never commanded\nHAProxy got:\n%3\n%4"_s.arg(
                                                        QString::fromUtf8(c.line)).arg(green).arg(sentLines.join(u'\n'), context)));
            }
            // HAProxy's weights now: the last command's once its read-back was journaled; when the
            // kill came between the command and that, on the way from the one before to it.
            const int last = commanded.isEmpty() ? 0 : commanded.constLast();
            const int before = commanded.size() < 2 ? 0 : commanded.at(commanded.size() - 2);
            QStringList commandedText;
            for (int c : commanded)
                commandedText << QString::number(c);
            const QString weights =
                u"HAProxy has blue %1 green %2; commanded %3\n%4"_s.arg(*haproxyBlue).arg(*haproxyGreen).arg(commandedText.join(u", "_s), context);
            if (!seg.killed || lastApplied == last)
                QVERIFY2(*haproxyGreen == last && *haproxyBlue == 100 - last, qPrintable(weights));
            else
                QVERIFY2((*haproxyGreen == last || *haproxyGreen == before) && (*haproxyBlue == 100 - last || *haproxyBlue == 100 - before), qPrintable(weights));

            // Exactly the acknowledged events: each acknowledged one is there, in order, and at
            // most the one the kill cut between the journal and stdout is there without its line.
            QVERIFY2(commandedInRun.mid(0, seg.traffic.size()) == seg.traffic, qPrintable(context));
            QVERIFY2(commandedInRun.size() - seg.traffic.size() <= (seg.killed ? 1 : 0), qPrintable(context));
            QVERIFY2(rollbacksInRun >= seg.rollbacks && rollbacksInRun - seg.rollbacks <= (seg.killed ? 1 : 0), qPrintable(context));
            QVERIFY2(stepsDoneInRun.size() >= seg.stepsDone.size() && stepsDoneInRun.size() - seg.stepsDone.size() <= (seg.killed ? 1 : 0),
                     qPrintable(context));
            // Notes: the acknowledged ones, in order, at most one more the kill cut off; one the
            // item had already is said as such and not journaled again.
            QVERIFY2(notesInRun.mid(0, seg.notes.size()) == seg.notes, qPrintable(context));
            QVERIFY2(notesInRun.size() - seg.notes.size() <= (seg.killed ? 1 : 0), qPrintable(context));
            if (noteChoice == 0)
                QVERIFY2(notesInRun.isEmpty() && seg.notes.isEmpty() && seg.notesKept.isEmpty(), qPrintable(context));
            for (const auto &note : seg.notes)
                QVERIFY2(note.second != noteBefore, qPrintable(context));
            for (const auto &note : seg.notesKept)
                QVERIFY2(note.second == noteBefore, qPrintable(context));
            notesJournaled += int(seg.notes.size());
            notesKept += int(seg.notesKept.size());
            ackedTraffic[id] += seg.traffic;

            // The state replayed from the journal is what the console showed before the kill.
            ManualClock clock;
            auto opened = Deployment::open(&journal, &clock, id, u"kill-anywhere"_s);
            QVERIFY2(opened.ok(), qPrintable(context));
            const std::unique_ptr<Deployment> deployment = opened.take();
            const DeploymentState &state = deployment->state();
            const QList<int> &acked = ackedTraffic[id];
            if (!acked.isEmpty())
                QVERIFY2(state.traffic.commandedGreen == acked.constLast() || (seg.killed && commandedInRun.size() > seg.traffic.size()),
                         qPrintable(context));
            QCOMPARE(state.traffic.commandedGreen, commanded.isEmpty() ? 0 : commanded.constLast());
            if (seg.rollbacks > 0)
                QVERIFY2(state.traffic.rollbackActive, qPrintable(context));
            // The note stays what it was until a run changes it.
            if (notesAll.isEmpty()) {
                const QStringList touched = state.touchedItemIds();
                QVERIFY2(std::all_of(touched.cbegin(), touched.cend(), [&state](const QString &i) { return state.item(i).note.isEmpty(); }), qPrintable(context));
            } else {
                QVERIFY2(state.item(notesAll.constLast().first).note == notesAll.constLast().second, qPrintable(context));
            }
            for (const auto &[item, text] : seg.notes + seg.notesKept) {
                QCOMPARE(deployment->runbook().item(item) ? deployment->runbook().item(item)->text : QString(), noteItem);
                QVERIFY2(state.item(item).note == text, qPrintable(u"acknowledged note \"%1\" on %2 is not the item's note in the journal (\"%3\")\n%4"_s.arg(
                                                         text, item, state.item(item).note, context)));
            }
            for (const QString &stepText : seg.stepsDone) {
                const RunbookItem *item = nullptr;
                for (auto it = state.steps.cbegin(); it != state.steps.cend(); ++it) {
                    const RunbookItem *candidate = deployment->runbook().item(it.key());
                    if (candidate && candidate->text == stepText && it.value().status != StepRecord::Status::Pending
                        && it.value().status != StepRecord::Status::Running)
                        item = candidate;
                }
                QVERIFY2(item, qPrintable(u"acknowledged step \"%1\" is not finished in the journal\n%2"_s.arg(stepText, context)));
            }
            if (!seg.done.isEmpty()) {
                const bool staysOpen = seg.done.contains(u"stays open"_s);
                QVERIFY2(state.closed == !staysOpen, qPrintable(context));
                if (staysOpen)
                    leftOpen.insert(id);
                else
                    ++completedDeployments;
            }

            // The destructive script: each run it logged has a journaled start in some
            // deployment, and no deployment ran it twice.
            const QStringList runs = QString::fromUtf8(readFile(path(u"runs.log"_s))).split(u'\n', Qt::SkipEmptyParts);
            runsLogged = int(runs.size());
            QHash<QString, QString> deploymentOfRun;
            for (const auto &d : deployments.value()) {
                const auto all = journal.events(d.id);
                QVERIFY(all.ok());
                for (const DeploymentEvent &e : all.value()) {
                    if (e.kind == DeploymentEvent::Kind::StepStarted && deployment->runbook().item(e.itemId)
                        && deployment->runbook().item(e.itemId)->text == ScriptStep)
                        deploymentOfRun.insert(e.payload.value(u"run"_s).toObject().value(u"id"_s).toString(), d.id);
                }
            }
            QSet<QString> ranIn;
            for (const QString &run : runs) {
                QVERIFY2(deploymentOfRun.contains(run), qPrintable(u"the script ran as %1 without a journaled start\n%2"_s.arg(run, context)));
                QVERIFY2(!ranIn.contains(deploymentOfRun.value(run)),
                         qPrintable(u"the destructive script ran twice in deployment %1\n%2"_s.arg(deploymentOfRun.value(run), context)));
                ranIn.insert(deploymentOfRun.value(run));
            }
        }
        qInfo("%d runs, %d killed, %d deployments closed, %d left to an operator, the script ran %d times, %d notes journaled, "
              "%d found already there, %lld s",
              segments, killed, completedDeployments, int(leftOpen.size()), runsLogged, notesJournaled, notesKept, total.elapsed() / 1000);
        // The runs got somewhere: deployments ended, and the script ran.
        QVERIFY(completedDeployments + leftOpen.size() > 0);
        QVERIFY(runsLogged > 0);
        QVERIFY(notesJournaled > 0);
    }
};

QTEST_GUILESS_MAIN(TestKillAnywhere)
#include "tst_killanywhere.moc"
