// `--headless ... --report FILE` and `--report-only`, run as CI would: the real binary, no
// display. A healthy demo deployment (exit 0) and a latency regression that rolls back
// (exit 3) write their reports whatever the outcome; the reports are read back (pdftotext,
// an XML parser) and their numbers compared with the journal's.
#include "journal/journal.h"

#include <QDir>
#include <QImage>
#include "../common/consolerun.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

using Run = ConsoleRun;

Run console(const QStringList &arguments)
{
    return runConsole(arguments, 180'000);
}

QString pdfText(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    if (!p.waitForFinished(30000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput()).replace(QRegularExpression(QStringLiteral("[ \\t\\r\\n]+")), QStringLiteral(" "));
}

struct Journaled {
    QString deploymentId;
    QList<DeploymentEvent> events;
    QList<DeploymentEvent> ofKind(DeploymentEvent::Kind kind) const
    {
        QList<DeploymentEvent> r;
        for (const DeploymentEvent &e : events) {
            if (e.kind == kind)
                r << e;
        }
        return r;
    }
};

Journaled readJournal(const QString &path)
{
    Journaled j;
    Journal journal;
    if (!journal.open(path).ok())
        return j;
    const auto deployments = journal.deployments();
    if (!deployments || deployments.value().isEmpty())
        return j;
    j.deploymentId = deployments.value().first().id;
    j.events = journal.events(j.deploymentId).value();
    return j;
}

} // namespace

class TestHeadlessReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(), "pdftotext is missing: install poppler-utils (packaging/debian13-packages.txt)");
    }

    void healthyDeploymentWritesItsPdf()
    {
        const QString journal = m_dir.filePath(QStringLiteral("healthy.sqlite"));
        const QString pdf = m_dir.filePath(QStringLiteral("healthy.pdf"));
        const Run run = console({QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--time-scale"), QStringLiteral("400"),
                                 QStringLiteral("--auto-advance"), QStringLiteral("--journal"), journal, QStringLiteral("--report"), pdf});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral(" report %1\n").arg(pdf)), qPrintable(run.out));
        const QString text = pdfText(pdf);
        for (const char *section : {"Summary", "Phases", "Traffic timeline", "Metrics", "Error rate", "Response time (p95)", "Traffic share", "Decision record",
                                    "Rollback and emergency procedures", "Checklist", "Status updates"})
            QVERIFY2(text.contains(QLatin1String(section)), section);
        QVERIFY(text.contains(u"Completed: headless run: 100% green"));
        QVERIFY(!text.contains(u"IN PROGRESS"));
        // Every step the journal has, in the timeline, with the gate's verdict journaled with it.
        const Journaled j = readJournal(journal);
        const QList<DeploymentEvent> commands = j.ofKind(DeploymentEvent::Kind::TrafficCommanded);
        QCOMPARE(commands.size(), 5);
        int previous = 0;
        for (const DeploymentEvent &c : commands) {
            const int green = c.payload.value(u"green").toInt();
            QVERIFY2(text.contains(QStringLiteral("%1 % → %2 %").arg(previous).arg(green)), qPrintable(QString::number(green)));
            QVERIFY2(text.contains(QStringLiteral("gate open: ") + c.payload.value(u"reason").toString()), qPrintable(c.payload.value(u"reason").toString()));
            previous = green;
        }
        QVERIFY(!j.ofKind(DeploymentEvent::Kind::GateChanged).isEmpty());
        QVERIFY(text.contains(QStringLiteral("Deployment id %1").arg(j.deploymentId)));
    }

    void rolledBackDeploymentWritesItsHtml()
    {
        const QString journal = m_dir.filePath(QStringLiteral("regression.sqlite"));
        const QString html = m_dir.filePath(QStringLiteral("regression.html"));
        const Run run = console({QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--scenario"), QStringLiteral("latency-regression"),
                                 QStringLiteral("--time-scale"), QStringLiteral("300"), QStringLiteral("--auto-advance"), QStringLiteral("--auto-confirm"),
                                 QStringLiteral("--journal"), journal, QStringLiteral("--report"), html});
        QVERIFY2(run.exitCode == 3, qPrintable(run.out + run.err));
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QStringList texts;
        int images = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"img") {
                ++images;
                QVERIFY(xml.attributes().value(u"src").startsWith(u"data:image/png;base64,"));
            }
            QVERIFY(!(xml.isStartElement() && xml.name() == u"script"));
            if (xml.isCharacters())
                texts << xml.text().toString().trimmed();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(images, 7);
        QVERIFY(texts.contains(u"Rolled back"));
        // The trigger's numbers are the journal's.
        const Journaled j = readJournal(journal);
        DeploymentEvent trigger;
        for (const DeploymentEvent &e : j.ofKind(DeploymentEvent::Kind::RuleBreached)) {
            if (e.payload.value(u"tier").toString() == u"auto-rollback")
                trigger = e;
        }
        QCOMPARE(trigger.payload.value(u"ruleId").toString(), QStringLiteral("auto-rollback.response_time"));
        const double threshold = trigger.payload.value(u"threshold").toDouble();
        const QString inForce = QStringLiteral("> %1 ms (3x normal; normal was ").arg(QString::number(threshold, 'g', 6));
        QVERIFY2(std::any_of(texts.cbegin(), texts.cend(), [&inForce](const QString &t) { return t.startsWith(inForce); }), qPrintable(inForce));
        QVERIFY(std::any_of(texts.cbegin(), texts.cend(), [](const QString &t) { return t.startsWith(u"\"Response time > 3x normal\" (runbook line 149"); }));
        QVERIFY(std::any_of(texts.cbegin(), texts.cend(), [](const QString &t) { return t.contains(u"Manual Rollback Process: completed"); }));
    }

    void reportOnlyWritesMarkdownWithItsCharts()
    {
        const QString journal = m_dir.filePath(QStringLiteral("healthy.sqlite"));
        const Journaled j = readJournal(journal);
        QVERIFY(!j.deploymentId.isEmpty());
        const QString md = m_dir.filePath(QStringLiteral("out/report.md"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("out")));
        const Run run = console({QStringLiteral("--report-only"), QStringLiteral("--journal"), journal, QStringLiteral("--deployment"), j.deploymentId,
                                 QStringLiteral("--report"), md});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QFile file(md);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(u"# Deployment report: "));
        // --report-only runs in no environment: the one named is what the run journaled at its start.
        QVERIFY2(text.contains(u"- **Environment:** DEMO (simulated, scenario healthy)\n"), qPrintable(text.left(1500)));
        for (const QString &metric : {QStringLiteral("error_rate"), QStringLiteral("response_time"), QStringLiteral("traffic_share")}) {
            QVERIFY(text.contains(QStringLiteral("](report-%1.png)").arg(metric)));
            const QImage chart(m_dir.filePath(QStringLiteral("out/report-%1.png").arg(metric)));
            QVERIFY2(!chart.isNull() && chart.width() >= 800, qPrintable(metric));
        }
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("report without headless") << QStringList{QStringLiteral("--report"), QStringLiteral("x.pdf")} << QStringLiteral("--report needs --headless or --report-only");
        QTest::newRow("unknown extension") << QStringList{QStringLiteral("--headless"), QStringLiteral("--report"), QStringLiteral("x.docx")}
                                           << QStringLiteral("the format is told by the extension: .pdf, .html or .md");
        QTest::newRow("report-only without a deployment") << QStringList{QStringLiteral("--report-only"), QStringLiteral("--report"), QStringLiteral("x.md")}
                                                          << QStringLiteral("--report-only needs --deployment ID and --report FILE");
        QTest::newRow("report-only runs nothing") << QStringList{QStringLiteral("--report-only"), QStringLiteral("--time-scale"), QStringLiteral("10"), QStringLiteral("--deployment"),
                                                                 QStringLiteral("x"), QStringLiteral("--report"), QStringLiteral("x.md")}
                                                  << QStringLiteral("--report-only cannot be combined with --time-scale");
        QTest::newRow("status updates outside headless") << QStringList{QStringLiteral("--status-updates"), QStringLiteral("on")}
                                                         << QStringLiteral("--status-updates needs --headless");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = console(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void anUnknownDeploymentFails()
    {
        const Run run = console({QStringLiteral("--report-only"), QStringLiteral("--journal"), m_dir.filePath(QStringLiteral("healthy.sqlite")), QStringLiteral("--deployment"),
                                 QStringLiteral("no-such-id"), QStringLiteral("--report"), m_dir.filePath(QStringLiteral("x.pdf"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"no deployment no-such-id in this journal"), qPrintable(run.err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.pdf"))));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessReport)
#include "tst_headlessreport.moc"
