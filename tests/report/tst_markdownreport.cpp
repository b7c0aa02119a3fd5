// The Markdown report of the fixed journal against golden files in tests/data/reports, compared
// with a readable diff; tools/update-report-goldens rewrites them after a reviewed change.
// Also: Markdown escaping, and the charts written as PNG files beside the report.
#include "reportfixture.h"

#include "report/markdownreportwriter.h"
#include "report/reportbuilder.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

class TestMarkdownReport : public QObject
{
    Q_OBJECT

    ReportFixture m_fixture;

    // "diff -u" of the two files, or the first line that differs when diff is not there.
    static QString readableDiff(const QString &expectedPath, const QString &actualPath)
    {
        QProcess diff;
        diff.start(QStringLiteral("diff"), {QStringLiteral("-u"), expectedPath, actualPath});
        if (diff.waitForFinished(10000))
            return QString::fromUtf8(diff.readAllStandardOutput()).left(20000);
        QFile e(expectedPath), a(actualPath);
        e.open(QIODevice::ReadOnly);
        a.open(QIODevice::ReadOnly);
        const QStringList el = QString::fromUtf8(e.readAll()).split(u'\n'), al = QString::fromUtf8(a.readAll()).split(u'\n');
        for (qsizetype i = 0; i < std::max(el.size(), al.size()); ++i) {
            if (el.value(i) != al.value(i))
                return QStringLiteral("line %1:\n- %2\n+ %3").arg(i + 1).arg(el.value(i), al.value(i));
        }
        return {};
    }

private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<ReportJournal::Scenario>("scenario");
        QTest::addColumn<QString>("name");
        QTest::newRow("completed") << ReportJournal::Scenario::Completed << QStringLiteral("completed");
        QTest::newRow("rolled back") << ReportJournal::Scenario::RolledBack << QStringLiteral("rolled-back");
        QTest::newRow("in progress") << ReportJournal::Scenario::InProgress << QStringLiteral("in-progress");
    }
    void golden()
    {
        QFETCH(ReportJournal::Scenario, scenario);
        QFETCH(QString, name);
        const std::optional<ReportData> data = m_fixture.load(scenario);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const ReportDocument doc = ReportBuilder::build(*data);
        const QString file = name + QStringLiteral(".md");
        const QString markdown = MarkdownReportWriter::render(doc, MarkdownReportWriter::chartFileNames(doc, file));
        const QString expectedPath = QStringLiteral(STONECASTER_TEST_DATA "/reports/") + file;
        if (qEnvironmentVariableIsSet("STONECASTER_UPDATE_GOLDENS")) {
            QDir().mkpath(QStringLiteral(STONECASTER_TEST_DATA "/reports"));
            QFile out(expectedPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(markdown.toUtf8());
            qInfo("updated %s", qPrintable(expectedPath));
            return;
        }
        QFile expected(expectedPath);
        QVERIFY2(expected.open(QIODevice::ReadOnly), qPrintable(expectedPath + QStringLiteral(": missing; run tools/update-report-goldens")));
        const QString actualPath = QStringLiteral(STONECASTER_BINARY_DIR "/tests/report/") + file;
        QFile actual(actualPath);
        QVERIFY(actual.open(QIODevice::WriteOnly | QIODevice::Truncate));
        actual.write(markdown.toUtf8());
        actual.close();
        if (QString::fromUtf8(expected.readAll()) != markdown)
            QFAIL(qPrintable(QStringLiteral("%1 differs from the golden file (tools/update-report-goldens rewrites it after review):\n%2")
                                 .arg(actualPath, readableDiff(expectedPath, actualPath))));
    }

    void escapingKeepsEveryCharacterLiteral_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("markdown");
        QTest::newRow("script") << QStringLiteral("<script>alert(1)</script>") << QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;");
        QTest::newRow("link") << QStringLiteral("[docs](javascript:alert(2))") << QStringLiteral("\\[docs\\](javascript:alert(2))");
        QTest::newRow("image") << QStringLiteral("![x](http://evil/x.png)") << QStringLiteral("!\\[x\\](http://evil/x.png)");
        QTest::newRow("entity") << QStringLiteral("&lt; stays &amp;") << QStringLiteral("&amp;lt; stays &amp;amp;");
        QTest::newRow("emphasis") << QStringLiteral("*bold* _it_ `code` ~~s~~") << QStringLiteral("\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~");
        QTest::newRow("heading at the start") << QStringLiteral("# not a heading") << QStringLiteral("\\# not a heading");
        QTest::newRow("list at the start") << QStringLiteral("- not a list") << QStringLiteral("\\- not a list");
        QTest::newRow("numbered at the start") << QStringLiteral("12. not a list") << QStringLiteral("12\\. not a list");
        QTest::newRow("newlines") << QStringLiteral("one\ntwo\r\nthree") << QStringLiteral("one two three");
        QTest::newRow("plain") << QStringLiteral("Error rate > 2% (5 of 10)") << QStringLiteral("Error rate &gt; 2% (5 of 10)");
    }
    void escapingKeepsEveryCharacterLiteral()
    {
        QFETCH(QString, text);
        QFETCH(QString, markdown);
        QCOMPARE(MarkdownReportWriter::escape(text), markdown);
    }

    void injectionAttemptsComeOutAsText()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::RolledBack);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const QString md = MarkdownReportWriter::render(ReportBuilder::build(*data), {});
        // Outside fenced blocks (which show text as written and never render markup).
        QString prose;
        bool fenced = false;
        for (const QString &line : md.split(u'\n')) {
            if (line.startsWith(QLatin1String("```")))
                fenced = !fenced;
            else if (!fenced)
                prose += line + u'\n';
        }
        QVERIFY(!prose.contains(u"<script"));
        QVERIFY(!prose.contains(u"<img"));
        QVERIFY(!prose.contains(QRegularExpression(QStringLiteral("(?<!\\\\)\\]\\(javascript:")))); // a link's "](" not escaped
        QVERIFY(!prose.contains(u"<a "));
        QVERIFY(md.contains(u"&lt;script&gt;alert('item')&lt;/script&gt;"));
        QVERIFY(md.contains(u"&lt;img src=x onerror=alert(1)&gt;"));
        QVERIFY(md.contains(u"\\[docs\\](javascript:alert(2))"));
        // Output in a fenced block stays as written, fence and all.
        QVERIFY(md.contains(u"-- </pre><script>alert('output')</script>"));
        const qsizetype at = md.indexOf(u"-- </pre><script>alert('output')</script>");
        QVERIFY(md.lastIndexOf(QStringLiteral("```text\n"), at) > md.lastIndexOf(QStringLiteral("\n```\n"), at));
    }

    void chartsAreWrittenBesideTheReport()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::Completed);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const ReportDocument doc = ReportBuilder::build(*data);
        QCOMPARE(doc.charts.size(), MetricCount);
        QList<QByteArray> pngs;
        for (qsizetype i = 0; i < doc.charts.size(); ++i)
            pngs << (i == 1 ? QByteArray() : QByteArray("\x89PNG fake ") + QByteArray::number(i));
        const QString path = m_fixture.folder() + QStringLiteral("/out/deployment report.md");
        QDir().mkpath(m_fixture.folder() + QStringLiteral("/out"));
        const Status written = MarkdownReportWriter::write(doc, pngs, path);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QFile md(path);
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(md.readAll());
        QVERIFY(text.contains(u"![Error rate](deployment%20report-error_rate.png)"));
        QVERIFY(!text.contains(u"deployment%20report-response_time.png")); // no image: no link
        QFile png(m_fixture.folder() + QStringLiteral("/out/deployment report-error_rate.png"));
        QVERIFY(png.open(QIODevice::ReadOnly));
        QCOMPARE(png.readAll(), QByteArray("\x89PNG fake 0"));
    }
};

QTEST_GUILESS_MAIN(TestMarkdownReport)
#include "tst_markdownreport.moc"
