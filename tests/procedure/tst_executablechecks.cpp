// ProcedureSet::runCheck: checklist items outside the procedures with a bound check, run for
// real against the demo simulator over HTTP, a QTcpServer and programs, each leaving a
// CheckRecord in the journal.
#include "../common/shellscript.h"
#include "../common/deploymentfixture.h"
#include "procedure/procedureset.h"
#include "sim/demoserver.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {

constexpr int CheckTimeoutMs = 30'000;

} // namespace

class TestExecutableChecks : public QObject
{
    Q_OBJECT

    DeploymentFixture m_f; // its clock also runs the demo server, for the whole test case
    int m_scripts = 0;
    std::unique_ptr<DemoServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;

    std::unique_ptr<ProcedureSet> set(const ActionBinding &binding)
    {
        ActionContext context;
        context.deployment = m_f.deployment.get();
        context.network = m_network.get();
        return std::make_unique<ProcedureSet>(m_f.deployment.get(), QList<ActionBinding>{binding}, context);
    }
    // The one item with this text that the set treats as an executable check.
    QString checkItem(const ProcedureSet &s, const QString &text)
    {
        QStringList ids;
        for (const RunbookItem *item : m_f.deployment->runbook().checkableItems()) {
            if (item->text == text && s.checkFor(item->id))
                ids << item->id;
        }
        return ids.size() == 1 ? ids.first() : QString();
    }
    ActionBinding http(const QString &path, int expectStatus, const QString &bodyContains)
    {
        ActionBinding b;
        b.itemText = QStringLiteral("Check health endpoints");
        b.kind = ActionBinding::Kind::Http;
        QUrl url = m_server->baseUrl();
        url.setPath(path);
        b.url = url;
        b.expectStatus = expectStatus;
        b.bodyContains = bodyContains;
        b.timeoutMs = 10'000;
        return b;
    }
    ActionBinding tcp(quint16 port)
    {
        ActionBinding b;
        b.itemText = QStringLiteral("Verify database connectivity");
        b.kind = ActionBinding::Kind::Tcp;
        b.host = QStringLiteral("127.0.0.1");
        b.port = port;
        b.timeoutMs = 10'000;
        return b;
    }
    ActionBinding command(const QByteArray &body)
    {
        const QString path = m_f.folder() + QStringLiteral("/check%1.sh").arg(++m_scripts);
        writeShellScript(path, body); // a path that cannot be written fails the check that runs it
        ActionBinding b;
        b.itemText = QStringLiteral("Deploy code to staging environment");
        b.kind = ActionBinding::Kind::Command;
        b.destructive = false;
        b.command.program = path;
        b.command.workingDirectory = m_f.folder();
        b.command.timeoutMs = 30'000;
        return b;
    }

    // Runs the check and waits for its result; the CheckRecord it left.
    CheckRecord runCheck(ProcedureSet &s, const QString &itemId, bool expectOk)
    {
        QSignalSpy finished(&s, &ProcedureSet::checkFinished);
        QSignalSpy journalFailed(&s, &ProcedureSet::journalFailed);
        const Status started = s.runCheck(itemId);
        [&] {
            QVERIFY2(started.ok(), qPrintable(started.error()));
            QVERIFY(s.isCheckRunning(itemId));
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, CheckTimeoutMs);
            QCOMPARE(finished.first().at(0).toString(), itemId);
            QCOMPARE(finished.first().at(1).toBool(), expectOk);
            QVERIFY(!s.isCheckRunning(itemId));
            QCOMPARE(journalFailed.count(), 0);
        }();
        const CheckRecord c = m_f.deployment->state().checks.value(itemId);
        if (finished.count() == 1)
            [&] { QCOMPARE(c.message, finished.first().at(2).toString()); }();
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<DemoServer>(m_f.clock.get(), DemoScenario::Healthy);
        const Result<quint16> port = m_server->listen();
        QVERIFY2(port.ok(), qPrintable(port.error()));
        m_network = std::make_unique<QNetworkAccessManager>();
    }
    void init()
    {
        QVERIFY2(m_f.start(), m_f.errorText());
    }
    void cleanup() { m_f.stop(); }
    void cleanupTestCase()
    {
        m_network.reset();
        m_server.reset();
    }

    void httpCheck_data()
    {
        QTest::addColumn<int>("expectStatus");
        QTest::addColumn<QString>("bodyContains");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message");
        QTest::newRow("200 with ok") << 200 << QStringLiteral("ok") << true << QStringLiteral("/health/green answered 200");
        QTest::newRow("200 without nope") << 200 << QStringLiteral("nope") << false << QStringLiteral("without \"nope\" in the body");
        QTest::newRow("201 expected") << 201 << QString() << false << QStringLiteral("expected 201");
    }
    void httpCheck()
    {
        QFETCH(int, expectStatus);
        QFETCH(QString, bodyContains);
        QFETCH(bool, ok);
        QFETCH(QString, message);
        auto s = set(http(QStringLiteral("/health/green"), expectStatus, bodyContains));
        const QString id = checkItem(*s, QStringLiteral("Check health endpoints"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_f.deployment->state().item(id).status, ItemState::Status::Open);
        const CheckRecord c = runCheck(*s, id, ok);
        QCOMPARE(c.ok, ok);
        QVERIFY2(c.message.contains(message), qPrintable(c.message));
        QCOMPARE(c.action, QStringLiteral("http"));
        QCOMPARE(c.by, QStringLiteral("alice"));
        QVERIFY(!c.exitCode);
        QVERIFY2(c.output.contains(QLatin1String("GET http://127.0.0.1:")), qPrintable(c.output));
        QVERIFY2(c.output.contains(QLatin1String("200")), qPrintable(c.output));
        QVERIFY(c.durationMs >= 0 && c.durationMs < CheckTimeoutMs);
        QCOMPARE(m_f.deployment->state().item(id).status, ok ? ItemState::Status::Done : ItemState::Status::Open);
        QCOMPARE(m_f.journal->events(m_f.deployment->id()).value().last().kindName, QStringLiteral("check-ran"));
    }

    void tcpCheckAgainstAListeningServer()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto s = set(tcp(server.serverPort()));
        const QString id = checkItem(*s, QStringLiteral("Verify database connectivity"));
        QVERIFY(!id.isEmpty());
        const CheckRecord c = runCheck(*s, id, true);
        QVERIFY(c.ok);
        QCOMPARE(c.action, QStringLiteral("tcp"));
        QCOMPARE(c.message, QStringLiteral("127.0.0.1 port %1 accepts connections").arg(server.serverPort()));
        QVERIFY2(c.output.contains(QLatin1String("connected to 127.0.0.1")), qPrintable(c.output));
        QCOMPARE(m_f.deployment->state().item(id).status, ItemState::Status::Done);
    }

    void tcpCheckAgainstAClosedPort()
    {
        quint16 port = 0;
        {
            QTcpServer server;
            QVERIFY(server.listen(QHostAddress::LocalHost));
            port = server.serverPort();
        }
        auto s = set(tcp(port));
        const QString id = checkItem(*s, QStringLiteral("Verify database connectivity"));
        const CheckRecord c = runCheck(*s, id, false);
        QVERIFY(!c.ok);
        QVERIFY2(c.message.startsWith(QStringLiteral("127.0.0.1 port %1: ").arg(port)), qPrintable(c.message));
        QVERIFY2(c.message.size() > QStringLiteral("127.0.0.1 port %1: ").arg(port).size(), qPrintable(c.message));
        QCOMPARE(m_f.deployment->state().item(id).status, ItemState::Status::Open);
    }

    void commandCheck_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("exit 0") << QByteArray("echo all good") << true << 0;
        QTest::newRow("exit 1") << QByteArray("echo broken\nexit 1") << false << 1;
    }
    void commandCheck()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, ok);
        QFETCH(int, exitCode);
        auto s = set(command(body));
        const QString id = checkItem(*s, QStringLiteral("Deploy code to staging environment"));
        QVERIFY(!id.isEmpty());
        const CheckRecord c = runCheck(*s, id, ok);
        QCOMPARE(c.ok, ok);
        QCOMPARE(c.action, QStringLiteral("command"));
        QCOMPARE(c.exitCode, std::optional<int>(exitCode));
        QCOMPARE(c.message, QStringLiteral("exit status %1").arg(exitCode));
        QCOMPARE(c.output, ok ? QStringLiteral("all good\n") : QStringLiteral("broken\n"));
        QCOMPARE(m_f.deployment->state().item(id).status, ok ? ItemState::Status::Done : ItemState::Status::Open);
        // Evidence survives reopening the deployment.
        const QString deploymentId = m_f.deployment->id();
        s.reset();
        m_f.deployment.reset();
        auto opened = Deployment::open(m_f.journal.get(), m_f.clock.get(), deploymentId, QStringLiteral("bob"));
        QVERIFY(opened.ok());
        m_f.deployment = opened.take();
        const CheckRecord again = m_f.deployment->state().checks.value(id);
        QCOMPARE(again.ok, ok);
        QCOMPARE(again.exitCode, std::optional<int>(exitCode));
        QCOMPARE(again.message, c.message);
        QCOMPARE(again.output, c.output);
        QCOMPARE(again.durationMs, c.durationMs);
    }

    // A check that passed ticked the item; run again and failing, it takes the tick back: the
    // latest evidence says the item is not true any more. Also after reopening.
    void aFailingRerunReopensTheItem()
    {
        const QString flag = m_f.folder() + QStringLiteral("/broken.flag");
        auto s = set(command("if [ -e '" + flag.toUtf8() + "' ]; then echo broken; exit 1; fi\necho all good"));
        const QString id = checkItem(*s, QStringLiteral("Deploy code to staging environment"));
        QVERIFY(!id.isEmpty());
        QVERIFY(runCheck(*s, id, true).ok);
        QCOMPARE(m_f.deployment->state().item(id).status, ItemState::Status::Done);
        QFile broken(flag);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.close();
        const CheckRecord c = runCheck(*s, id, false);
        QVERIFY(!c.ok);
        QCOMPARE(m_f.deployment->state().item(id).status, ItemState::Status::Open);
        const QString deploymentId = m_f.deployment->id();
        s.reset();
        m_f.deployment.reset();
        auto opened = Deployment::open(m_f.journal.get(), m_f.clock.get(), deploymentId, QStringLiteral("bob"));
        QVERIFY(opened.ok());
        m_f.deployment = opened.take();
        QCOMPARE(m_f.deployment->state().item(id).status, ItemState::Status::Open);
        QVERIFY(!m_f.deployment->state().checks.value(id).ok);
    }

    void checksAreOnlyForItemsOutsideProcedures()
    {
        // "Verify data integrity" is in Phase 1 and in two procedures: only Phase 1's is a check.
        ActionBinding b = command("true");
        b.itemText = QStringLiteral("Verify data integrity");
        auto s = set(b);
        int checks = 0;
        for (const RunbookItem *item : m_f.deployment->runbook().checkableItems()) {
            if (s->checkFor(item->id))
                ++checks;
        }
        QCOMPARE(checks, 1);
        const ProcedureRunner *rollback = s->rollbackRunner();
        QVERIFY(rollback);
        const ProcedureStep &step = rollback->procedure().steps[5];
        QCOMPARE(step.text, QStringLiteral("Verify data integrity"));
        QVERIFY(step.binding);
        const Status refused = s->runCheck(step.itemId);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QLatin1String("no check is bound")), qPrintable(refused.error()));
    }

    void aRunningCheckIsNotStartedTwice()
    {
        auto s = set(command("sleep 1"));
        const QString id = checkItem(*s, QStringLiteral("Deploy code to staging environment"));
        QSignalSpy finished(s.get(), &ProcedureSet::checkFinished);
        QVERIFY(s->runCheck(id).ok());
        const Status second = s->runCheck(id);
        QVERIFY(!second.ok());
        QVERIFY2(second.error().contains(QLatin1String("already running")), qPrintable(second.error()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, CheckTimeoutMs);
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        int ran = 0;
        // The Result is kept: a range-for over a temporary's value() would read freed memory.
        const Result<QList<DeploymentEvent>> events = m_f.journal->events(m_f.deployment->id());
        QVERIFY(events.ok());
        for (const DeploymentEvent &e : events.value())
            ran += e.kindName == QLatin1String("check-ran");
        QCOMPARE(ran, 1);
    }

    void aReadOnlyDeploymentRunsNoCheck()
    {
        auto s = set(command("true"));
        const QString id = checkItem(*s, QStringLiteral("Deploy code to staging environment"));
        m_f.deployment->setHeldBy(QStringLiteral("bob on host-2"));
        QVERIFY(!s->runCheck(id).ok());
        QVERIFY(!s->isCheckRunning(id));
    }
};

QTEST_GUILESS_MAIN(TestExecutableChecks)
#include "tst_executablechecks.moc"
