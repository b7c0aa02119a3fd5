// The programs a ConsoleSession runs for its deployment, around the lock and the profile:
// a script keeps running when the console loses the deployment's lock (and its result is
// written once the console drives again), and bindings that match no runbook item are said.
#include "../common/shellscript.h"
#include "demosession.h"

#include "../journal/sqlitepeek.h"
#include "journal/deploymentlock.h"
#include "procedure/procedureset.h"

#include <QDateTime>
#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace {

bool processRuns(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) != "Z";
}

} // namespace

class TestSessionProcesses : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeScript(const QString &name, const QByteArray &body) { return writeShellScript(m_dir.filePath(name), body); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Another console takes the deployment over while this one runs a rollback script. A
    // release manager wants the script to finish (killed halfway, a database rollback leaves
    // the database in neither state), so it keeps running here; its result cannot be journaled
    // while another console drives, so it is kept and written once this console drives again.
    void losingTheLockLeavesARunningScriptAlone()
    {
        const QString pidFile = m_dir.filePath(QStringLiteral("script.pid"));
        const QString release = m_dir.filePath(QStringLiteral("script.release"));
        const QString script = writeScript(QStringLiteral("long-step.sh"),
                                           "echo $$ > '" + pidFile.toUtf8() + "'\necho started\nwhile [ ! -e '" + release.toUtf8()
                                               + "' ]; do sleep 0.05; done\necho finished its work");
        DemoSession demo(QStringLiteral("healthy"), 1, [&script](Profile &profile) {
            ActionBinding b;
            b.itemText = QStringLiteral("Stop traffic to green environment");
            b.kind = ActionBinding::Kind::Command;
            b.command.program = script;
            b.command.timeoutMs = 120'000;
            profile.bindings.prepend(b);
        });
        QVERIFY2(demo.session, qPrintable(demo.error));
        ConsoleSession *session = demo.session.get();
        const QString journal = m_dir.filePath(QStringLiteral("lock.sqlite"));
        QVERIFY(session->openJournal(journal).ok());
        QVERIFY(session->loadRunbook({}).ok());
        QVERIFY(session->startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(session->procedures() && session->procedures()->rollbackRunner(), 30'000);
        ProcedureRunner *rollback = session->procedures()->rollbackRunner();
        QVERIFY(rollback->start(QStringLiteral("test"), false).ok());
        QTRY_VERIFY_WITH_TIMEOUT(QFile(pidFile).size() > 0, 30'000);
        QFile pf(pidFile);
        QVERIFY(pf.open(QIODevice::ReadOnly));
        const qint64 pid = pf.readAll().trimmed().toLongLong();
        QVERIFY(pid > 1);
        const auto cleanup = qScopeGuard([pid] { ::kill(pid_t(-pid), SIGKILL); });

        // Another console takes the lock (as one does from a frozen holder); this one notices.
        const QString now = QString::number(QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(SqlitePeek::exec(journal, {QStringLiteral("UPDATE deployment_locks SET token = 'stolen', holder = 'bob', host = 'host-2', pid = 1, "
                                                           "heartbeat_ms = %1").arg(now)}),
                 QString());
        session->lock()->tick();
        QVERIFY(!session->isDriving());
        QVERIFY(session->deployment()->isReadOnly());
        QTest::qWait(500);
        QVERIFY2(processRuns(pid), "the script was killed when the lock was lost");

        QVERIFY(QFile(release).open(QIODevice::WriteOnly));
        QTRY_VERIFY_WITH_TIMEOUT(!processRuns(pid), 30'000);
        // The other console lets go (its heartbeat goes stale): this one drives again, and
        // the script's result, kept meanwhile, is journaled.
        QCOMPARE(SqlitePeek::exec(journal, {QStringLiteral("UPDATE deployment_locks SET heartbeat_ms = 0")}), QString());
        session->lock()->tick();
        QVERIFY(session->isDriving());
        const QString stepId = rollback->procedure().steps.first().itemId;
        QTRY_COMPARE_WITH_TIMEOUT(session->deployment()->state().steps.value(stepId).status, StepRecord::Status::Done, 30'000);
        QVERIFY2(session->deployment()->state().steps.value(stepId).output.contains(QLatin1String("finished its work")),
                 qPrintable(session->deployment()->state().steps.value(stepId).output));
    }

    // A binding for an item the runbook does not have does nothing: said at its line of the
    // profile when a deployment binds the profile, rather than the step quietly waiting for a
    // person or the check missing.
    void bindingsThatMatchNoItemAreSaid()
    {
        DemoSession demo(QStringLiteral("healthy"), 1, [](Profile &profile) {
            profile.fileName = QStringLiteral("/etc/stonecaster/prod.json");
            ActionBinding byText;
            byText.itemText = QStringLiteral("Restart the flux capacitor");
            byText.kind = ActionBinding::Kind::TrafficToBlue;
            byText.line = 42;
            ActionBinding byId;
            byId.itemId = QStringLiteral("manual-rollback-process/no-such-step");
            byId.kind = ActionBinding::Kind::TrafficToBlue;
            byId.line = 57;
            profile.bindings << byText << byId;
        });
        QVERIFY2(demo.session, qPrintable(demo.error));
        ConsoleSession *session = demo.session.get();
        QSignalSpy failure(session, &ConsoleSession::failure);
        QVERIFY(session->openJournal(m_dir.filePath(QStringLiteral("bindings.sqlite"))).ok());
        QVERIFY(session->loadRunbook({}).ok());
        QVERIFY(session->startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(failure.count() >= 2, 30'000);
        QStringList messages;
        for (const QList<QVariant> &args : std::as_const(failure))
            messages << args.first().value<Phrase>().english();
        const QString all = messages.join(u'\n');
        QVERIFY2(all.contains(QLatin1String("/etc/stonecaster/prod.json:42:")) && all.contains(QLatin1String("Restart the flux capacitor")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("/etc/stonecaster/prod.json:57:")) && all.contains(QLatin1String("manual-rollback-process/no-such-step")),
                 qPrintable(all));
        // The demo's own bindings all match.
        QCOMPARE(messages.filter(QLatin1String("prod.json:")).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSessionProcesses)
#include "tst_sessionprocesses.moc"
