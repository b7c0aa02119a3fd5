// Kill anywhere: the real console, headless, runs deployments against a simulator that lives
// on (stonecaster-sim, latency-regression: every deployment ends in an automatic rollback whose
// procedure runs a destructive script) and is killed with SIGKILL at random moments, then
// started again on the same journal. After every kill:
//  - the journal holds exactly what the console acknowledged on stdout (a traffic command, a
//    rollback, a finished step, the end): nothing acknowledged is missing, and at most the one
//    write the kill cut between journal and stdout is there without its line;
//  - the deployment replayed from the journal is the state the console showed before the kill;
//  - the simulator's balancer only ever got weights a journaled command asked for;
//  - the destructive script never ran twice in one deployment, and never without a journaled
//    start (it writes its run id, STONECASTER_RUN_ID, to a file each time it runs).
// The seed is printed; KILL_ANYWHERE_SEED=N repeats a run, KILL_ANYWHERE_KILLS=N changes the count,
// KILL_ANYWHERE_VERBOSE=1 prints what every run printed, KILL_ANYWHERE_KEEP=1 keeps the folder.
#include "core/clock.h"
#include "core/clockfactory.h"
#include "deployment/deployment.h"
#include "journal/deploymentevent.h"
#include "journal/journal.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

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
    }
    return s;
}

struct JournalView {
    std::unique_ptr<Journal> journal;
    QList<Journal::DeploymentSummary> deployments;
};

} // namespace

class TestKillAnywhere : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_sim;
    QString m_simUrl;
    QByteArray m_simLog;
    qint64 m_originMs = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // The console's and the simulator's clocks on one timeline across restarts.
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        env.insert(QString::fromLatin1(TimeOriginVariable), QString::number(m_originMs));
        return env;
    }

    // Every green weight the simulator was given since the last call.
    QList<int> newSimWeights()
    {
        m_simLog += m_sim.readAllStandardError();
        QList<int> greens;
        static const QRegularExpression set(u"weights set to blue (\\d+) green (\\d+)"_s);
        qsizetype nl;
        while ((nl = m_simLog.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(m_simLog.left(nl));
            m_simLog.remove(0, nl + 1);
            if (const auto m = set.match(line); m.hasMatch())
                greens << m.captured(2).toInt();
        }
        return greens;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dir.setAutoRemove(!qEnvironmentVariableIsSet("KILL_ANYWHERE_KEEP"));
        m_originMs = QDateTime::currentMSecsSinceEpoch();
        // The simulator: its traffic weights outlive every console; each weight it is given is logged.
        QProcessEnvironment simEnv = environment();
        simEnv.insert(u"QT_LOGGING_RULES"_s, u"stonecaster.sim.debug=true"_s);
        m_sim.setProcessEnvironment(simEnv);
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

        // The demo profile on that simulator, its database script replaced by one that records each run.
        QByteArray profile = readFile(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/profiles/demo.json"));
        QVERIFY(!profile.isEmpty());
        profile.replace("http://127.0.0.1:9464", m_simUrl.toUtf8());
        profile.replace("\"port\": 9464", "\"port\": " + QByteArray::number(QUrl(m_simUrl).port()));
        profile.replace("\"controller\": \"demo\",", "\"controller\": \"demo\", \"demo\": { \"url\": \"" + m_simUrl.toUtf8() + "\" },");
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
        if (m_sim.state() != QProcess::NotRunning) {
            m_sim.terminate();
            if (!m_sim.waitForFinished(5000)) {
                m_sim.kill();
                m_sim.waitForFinished();
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
        newSimWeights(); // the next test looks at what comes after
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
        newSimWeights(); // what the simulator logged for the tests before
        QProcess console;
        console.setProcessEnvironment(environment());
        const QStringList common{u"--headless"_s, u"--profile"_s, path(u"profile.json"_s), u"--time-scale"_s, QString::number(TimeScale),
                                 u"--auto-advance"_s, u"--auto-confirm"_s, u"--journal"_s, journalPath, u"--operator"_s, u"ci"_s};
        console.start(QStringLiteral(STONECASTER_CONSOLE), common);
        QVERIFY2(console.waitForStarted(10'000), qPrintable(console.errorString()));
        // Killed once green has its first share: the deployment is open with traffic on green.
        QByteArray out;
        QList<int> simGot;
        QElapsedTimer t;
        t.start();
        while (!(simGot.contains(5) && out.contains(" traffic green=5% ")) && t.elapsed() < 30'000 && console.state() == QProcess::Running) {
            QTest::qWait(20);
            out += console.readAllStandardOutput();
            simGot += newSimWeights();
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
        QVERIFY2(simGot.contains(5), qPrintable(first.lines.join(u'\n')));

        console.start(QStringLiteral(STONECASTER_CONSOLE), common + QStringList{u"--deployment"_s, first.deploymentId});
        QVERIFY2(console.waitForStarted(10'000), qPrintable(console.errorString()));
        QVERIFY(console.waitForFinished(60'000));
        const Segment again = parse(console.readAllStandardOutput());
        const QString context = again.lines.join(u'\n') + u'\n' + QString::fromUtf8(console.readAllStandardError());
        QVERIFY2(!again.done.isEmpty() && again.done.startsWith(u"rolled-back"_s), qPrintable(context));
        QVERIFY2(!again.traffic.isEmpty() && again.traffic.constFirst() == 0, qPrintable(context));
        QVERIFY2(std::any_of(again.lines.cbegin(), again.lines.cend(), [](const QString &l) { return l.contains(u" traffic green=0% (rollback resumed: "_s); }),
                 qPrintable(context));
        // Every command journaled by this run was said, in order, and the simulator got it.
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
        QList<int> sent;
        QTRY_VERIFY2_WITH_TIMEOUT((sent += newSimWeights()).contains(0), qPrintable(context), 5000); // its log read as it arrives
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

        QSet<QString> leftOpen; // deployments a run ended leaving them to an operator
        int killed = 0, segments = 0, completedDeployments = 0, runsLogged = 0;
        QHash<QString, QList<int>> ackedTraffic; // per deployment, across its runs
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
            const QString context = u"seed %1, run %2 (%3 after %4 ms), %5:\n%6\n%7"_s.arg(seed)
                                        .arg(segments)
                                        .arg(seg.killed ? u"killed"_s : u"ended"_s)
                                        .arg(killAfterMs)
                                        .arg(continueId.isEmpty() ? u"new deployment"_s : u"continuing "_s + continueId, seg.lines.join(u'\n'),
                                             QString::fromUtf8(err));
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
            // Traffic the simulator got in this run: a command of this deployment asked for each.
            const QList<int> sent = newSimWeights();
            if (id.isEmpty()) {
                QVERIFY2(sent.isEmpty(), qPrintable(context));
                continue; // killed before a deployment existed
            }
            const auto events = journal.events(id);
            QVERIFY(events.ok());
            QList<int> commanded, commandedInRun;
            int rollbacksInRun = 0;
            QStringList stepsDoneInRun;
            QHash<QString, QString> runOfItem;
            for (const DeploymentEvent &e : events.value()) {
                if (e.kind == DeploymentEvent::Kind::TrafficCommanded) {
                    commanded << e.payload.value(u"green"_s).toInt();
                    if (e.seq > seqBefore)
                        commandedInRun << commanded.constLast();
                }
                if (e.seq <= seqBefore)
                    continue;
                if (e.kind == DeploymentEvent::Kind::RollbackStarted)
                    ++rollbacksInRun;
                if (e.kind == DeploymentEvent::Kind::StepFinished || e.kind == DeploymentEvent::Kind::StepSkipped)
                    stepsDoneInRun << e.itemId;
            }
            for (int green : sent)
                QVERIFY2(commanded.contains(green), qPrintable(u"the simulator got %1% green, never commanded (%2)\n"_s.arg(green).arg(context)));

            // Exactly the acknowledged events: each acknowledged one is there, in order, and at
            // most the one the kill cut between the journal and stdout is there without its line.
            QVERIFY2(commandedInRun.mid(0, seg.traffic.size()) == seg.traffic, qPrintable(context));
            QVERIFY2(commandedInRun.size() - seg.traffic.size() <= (seg.killed ? 1 : 0), qPrintable(context));
            QVERIFY2(rollbacksInRun >= seg.rollbacks && rollbacksInRun - seg.rollbacks <= (seg.killed ? 1 : 0), qPrintable(context));
            QVERIFY2(stepsDoneInRun.size() >= seg.stepsDone.size() && stepsDoneInRun.size() - seg.stepsDone.size() <= (seg.killed ? 1 : 0),
                     qPrintable(context));
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
        qInfo("%d runs, %d killed, %d deployments closed, %d left to an operator, the script ran %d times, %lld s",
              segments, killed, completedDeployments, int(leftOpen.size()), runsLogged, total.elapsed() / 1000);
        // The runs got somewhere: deployments ended, and the script ran.
        QVERIFY(completedDeployments + leftOpen.size() > 0);
        QVERIFY(runsLogged > 0);
    }
};

QTEST_GUILESS_MAIN(TestKillAnywhere)
#include "tst_killanywhere.moc"
