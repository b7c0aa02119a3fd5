// Security after a whole run: a profile whose Prometheus token comes from the environment, a
// rollback step that prints its environment (`env`, `set -x`) and the token it was handed,
// and a checklist check that prints it too. Afterwards neither that token nor a secret the
// console merely had in its environment is in the journal, its -wal and -shm files, or
// anything logged; and the journal's files are the operator's alone (0600).
#include "../common/shellscript.h"
#include "demosession.h"

#include "core/redactor.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "metrics/samplestore.h"
#include "procedure/procedureset.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

const QByteArray PrometheusToken = "prom-3b7e91c40d55a2f8";
const QByteArray CloudSecret = "cloud-5d20c7aa19e64b03";

QMutex logMutex;
QStringList logged;
QtMessageHandler defaultHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&logMutex);
        logged << message;
    }
    if (defaultHandler)
        defaultHandler(type, context, message);
}

} // namespace

class TestSecretExposure : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeScript(const QString &name, const QByteArray &body) { return writeShellScript(m_dir.filePath(name), body); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("STONECASTER_TEST_PROMETHEUS_TOKEN", PrometheusToken);
        qputenv("STONECASTER_TEST_CLOUD_SECRET", CloudSecret);
        defaultHandler = qInstallMessageHandler(captureLog);
        Redactor::installMessageFilter(); // as the console's main() does: captureLog sees what it writes
    }

    void noSecretInTheJournalOrTheLog()
    {
        const QString printsEnvironment = writeScript(QStringLiteral("prints-env.sh"), "env\nset -x\necho \"token is $TOKEN\"\nprintf 'half %s' \"$TOKEN\" | cut -c1-20\necho");
        const QString check = writeScript(QStringLiteral("check.sh"), "echo \"Authorization: Bearer $TOKEN\"\nenv | grep -i secret\nexit 0");
        DemoSession demo(QStringLiteral("healthy"), 1, [&](Profile &profile) {
            profile.metrics.auth.type = HttpAuth::Type::Bearer;
            profile.metrics.auth.secret = {SecretRef::Source::Environment, QStringLiteral("STONECASTER_TEST_PROMETHEUS_TOKEN"), {}};
            ActionBinding step;
            step.itemText = QStringLiteral("Stop traffic to green environment");
            step.kind = ActionBinding::Kind::Command;
            step.command.program = printsEnvironment;
            step.command.environment.insert(QStringLiteral("TOKEN"), QStringLiteral("${env:STONECASTER_TEST_PROMETHEUS_TOKEN}"));
            ActionBinding evidence;
            evidence.itemText = QStringLiteral("Deploy code to staging environment");
            evidence.kind = ActionBinding::Kind::Command;
            evidence.command.program = check;
            evidence.command.environment.insert(QStringLiteral("TOKEN"), QStringLiteral("${env:STONECASTER_TEST_PROMETHEUS_TOKEN}"));
            profile.bindings.prepend(step);
            profile.bindings.prepend(evidence);
        });
        QVERIFY2(demo.session, qPrintable(demo.error));
        ConsoleSession *session = demo.session.get();
        const QString journalPath = m_dir.filePath(QStringLiteral("journal/secrets.sqlite"));
        QVERIFY(session->openJournal(journalPath).ok());
        QVERIFY(session->loadRunbook({}).ok());
        QVERIFY(session->startDeployment(QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(session->procedures() && session->procedures()->rollbackRunner(), 30'000);
        // Metrics are polled with the token (so it has been resolved) ...
        QTRY_VERIFY_WITH_TIMEOUT(!session->metrics()->store()->keys().isEmpty(), 30'000);

        // ... the check prints it ...
        ProcedureSet *procedures = session->procedures();
        QString checkItem;
        for (const RunbookItem *item : session->deployment()->runbook().checkableItems()) {
            if (item->text == QLatin1String("Deploy code to staging environment") && procedures->checkFor(item->id))
                checkItem = item->id;
        }
        QVERIFY(!checkItem.isEmpty());
        QVERIFY(procedures->runCheck(checkItem).ok());
        QTRY_VERIFY_WITH_TIMEOUT(session->deployment()->state().checks.contains(checkItem), 30'000);
        const CheckRecord evidence = session->deployment()->state().checks.value(checkItem);
        QVERIFY2(evidence.output.contains(QLatin1String("Authorization: Bearer ")), qPrintable(evidence.output));

        // ... and so does the rollback's first step, with its whole environment.
        ProcedureRunner *rollback = procedures->rollbackRunner();
        QVERIFY(rollback->start(QStringLiteral("security test"), false).ok());
        const QString stepId = rollback->procedure().steps.first().itemId;
        QTRY_COMPARE_WITH_TIMEOUT(session->deployment()->state().steps.value(stepId).status, StepRecord::Status::Done, 30'000);
        const QString output = session->deployment()->state().steps.value(stepId).output;
        // (No output in messages: before the fix it was this machine's whole environment.)
        QVERIFY2(output.contains(QLatin1String("token is ")), "the step did not print its token line");
        QVERIFY2(output.contains(QLatin1String("PATH=")), "the step did not print its environment");
        QVERIFY2(!output.contains(QString::fromLatin1(PrometheusToken)), "the step's journaled output holds the Prometheus token");
        QVERIFY2(!output.contains(QString::fromLatin1(CloudSecret)), "the step's journaled output holds the console's cloud secret");
        session->releaseDeployment();

        // Every file of the journal, byte by byte, and every message logged.
        const QDir folder = QFileInfo(journalPath).absoluteDir();
        const QStringList files = folder.entryList(QDir::Files);
        QVERIFY2(files.contains(QStringLiteral("secrets.sqlite-wal")), qPrintable(files.join(u' ')));
        for (const QString &name : files) {
            QFile f(folder.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(PrometheusToken), qPrintable(name + QStringLiteral(" holds the Prometheus token")));
            QVERIFY2(!bytes.contains(CloudSecret), qPrintable(name + QStringLiteral(" holds the console's cloud secret")));
            struct stat info {};
            QCOMPARE(::stat(QFile::encodeName(f.fileName()).constData(), &info), 0);
            QVERIFY2((info.st_mode & 077) == 0, qPrintable(QStringLiteral("%1 is mode %2").arg(name).arg(info.st_mode & 0777, 0, 8)));
        }
        const QMutexLocker lock(&logMutex);
        for (const QString &message : std::as_const(logged)) {
            QVERIFY2(!message.contains(QString::fromLatin1(PrometheusToken)), qPrintable(message));
            QVERIFY2(!message.contains(QString::fromLatin1(CloudSecret)), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestSecretExposure)
#include "tst_secretexposure.moc"
