// `stonecaster-console --headless` and the runbook's reading: printed at the start and journaled
// as accepted by the headless run; a runbook with lines it could not read stops the run (exit 1,
// naming them) unless --accept-reading.
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "runbook/runbookloader.h"
#include "runbook/runbookparser.h"
#include "runbook/runbookreading.h"

#include <QFile>
#include "../common/consolerun.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace {

struct Run {
    int exitCode = -1;
    QStringList lines;
    QString err;
};

Run headless(const QStringList &arguments)
{
    const ConsoleRun run = runConsole(QStringList{QStringLiteral("--headless")} + arguments);
    return {run.exitCode, run.lines(), run.err};
}

using HeadlessLines::ofKind;

QList<DeploymentEvent> eventsOf(const QString &journalPath, QString *deploymentId = nullptr)
{
    Journal journal;
    if (!journal.open(journalPath).ok())
        return {};
    const auto deployments = journal.deployments();
    if (!deployments.ok() || deployments.value().size() != 1)
        return {};
    if (deploymentId)
        *deploymentId = deployments.value().first().id;
    return journal.events(deployments.value().first().id).value();
}

} // namespace

class TestHeadlessReading : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    // The reference runbook with one alerting threshold the parser cannot place (line 216).
    QString unreadRunbook()
    {
        QString text = RunbookLoader::bundledText();
        const QString info = QStringLiteral("- **Info**: Error rate > 0.1%, Response time > 500ms\n");
        text.replace(info, info + QStringLiteral("- **Urgent**: Error rate > 3%\n"));
        const QString path = m_dir.filePath(QStringLiteral("unread.md"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0)
            return {};
        return path;
    }

private Q_SLOTS:
    void readingIsPrintedAndJournaledAsAccepted()
    {
        const QString journalPath = m_dir.filePath(QStringLiteral("reference.sqlite"));
        const Run run = headless({QStringLiteral("--demo"), QStringLiteral("--time-scale"), QStringLiteral("600"), QStringLiteral("--auto-advance"),
                                  QStringLiteral("--journal"), journalPath, QStringLiteral("--operator"), QStringLiteral("ci")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.lines.join(u'\n') + run.err));
        const QStringList reading = ofKind(run.lines, QStringLiteral("reading"));
        const RunbookReading expected(RunbookLoader::loadBundled());
        // Every line of the reading, as the window shows it, then its digest and the acceptance.
        const QStringList text = expected.text().split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(reading.size() >= text.size() + 2, qPrintable(reading.join(u'\n')));
        QCOMPARE(reading.mid(0, text.size()), text);
        QCOMPARE(reading.at(text.size()), QStringLiteral("digest %1").arg(expected.digest()));
        QCOMPARE(reading.at(text.size() + 1), QStringLiteral("accepted by the headless run as ci"));
        // Before any traffic moved.
        const qsizetype accepted = run.lines.indexOf(QRegularExpression(QStringLiteral(".* reading accepted by the headless run.*")));
        const qsizetype firstTraffic = run.lines.indexOf(QRegularExpression(QStringLiteral(".* traffic green=.*")));
        QVERIFY(accepted >= 0 && firstTraffic > accepted);

        const QList<DeploymentEvent> events = eventsOf(journalPath);
        QList<DeploymentEvent> confirmed = events;
        confirmed.removeIf([](const DeploymentEvent &e) { return e.kind != DeploymentEvent::Kind::ReadingConfirmed; });
        QCOMPARE(confirmed.size(), 1);
        QCOMPARE(confirmed.first().operatorName, QStringLiteral("ci"));
        QCOMPARE(confirmed.first().payload.value(QStringLiteral("acceptedBy")).toString(), QStringLiteral("headless run"));
        QCOMPARE(confirmed.first().payload.value(QStringLiteral("digest")).toString(), expected.digest());
        QCOMPARE(confirmed.first().payload.value(QStringLiteral("reading")).toString(), expected.text());
        const auto firstCommand = std::find_if(events.cbegin(), events.cend(), [](const DeploymentEvent &e) { return e.kind == DeploymentEvent::Kind::TrafficCommanded; });
        QVERIFY(firstCommand != events.cend());
        QVERIFY(confirmed.first().seq < firstCommand->seq);
    }

    void unreadLinesStopTheRunNamingThem()
    {
        const QString runbook = unreadRunbook();
        QVERIFY(!runbook.isEmpty());
        const QString journalPath = m_dir.filePath(QStringLiteral("unread.sqlite"));
        const Run run = headless({QStringLiteral("--demo"), QStringLiteral("--time-scale"), QStringLiteral("600"), QStringLiteral("--auto-advance"),
                                  QStringLiteral("--runbook"), runbook, QStringLiteral("--journal"), journalPath});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("could not be read completely: line 216: alerting threshold without a level")), qPrintable(run.err));
        QVERIFY(run.err.contains(QLatin1String("--accept-reading")));
        // The reading was printed, what was not read in it; nothing was started.
        QVERIFY(ofKind(run.lines, QStringLiteral("reading")).contains(QStringLiteral("  line 216: alerting threshold without a level; write \"**Critical**:\", \"**Warning**:\" or \"**Info**:\"")));
        Journal journal;
        QVERIFY(journal.open(journalPath).ok());
        QVERIFY(journal.deployments().value().isEmpty());
    }

    void acceptReadingRunsItAndJournalsWhatWasAccepted()
    {
        const QString runbook = unreadRunbook();
        const QString journalPath = m_dir.filePath(QStringLiteral("accepted.sqlite"));
        const Run run = headless({QStringLiteral("--demo"), QStringLiteral("--time-scale"), QStringLiteral("600"), QStringLiteral("--auto-advance"),
                                  QStringLiteral("--runbook"), runbook, QStringLiteral("--accept-reading"), QStringLiteral("--journal"), journalPath,
                                  QStringLiteral("--operator"), QStringLiteral("ci")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.lines.join(u'\n') + run.err));
        QVERIFY(ofKind(run.lines, QStringLiteral("reading")).contains(QStringLiteral("accepted by the headless run as ci (--accept-reading: with what was not read)")));
        QList<DeploymentEvent> confirmed = eventsOf(journalPath);
        confirmed.removeIf([](const DeploymentEvent &e) { return e.kind != DeploymentEvent::Kind::ReadingConfirmed; });
        QCOMPARE(confirmed.size(), 1);
        QVERIFY(confirmed.first().payload.value(QStringLiteral("reading")).toString().contains(QLatin1String("line 216: alerting threshold without a level")));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessReading)
#include "tst_headlessreading.moc"
